//! `partner-bench sign`: signs one request in a loop with the core signer and reports
//! signatures per second (bench/suites/20-signing).
//!
//! Reads a JSON request on stdin:
//! `{"ak", "sk", "method", "host", "path", "query": [[k, v]], "headers": [[k, v]], "body",
//! "seconds"}` (headers must include `X-Sdk-Date`, so every signature is identical) and
//! prints `{"authorization", "signatures", "seconds", "per_second"}`. Each iteration signs a
//! fresh copy of the request, as a client signs each request it sends, with the
//! [`SigningKey`] derived once as the client derives it once per secret key.

use std::hint::black_box;
use std::io::Read;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use huaweicloud_partner::signer::{sign, sign_with, SignableRequest, SigningAlgorithm, SigningKey};
use serde_json::{json, Value};

use crate::common::BenchResult;

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p[0].as_str()?.to_owned(), p[1].as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

/// Reads the request from stdin, signs it for the requested time, returns the JSON line.
pub(crate) fn run() -> BenchResult<Value> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let spec: Value = serde_json::from_str(&input)?;
    let request = SignableRequest {
        method: text(&spec, "method").to_owned(),
        host: text(&spec, "host").to_owned(),
        path: text(&spec, "path").to_owned(),
        query: pairs(&spec["query"]),
        headers: pairs(&spec["headers"]),
        body: text(&spec, "body").as_bytes().to_vec(),
    };
    let (ak, sk) = (text(&spec, "ak"), text(&spec, "sk").as_bytes());
    let budget = Duration::from_secs_f64(spec["seconds"].as_f64().unwrap_or(1.0));
    // The request carries its X-Sdk-Date; `now` is only used when it does not.
    let now = Utc.timestamp_opt(0, 0).single().ok_or("epoch")?;
    let alg = SigningAlgorithm::HmacSha256;

    let first = sign(alg, ak, sk, &mut request.clone(), now)?;
    // As the client does: the key's HMAC state is derived once, then reused per request.
    let key = SigningKey::new(alg, sk)?;

    let started = Instant::now();
    let mut count: u64 = 0;
    loop {
        for _ in 0..256 {
            let mut req = black_box(&request).clone();
            black_box(sign_with(&key, ak, &mut req, now)?);
        }
        count += 256;
        if started.elapsed() >= budget {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();

    let out = json!({
        "authorization": first.authorization,
        "query": first.query,
        "signatures": count,
        "seconds": seconds,
        "per_second": count as f64 / seconds,
    });
    Ok(out)
}
