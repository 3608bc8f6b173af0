//! `stream`: streams every record through the paginator without collecting, summing the
//! amounts as `Decimal`, and reports the peak RSS of this process. Run it once per process:
//! the peak is a high-water mark over the whole process lifetime.

use std::time::Instant;

use futures::StreamExt;
use huaweicloud_partner::funding::ListAdjustRecordsRequest;
use huaweicloud_partner::{Decimal, RateLimitPolicy};
use serde_json::json;

use crate::common::{self, round6, Args, BenchResult, PAGE_SIZE};

/// Streams the records and returns the JSON line.
pub(crate) async fn run(args: &Args) -> BenchResult<serde_json::Value> {
    let client = args.client(RateLimitPolicy::disabled())?;
    let before = common::usage()?;
    let before_peak = common::proc_status_kib("VmHWM").unwrap_or(before.max_rss_kib);

    let t0 = Instant::now();
    let mut items = client
        .funding()
        .adjust_records(ListAdjustRecordsRequest::new().limit(PAGE_SIZE))
        .into_stream();
    let (mut count, mut sum) = (0u64, Decimal::ZERO);
    while let Some(record) = items.next().await {
        let record = record?;
        count += 1;
        sum += record.amount.unwrap_or_default();
    }
    let wall_s = t0.elapsed().as_secs_f64();
    let after = common::usage()?;
    if count != args.records {
        return Err(format!("streamed {count} of {} records", args.records).into());
    }

    let mib = |kib: u64| round6(kib as f64 / 1024.0);
    // The peak of this program alone where Linux tells it (see `proc_status_kib`).
    let (peak, source) = match common::proc_status_kib("VmHWM") {
        Some(kib) => (kib, "VmHWM"),
        None => (after.max_rss_kib, "ru_maxrss"),
    };
    Ok(json!({
        "bench": "stream",
        "records": count,
        "sum": sum.to_string(),
        "wall_s": round6(wall_s),
        "cpu_s": round6(after.cpu_s - before.cpu_s),
        "peak_rss_mib": mib(peak),
        "peak_rss_source": source,
        "peak_before_streaming_mib": mib(before_peak),
        "ru_maxrss_mib": mib(after.max_rss_kib),
        "rss_now_mib": common::proc_status_kib("VmRSS").map(mib),
    }))
}
