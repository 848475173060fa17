//! `besluitspoor serve`: live reload after a rebuild, and on an error the
//! last good site with the errors for the overlay. The script is added to
//! served pages only, never to the built files.

mod watch_common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use watch_common::*;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_besluitspoor"))
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status: u16 = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn start(root: &Path) -> Server {
    let port = free_port();
    let mut child = Command::new(bin())
        .args(["serve", "--root"])
        .arg(root)
        .args(["--date", "2026-03-01", "--port", &port.to_string()])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let l = rx
            .recv_timeout(deadline - Instant::now())
            .expect("serve started");
        if l.starts_with("Serving") {
            break;
        }
    }
    std::thread::spawn(move || while rx.recv().is_ok() {});
    Server { child, port }
}

fn state(port: u16, version: Option<u64>) -> serde_json::Value {
    let q = version.map(|v| format!("?version={v}")).unwrap_or_default();
    let (status, body) = get(port, &format!("/__besluitspoor/wait{q}"));
    assert_eq!(status, 200);
    serde_json::from_str(&body).unwrap()
}

#[test]
fn serve_reloads_after_a_change_and_keeps_the_last_good_site_on_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    copy_dir(&fixture("valid"), &root);
    let server = start(&root);
    let port = server.port;

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("/__besluitspoor/live.js"),
        "the script is served"
    );
    let built = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(
        !built.contains("__besluitspoor"),
        "the built page has no script"
    );
    let (status, js) = get(port, "/__besluitspoor/live.js");
    assert_eq!(status, 200);
    assert!(js.contains("location.reload()"));

    let s0 = state(port, None);
    let (g0, v0) = (
        s0["generation"].as_u64().unwrap(),
        s0["version"].as_u64().unwrap(),
    );
    assert!(s0["errors"].as_array().unwrap().is_empty());

    // A page waiting for a change is answered after the rebuild.
    let waiting = std::thread::spawn(move || state(port, Some(v0)));
    std::thread::sleep(Duration::from_millis(300));
    let motie = root.join("content/moties/motie-2026-01-29-zwembad.md");
    let text = std::fs::read_to_string(&motie).unwrap();
    std::fs::write(&motie, text.replace("titel: ", "titel: Herzien - ")).unwrap();
    let s1 = waiting.join().unwrap();
    assert_eq!(s1["generation"].as_u64().unwrap(), g0 + 1, "{s1}");
    let (_, page) = get(port, "/moties/motie-2026-01-29-zwembad/");
    assert!(page.contains("Herzien - "));

    // A broken reference: errors for the overlay, the last good site stays.
    let v1 = s1["version"].as_u64().unwrap();
    let vergadering = root.join("content/vergaderingen/raad-2026-01-29.md");
    let saved = std::fs::read_to_string(&vergadering).unwrap();
    std::fs::remove_file(&vergadering).unwrap();
    let s2 = state(port, Some(v1));
    let errors: Vec<&str> = s2["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("raad-2026-01-29")),
        "{errors:?}"
    );
    assert_eq!(s2["generation"], s1["generation"], "nothing was published");
    let (status, page) = get(port, "/vergaderingen/raad-2026-01-29/");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(page.contains("/__besluitspoor/live.js"));

    // Fixed: the errors go and the pages reload.
    std::fs::write(&vergadering, saved).unwrap();
    let s3 = state(port, Some(s2["version"].as_u64().unwrap()));
    assert!(s3["errors"].as_array().unwrap().is_empty(), "{s3}");
    assert_eq!(s3["generation"].as_u64().unwrap(), g0 + 2);
    drop(server);
}

/// SIGTERM (what a service manager sends) stops serve: the server and the
/// watcher end with success, the spare build beside the output is removed
/// and the site stays.
#[test]
fn sigterm_stops_serve_and_removes_its_spare_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    copy_dir(&fixture("valid"), &root);
    let mut s = start(&root);
    let spare = root.join(format!(".public.spare-{}", s.child.id()));
    assert!(wait_exists(&spare), "no spare build at {}", spare.display());
    // SAFETY: a plain system call on the pid of our own child.
    let r = unsafe { libc::kill(s.child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(r, 0);
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve still runs after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(!spare.exists(), "the spare build stays after SIGTERM");
    assert!(root.join("public/index.html").is_file());
    assert!(
        TcpStream::connect(("127.0.0.1", s.port)).is_err(),
        "still serving"
    );
}

/// A port in use is reported before anything is built: nothing is written
/// into the site folder and serve exits with 1.
#[test]
fn a_port_in_use_is_reported_before_building() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    copy_dir(&fixture("valid"), &root);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(bin())
        .args(["serve", "--root"])
        .arg(&root)
        .args(["--date", "2026-03-01", "--port", &port.to_string()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!("cannot serve on 127.0.0.1:{port}: ")),
        "{stderr}"
    );
    let written: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "content" && n != "site.toml")
        .collect();
    assert!(written.is_empty(), "{written:?}");
}
