//! Token substitution against wiremock: per-customer caching, renewal, clear errors, and no
//! secret in Debug output or logs.

mod common;
mod iam_common;

use chrono::Duration as Span;
use futures::future::join_all;
use huaweicloud_partner::auth::iam::{
    AgencyTokenSource, CustomerRef, PasswordTokenRequest, PasswordTokenSource, Scope,
    TemporaryKeyByTokenRequest, ValidateTokenRequest,
};
use huaweicloud_partner::clock::ManualClock;
use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::{Client, ErrorKind, TokenSource};
use serde_json::json;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use iam_common::*;

async fn list(client: &Client) -> huaweicloud_partner::Result<()> {
    client
        .customers()
        .list(&ListCustomersRequest::new())
        .await
        .map(|_| ())
}

fn domain(name: &str) -> (CustomerRef, Scope) {
    (CustomerRef::domain_name(name), Scope::domain_name(name))
}

#[tokio::test]
async fn one_agency_token_per_customer_and_scope() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let passwords = mount_password(&server, &clock, None).await;
    let agencies = mount_agency(&server, &clock).await;
    mount_customers(&server).await;
    let partner = partner(&server, &clock);

    let (c, s) = domain("cust_a");
    let a1 = partner.for_customer(c, s).await.expect("customer a");
    let (c, s) = domain("cust_b");
    let b = partner.for_customer(c, s).await.expect("customer b");
    let (c, s) = domain("cust_a");
    let a2 = partner.clone().for_customer(c, s).await.expect("a again");
    assert_eq!(count(&agencies), 2, "two customers, two agency tokens");
    assert_eq!(count(&passwords), 1, "one partner token for both");

    list(&a1).await.expect("a1");
    list(&b).await.expect("b");
    list(&a2).await.expect("a2");
    list(&partner).await.expect("the partner itself");
    assert_eq!(
        tokens_sent(&server, CUSTOMERS_PATH).await,
        [
            "agency-cust_a-cust_a-1",
            "agency-cust_b-cust_b-2",
            "agency-cust_a-cust_a-1",
            "partner-1"
        ]
    );

    // Another scope of the same customer is another token.
    partner
        .for_customer(
            CustomerRef::domain_name("cust_a"),
            Scope::project_name("cn-north-4"),
        )
        .await
        .expect("project scope");
    assert_eq!(count(&agencies), 3);

    // Concurrent requests for a new customer share one agency token request.
    let calls = (0..10).map(|_| {
        partner.for_customer(
            CustomerRef::domain_id("0123456789abcdef"),
            Scope::domain_id("0123456789abcdef"),
        )
    });
    for r in join_all(calls).await {
        r.expect("customer by id");
    }
    assert_eq!(count(&agencies), 4);

    let bodies: Vec<serde_json::Value> = server
        .received_requests()
        .await
        .expect("rec")
        .iter()
        .filter(|r| r.url.path() == "/v3/auth/tokens")
        .map(|r| serde_json::from_slice(&r.body).expect("json"))
        .collect();
    assert_eq!(
        bodies.last().expect("agency request")["auth"],
        json!({
            "identity": {"methods": ["assume_role"], "assume_role": {
                "domain_id": "0123456789abcdef", "agency_name": PLATFORM}},
            "scope": {"domain": {"id": "0123456789abcdef"}},
        })
    );
}

