//! The core's modules form no circle: shared words live below the modules that use them
//! (`vocab` at the bottom), and a module never reaches back up. This test reads the crate's
//! own sources, so a `use crate::…` that closes a circle fails here, naming the circle.

/// Every module's source files (a folder module lists each of its files under its name).
const SOURCES: &[(&str, &str)] = &[
    ("course", include_str!("course.rs")),
    ("dose", include_str!("dose.rs")),
    ("estimate", include_str!("estimate.rs")),
    ("i18n", include_str!("i18n.rs")),
    ("money", include_str!("money.rs")),
    ("monitoring", include_str!("monitoring.rs")),
    ("optimise", include_str!("optimise.rs")),
    ("patient", include_str!("patient.rs")),
    ("pricing", include_str!("pricing/mod.rs")),
    ("pricing", include_str!("pricing/error.rs")),
    ("pricing", include_str!("pricing/parse.rs")),
    ("pricing", include_str!("pricing/write.rs")),
    ("pricing", include_str!("pricing/items.rs")),
    ("pricing", include_str!("pricing/csv.rs")),
    ("quote", include_str!("quote.rs")),
    ("rules", include_str!("rules.rs")),
    ("safety", include_str!("safety.rs")),
    ("saved", include_str!("saved.rs")),
    ("screening", include_str!("screening.rs")),
    ("vocab", include_str!("vocab.rs")),
];

const LIB: &str = include_str!("lib.rs");
const PRICING_FILES: usize = 6;

/// The names `name` in `crate::name` and `crate::{a, b::c}` of one module's code; comments
/// and the `#[cfg(test)]` part at the end are left out.
fn uses(source: &str) -> Vec<String> {
    let code: String = source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        if code[..i].ends_with('$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group up to its closing brace, cut at its top-level commas.
            let mut depth = 0usize;
            let mut elements = vec![String::new()];
            for c in group.chars() {
                match c {
                    '}' if depth == 0 => break,
                    ',' if depth == 0 => elements.push(String::new()),
                    _ => {
                        match c {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        if let Some(e) = elements.last_mut() {
                            e.push(c);
                        }
                    }
                }
            }
            out.extend(
                elements
                    .iter()
                    .map(|e| ident(e.trim_start()))
                    .filter(|n| !n.is_empty()),
            );
        } else {
            out.push(ident(rest));
        }
    }
    out
}

/// The identifier `text` starts with.
fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn modules() -> Vec<&'static str> {
    let mut names: Vec<&str> = SOURCES.iter().map(|(n, _)| *n).collect();
    names.dedup();
    names
}

/// module → the other modules it names.
fn graph() -> std::collections::BTreeMap<&'static str, std::collections::BTreeSet<String>> {
    let names = modules();
    let mut g = std::collections::BTreeMap::new();
    for (module, source) in SOURCES {
        let deps: &mut std::collections::BTreeSet<String> = g.entry(*module).or_default();
        for name in uses(source) {
            if name != *module && names.contains(&name.as_str()) {
                deps.insert(name);
            }
        }
    }
    g
}

#[test]
fn every_module_is_read() {
    let declared: Vec<&str> = LIB
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?.strip_suffix(';')
        })
        .filter(|m| *m != "module_graph")
        .collect();
    assert_eq!(
        declared,
        modules(),
        "list every module of lib.rs in SOURCES"
    );
    let pricing_mods = include_str!("pricing/mod.rs")
        .lines()
        .map(str::trim)
        .filter(|l| (l.starts_with("mod ") || l.starts_with("pub mod ")) && l.ends_with(';'))
        .count();
    assert_eq!(
        pricing_mods + 1,
        PRICING_FILES,
        "list every file of pricing/ in SOURCES"
    );
    assert_eq!(
        SOURCES.iter().filter(|(n, _)| *n == "pricing").count(),
        PRICING_FILES
    );
}

#[test]
fn the_reader_finds_plain_and_grouped_uses() {
    let found = uses(
        "use crate::a::B;\nuse crate::{b, c::{D, E}, d};\n// crate::commented\nlet x = crate::e::f();\n#[cfg(test)]\nuse crate::tested;",
    );
    assert_eq!(found, ["a", "b", "c", "d", "e"]);
    assert_eq!(uses("use crate::{\n    x::Y,\n    z,\n};"), ["x", "z"]);
    let g = graph();
    assert!(g["estimate"].contains("dose"), "{g:?}");
    assert!(g["safety"].contains("estimate"), "{g:?}");
}

#[test]
fn vocab_is_at_the_bottom() {
    let g = graph();
    let allowed: std::collections::BTreeSet<String> = ["i18n".to_string()].into();
    assert!(
        g["vocab"].is_subset(&allowed),
        "vocab uses {:?}",
        g["vocab"]
    );
}

#[test]
fn no_circle_between_modules() {
    let g = graph();
    // Depth-first search; a module met again on the current path closes a circle.
    fn visit<'a>(
        m: &'a str,
        g: &'a std::collections::BTreeMap<&'static str, std::collections::BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::BTreeSet<&'a str>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            let mut circle = path[at..].to_vec();
            circle.push(m);
            panic!("module circle: {}", circle.join(" → "));
        }
        if done.contains(m) {
            return;
        }
        path.push(m);
        for d in &g[m] {
            visit(d, g, path, done);
        }
        path.pop();
        done.insert(m);
    }
    let mut done = std::collections::BTreeSet::new();
    for m in g.keys() {
        visit(m, &g, &mut Vec::new(), &mut done);
    }
}
