//! The `partner-sandbox` binary: stdout contract and clean exit on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_two_lines_and_exits_zero_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partner-sandbox"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--seed",
            "7",
            "--customers",
            "3",
            "--records",
            "10",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("line 1").expect("utf8");
    let second = lines.next().expect("line 2").expect("utf8");
    assert!(
        first.starts_with("listening on http://127.0.0.1:"),
        "{first}"
    );
    assert_eq!(
        second,
        "credentials: access_key=HPUASANDBOXPARTNER0001 \
         secret_key=sandbox-secret-key-do-not-use-in-production \
         domain_id=0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    );
    let port: u16 = first
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    assert!(killed.expect("kill").success());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn bad_flags_exit_with_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_partner-sandbox"))
        .args(["--rate-limit", "sometimes"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: partner-sandbox"));
}
