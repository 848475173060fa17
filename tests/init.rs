//! `besluitspoor init`, `new` and `build` from an empty folder, the
//! generated CI workflows and the pre-commit hook.

use std::path::Path;
use std::process::{Command, Output};

use besluitspoor::content::yaml::{self, Node};

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run besluitspoor")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "besluitspoor {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match node {
        Node::Map { entries, .. } => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
        _ => None,
    }
}

fn keys(node: &Node) -> Vec<&str> {
    match node {
        Node::Map { entries, .. } => entries.iter().map(|(k, _)| k.name.as_str()).collect(),
        _ => vec![],
    }
}

fn seq(node: &Node) -> &[Node] {
    match node {
        Node::Seq { items, .. } => items,
        _ => &[],
    }
}

fn scalar(node: &Node) -> &str {
    match node {
        Node::Scalar { value, .. } => value,
        _ => "",
    }
}

fn parse_yaml(path: &Path) -> Node {
    let text = std::fs::read_to_string(path).unwrap();
    yaml::parse(&text, 1)
        .unwrap_or_else(|e| panic!("{} is not valid YAML: {e:?}", path.display()))
        .expect("not empty")
}

/// Every `run:` text of a job's steps, joined.
fn scripts(job: &Node) -> String {
    let mut s = String::new();
    for step in seq(get(job, "steps").unwrap()) {
        if let Some(r) = get(step, "run") {
            s.push_str(scalar(r));
            s.push('\n');
        }
    }
    s
}

fn uses(job: &Node) -> Vec<String> {
    seq(get(job, "steps").unwrap())
        .iter()
        .filter_map(|s| get(s, "uses").map(|u| scalar(u).to_string()))
        .collect()
}

#[test]
fn init_new_and_build_work_from_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("dijkstad");
    ok(tmp.path(), &["init", "dijkstad", "--no-git"]);
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(toml.contains("municipality = \"Dijkstad\""), "{toml}");

    let date = ["--date", "2026-11-30"];
    let new = |args: &[&str]| -> String {
        let mut a = vec!["new"];
        a.extend_from_slice(args);
        a.extend_from_slice(&date);
        ok(&site, &a).trim().to_string()
    };
    let v = new(&["vergadering"]);
    assert_eq!(v, "./content/vergaderingen/gemeenteraad-2026-11-30.md");
    let b1 = new(&["besluit", "Vaststellen \"begroting\" 2027: een test"]);
    assert_eq!(b1, "./content/besluiten/besluit-2026-001.md");
    let b2 = new(&[
        "besluit",
        "Tweede besluit",
        "--vergadering",
        "gemeenteraad-2026-11-30",
    ]);
    assert_eq!(b2, "./content/besluiten/besluit-2026-002.md");
    let b2_text = std::fs::read_to_string(site.join(&b2)).unwrap();
    assert!(b2_text.contains("orgaan: gemeenteraad\n"), "{b2_text}");
    assert!(
        b2_text.contains("vergadering: gemeenteraad-2026-11-30\n"),
        "{b2_text}"
    );
    let b1_text = std::fs::read_to_string(site.join(&b1)).unwrap();
    assert_eq!(
        b1_text,
        "---\ntitel: \"Vaststellen \\\"begroting\\\" 2027: een test\"\ndatum: 2026-11-30\norgaan: college\n---\n"
    );

    // A fractie so that a motie has an indiener.
    std::fs::write(
        site.join("content/fracties/groen.md"),
        "---\nnaam: Groen\n---\n",
    )
    .unwrap();
    let m = new(&["motie", "Meer bomen", "--indieners", "groen"]);
    assert_eq!(m, "./content/moties/motie-2026-001.md");
    let m_text = std::fs::read_to_string(site.join(&m)).unwrap();
    assert!(
        m_text.contains("vergadering: gemeenteraad-2026-11-30\n"),
        "{m_text}"
    );
    let s = new(&["stuk", "Informatie over bomen", "--orgaan", "gemeenteraad"]);
    assert_eq!(s, "./content/stukken/stuk-2026-001.md");
    let t = new(&["toezegging", "Brief over bomen"]);
    assert_eq!(t, "./content/toezeggingen/toezegging-2026-001.md");
    // The toezegging still needs `gedaan_door`: check says so.
    let out = run(&site, &["check", "--date", "2026-11-30"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("toezegging-2026-001.md") && err.contains("gedaan_door"),
        "{err}"
    );
    std::fs::remove_file(site.join(&t)).unwrap();

    ok(&site, &["check", "--date", "2026-11-30"]);
    ok(&site, &["build", "--date", "2026-11-30"]);
    for page in [
        "public/index.html",
        "public/besluiten/besluit-2026-001/index.html",
        "public/besluiten/besluit-2026-002/index.html",
        "public/moties/motie-2026-001/index.html",
        "public/vergaderingen/gemeenteraad-2026-11-30/index.html",
        "public/organen/gemeenteraad/index.html",
    ] {
        assert!(site.join(page).is_file(), "{page} missing");
    }
    let page =
        std::fs::read_to_string(site.join("public/besluiten/besluit-2026-001/index.html")).unwrap();
    assert!(
        page.contains("Vaststellen &quot;begroting&quot; 2027")
            || page.contains("Vaststellen \"begroting\" 2027")
    );
}

