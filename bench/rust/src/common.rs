//! Arguments, the client under test, the sandbox's admin counters and process usage.

use std::io::Write as _;
use std::time::Duration;

use huaweicloud_partner::{AccessKey, Client, RateLimitPolicy, RetryPolicy};

/// Errors of a benchmark run: reported on stderr, exit status 1.
pub(crate) type BenchError = Box<dyn std::error::Error + Send + Sync>;

/// Result of a benchmark step.
pub(crate) type BenchResult<T> = Result<T, BenchError>;

/// The catalogue name of the paged operation every benchmark reads.
pub(crate) const OPERATION: &str = "list_partner_adjust_records";

/// Its path.
pub(crate) const PATH: &str = "/v3/accounts/partner-accounts/adjust-records";

/// The largest page the operation serves.
pub(crate) const PAGE_SIZE: u32 = 100;

/// Command-line arguments shared by the subcommands.
#[derive(Debug, Clone)]
pub(crate) struct Args {
    pub(crate) url: String,
    pub(crate) access_key: String,
    pub(crate) secret_key: String,
    pub(crate) domain_id: Option<String>,
    /// Records the sandbox holds (every run must see exactly this many).
    pub(crate) records: u64,
    pub(crate) runs: usize,
    /// Requests per second of the quota benchmark.
    pub(crate) rate: u32,
}

impl Args {
    /// Parses `--flag value` pairs, with environment fallbacks for the target.
    pub(crate) fn parse(argv: &[String]) -> Result<Self, String> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let mut url = env("BENCH_SANDBOX_URL");
        let mut access_key = env("BENCH_ACCESS_KEY");
        let mut secret_key = env("BENCH_SECRET_KEY");
        let mut domain_id = env("BENCH_DOMAIN_ID");
        let mut records = 20_000u64;
        let mut runs = 5usize;
        let mut rate = 10u32;
        let mut it = argv.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let num = |v: &str| {
                v.parse::<u64>()
                    .map_err(|_| format!("{flag}: not a number: {v}"))
            };
            match flag.as_str() {
                "--url" => url = Some(value.clone()),
                "--access-key" => access_key = Some(value.clone()),
                "--secret-key" => secret_key = Some(value.clone()),
                "--domain-id" => domain_id = Some(value.clone()),
                "--records" => records = num(value)?,
                "--runs" => runs = usize::try_from(num(value)?.max(1)).unwrap_or(1),
                "--rate" => rate = u32::try_from(num(value)?.max(1)).unwrap_or(u32::MAX),
                _ => return Err(format!("unknown flag {flag}")),
            }
        }
        Ok(Self {
            url: url.ok_or("--url (or BENCH_SANDBOX_URL) is required")?,
            access_key: access_key.ok_or("--access-key (or BENCH_ACCESS_KEY) is required")?,
            secret_key: secret_key.ok_or("--secret-key (or BENCH_SECRET_KEY) is required")?,
            domain_id,
            records,
            runs,
            rate,
        })
    }

    /// The access key the client and the bare loop sign with.
    pub(crate) fn key(&self) -> BenchResult<AccessKey> {
        let key = AccessKey::new(self.access_key.clone(), self.secret_key.clone())?;
        Ok(match &self.domain_id {
            Some(d) => key.with_domain_id(d.clone()),
            None => key,
        })
    }

    /// The client under test, pointed at the sandbox.
    pub(crate) fn client(&self, rate_limit: RateLimitPolicy) -> BenchResult<Client> {
        Ok(Client::builder()
            .endpoint(self.url.clone())
            .access_key(self.key()?)
            .retry(RetryPolicy::default())
            .rate_limit(rate_limit)
            .build()?)
    }
}

/// The sandbox's per-operation request counter (`/__sandbox/requests`), which counts every
/// request it received, throttled ones included.
#[derive(Debug)]
pub(crate) struct Admin {
    http: reqwest::Client,
    base: String,
}

impl Admin {
    pub(crate) fn new(url: &str) -> BenchResult<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self {
            http,
            base: url.trim_end_matches('/').to_owned(),
        })
    }

    /// Sets every counter back to zero.
    pub(crate) async fn reset(&self) -> BenchResult<()> {
        let url = format!("{}/__sandbox/requests", self.base);
        self.http.delete(url).send().await?.error_for_status()?;
        Ok(())
    }

    /// Requests received for `operation` since the last reset.
    pub(crate) async fn received(&self, operation: &str) -> BenchResult<u64> {
        let url = format!("{}/__sandbox/requests", self.base);
        let body: serde_json::Value = self
            .http
            .get(url)
            .query(&[("operation", operation)])
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        body.get("count")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| format!("unexpected counter answer: {body}").into())
    }
}

/// CPU time and peak RSS of this process so far.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Usage {
    /// User plus system CPU time, in seconds.
    pub(crate) cpu_s: f64,
    /// Peak resident set size, in KiB (Linux reports `ru_maxrss` in KiB).
    pub(crate) max_rss_kib: u64,
}

/// `getrusage(RUSAGE_SELF)`.
pub(crate) fn usage() -> BenchResult<Usage> {
    let mut ru = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `rusage` into the pointer, which is valid and
    // properly aligned; it is read only when the call reports success.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, ru.as_mut_ptr()) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error().into());
    }
    // SAFETY: initialised by the successful call above.
    let ru = unsafe { ru.assume_init() };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Usage {
        cpu_s: secs(ru.ru_utime) + secs(ru.ru_stime),
        max_rss_kib: u64::try_from(ru.ru_maxrss).unwrap_or(0),
    })
}

/// A memory figure of this process in KiB from `/proc/self/status` (Linux only): `VmRSS`
/// (resident now) or `VmHWM` (peak resident). Unlike `ru_maxrss`, which Linux carries over
/// from the pre-`exec` image (a forking Python parent's RSS), `VmHWM` covers this program
/// alone.
pub(crate) fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status
        .lines()
        .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The median of `values` (the mean of the middle two for an even count).
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Rounds to microseconds so the JSON stays readable.
pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Writes the result line to stdout.
pub(crate) fn emit(line: &serde_json::Value) -> BenchResult<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn arguments_and_their_checks() {
        let argv: Vec<String> = [
            "--url",
            "http://127.0.0.1:1",
            "--access-key",
            "AK",
            "--secret-key",
            "SK",
            "--records",
            "300",
            "--runs",
            "0",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let a = Args::parse(&argv).expect("valid");
        assert_eq!((a.records, a.runs, a.rate), (300, 1, 10));
        assert!(Args::parse(&argv[..1]).is_err());
        let bad = ["--records".to_owned(), "x".to_owned()];
        assert!(Args::parse(&bad).is_err());
    }
}
