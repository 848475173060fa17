//! The command line's promises that are not about content: per-phase timings
//! on stderr (silenced by --quiet) and dates in the site's time zone
//! whatever the machine's.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

fn valid() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/valid")
}

/// `besluitspoor build ARGS --root tests/sites/valid --output OUT`.
fn build_valid(args: &[&str], out: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("build")
        .args(args)
        .arg("--root")
        .arg(valid())
        .arg("--output")
        .arg(out);
    c
}

#[test]
fn build_prints_phase_timings_and_quiet_silences_them() {
    let out = tempfile::tempdir().unwrap();
    let o = build_valid(&["--date", "2026-03-15"], &out.path().join("a"))
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for phase in ["Loaded ", "Linked ", "Rendered ", "Published to "] {
        let line = err
            .lines()
            .find(|l| l.starts_with(phase))
            .unwrap_or_else(|| panic!("no `{phase}` line in:\n{err}"));
        assert!(line.ends_with(" ms"), "{line}");
    }
    let q = build_valid(&["--quiet", "--date", "2026-03-15"], &out.path().join("b"))
        .output()
        .unwrap();
    assert!(q.status.success());
    assert_eq!(String::from_utf8_lossy(&q.stderr), "");
}

#[test]
fn reference_date_is_today_in_amsterdam_not_in_the_machines_zone() {
    // 2026-03-01 23:30 UTC is 2 March in Amsterdam and 1 March in New York.
    let out = tempfile::tempdir().unwrap();
    let o = build_valid(&["--quiet"], &out.path().join("p"))
        .env("TZ", "America/New_York")
        .env("SOURCE_DATE_EPOCH", "1772407800")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let home = std::fs::read_to_string(out.path().join("p/index.html")).unwrap();
    assert!(
        home.contains("data-reference-date=2026-03-02"),
        "reference date in Europe/Amsterdam"
    );
    assert!(home.contains("2 maart 2026"));
}

#[test]
fn a_bad_date_option_is_reported_without_a_file_position() {
    let out = tempfile::tempdir().unwrap();
    let o = build_valid(&["--quiet", "--date", "2026-13-01"], &out.path().join("a"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.lines().next(),
        Some("`--date`: `2026-13-01` is not a date in the calendar (no such day in that month)"),
        "{err}"
    );
    assert!(!out.path().join("a").exists(), "nothing is published");
}
