//! Every message in the Fluent files is used by the code: a key nobody asks for is dead text
//! that translators keep paying for. Keys built at run time (`warn-…`, `item-…`) are matched
//! by the prefixes the code formats.

use std::collections::BTreeSet;
use std::path::Path;

fn rust_sources(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_message_key_is_used_by_the_code() {
    let mut code = String::new();
    for dir in [
        "src",
        "crates/core/src",
        "crates/pdf/src",
        "crates/register/src",
    ] {
        rust_sources(Path::new(dir), &mut code);
    }
    // Prefixes of keys the code builds: `format!("warn-{}", …)`.
    let mut prefixes = BTreeSet::new();
    for part in code.split("format!(\"").skip(1) {
        let head: String = part
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
            .collect();
        if head.ends_with('-') && part[head.len()..].starts_with('{') {
            prefixes.insert(head);
        }
    }
    let mut unused = Vec::new();
    for entry in std::fs::read_dir("assets/i18n/en").unwrap() {
        let path = entry.unwrap().path();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let Some((key, _)) = line.split_once(" =") else {
                continue;
            };
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                continue;
            }
            let literal = format!("\"{key}\"");
            if !code.contains(&literal) && !prefixes.iter().any(|p| key.starts_with(p.as_str())) {
                unused.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "messages no code uses:\n{}",
        unused.join("\n")
    );
}
