//! The transport against wiremock: signing, retries, error mapping, money safety, clock skew,
//! token refresh, redaction.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use huaweicloud_partner::clock::ManualClock;
use huaweicloud_partner::credentials::{Credentials, Token, TokenSource};
use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::funding::{AdjustOperationType, ListAdjustRecordsRequest};
use huaweicloud_partner::operation::{
    Idempotency, Operation, OperationSpec, RawResponse, RequestParts, SiteSupport,
};
use huaweicloud_partner::{AccessKey, ErrorKind, Result, SecretString, Service, Site};
use wiremock::matchers::{any, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use common::*;

const ADJUST_PATH: &str = "/v3/accounts/partner-accounts/adjust-records";

fn sample(name: &str) -> serde_json::Value {
    let p = format!(
        "{}/../../shared/api/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&p)
        .or_else(|_| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/samples/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
        })
        .unwrap_or_else(|e| panic!("{p}: {e}"));
    serde_json::from_str(&text).expect("json")
}

#[tokio::test]
async fn signs_query_and_decodes_a_sample() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ADJUST_PATH))
        .and(query_param("customer_id", "c 1+2"))
        .and(query_param("operation_type", "SOURCE_OPERATION_BEADJUST"))
        .and(query_param("operation_time_begin", "2024-06-01T00:00:00Z"))
        .and(query_param("limit", "50"))
        .and(header("X-Domain-Id", "dom-1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(sample("bss.list_partner_adjust_records.response.json"))
                .insert_header("X-Request-Id", "req-abc"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let req = ListAdjustRecordsRequest::new()
        .customer_id("c 1+2")
        .operation_type(AdjustOperationType::Grant)
        .operation_time_begin(Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap())
        .limit(50u32);
    let resp = client(&server)
        .funding()
        .list_adjust_records(&req)
        .await
        .expect("ok");
    assert_eq!(resp.total_count, Some(2));
    assert_eq!(
        resp.records[0].amount.map(|a| a.to_string()).as_deref(),
        Some("5000.00")
    );
    assert_eq!(
        resp.records[1].operation_type,
        Some(AdjustOperationType::Reclaim)
    );

    let received = server.received_requests().await.expect("recorded");
    assert_signed(&received[0]);
    let ua = received[0]
        .headers
        .get("user-agent")
        .expect("ua")
        .to_str()
        .expect("ascii");
    assert!(ua.starts_with("huaweicloud-partner-rust/"), "{ua}");
}

#[tokio::test]
async fn post_query_sends_the_catalogue_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/partners/sub-customers/query"))
        .and(body_json(
            serde_json::json!({"offset": 0, "limit": 2, "label": "east"}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(sample("bss.list_sub_customers.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let req = ListCustomersRequest::new()
        .offset(0u32)
        .limit(2u32)
        .label("east");
    let resp = client(&server).customers().list(&req).await.expect("ok");
    assert_eq!(resp.count, Some(2));
    assert_eq!(resp.customer_infos[0].account_name, "exa_analytics_01");
    assert_signed(&server.received_requests().await.expect("recorded")[0]);
}

#[tokio::test]
async fn invalid_input_never_reaches_the_server() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let c = client(&server);
    for bad in [0u32, 101] {
        let e = c
            .funding()
            .list_adjust_records(&ListAdjustRecordsRequest::new().limit(bad))
            .await
            .expect_err("invalid");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert_eq!(e.operation(), Some("list_partner_adjust_records"));
    }
    let t = Utc::now();
    let e = c
        .customers()
        .list(
            &ListCustomersRequest::new()
                .associated_on_begin(t)
                .associated_on_end(t - chrono::Duration::days(1)),
        )
        .await
        .expect_err("invalid");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn china_only_operations_are_unsupported_on_intl() {
    let server = MockServer::start().await;
    let c = builder(&server)
        .site(Site::International)
        .build()
        .expect("client");
    let e = c
        .funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect_err("unsupported");
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    assert!(server.received_requests().await.expect("rec").is_empty());
}

#[tokio::test]
async fn retries_each_retryable_status_then_gives_up() {
    for status in [429u16, 500, 502, 503, 504] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(status).set_body_json(
                    serde_json::json!({"error_code": "CBC.0999", "error_msg": "busy"}),
                ),
            )
            .expect(4)
            .mount(&server)
            .await;
        let e = client(&server)
            .funding()
            .list_adjust_records(&ListAdjustRecordsRequest::new())
            .await
            .expect_err("fails");
        assert_eq!(e.status(), Some(status));
        assert!(e.is_retryable(), "status {status}");
        assert_eq!(
            server.received_requests().await.expect("rec").len(),
            4,
            "status {status}"
        );
    }
}

#[tokio::test]
async fn non_retryable_statuses_are_sent_once() {
    for (status, kind) in [
        (400u16, ErrorKind::Api),
        (401, ErrorKind::Auth),
        (403, ErrorKind::PermissionDenied),
        (404, ErrorKind::NotFound),
    ] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        let e = client(&server)
            .funding()
            .list_adjust_records(&ListAdjustRecordsRequest::new())
            .await
            .expect_err("fails");
        assert_eq!(e.kind(), kind);
        assert!(!e.is_retryable());
        assert_eq!(server.received_requests().await.expect("rec").len(), 1);
    }
}

/// Fails `failures` times with `status`, then answers 200 with `body`.
struct FlakyThen {
    failures: usize,
    status: u16,
    extra_header: Option<(&'static str, String)>,
    body: serde_json::Value,
    seen: AtomicUsize,
}

impl Respond for FlakyThen {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.seen.fetch_add(1, Ordering::SeqCst) < self.failures {
            let mut t = ResponseTemplate::new(self.status).set_body_json(
                serde_json::json!({"error_code": "APIG.0308", "error_msg": "throttled"}),
            );
            if let Some((k, v)) = &self.extra_header {
                t = t.insert_header(*k, v.as_str());
            }
            t
        } else {
            ResponseTemplate::new(200).set_body_json(self.body.clone())
        }
    }
}

#[tokio::test]
async fn recovers_after_transient_failures_and_honours_retry_after() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(FlakyThen {
            failures: 2,
            status: 429,
            extra_header: Some(("Retry-After", "1".into())),
            body: serde_json::json!({"records": [], "total_count": 0}),
            seen: AtomicUsize::new(0),
        })
        .mount(&server)
        .await;
    let (logs, _guard) = capture_logs();
    let resp = client(&server)
        .funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect("third attempt succeeds");
    assert_eq!(resp.total_count, Some(0));
    assert_eq!(server.received_requests().await.expect("rec").len(), 3);
    let text = logs.text();
    // The backoff of the policy is at most 5 ms; only Retry-After explains 1000 ms.
    assert_eq!(text.matches("delay_ms=1000").count(), 2, "{text}");
}

#[test]
fn backoff_grows_and_is_capped() {
    let p = huaweicloud_partner::RetryPolicy {
        max_attempts: 10,
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_secs(1),
        max_elapsed: Duration::from_secs(60),
    };
    for _ in 0..100 {
        let d1 = p.backoff(1);
        assert!(
            d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100),
            "{d1:?}"
        );
        let d3 = p.backoff(3);
        assert!(
            d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400),
            "{d3:?}"
        );
        let d9 = p.backoff(9);
        assert!(
            d9 >= Duration::from_millis(500) && d9 <= Duration::from_secs(1),
            "{d9:?}"
        );
    }
}

