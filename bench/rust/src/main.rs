//! `partner-bench`: the Rust benchmarks of issue #8, run against a sandbox started as a
//! separate process (so CPU time and peak RSS measured here are the client's alone).
//!
//! ```text
//! partner-bench floor  --url URL [--records N] [--runs R]
//! partner-bench quota  --url URL [--records N] [--runs R] [--rate Q]
//! partner-bench stream --url URL [--records N]
//! partner-bench sign   < request.json
//! ```
//!
//! Credentials come from `--access-key`, `--secret-key` and `--domain-id`, or from the
//! environment (`BENCH_ACCESS_KEY`, `BENCH_SECRET_KEY`, `BENCH_DOMAIN_ID`); the URL may also
//! come from `BENCH_SANDBOX_URL`. Each subcommand prints one JSON line of measurements.

mod common;
mod floor;
mod quota;
mod sign;
mod stream;

use std::process::ExitCode;

use crate::common::{Args, BenchResult};

const USAGE: &str = "usage: partner-bench floor|quota|stream --url URL [--access-key AK] \
[--secret-key SK] [--domain-id ID] [--records N] [--runs R] [--rate Q]\n\
       partner-bench sign < request.json";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = argv.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command == "sign" {
        // No sandbox: the request to sign comes on stdin.
        return finish(command, sign::run());
    }
    let args = match Args::parse(rest) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("partner-bench: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result: BenchResult<serde_json::Value> = match command.as_str() {
        "floor" => floor::run(&args).await,
        "quota" => quota::run(&args).await,
        "stream" => stream::run(&args).await,
        other => {
            eprintln!("partner-bench: unknown subcommand {other}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    finish(command, result)
}

/// Prints the measurement line, or the error, and picks the exit code.
fn finish(command: &str, result: BenchResult<serde_json::Value>) -> ExitCode {
    match result.and_then(|line| common::emit(&line)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("partner-bench {command}: {e}");
            ExitCode::FAILURE
        }
    }
}
