//! `partner-sandbox`: runs the Partner Center emulator until Ctrl-C or SIGTERM.
//!
//! ```text
//! partner-sandbox --addr 127.0.0.1:0 [--access-key AK --secret-key SK] [--domain-id ID]
//!                 [--seed N] [--customers N] [--records N] [--rate-limit on|off]
//!                 [--idp-cert NAME=CERT.pem]...
//! ```
//!
//! `--idp-cert` registers an identity provider for IAM federation (`X-Idp-Id: NAME`, Responses
//! signed by the key of the PEM certificate file), besides the default `sandbox_idp`.

use std::io::Write;
use std::process::ExitCode;

use huaweicloud_partner_sandbox::{RegisteredIdp, Sandbox, SandboxConfig};

const USAGE: &str = "usage: partner-sandbox --addr 127.0.0.1:0 [--access-key AK --secret-key SK] \
[--domain-id ID] [--seed N] [--customers N] [--records N] [--rate-limit on|off] \
[--idp-cert NAME=CERT.pem]...";

fn parse(args: &[String]) -> Result<SandboxConfig, String> {
    let mut c = SandboxConfig::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_owned());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let num = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--addr" => {
                c.addr = value
                    .parse()
                    .map_err(|_| format!("--addr: bad address {value}"))?
            }
            "--access-key" => c.access_key.clone_from(value),
            "--secret-key" => c.secret_key.clone_from(value),
            "--domain-id" => c.domain_id.clone_from(value),
            "--seed" => c.seed = num(value)?,
            "--customers" => c.customers = num(value)?,
            "--records" => c.records = num(value)?,
            "--rate-limit" => {
                c.rate_limit = match value.as_str() {
                    "on" => true,
                    "off" => false,
                    _ => return Err(format!("--rate-limit takes on or off\n{USAGE}")),
                }
            }
            "--idp-cert" => c = c.idp(idp_from_flag(value)?),
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    Ok(c)
}

/// Reads `NAME=CERT.pem` of `--idp-cert`.
fn idp_from_flag(value: &str) -> Result<RegisteredIdp, String> {
    let (name, path) = value
        .split_once('=')
        .filter(|(n, p)| !n.is_empty() && !p.is_empty())
        .ok_or_else(|| format!("--idp-cert takes NAME=CERT.pem\n{USAGE}"))?;
    let pem = std::fs::read_to_string(path).map_err(|e| format!("--idp-cert: {path}: {e}"))?;
    RegisteredIdp::from_pem(name, &pem).map_err(|e| format!("--idp-cert: {path}: {e}"))
}

/// SIGTERM, registered before the address is announced: a supervisor may signal as soon as
/// it has read the two lines, and an unregistered SIGTERM would kill the process outright.
#[cfg(unix)]
type Term = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Term = ();

fn listen_for_term() -> Term {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        signal(SignalKind::terminate()).ok()
    }
}

async fn stopped(term: Term) {
    #[cfg(unix)]
    {
        if let Some(mut term) = term {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    #[cfg(not(unix))]
    let () = term;
    let _ = tokio::signal::ctrl_c().await;
}

// One thread serves every connection: the emulator's handlers never block, and its clients
// (tests, examples, benchmarks) mostly send one request at a time, which a single thread
// answers with the least latency and CPU (no hand-over between workers per request).
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let term = listen_for_term();
    let sandbox = match Sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("partner-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let lines = writeln!(out, "listening on {}", sandbox.base_url()).and_then(|()| {
        writeln!(
            out,
            "credentials: access_key={} secret_key={} domain_id={}",
            sandbox.access_key(),
            sandbox.secret_key(),
            sandbox.domain_id()
        )
    });
    if lines.and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    drop(out);
    stopped(term).await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