/// A money-moving operation declared the way resource modules declare theirs.
struct Fund;

static FUND_SPEC: OperationSpec = OperationSpec {
    name: "update_customer_account_amount",
    service: Service::Bss,
    method: "POST",
    path: "/v2/accounts/partner-accounts/adjust-amount",
    idempotency: Idempotency::MovesMoney,
    sites: SiteSupport::Both,
};

impl Operation for Fund {
    type Output = serde_json::Value;

    fn spec(&self) -> &'static OperationSpec {
        &FUND_SPEC
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts::default();
        p.json_body(&serde_json::json!({"customer_id": "c1", "amount": 100.5}))?;
        Ok(p)
    }

    fn parse(&self, response: &RawResponse) -> Result<Self::Output> {
        response.json()
    }
}

#[tokio::test]
async fn money_movement_is_never_repeated_after_sending() {
    // 5xx, timeout, and an unreadable success: each is "outcome unknown" after one request.
    let cases: Vec<ResponseTemplate> = vec![
        ResponseTemplate::new(500),
        ResponseTemplate::new(503),
        ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
        ResponseTemplate::new(200).set_body_raw("{\"truncated", "application/json"),
    ];
    for template in cases {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(template)
            .mount(&server)
            .await;
        let c = builder(&server)
            .timeout(Duration::from_millis(500))
            .build()
            .expect("client");
        let e = c.execute(&Fund).await.expect_err("unknown");
        assert_eq!(e.kind(), ErrorKind::OutcomeUnknown, "{e}");
        assert!(!e.is_retryable());
        let pending = e.pending().expect("pending");
        assert_eq!(pending.operation, "update_customer_account_amount");
        assert_eq!(pending.body.as_ref().expect("body")["customer_id"], "c1");
        assert_eq!(server.received_requests().await.expect("rec").len(), 1);
    }
}

