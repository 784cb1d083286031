//! Build script: for Windows targets only, compiles packaging/windows/dose-planner.rc (the
//! program's icon, version information and manifest) and links it into the programs. Uses
//! mingw's `windres` (`$WINDRES`, else `x86_64-w64-mingw32-windres`) for the GNU target and
//! `rc.exe` (`$RC`, else `rc.exe` on PATH, as in a Visual Studio developer shell) for MSVC.
//! Elsewhere it does nothing. No crate: one tool call each, nothing to download.
// A build script reads cargo's environment and writes into OUT_DIR: that is its job.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;
use std::process::Command;

fn main() {
    for f in ["dose-planner.rc", "dose-planner.manifest"] {
        println!("cargo:rerun-if-changed=packaging/windows/{f}");
    }
    println!("cargo:rerun-if-changed=assets/icons/dose-planner.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    println!("cargo:rerun-if-env-changed=RC");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    // 1.2.3-beta.1 → 1,2,3,0 (the numeric version Windows shows) and "1.2.3-beta.1".
    let mut nums = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|n| n.parse::<u16>().unwrap_or(0))
        .collect::<Vec<_>>();
    nums.resize(4, 0);
    let nums = nums
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    std::fs::write(
        out.join("version.h"),
        format!("#define DP_VERSION_NUM {nums}\n#define DP_VERSION_STR \"{version}\"\n"),
    )
    .expect("write version.h");

    let here = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let rc = here.join("packaging/windows/dose-planner.rc");
    let icons = here.join("assets/icons");
    let packaging = here.join("packaging/windows");
    let msvc = std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("msvc");
    let (tool, object, status) = if msvc {
        let tool = std::env::var("RC").unwrap_or_else(|_| "rc.exe".to_string());
        let object = out.join("dose-planner.res");
        let status = Command::new(&tool)
            .arg("/nologo")
            .arg(format!("/i{}", out.display()))
            .arg(format!("/i{}", icons.display()))
            .arg(format!("/i{}", packaging.display()))
            .arg(format!("/fo{}", object.display()))
            .arg(&rc)
            .status();
        (tool, object, status)
    } else {
        let tool =
            std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".to_string());
        let object = out.join("dose-planner-resource.o");
        let status = Command::new(&tool)
            .args(["--input-format=rc", "--output-format=coff"])
            .arg("--include-dir")
            .arg(&out)
            .arg("--include-dir")
            .arg(&icons)
            .arg("--include-dir")
            .arg(&packaging)
            .arg("-i")
            .arg(&rc)
            .arg("-o")
            .arg(&object)
            .status();
        (tool, object, status)
    };
    match status {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bins={}", object.display());
        }
        // A program without its icon still works: say so loudly rather than fail the build.
        other => println!(
            "cargo:warning=no icon or version information in the program: {tool} failed ({other:?})"
        ),
    }
}
