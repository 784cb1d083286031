#!/usr/bin/env bash
# Benchmarks the register (crates/register/examples/bench.rs): generates ten years of a busy
# clinic (50,000 patients, 300,000 visits) in a temporary SQLite file, then prints the median
# of 20 runs of finding a patient by name or number prefix (target ≤ 50 ms), opening a course
# with its visits (≤ 50 ms) and the Quotes list of a month (≤ 100 ms).
# Builds the example in release mode (this crate and its dependencies only); exits 1 when a
# median misses its target.
set -euo pipefail

cd "$(dirname "$0")/.."
exec cargo run --release --locked -p dose-planner-register --example bench
