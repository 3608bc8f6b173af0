//! Fault injection, counters, rate limiting and the blocking handle.

use std::io::{Read, Write};

use huaweicloud_partner_sandbox::{Fault, Sandbox, SandboxConfig};
use serde_json::json;

use crate::common::*;

const LIST: &str = "/v2/partners/sub-customers/query";
const OP: &str = "list_sub_customers";

#[tokio::test]
async fn error_fault_then_recovery_and_counters() {
    let sb = start().await;
    let p = partner(&sb);
    sb.inject(Fault::error(OP, 2, 503, "CBC.0999"));
    for _ in 0..2 {
        let r = send(&sb, &p, "POST", LIST, &[], Some(json!({}))).await;
        assert_eq!((r.status, r.code()), (503, "CBC.0999"));
        assert!(r.request_id.is_some());
    }
    let r = send(&sb, &p, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!(r.status, 200);
    assert_eq!(sb.request_count(OP), 3);
    assert_eq!(sb.request_count("create_sub_customer"), 0);

    let admin = reqwest::Client::new();
    let url = format!("{}/__sandbox/requests?operation={OP}", sb.base_url());
    let v: serde_json::Value = admin
        .get(url)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["count"], 3);
}

#[tokio::test]
async fn admin_endpoints_inject_and_clear_faults() {
    let sb = start().await;
    let p = partner(&sb);
    let admin = reqwest::Client::new();
    let faults = format!("{}/__sandbox/faults", sb.base_url());
    let f = json!({ "operation": OP, "count": 5, "status": 429, "delay_ms": 0,
        "drop": false, "truncate": false, "error_code": "APIG.0308" });
    let resp = admin.post(&faults).json(&f).send().await.expect("post");
    assert_eq!(resp.status().as_u16(), 201);
    assert!(resp.headers().contains_key("x-request-id"));
    let r = send(&sb, &p, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!((r.status, r.code()), (429, "APIG.0308"));
    admin.delete(&faults).send().await.expect("delete");
    let r = send(&sb, &p, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!(r.status, 200);

    let clock = format!("{}/__sandbox/clock", sb.base_url());
    let v: serde_json::Value = admin
        .post(clock)
        .json(&json!({ "offset_seconds": 90000 }))
        .send()
        .await
        .expect("clock")
        .json()
        .await
        .expect("json");
    assert_eq!(v["offset_seconds"], 90000);
    assert_eq!(sb.clock_offset(), 90000);
}

#[tokio::test]
async fn dropped_connection_and_truncated_body() {
    let sb = start().await;
    let p = partner(&sb);
    sb.inject(Fault::drop_connection(OP, 1));
    let e = send_at(
        &sb,
        &p,
        "POST",
        LIST,
        &[],
        Some(json!({})),
        chrono::Utc::now(),
    )
    .await;
    assert!(e.is_err(), "dropped connection must fail: {e:?}");

    sb.inject(Fault::truncate(OP, 1));
    let e = send_at(
        &sb,
        &p,
        "POST",
        LIST,
        &[],
        Some(json!({})),
        chrono::Utc::now(),
    )
    .await;
    assert!(e.is_err(), "truncated body must fail: {e:?}");

    let r = send(&sb, &p, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!(r.status, 200);
    assert_eq!(sb.request_count(OP), 3);
}

#[tokio::test]
async fn delay_fault_outlasts_a_short_client_timeout() {
    let sb = start().await;
    sb.inject(Fault::delay("keystone_list_auth_domains", 1, 3_000));
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_millis(300))
        .build()
        .expect("client");
    let url = format!("{}/v3/auth/domains", sb.base_url());
    let e = client.get(&url).header("X-Auth-Token", "x").send().await;
    assert!(e.expect_err("times out").is_timeout());
}

#[tokio::test]
async fn rate_limit_answers_apig_0308() {
    let sb = start_with(SandboxConfig::default().rate_limit(true)).await;
    let p = partner(&sb);
    let mut throttled = None;
    for _ in 0..200 {
        let r = send(&sb, &p, "POST", LIST, &[], Some(json!({}))).await;
        if r.status == 429 {
            throttled = Some(r);
            break;
        }
    }
    let r = throttled.expect("a 429 within 200 calls");
    assert_eq!(r.code(), "APIG.0308");
    assert!(r.body["error_msg"]
        .as_str()
        .unwrap_or("")
        .contains("limit:10"));
}

#[test]
fn blocking_handle_serves_and_stops_on_drop() {
    let handle = Sandbox::start_blocking(SandboxConfig::default()).expect("start");
    let addr = handle.base_url().trim_start_matches("http://").to_owned();
    let mut s = std::net::TcpStream::connect(&addr).expect("connect");
    write!(
        s,
        "GET /__sandbox/clock HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    drop(handle);
    assert!(std::net::TcpStream::connect(&addr).is_err());
}

#[tokio::test]
async fn truncated_answer_has_status_headers_and_half_a_body() {
    let sb = start().await;
    let token = password_token(&sb).await;
    sb.inject(Fault::truncate(OP, 1));
    let addr = sb.base_url().trim_start_matches("http://").to_owned();
    let raw = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        let body = "{}";
        write!(
            s,
            "POST {LIST} HTTP/1.1\r\nHost: {addr}\r\nX-Auth-Token: {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        out
    })
    .await
    .expect("join");
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("headers");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(str::to_owned)
        })
        .and_then(|v| v.trim().parse().ok())
        .expect("content-length");
    assert!(
        !body.is_empty() && body.len() < length,
        "{} of {length}",
        body.len()
    );
}
