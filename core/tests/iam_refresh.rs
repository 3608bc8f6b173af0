//! Token sources against wiremock: single-flight refresh, expiry on an injected clock, and the
//! transport's refresh-once on a token-expired answer.

mod iam_common;

use std::sync::Arc;
use std::time::Duration;

use chrono::Duration as Span;
use futures::future::join_all;
use huaweicloud_partner::auth::iam::{PasswordTokenRequest, PasswordTokenSource, Scope};
use huaweicloud_partner::clock::ManualClock;
use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::{Client, Credentials, ErrorKind, TokenSource};
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_callers_share_one_refresh() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    // The answer is slow so that all callers are waiting while it is on its way.
    let issued = mount_password(&server, &clock, Some(Duration::from_millis(300))).await;
    mount_customers(&server).await;
    let client = partner(&server, &clock);

    let calls = (0..50).map(|_| {
        let c = client.clone();
        tokio::spawn(async move { list(&c).await })
    });
    for r in join_all(calls).await {
        r.expect("task").expect("call succeeds");
    }
    assert_eq!(count(&issued), 1, "exactly one token request");
    let sent = tokens_sent(&server, CUSTOMERS_PATH).await;
    assert_eq!(sent.len(), 50);
    assert!(sent.iter().all(|t| t == "partner-1"), "{sent:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_token_calls_on_a_source_share_one_request() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let issued = mount_password(&server, &clock, Some(Duration::from_millis(300))).await;
    let base = base(&server, &clock).build().expect("client");
    let source = Arc::new(PasswordTokenSource::new(
        &base,
        PasswordTokenRequest::new(USER, PASSWORD, DOMAIN),
    ));
    let calls = (0..50).map(|_| {
        let s = Arc::clone(&source);
        tokio::spawn(async move { s.token().await })
    });
    for r in join_all(calls).await {
        let t = r.expect("task").expect("token");
        assert_eq!(t.value.expose(), "partner-1");
        assert_eq!(t.expires_at, Some(t0() + Span::hours(24)));
    }
    assert_eq!(count(&issued), 1);
    assert_eq!(source.expires_at(), Some(t0() + Span::hours(24)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_refresh_is_shared_by_the_callers_waiting_for_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": {"code": 401,
                    "message": "The username or password is wrong.", "title": "Unauthorized"}}))
                .set_delay(Duration::from_millis(300)),
        )
        .mount(&server)
        .await;
    let clock = ManualClock::new(t0());
    let client = partner(&server, &clock);
    let calls = (0..20).map(|_| {
        let c = client.clone();
        tokio::spawn(async move { list(&c).await })
    });
    for r in join_all(calls).await {
        let e = r.expect("task").expect_err("wrong password");
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert_eq!(e.code(), Some("401"));
        assert_eq!(e.status(), Some(401));
        assert_eq!(e.operation(), Some("list_sub_customers"));
        assert!(
            e.message().starts_with(
                "obtaining a token for IAM user sandbox_partner \
                 (keystone_create_user_token_by_password): The username or password is wrong."
            ),
            "{e}"
        );
    }
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 1, "one request for twenty callers");
    // A later caller tries again rather than getting a stale failure.
    list(&client).await.expect_err("still wrong");
    assert_eq!(server.received_requests().await.expect("rec").len(), 2);
}

#[tokio::test]
async fn a_token_is_renewed_once_less_than_the_margin_is_left() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let issued = mount_password(&server, &clock, None).await;
    mount_customers(&server).await;
    let client = partner(&server, &clock);

    list(&client).await.expect("first");
    clock.advance(Span::hours(22));
    list(&client).await.expect("still fresh");
    assert_eq!(count(&issued), 1);
    clock.advance(Span::minutes(61)); // 57 minutes left: inside the default 1 h margin
    list(&client).await.expect("renewed");
    assert_eq!(count(&issued), 2);
    list(&client).await.expect("cached again");
    assert_eq!(count(&issued), 2);
    assert_eq!(
        tokens_sent(&server, CUSTOMERS_PATH).await,
        ["partner-1", "partner-1", "partner-2", "partner-2"]
    );
}

#[tokio::test]
async fn the_refresh_margin_is_configurable() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let issued = mount_password(&server, &clock, None).await;
    mount_customers(&server).await;
    let client = base(&server, &clock)
        .password_auth(USER, PASSWORD, DOMAIN)
        .token_refresh_margin(Duration::from_secs(3 * 3600))
        .build()
        .expect("client");
    list(&client).await.expect("first");
    clock.advance(Span::hours(20) + Span::minutes(30));
    list(&client).await.expect("fresh");
    assert_eq!(count(&issued), 1);
    clock.advance(Span::minutes(31)); // 2 h 59 min left: inside the 3 h margin
    list(&client).await.expect("renewed");
    assert_eq!(count(&issued), 2);
}

#[tokio::test]
async fn a_token_expired_answer_renews_the_token_and_retries_once() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let issued = mount_password(&server, &clock, None).await;
    Mock::given(method("POST"))
        .and(path(CUSTOMERS_PATH))
        .and(header("X-Auth-Token", "partner-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error_code": "APIG.0301", "error_msg": "x_auth_token is expired"}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(CUSTOMERS_PATH))
        .and(header("X-Auth-Token", "partner-2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"customer_infos": [], "count": 0})),
        )
        .mount(&server)
        .await;
    let client = partner(&server, &clock);
    list(&client).await.expect("succeeds after one renewal");
    assert_eq!(count(&issued), 2);
    assert_eq!(
        tokens_sent(&server, CUSTOMERS_PATH).await,
        ["partner-1", "partner-2"]
    );
}

#[tokio::test]
async fn a_token_that_stays_rejected_is_renewed_only_once() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let issued = mount_password(&server, &clock, None).await;
    Mock::given(method("POST"))
        .and(path(CUSTOMERS_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error_code": "APIG.0301", "error_msg": "x_auth_token is expired"}),
        ))
        .mount(&server)
        .await;
    let client = partner(&server, &clock);
    let e = list(&client).await.expect_err("rejected twice");
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("APIG.0301"));
    assert_eq!(count(&issued), 2);
    assert_eq!(tokens_sent(&server, CUSTOMERS_PATH).await.len(), 2);
}

#[tokio::test]
async fn a_password_source_takes_any_scope_and_plugs_into_the_builder() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(body_partial_json(
            json!({"auth": {"scope": {"project": {"name": "cn-north-4"}}}}),
        ))
        .respond_with(NumberedTokens {
            prefix: |_| "project".to_owned(),
            count: Default::default(),
            clock: clock.clone(),
            methods: "password",
            delay: None,
        })
        .expect(1)
        .mount(&server)
        .await;
    mount_customers(&server).await;
    let base = base(&server, &clock).build().expect("client");
    let source = PasswordTokenSource::new(
        &base,
        PasswordTokenRequest::new(USER, PASSWORD, DOMAIN).scope(Scope::project_name("cn-north-4")),
    )
    .with_refresh_margin(Span::minutes(5));
    let client = base.with_credentials(Credentials::Token(Arc::new(source)));
    list(&client).await.expect("ok");
    list(&client).await.expect("ok");
    assert_eq!(
        tokens_sent(&server, CUSTOMERS_PATH).await,
        ["project-1", "project-1"]
    );
}
