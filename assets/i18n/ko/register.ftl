# The register (SQLite): messages of crates/register.
