//! `floor`: the core client against a bare reqwest loop sending the same signed requests.
//!
//! Both page through every adjustment record 100 at a time, sequentially, and decode each
//! page into the same public typed response (`ListAdjustRecordsResponse`), then count the
//! records and sum their amounts as `Decimal`. The bare loop is the floor: what any client
//! must spend on signing, HTTP and JSON. The two alternate, so drift in the machine's load
//! hits both alike.

use std::time::Instant;

use chrono::Utc;
use huaweicloud_partner::funding::ListAdjustRecordsRequest;
use huaweicloud_partner::funding::ListAdjustRecordsResponse;
use huaweicloud_partner::signer::{self, SignableRequest};
use huaweicloud_partner::{AccessKey, Client, Decimal, RateLimitPolicy};
use serde_json::json;

use crate::common::{self, median, round6, Args, BenchResult, PAGE_SIZE, PATH};

/// What one pass saw.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    records: u64,
    pages: u64,
    sum: Decimal,
}

/// Wall and CPU seconds of one pass.
#[derive(Debug, Clone, Copy)]
struct Timing {
    wall_s: f64,
    cpu_s: f64,
}

/// Pages through the records with the core client's paginator and typed models.
async fn core_pass(client: &Client) -> BenchResult<Seen> {
    let request = ListAdjustRecordsRequest::new().limit(PAGE_SIZE);
    let mut pages = client.funding().adjust_records(request);
    let mut seen = Seen {
        records: 0,
        pages: 0,
        sum: Decimal::ZERO,
    };
    while let Some(page) = pages.next_page().await {
        let page = page?;
        seen.pages += 1;
        for record in page.items {
            seen.records += 1;
            seen.sum += record.amount.unwrap_or_default();
        }
    }
    Ok(seen)
}

/// The bare loop: build the headers the core sends, sign with the core's public signer,
/// send with reqwest, read the body, decode into the same typed response.
struct Floor {
    http: reqwest::Client,
    base: url::Url,
    host: String,
    key: AccessKey,
    user_agent: String,
}

impl Floor {
    fn new(args: &Args) -> BenchResult<Self> {
        let base = url::Url::parse(&args.url)?;
        let host = match base.port() {
            Some(p) => format!("{}:{p}", base.host_str().unwrap_or_default()),
            None => base.host_str().unwrap_or_default().to_owned(),
        };
        Ok(Self {
            http: reqwest::Client::builder().build()?,
            base,
            host,
            key: args.key()?,
            user_agent: "partner-bench-floor/0.1".to_owned(),
        })
    }

    async fn page(&self, offset: u64) -> BenchResult<ListAdjustRecordsResponse> {
        let mut headers = vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("User-Agent".to_owned(), self.user_agent.clone()),
        ];
        if let Some(d) = &self.key.domain_id {
            headers.push(("X-Domain-Id".to_owned(), d.clone()));
        }
        let mut req = SignableRequest {
            method: "GET".to_owned(),
            host: self.host.clone(),
            path: PATH.to_owned(),
            query: vec![
                ("offset".to_owned(), offset.to_string()),
                ("limit".to_owned(), PAGE_SIZE.to_string()),
            ],
            headers,
            body: Vec::new(),
        };
        let signed = signer::sign(
            self.key.algorithm,
            &self.key.access_key,
            self.key.secret_key.expose().as_bytes(),
            &mut req,
            Utc::now(),
        )?;

        let mut url = self.base.clone();
        url.set_path(PATH);
        url.set_query(Some(&signed.query));
        let mut builder = self.http.get(url);
        for (name, value) in &req.headers {
            if !name.eq_ignore_ascii_case("host") {
                builder = builder.header(name, value);
            }
        }
        let response = builder
            .header("Authorization", signed.authorization)
            .send()
            .await?;

        let status = response.status();
        let body = response.bytes().await?;
        if !status.is_success() {
            return Err(format!("HTTP {status}: {}", String::from_utf8_lossy(&body)).into());
        }
        Ok(serde_json::from_slice(&body)?)
    }

    async fn pass(&self) -> BenchResult<Seen> {
        let mut seen = Seen {
            records: 0,
            pages: 0,
            sum: Decimal::ZERO,
        };
        loop {
            let page = self.page(seen.records).await?;
            seen.pages += 1;
            let got = page.records.len() as u64;
            for record in page.records {
                seen.records += 1;
                seen.sum += record.amount.unwrap_or_default();
            }
            let total = page.total_count.unwrap_or(0);
            if got == 0 || seen.records >= total {
                return Ok(seen);
            }
        }
    }
}

async fn timed<F: std::future::Future<Output = BenchResult<Seen>>>(
    pass: F,
) -> BenchResult<(Seen, Timing)> {
    let (t0, u0) = (Instant::now(), common::usage()?);
    let seen = pass.await?;
    let (wall, u1) = (t0.elapsed().as_secs_f64(), common::usage()?);
    Ok((
        seen,
        Timing {
            wall_s: wall,
            cpu_s: u1.cpu_s - u0.cpu_s,
        },
    ))
}

/// Runs the comparison and returns its JSON line.
pub(crate) async fn run(args: &Args) -> BenchResult<serde_json::Value> {
    // The floor has no pacing, so neither has the client: the sandbox runs without quota.
    let client = args.client(RateLimitPolicy::disabled())?;
    let floor = Floor::new(args)?;

    // One unmeasured pass each: connections, allocator and caches warm for both.
    let expected = core_pass(&client).await?;
    let floor_seen = floor.pass().await?;
    if floor_seen != expected || expected.records != args.records {
        return Err(format!(
            "the passes disagree: core {expected:?}, floor {floor_seen:?}, sandbox holds {}",
            args.records
        )
        .into());
    }

    let (mut core_t, mut floor_t) = (Vec::new(), Vec::new());
    for run in 0..args.runs {
        // Alternate which goes first, so neither always follows the other.
        let order = if run % 2 == 0 {
            [true, false]
        } else {
            [false, true]
        };
        for is_core in order {
            let (seen, t) = if is_core {
                timed(core_pass(&client)).await?
            } else {
                timed(floor.pass()).await?
            };
            if seen != expected {
                return Err(format!("run {run}: saw {seen:?}, expected {expected:?}").into());
            }
            if is_core {
                core_t.push(t);
            } else {
                floor_t.push(t);
            }
        }
    }

    let wall = |t: &[Timing]| t.iter().map(|x| x.wall_s).collect::<Vec<_>>();
    let cpu = |t: &[Timing]| t.iter().map(|x| x.cpu_s).collect::<Vec<_>>();
    let (cw, fw) = (median(&wall(&core_t)), median(&wall(&floor_t)));
    let (cc, fc) = (median(&cpu(&core_t)), median(&cpu(&floor_t)));
    let rounded = |v: Vec<f64>| v.into_iter().map(round6).collect::<Vec<_>>();
    Ok(json!({
        "bench": "floor",
        "records": expected.records,
        "pages": expected.pages,
        "sum": expected.sum.to_string(),
        "runs": args.runs,
        "core_wall_s": rounded(wall(&core_t)),
        "floor_wall_s": rounded(wall(&floor_t)),
        "core_cpu_s": rounded(cpu(&core_t)),
        "floor_cpu_s": rounded(cpu(&floor_t)),
        "core_wall_median_s": round6(cw),
        "floor_wall_median_s": round6(fw),
        "core_cpu_median_s": round6(cc),
        "floor_cpu_median_s": round6(fc),
        "ratio_wall": round6(cw / fw),
        "ratio_cpu": round6(cc / fc),
    }))
}