#[tokio::test]
async fn money_movement_is_retried_when_throttled_or_never_sent() {
    // 429 is the gateway refusing the request: nothing was applied, so it is sent again.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(FlakyThen {
            failures: 1,
            status: 429,
            extra_header: None,
            body: serde_json::json!({"ok": true}),
            seen: AtomicUsize::new(0),
        })
        .mount(&server)
        .await;
    client(&server)
        .execute(&Fund)
        .await
        .expect("second attempt succeeds");
    assert_eq!(server.received_requests().await.expect("rec").len(), 2);

    // A refused connection never reached anything: retryable, not "outcome unknown".
    let c = huaweicloud_partner::Client::builder()
        .endpoint("http://127.0.0.1:1")
        .access_key(AccessKey::new(AK, SK).expect("key"))
        .retry(fast_retry(2))
        .build()
        .expect("client");
    let e = c.execute(&Fund).await.expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::Connection);
    assert!(e.is_retryable());
}

#[tokio::test]
async fn each_error_shape_is_mapped() {
    let cases = [
        ("error.bss.cbc.json", 400u16, ErrorKind::Api, "CBC.0100"),
        (
            "error.apig.throttled.json",
            429,
            ErrorKind::RateLimited,
            "APIG.0308",
        ),
        ("error.iam.keystone.json", 401, ErrorKind::Auth, "401"),
        ("error.iam.service.json", 400, ErrorKind::Api, "IAM.0007"),
    ];
    for (file, status, kind, code) in cases {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(sample(file))
                    .insert_header("X-Request-Id", "rid-1"),
            )
            .mount(&server)
            .await;
        let c = builder(&server)
            .retry(fast_retry(1))
            .build()
            .expect("client");
        let e = c
            .funding()
            .list_adjust_records(&ListAdjustRecordsRequest::new())
            .await
            .expect_err("error");
        assert_eq!(e.kind(), kind, "{file}");
        assert_eq!(e.code(), Some(code), "{file}");
        assert_eq!(e.status(), Some(status));
        assert_eq!(e.request_id(), Some("rid-1"));
        assert!(!e.message().is_empty());
    }

    // A gateway's HTML page: status kept, body excerpt bounded.
    let server = MockServer::start().await;
    let html = format!("<html>{}</html>", "x".repeat(10_000));
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html"))
        .mount(&server)
        .await;
    let c = builder(&server)
        .retry(fast_retry(1))
        .build()
        .expect("client");
    let e = c
        .funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect_err("e");
    assert_eq!(e.kind(), ErrorKind::Server);
    assert_eq!(e.code(), None);
    assert!(e.body_excerpt().expect("excerpt").chars().count() <= 513);
}

#[tokio::test]
async fn decode_errors_name_the_field() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                serde_json::json!({"records": [{"amount": "12,5"}], "total_count": 1}),
            ),
        )
        .mount(&server)
        .await;
    let e = client(&server)
        .funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect_err("decode");
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(e.message().contains("records[0].amount"), "{e}");
    assert!(e.body_excerpt().expect("excerpt").contains("12,5"));
}

/// Rejects the first request as signed with a clock an hour behind the server's.
struct SkewedServer {
    server_time: chrono::DateTime<Utc>,
    seen: AtomicUsize,
}

impl Respond for SkewedServer {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let date = req
            .headers
            .get("x-sdk-date")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let signed = huaweicloud_partner::signer::parse_sdk_date(date).expect("date");
        self.seen.fetch_add(1, Ordering::SeqCst);
        if (signed - self.server_time).num_minutes().abs() > 15 {
            ResponseTemplate::new(401)
                .insert_header(
                    "Date",
                    self.server_time.to_rfc2822().replace("+0000", "GMT"),
                )
                .set_body_json(serde_json::json!({
                    "error_code": "APIG.0301", "error_msg": "Signature expired"}))
        } else {
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"records": []}))
        }
    }
}

#[tokio::test]
async fn learns_clock_skew_from_a_rejected_signature() {
    let server = MockServer::start().await;
    let server_time = Utc::now();
    Mock::given(any())
        .respond_with(SkewedServer {
            server_time,
            seen: AtomicUsize::new(0),
        })
        .mount(&server)
        .await;
    // Our clock is an hour behind.
    let clock = ManualClock::new(server_time - chrono::Duration::hours(1));
    let c = builder(&server)
        .clock(Arc::new(clock))
        .build()
        .expect("client");
    c.funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect("corrected");
    // Later requests are signed with the corrected clock straight away.
    c.funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect("ok");
    let received = server.received_requests().await.expect("rec");
    assert_eq!(received.len(), 3);
    let d = |i: usize| {
        received[i].headers["x-sdk-date"]
            .to_str()
            .expect("ascii")
            .to_owned()
    };
    assert_ne!(d(0), d(1), "a retry is signed afresh");
}