#[tokio::test]
async fn agency_tokens_are_renewed_like_any_token() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let passwords = mount_password(&server, &clock, None).await;
    let agencies = mount_agency(&server, &clock).await;
    // The first agency token is rejected as expired once it is used.
    Mock::given(method("POST"))
        .and(path(CUSTOMERS_PATH))
        .and(header("X-Auth-Token", "agency-cust_a-cust_a-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error_code": "APIG.0301", "error_msg": "x_auth_token is expired"}),
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    mount_customers(&server).await;
    let partner = partner(&server, &clock);
    let (c, s) = domain("cust_a");
    let a = partner.for_customer(c, s).await.expect("customer");
    list(&a).await.expect("renewed after the 401 and retried");
    assert_eq!(count(&agencies), 2);

    clock.advance(Span::hours(23) + Span::minutes(1));
    list(&a).await.expect("renewed before expiry");
    assert_eq!(count(&agencies), 3);
    assert_eq!(count(&passwords), 2, "the partner token was due as well");
    assert_eq!(
        tokens_sent(&server, CUSTOMERS_PATH).await,
        [
            "agency-cust_a-cust_a-1",
            "agency-cust_a-cust_a-2",
            "agency-cust_a-cust_a-3"
        ]
    );
    let agency_calls: Vec<String> = server
        .received_requests()
        .await
        .expect("rec")
        .iter()
        .filter(|r| r.url.path() == "/v3/auth/tokens" && r.headers.get("x-auth-token").is_some())
        .map(|r| {
            r.headers["x-auth-token"]
                .to_str()
                .expect("ascii")
                .to_owned()
        })
        .collect();
    assert_eq!(agency_calls, ["partner-1", "partner-1", "partner-2"]);
}

#[tokio::test]
async fn missing_agencies_and_permissions_are_clear_errors() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    mount_password(&server, &clock, None).await;
    let reject = |domain: &str, status: u16, body: serde_json::Value| {
        Mock::given(method("POST"))
            .and(path("/v3/auth/tokens"))
            .and(body_partial_json(json!({"auth": {"identity": {
                "assume_role": {"domain_name": domain}}}})))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(body)
                    .insert_header("X-IAM-Trace-Id", "trace-err"),
            )
            .with_priority(1)
    };
    reject(
        "ghost",
        404,
        json!({"error": {"code": 404, "message": "Could not find domain: ghost.",
            "title": "Not Found"}}),
    )
    .mount(&server)
    .await;
    reject(
        "locked",
        403,
        json!({"error": {"code": 403,
            "message": "You are not authorized to perform the requested action.",
            "title": "Forbidden"}}),
    )
    .mount(&server)
    .await;
    reject(
        "cust_a",
        400,
        json!({"error_code": "IAM.0007", "error_msg": "Request parameter agency_name is invalid."}),
    )
    .mount(&server)
    .await;
    let partner = partner(&server, &clock);

    let (c, s) = domain("ghost");
    let e = partner
        .for_customer(c, s)
        .await
        .expect_err("no such customer");
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert!(
        e.message()
            .starts_with("agency sandbox_IDP not found in customer ghost"),
        "{e}"
    );
    assert!(e.message().contains("Could not find domain"), "{e}");
    assert_eq!(e.status(), Some(404));
    assert_eq!(e.code(), Some("404"));
    assert_eq!(e.request_id(), Some("trace-err"));
    assert_eq!(e.operation(), Some("keystone_create_agency_token"));

    let (c, s) = domain("cust_a");
    let e = partner
        .for_customer_with_agency(c, "other_platform", s)
        .await
        .expect_err("no such agency");
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert!(
        e.message()
            .starts_with("agency other_platform not found in customer cust_a"),
        "{e}"
    );
    assert_eq!(e.code(), Some("IAM.0007"));

    let (c, s) = domain("locked");
    let e = partner.for_customer(c, s).await.expect_err("not allowed");
    assert_eq!(e.kind(), ErrorKind::PermissionDenied);
    assert!(
        e.message()
            .contains("may not act through agency sandbox_IDP in customer locked"),
        "{e}"
    );
    assert!(!e.is_retryable());

    // Configuration and input problems are reported before anything is sent.
    let before = server.received_requests().await.expect("rec").len();
    let no_agency = base(&server, &clock)
        .password_auth(USER, PASSWORD, DOMAIN)
        .build()
        .expect("client");
    let (c, s) = domain("cust_a");
    let e = no_agency.for_customer(c, s).await.expect_err("no agency");
    assert_eq!(e.kind(), ErrorKind::Config);
    let e = partner
        .for_customer(CustomerRef::domain_name(" "), Scope::domain_name("x"))
        .await
        .expect_err("empty customer");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let e = partner
        .for_customer(CustomerRef::domain_name("x"), Scope::project_id(""))
        .await
        .expect_err("empty scope");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert_eq!(server.received_requests().await.expect("rec").len(), before);
}

