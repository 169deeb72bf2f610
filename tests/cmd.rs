//! End-to-end CLI cases as data files, run by trycmd: each
//! `tests/cmd/<case>.toml` gives the arguments and the exit code, and
//! `<case>.stdout` / `<case>.stderr` the expected output (`...` on a line of
//! its own and `[..]` inside a line elide). trycmd runs every case and
//! reports each mismatch.
//!
//! After an intended change of output, regenerate the expected files with
//! `TRYCMD=overwrite cargo test --test cmd` and read the diff before
//! committing it. Run one case with `cargo test --test cmd -- trycmd=<name>`.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