#[test]
fn new_refuses_an_unknown_orgaan_and_names_the_known_ones() {
    let tmp = tempfile::tempdir().unwrap();
    ok(tmp.path(), &["init", "--no-git", "--gemeente", "Dijkstad"]);
    let out = run(tmp.path(), &["new", "besluit", "X", "--orgaan", "raad"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no orgaan `raad`") && err.contains("gemeenteraad"),
        "{err}"
    );
    let out = run(tmp.path(), &["new", "besluit"]);
    assert!(!out.status.success(), "a besluit without a title");
}

#[test]
fn new_makes_fracties_personen_and_organen_named_after_their_name() {
    // A new site needs the fracties and personen its moties name.
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["init", "--no-git", "--gemeente", "Dijkstad"]);
    let date = ["--date", "2026-11-30"];
    assert_eq!(
        ok(d, &["new", "fractie", "GroenLinks-PvdA"]).trim(),
        "./content/fracties/groenlinks-pvda.md"
    );
    let p = ok(
        d,
        &["new", "persoon", "Ré van der Berg", "--soort", "raadslid"],
    );
    assert_eq!(p.trim(), "./content/personen/re-van-der-berg.md");
    assert_eq!(
        std::fs::read_to_string(d.join("content/personen/re-van-der-berg.md")).unwrap(),
        "---\nnaam: \"Ré van der Berg\"\nfunctie: raadslid\n---\n"
    );
    ok(
        d,
        &["new", "orgaan", "Commissie Bestuur", "--soort", "commissie"],
    );
    // The same name again: the next free id, never an overwrite.
    assert_eq!(
        ok(d, &["new", "fractie", "GroenLinks-PvdA"]).trim(),
        "./content/fracties/groenlinks-pvda-2.md"
    );
    let bad = run(d, &["new", "orgaan", "X", "--soort", "feestcommissie"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a soort of an orgaan"));
    // Without --soort the functie is left to fill in, and check says so
    // at its line.
    ok(d, &["new", "persoon", "Jan Jansen"]);
    let check = run(d, &["check", date[0], date[1]]);
    assert!(!check.status.success());
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(
            "content/personen/jan-jansen.md:3:1: `functie` is empty; it is required in the front matter of a persoon"
        ),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::remove_file(d.join("content/personen/jan-jansen.md")).unwrap();
    ok(
        d,
        &[
            "new",
            "vergadering",
            "--orgaan",
            "gemeenteraad",
            date[0],
            date[1],
        ],
    );
    ok(
        d,
        &[
            "new",
            "motie",
            "Motie",
            "--indieners",
            "groenlinks-pvda,re-van-der-berg",
            date[0],
            date[1],
        ],
    );
    ok(d, &["check", date[0], date[1]]);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = run(tmp.path(), &["init", "--no-git"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    let entries: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "nothing was written");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn the_github_workflow_checks_every_push_and_publishes_the_default_branch() {
    let tmp = tempfile::tempdir().unwrap();
    ok(tmp.path(), &["init", "--no-git"]);
    let wf = parse_yaml(&tmp.path().join(".github/workflows/besluitspoor.yml"));
    let on = get(&wf, "on").expect("on");
    for trigger in ["push", "pull_request", "schedule"] {
        assert!(
            keys(on).contains(&trigger),
            "trigger {trigger}: {:?}",
            keys(on)
        );
    }
    let cron = scalar(get(&seq(get(on, "schedule").unwrap())[0], "cron").unwrap());
    assert_eq!(cron.split_whitespace().count(), 5, "daily cron: {cron}");
    let jobs = get(&wf, "jobs").unwrap();
    assert_eq!(keys(jobs), ["check", "build", "deploy"]);

    let check = get(jobs, "check").unwrap();
    assert!(get(check, "if").is_none(), "check runs on every push");
    assert!(scripts(check).contains("besluitspoor check"));

    let build = get(jobs, "build").unwrap();
    assert!(scalar(get(build, "if").unwrap()).contains("default_branch"));
    let sh = scripts(build);
    assert!(
        sh.contains("SOURCE_DATE_EPOCH=\"$(git log -1 --format=%ct)\""),
        "{sh}"
    );
    assert!(
        sh.contains("schedule"),
        "the nightly build uses today's date: {sh}"
    );
    assert!(sh.contains("besluitspoor build"));
    let u = uses(build);
    assert!(u.iter().any(|u| u.starts_with("actions/checkout@")));
    assert!(u
        .iter()
        .any(|u| u.starts_with("actions/upload-pages-artifact@")));
    let checkout = &seq(get(build, "steps").unwrap())[0];
    assert_eq!(
        scalar(get(get(checkout, "with").unwrap(), "fetch-depth").unwrap()),
        "0"
    );

    let deploy = get(jobs, "deploy").unwrap();
    assert!(uses(deploy)
        .iter()
        .any(|u| u.starts_with("actions/deploy-pages@")));
    let perms = get(deploy, "permissions").unwrap();
    assert_eq!(scalar(get(perms, "pages").unwrap()), "write");
    assert_eq!(scalar(get(perms, "id-token").unwrap()), "write");
}

#[test]
fn the_gitlab_pipeline_checks_every_push_and_publishes_pages() {
    let tmp = tempfile::tempdir().unwrap();
    ok(tmp.path(), &["init", "--no-git"]);
    let ci = parse_yaml(&tmp.path().join(".gitlab-ci.yml"));
    assert_eq!(
        scalar(get(get(&ci, "variables").unwrap(), "GIT_DEPTH").unwrap()),
        "0"
    );
    let script = |job: &Node| -> String {
        seq(get(job, "script").unwrap())
            .iter()
            .map(scalar)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let check = get(&ci, "check").unwrap();
    assert!(get(check, "rules").is_none(), "check runs on every push");
    assert!(script(check).contains("besluitspoor check"));
    let pages = get(&ci, "pages").unwrap();
    let rules: Vec<&str> = seq(get(pages, "rules").unwrap())
        .iter()
        .map(|r| scalar(get(r, "if").unwrap()))
        .collect();
    assert!(
        rules.iter().any(|r| r.contains("CI_DEFAULT_BRANCH")),
        "{rules:?}"
    );
    assert!(rules.iter().any(|r| r.contains("schedule")), "{rules:?}");
    let sh = script(pages);
    assert!(sh.contains("SOURCE_DATE_EPOCH") && sh.contains("besluitspoor build --output public"));
    let paths = seq(get(get(pages, "artifacts").unwrap(), "paths").unwrap());
    assert_eq!(scalar(&paths[0]), "public");
}

fn git(dir: &Path, args: &[&str]) -> Option<Output> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                Path::new(BIN).parent().unwrap().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("GIT_AUTHOR_NAME", "Griffie")
        .env("GIT_AUTHOR_EMAIL", "griffie@example.nl")
        .env("GIT_COMMITTER_NAME", "Griffie")
        .env("GIT_COMMITTER_EMAIL", "griffie@example.nl")
        .output()
        .ok()
}

#[test]
fn the_pre_commit_hook_refuses_a_commit_with_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    if git(tmp.path(), &["--version"]).is_none() {
        eprintln!("git is not installed; skipped");
        return;
    }
    ok(tmp.path(), &["init"]);
    let hooks = git(tmp.path(), &["config", "core.hooksPath"]).unwrap();
    assert_eq!(String::from_utf8_lossy(&hooks.stdout).trim(), ".githooks");
    git(tmp.path(), &["add", "-A"]).unwrap();
    let first = git(tmp.path(), &["commit", "-qm", "nieuwe site"]).unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    std::fs::write(
        tmp.path().join("content/besluiten/b.md"),
        "---\ntitel: x\ndatun: 2026-01-01\norgaan: college\n---\n",
    )
    .unwrap();
    git(tmp.path(), &["add", "-A"]).unwrap();
    let bad = git(tmp.path(), &["commit", "-qm", "typo"]).unwrap();
    assert!(!bad.status.success(), "the hook let a typo through");
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("datun"), "{err}");
}