#[tokio::test]
async fn every_attempt_is_signed_afresh() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    /// A clock that moves one second per reading.
    #[derive(Debug)]
    struct Ticking(ManualClock);
    impl huaweicloud_partner::clock::Clock for Ticking {
        fn now(&self) -> chrono::DateTime<Utc> {
            self.0.advance(chrono::Duration::seconds(1));
            huaweicloud_partner::clock::Clock::now(&self.0)
        }
    }
    let clock = Ticking(ManualClock::new(Utc::now()));
    let c = builder(&server)
        .clock(Arc::new(clock))
        .build()
        .expect("client");
    let _ = c
        .funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await;
    let received = server.received_requests().await.expect("rec");
    assert_eq!(received.len(), 4);
    let mut dates: Vec<_> = received
        .iter()
        .map(|r| r.headers["x-sdk-date"].clone())
        .collect();
    dates.dedup();
    assert_eq!(dates.len(), 4, "each attempt has its own X-Sdk-Date");
    let sigs: std::collections::HashSet<_> = received
        .iter()
        .map(|r| r.headers["authorization"].clone())
        .collect();
    assert_eq!(sigs.len(), 4);
}

/// Hands out numbered tokens and counts invalidations.
#[derive(Debug, Default)]
struct CountingTokens {
    issued: AtomicUsize,
    invalidated: AtomicUsize,
}

#[async_trait]
impl TokenSource for CountingTokens {
    async fn token(&self) -> Result<Token> {
        let n = self.issued.load(Ordering::SeqCst);
        Ok(Token {
            value: SecretString::new(format!("token-{n}")),
            expires_at: None,
        })
    }

    async fn invalidate(&self, _token: &Token) {
        self.invalidated.fetch_add(1, Ordering::SeqCst);
        self.issued.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once() {
    let server = MockServer::start().await;
    Mock::given(header("X-Auth-Token", "token-0"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error_code": "APIG.0301", "error_msg": "x_auth_token is expired"})))
        .mount(&server)
        .await;
    Mock::given(header("X-Auth-Token", "token-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"records": []})))
        .mount(&server)
        .await;
    let tokens = Arc::new(CountingTokens::default());
    let c = builder(&server)
        .credentials(Credentials::Token(tokens.clone()))
        .build()
        .expect("client");
    c.funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect("refreshed");
    assert_eq!(tokens.invalidated.load(Ordering::SeqCst), 1);
    let received = server.received_requests().await.expect("rec");
    assert_eq!(received.len(), 2);
    assert!(received
        .iter()
        .all(|r| r.headers.get("authorization").is_none()));

    // A token that stays rejected is refreshed only once.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error_code": "APIG.0301", "error_msg": "token invalid"})))
        .mount(&server)
        .await;
    let tokens = Arc::new(CountingTokens::default());
    let c = builder(&server)
        .credentials(Credentials::Token(tokens.clone()))
        .build()
        .expect("c");
    let e = c
        .funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect_err("x");
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(tokens.invalidated.load(Ordering::SeqCst), 1);
    assert_eq!(server.received_requests().await.expect("rec").len(), 2);
}

#[tokio::test]
async fn secrets_never_appear_in_logs_debug_or_errors() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_body_json(
            serde_json::json!({"error_code": "CBC.0999", "error_msg": "other error"}),
        ))
        .mount(&server)
        .await;
    let key = AccessKey::new(AK, SK)
        .expect("key")
        .with_security_token(SECURITY_TOKEN);
    let c = builder(&server)
        .access_key(key.clone())
        .build()
        .expect("client");
    let (logs, _guard) = capture_logs();
    let e = c
        .funding()
        .list_adjust_records(&ListAdjustRecordsRequest::new())
        .await
        .expect_err("fails");
    let received = server.received_requests().await.expect("rec");
    let signature = received[0].headers["authorization"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let signature = signature.rsplit('=').next().expect("sig").to_owned();

    let haystacks = [
        logs.text(),
        format!("{e:?}"),
        e.to_string(),
        format!("{c:?}"),
        format!("{key:?}"),
        format!("{:?}", Credentials::AccessKey(key.clone())),
    ];
    assert!(
        logs.text().contains("hcp.request"),
        "spans are logged: {}",
        logs.text()
    );
    for text in haystacks {
        for secret in [SK, SECURITY_TOKEN, signature.as_str()] {
            assert!(
                !text.contains(secret),
                "secret {secret:?} leaked into: {text}"
            );
        }
    }
}
