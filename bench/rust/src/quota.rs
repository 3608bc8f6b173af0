//! `quota`: a quota-bound export. The sandbox enforces the documented 10 requests/s per API
//! and caller (`--rate-limit on`, counted in fixed one-second windows); the client is
//! configured to the same quota and must neither be throttled nor waste time.
//!
//! Throttled requests are invisible to the caller (the client retries them), so they are
//! counted on the server: the sandbox's request counter includes refused requests, and every
//! request beyond one per page is a 429 (or another retried failure, equally a miss).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use huaweicloud_partner::funding::ListAdjustRecordsRequest;
use huaweicloud_partner::{Decimal, RateLimitPolicy};
use serde_json::json;

use crate::common::{median, round6, Admin, Args, BenchResult, OPERATION, PAGE_SIZE};

/// Long enough for the server's quota window of the previous run to close.
const SETTLE: Duration = Duration::from_millis(1_200);

/// One export.
#[derive(Debug, Clone, Copy)]
struct Export {
    elapsed_s: f64,
    pages: u64,
    records: u64,
    received: u64,
}

async fn export(args: &Args, admin: &Admin) -> BenchResult<Export> {
    // A fresh client per run: a fresh limiter, as a new export job would have.
    let policy = RateLimitPolicy {
        per_operation: HashMap::from([(OPERATION.to_owned(), args.rate)]),
        ..RateLimitPolicy::default()
    };
    let client = args.client(policy)?;
    admin.reset().await?;

    let t0 = Instant::now();
    let mut pages = client
        .funding()
        .adjust_records(ListAdjustRecordsRequest::new().limit(PAGE_SIZE));
    let (mut n_pages, mut records, mut sum) = (0u64, 0u64, Decimal::ZERO);
    while let Some(page) = pages.next_page().await {
        let page = page?;
        n_pages += 1;
        for record in page.items {
            records += 1;
            sum += record.amount.unwrap_or_default();
        }
    }
    let elapsed_s = t0.elapsed().as_secs_f64();
    std::hint::black_box(sum);

    let received = admin.received(OPERATION).await?;
    Ok(Export {
        elapsed_s,
        pages: n_pages,
        records,
        received,
    })
}

/// Runs the exports and returns the JSON line.
pub(crate) async fn run(args: &Args) -> BenchResult<serde_json::Value> {
    let admin = Admin::new(&args.url)?;
    let mut runs = Vec::with_capacity(args.runs);
    for i in 0..args.runs {
        tokio::time::sleep(SETTLE).await;
        let e = export(args, &admin).await?;
        if e.records != args.records {
            return Err(format!(
                "run {i}: exported {} of {} records",
                e.records, args.records
            )
            .into());
        }
        runs.push(e);
    }

    let pages = runs[0].pages;
    let minimum_s = pages as f64 / f64::from(args.rate);
    let elapsed: Vec<f64> = runs.iter().map(|e| round6(e.elapsed_s)).collect();
    let extra: Vec<u64> = runs
        .iter()
        .map(|e| e.received.saturating_sub(e.pages))
        .collect();
    let med = median(&elapsed);
    Ok(json!({
        "bench": "quota",
        "records": args.records,
        "pages": pages,
        "rate_per_s": args.rate,
        "runs": args.runs,
        "elapsed_s": elapsed,
        "elapsed_median_s": round6(med),
        "minimum_s": round6(minimum_s),
        "ratio": round6(med / minimum_s),
        "received": runs.iter().map(|e| e.received).collect::<Vec<_>>(),
        "throttled_per_run": extra,
        "throttled_total": extra.iter().sum::<u64>(),
    }))
}
