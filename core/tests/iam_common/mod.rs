//! Helpers shared by the IAM integration tests: numbered token answers on a manual clock.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use huaweicloud_partner::clock::{Clock, ManualClock};
use huaweicloud_partner::{Client, ClientBuilder, RateLimitPolicy, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, header_regex, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const USER: &str = "sandbox_partner";
pub const PASSWORD: &str = "Sandbox@Passw0rd1";
pub const DOMAIN: &str = "sandbox_partner";
pub const PLATFORM: &str = "sandbox_IDP";
pub const CUSTOMERS_PATH: &str = "/v2/partners/sub-customers/query";

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 3, 8, 30, 12).unwrap()
}

pub fn iam_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub fn fixture(name: &str) -> Value {
    let p = format!("{}/tests/fixtures/iam/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
    serde_json::from_str(&text).expect("json")
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_elapsed: Duration::from_secs(30),
    }
}

/// A client builder for `server` on `clock`, without credentials.
pub fn base(server: &MockServer, clock: &ManualClock) -> ClientBuilder {
    Client::builder()
        .endpoint(server.uri())
        .clock(Arc::new(clock.clone()))
        .retry(fast_retry())
        .rate_limit(RateLimitPolicy::disabled())
        .timeout(Duration::from_secs(10))
}

/// The partner: password tokens for the sandbox user, agency = the sandbox platform id.
pub fn partner(server: &MockServer, clock: &ManualClock) -> Client {
    base(server, clock)
        .password_auth(USER, PASSWORD, DOMAIN)
        .agency_name(PLATFORM)
        .build()
        .expect("client")
}

/// Answers with token `<prefix>-<n>` (n from 1), valid 24 h from the clock's now.
pub struct NumberedTokens {
    pub prefix: fn(&Request) -> String,
    pub count: Arc<AtomicUsize>,
    pub clock: ManualClock,
    pub methods: &'static str,
    pub delay: Option<Duration>,
}

impl Respond for NumberedTokens {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let n = self.count.fetch_add(1, Ordering::SeqCst) + 1;
        let now = self.clock.now();
        let mut t = ResponseTemplate::new(201)
            .insert_header("X-Subject-Token", format!("{}-{n}", (self.prefix)(request)))
            .insert_header("X-IAM-Trace-Id", format!("trace-{n}"))
            .set_body_json(json!({"token": {
                "catalog": [],
                "expires_at": iam_time(now + chrono::Duration::hours(24)),
                "issued_at": iam_time(now),
                "methods": [self.methods],
                "roles": [{"name": "te_admin", "id": "0"}],
                "domain": {"name": DOMAIN, "id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"},
                "user": {"name": USER, "id": "u1", "password_expires_at": "",
                         "domain": {"name": DOMAIN, "id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}},
            }}));
        if let Some(d) = self.delay {
            t = t.set_delay(d);
        }
        t
    }
}

/// Mounts the password-token answer (tokens `partner-<n>`); returns the request counter.
pub async fn mount_password(
    server: &MockServer,
    clock: &ManualClock,
    delay: Option<Duration>,
) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(query_param("nocatalog", "true"))
        .and(body_partial_json(json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": USER, "password": PASSWORD, "domain": {"name": DOMAIN}}}},
            "scope": {"domain": {"name": DOMAIN}}}})))
        .respond_with(NumberedTokens {
            prefix: |_| "partner".to_owned(),
            count: Arc::clone(&count),
            clock: clock.clone(),
            methods: "password",
            delay,
        })
        .mount(server)
        .await;
    count
}

fn agency_prefix(r: &Request) -> String {
    let body: Value = serde_json::from_slice(&r.body).expect("json");
    let role = &body["auth"]["identity"]["assume_role"];
    let who = role["domain_name"]
        .as_str()
        .or_else(|| role["domain_id"].as_str())
        .unwrap_or("none");
    let scope = &body["auth"]["scope"];
    let scope = scope["project"]["name"]
        .as_str()
        .or_else(|| scope["domain"]["name"].as_str())
        .unwrap_or("none");
    format!("agency-{who}-{scope}")
}

/// Mounts the agency-token answer (tokens `agency-<customer>-<scope>-<n>`), sent with a
/// partner token; returns the request counter.
pub async fn mount_agency(server: &MockServer, clock: &ManualClock) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(header_regex("X-Auth-Token", "^partner-[0-9]+$"))
        .and(body_partial_json(json!({"auth": {"identity": {
            "methods": ["assume_role"], "assume_role": {"agency_name": PLATFORM}}}})))
        .respond_with(NumberedTokens {
            prefix: agency_prefix,
            count: Arc::clone(&count),
            clock: clock.clone(),
            methods: "assume_role",
            delay: None,
        })
        .mount(server)
        .await;
    count
}

/// Mounts an empty customer list for any caller.
pub async fn mount_customers(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path(CUSTOMERS_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"customer_infos": [], "count": 0})),
        )
        .mount(server)
        .await;
}

/// The `X-Auth-Token` values of the requests received on `path`, in order.
pub async fn tokens_sent(server: &MockServer, on: &str) -> Vec<String> {
    server
        .received_requests()
        .await
        .expect("recording")
        .iter()
        .filter(|r| r.url.path() == on)
        .filter_map(|r| r.headers.get("x-auth-token"))
        .map(|v| v.to_str().expect("ascii").to_owned())
        .collect()
}

pub fn count(c: &AtomicUsize) -> usize {
    c.load(Ordering::SeqCst)
}