#[tokio::test]
async fn secrets_never_show_in_debug_output_errors_or_logs() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    mount_password(&server, &clock, None).await;
    mount_agency(&server, &clock).await;
    mount_customers(&server).await;
    Mock::given(method("POST"))
        .and(path("/v3.0/OS-CREDENTIAL/securitytokens"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"credential": {
            "access": "HSTTEMPAK", "secret": "temp-secret-key-xyz",
            "securitytoken": "temp-security-token-xyz",
            "expires_at": "2024-06-03T09:30:12.000000Z"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/auth/tokens"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error_code": "IAM.0009",
            "error_msg": "X-Subject-Token is invalid or expired in the request."})))
        .mount(&server)
        .await;

    let (logs, _guard) = common::capture_logs();
    let builder = base(&server, &clock)
        .password_auth(USER, PASSWORD, DOMAIN)
        .agency_name(PLATFORM);
    let builder_dbg = format!("{builder:?}");
    let partner = builder.build().expect("client");
    let (c, s) = domain("cust_a");
    let customer = partner.for_customer(c, s).await.expect("customer");
    list(&customer).await.expect("customer call");
    let keys = partner
        .iam()
        .create_temporary_access_key_by_token(&TemporaryKeyByTokenRequest::new())
        .await
        .expect("keys");
    let validate_err = partner
        .iam()
        .validate_token(&ValidateTokenRequest::new("subject-token-xyz"))
        .await
        .expect_err("invalid");
    assert_eq!(validate_err.kind(), ErrorKind::NotFound);
    assert_eq!(validate_err.code(), Some("IAM.0009"));

    let source =
        PasswordTokenSource::new(&partner, PasswordTokenRequest::new(USER, PASSWORD, DOMAIN));
    source.token().await.expect("token");
    let agency = AgencyTokenSource::new(
        &partner,
        huaweicloud_partner::auth::iam::AgencyTokenRequest::new(
            CustomerRef::domain_name("cust_b"),
            PLATFORM,
            Scope::domain_name("cust_b"),
        ),
    )
    .expect("source");
    agency.token().await.expect("agency token");

    // Wrong password: the error must not echo it either.
    let wrong = base(&server, &clock)
        .password_auth(USER, "Wrong@Passw0rd9", DOMAIN)
        .build()
        .expect("client");
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(body_partial_json(
            json!({"auth": {"identity": {"password": {"user": {
            "password": "Wrong@Passw0rd9"}}}}}),
        ))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": {
            "code": 401, "message": "The username or password is wrong.",
            "title": "Unauthorized"}})))
        .mount(&server)
        .await;
    let wrong_err = list(&wrong).await.expect_err("wrong password");
    assert_eq!(wrong_err.kind(), ErrorKind::Auth);

    let text = logs.text();
    assert!(text.contains("hcp.request"), "spans are logged: {text}");
    assert!(text.contains("keystone_create_agency_token"), "{text}");
    let haystacks = [
        text,
        builder_dbg,
        format!("{partner:?}"),
        format!("{customer:?}"),
        format!("{keys:?}"),
        format!("{source:?}"),
        format!("{agency:?}"),
        format!("{validate_err:?} {validate_err}"),
        format!("{wrong_err:?} {wrong_err}"),
        format!("{wrong:?}"),
        format!("{:?}", PasswordTokenRequest::new(USER, PASSWORD, DOMAIN)),
    ];
    let secrets = [
        PASSWORD,
        "Wrong@Passw0rd9",
        "partner-1",
        "partner-2",
        "agency-cust_a-cust_a-1",
        "agency-cust_b-cust_b",
        "temp-secret-key-xyz",
        "temp-security-token-xyz",
        "subject-token-xyz",
    ];
    for h in &haystacks {
        for s in secrets {
            assert!(!h.contains(s), "{s} leaked into: {h}");
        }
    }
    // The keys still work for their holder.
    assert_eq!(keys.secret.expose(), "temp-secret-key-xyz");
}
