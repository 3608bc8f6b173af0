//! Every IAM operation against wiremock: request shape, headers, decoding, error shapes, and
//! the JSON entry point of the bindings.

mod iam_common;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use huaweicloud_partner::auth::iam::{
    AgencyTokenRequest, CustomerRef, ListProjectsRequest, PasswordTokenRequest, Scope,
    ScopedTokenRequest, TemporaryKeyByAgencyRequest, TemporaryKeyByTokenRequest,
    TemporaryKeyProvider, UnscopedTokenByIdpRequest, ValidateTokenRequest,
};
use huaweicloud_partner::clock::ManualClock;
use huaweicloud_partner::credentials::{StaticToken, Token};
use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::signer::{self, AuthorizationHeader};
use huaweicloud_partner::{dynamic, Client, ErrorKind};
use serde_json::json;
use wiremock::matchers::{
    body_json, body_partial_json, body_string, header, header_exists, method, path, query_param,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

use iam_common::*;

fn sample_token_answer() -> ResponseTemplate {
    let headers = fixture("iam.keystone_create_user_token_by_password.response-headers.json");
    ResponseTemplate::new(201)
        .insert_header(
            "X-Subject-Token",
            headers["X-Subject-Token"].as_str().expect("token"),
        )
        .insert_header("X-IAM-Trace-Id", "trace-1")
        .set_body_json(fixture(
            "iam.keystone_create_user_token_by_password.response.json",
        ))
}

fn unauthenticated(server: &MockServer) -> Client {
    base(server, &ManualClock::new(t0()))
        .build()
        .expect("client")
}

#[tokio::test]
async fn password_token_decodes_the_sample() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(header("Content-Type", "application/json;charset=UTF-8"))
        .and(body_json(json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "domain": {"name": "acme_partner"}, "name": "ops", "password": "pw-1"}}},
            "scope": {"project": {"id": "p-1"}}}})))
        .respond_with(sample_token_answer())
        .expect(1)
        .mount(&server)
        .await;
    let issued = unauthenticated(&server)
        .iam()
        .create_token_by_password(
            &PasswordTokenRequest::new("ops", "pw-1", "acme_partner")
                .scope(Scope::project_id("p-1")),
        )
        .await
        .expect("token");
    assert!(issued
        .subject_token
        .expose()
        .starts_with("MIIYXQYJKoZIhvcNAQcCoIIYTjCCGEoCAQEx"));
    let t = &issued.token;
    assert_eq!(
        t.expires_at,
        Some(
            Utc.with_ymd_and_hms(2024, 6, 4, 8, 30, 12).unwrap()
                + chrono::Duration::milliseconds(416)
        )
    );
    assert_eq!(t.methods, ["password"]);
    assert_eq!(t.roles.len(), 2);
    let user = t.user.as_ref().expect("user");
    assert_eq!(user.name.as_deref(), Some("acme_partner"));
    assert_eq!(
        t.domain.as_ref().and_then(|d| d.id.as_deref()),
        Some("d3f0a1b2c3d44e5f8a9b0c1d2e3f4a5b")
    );
    let token = issued.to_token();
    assert_eq!(token.expires_at, t.expires_at);
    // No credentials were resolved or sent.
    let received = server.received_requests().await.expect("rec");
    assert!(received[0].headers.get("x-auth-token").is_none());
    assert!(received[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn both_iam_error_shapes_are_mapped() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(fixture("error.iam.keystone.json"))
                .insert_header("X-IAM-Trace-Id", "trace-401"),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3.0/OS-CREDENTIAL/securitytokens"))
        .respond_with(ResponseTemplate::new(400).set_body_json(fixture("error.iam.service.json")))
        .mount(&server)
        .await;
    let client = unauthenticated(&server);
    let e = client
        .iam()
        .create_token_by_password(&PasswordTokenRequest::new("u", "p", "d"))
        .await
        .expect_err("401");
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.status(), Some(401));
    assert_eq!(e.code(), Some("401"));
    assert_eq!(e.message(), "Authentication failed");
    assert_eq!(e.request_id(), Some("trace-401"));
    assert_eq!(
        server.received_requests().await.expect("rec").len(),
        1,
        "a rejected password is not sent again"
    );

    let with_token = base(&server, &ManualClock::new(t0()))
        .token_source(Arc::new(StaticToken(Token {
            value: "partner-9".into(),
            expires_at: None,
        })))
        .build()
        .expect("client");
    let e = with_token
        .iam()
        .create_temporary_access_key_by_agency(&TemporaryKeyByAgencyRequest::new(
            CustomerRef::domain_name("cust_a"),
            "nope",
        ))
        .await
        .expect_err("400");
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.code(), Some("IAM.0007"));
    assert!(
        e.message()
            .starts_with("agency nope not found in customer cust_a"),
        "{e}"
    );
}

#[tokio::test]
async fn agency_token_with_an_explicit_partner_token() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    let agencies = mount_agency(&server, &clock).await;
    let issued = unauthenticated(&server)
        .iam()
        .create_agency_token(
            &AgencyTokenRequest::new(
                CustomerRef::domain_name("cust_x"),
                PLATFORM,
                Scope::project_name("cn-north-4"),
            )
            .auth_token("partner-77"),
        )
        .await
        .expect("agency token");
    assert_eq!(issued.subject_token.expose(), "agency-cust_x-cn-north-4-1");
    assert_eq!(count(&agencies), 1);
    assert_eq!(
        tokens_sent(&server, "/v3/auth/tokens").await,
        ["partner-77"]
    );
}

#[tokio::test]
async fn validate_token_sends_subject_and_caller_tokens() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    mount_password(&server, &clock, None).await;
    Mock::given(method("GET"))
        .and(path("/v3/auth/tokens"))
        .and(header("X-Subject-Token", "tok-to-check"))
        .and(query_param("nocatalog", "true"))
        .respond_with(sample_token_answer())
        .mount(&server)
        .await;
    // Checked with itself, no client credentials.
    let t = unauthenticated(&server)
        .iam()
        .validate_token(&ValidateTokenRequest::self_checked("tok-to-check").nocatalog(true))
        .await
        .expect("valid");
    assert!(t.token.expires_at.is_some());
    // Checked with the partner's token.
    partner(&server, &clock)
        .iam()
        .validate_token(&ValidateTokenRequest::new("tok-to-check").nocatalog(true))
        .await
        .expect("valid");
    assert_eq!(
        tokens_sent(&server, "/v3/auth/tokens").await,
        ["tok-to-check", "partner-1"]
    );
    let e = unauthenticated(&server)
        .iam()
        .validate_token(&ValidateTokenRequest::self_checked("other"))
        .await
        .expect_err("no mock for it");
    assert_eq!(e.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn federation_then_scoped_token() {
    let server = MockServer::start().await;
    let saml = "PHNhbWxwOlJlc3BvbnNlIC8++/=";
    Mock::given(method("POST"))
        .and(path("/v3.0/OS-FEDERATION/tokens"))
        .and(header("X-Idp-Id", "partner_idp"))
        .and(header("Content-Type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "SAMLResponse=PHNhbWxwOlJlc3BvbnNlIC8%2B%2B%2F%3D",
        ))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("X-Subject-Token", "unscoped-1")
                .set_body_json(json!({"token": {
                    "issued_at": "2024-06-03T08:30:12.000000Z",
                    "expires_at": "2024-06-04T08:30:12.000000Z",
                    "methods": ["mapped"],
                    "user": {"domain": {"name": "cust_a", "id": "d-a"}, "id": "fed-u",
                        "name": "FederationUser",
                        "OS-FEDERATION": {"groups": [{"id": "g1", "name": "admins"}],
                            "identity_provider": {"id": "partner_idp"},
                            "protocol": {"id": "saml"}}}}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(body_json(json!({"auth": {
            "identity": {"methods": ["token"], "token": {"id": "unscoped-1"}},
            "scope": {"domain": {"id": "d-a"}}}})))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("X-Subject-Token", "scoped-1")
                .set_body_json(json!({"token": {"methods": ["token"],
                    "expires_at": "2024-06-04T08:30:12.000000Z",
                    "domain": {"name": "cust_a", "id": "d-a"}}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let iam = unauthenticated(&server).iam();
    let unscoped = iam
        .create_unscoped_token_by_idp_initiated(&UnscopedTokenByIdpRequest::new(
            "partner_idp",
            saml,
        ))
        .await
        .expect("unscoped");
    assert_eq!(unscoped.subject_token.expose(), "unscoped-1");
    let fed = unscoped
        .token
        .user
        .as_ref()
        .and_then(|u| u.federation.as_ref())
        .expect("federation");
    assert_eq!(
        fed.identity_provider.as_ref().and_then(|i| i.id.as_deref()),
        Some("partner_idp")
    );
    assert_eq!(fed.groups[0].name.as_deref(), Some("admins"));
    let scoped = iam
        .create_scoped_token(&ScopedTokenRequest::new(
            unscoped.subject_token.clone(),
            Scope::domain_id("d-a"),
        ))
        .await
        .expect("scoped");
    assert_eq!(scoped.subject_token.expose(), "scoped-1");
    for r in server.received_requests().await.expect("rec") {
        assert!(r.headers.get("x-auth-token").is_none());
    }
}

#[tokio::test]
async fn temporary_keys_sign_requests_and_renew() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    mount_password(&server, &clock, None).await;
    Mock::given(method("POST"))
        .and(path("/v3.0/OS-CREDENTIAL/securitytokens"))
        .and(header("X-Auth-Token", "partner-1"))
        .and(body_json(
            json!({"auth": {"identity": {"methods": ["token"],
            "token": {"duration_seconds": 3600}}}}),
        ))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"credential": {
            "access": "HSTTEMPAK", "secret": "temp-sk",
            "securitytoken": "temp-st",
            "expires_at": iam_time(t0() + chrono::Duration::hours(1))}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(CUSTOMERS_PATH))
        .and(header("X-Security-Token", "temp-st"))
        .and(header_exists("Authorization"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"customer_infos": [], "count": 0})),
        )
        .mount(&server)
        .await;
    let partner = partner(&server, &clock);
    let request = TemporaryKeyByTokenRequest::new().duration_seconds(3600u32);
    let key = partner
        .iam()
        .create_temporary_access_key_by_token(&request)
        .await
        .expect("keys");
    assert_eq!(key.access, "HSTTEMPAK");
    assert_eq!(key.expires_at, Some(t0() + chrono::Duration::hours(1)));

    let provider = Arc::new(TemporaryKeyProvider::by_token(&partner, request));
    let signed = base(&server, &clock)
        .credentials_provider(provider)
        .build()
        .expect("client");
    signed
        .customers()
        .list(&ListCustomersRequest::new())
        .await
        .expect("signed with the temporary key");
    clock.advance(chrono::Duration::minutes(20));
    signed
        .customers()
        .list(&ListCustomersRequest::new())
        .await
        .expect("cached key");
    let received = server.received_requests().await.expect("rec");
    let key_requests = received
        .iter()
        .filter(|r| r.url.path() == "/v3.0/OS-CREDENTIAL/securitytokens")
        .count();
    assert_eq!(key_requests, 2, "one explicit call, one for the provider");
    let bss = received
        .iter()
        .find(|r| r.url.path() == CUSTOMERS_PATH)
        .expect("bss call");
    let headers: Vec<(String, String)> = bss
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().expect("ascii").to_owned()))
        .collect();
    let auth = AuthorizationHeader::parse(bss.headers["authorization"].to_str().expect("ascii"))
        .expect("parse");
    assert_eq!(auth.access_key, "HSTTEMPAK");
    signer::verify(
        &auth,
        b"temp-sk",
        "POST",
        CUSTOMERS_PATH,
        &[],
        &headers,
        &bss.body,
    )
    .expect("signed with the temporary secret key");

    // Past half of the one-hour lifetime the provider fetches new keys.
    clock.advance(chrono::Duration::minutes(11));
    signed
        .customers()
        .list(&ListCustomersRequest::new())
        .await
        .expect("renewed key");
    let key_requests = server
        .received_requests()
        .await
        .expect("rec")
        .iter()
        .filter(|r| r.url.path() == "/v3.0/OS-CREDENTIAL/securitytokens")
        .count();
    assert_eq!(key_requests, 3);
}

#[tokio::test]
async fn temporary_keys_through_an_agency() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    mount_password(&server, &clock, None).await;
    Mock::given(method("POST"))
        .and(path("/v3.0/OS-CREDENTIAL/securitytokens"))
        .and(header("X-Auth-Token", "partner-1"))
        .and(body_json(
            json!({"auth": {"identity": {"methods": ["assume_role"],
            "assume_role": {"agency_name": PLATFORM, "domain_id": "d-a",
                "duration_seconds": 900, "session_user": {"name": "ops"}}}}}),
        ))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"credential": {
            "access": "HSTAGENCY", "secret": "s", "securitytoken": "t",
            "expires_at": "2024-06-03T08:45:12.000000Z"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let key = partner(&server, &clock)
        .iam()
        .create_temporary_access_key_by_agency(
            &TemporaryKeyByAgencyRequest::new(CustomerRef::domain_id("d-a"), PLATFORM)
                .duration_seconds(900u32)
                .session_user("ops"),
        )
        .await
        .expect("keys");
    assert_eq!(key.access, "HSTAGENCY");
    let ak = key.to_access_key().expect("access key");
    assert_eq!(ak.security_token.expect("token").expose(), "t");
}

#[tokio::test]
async fn domains_and_projects() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(t0());
    mount_password(&server, &clock, None).await;
    Mock::given(method("GET"))
        .and(path("/v3/auth/domains"))
        .and(header("X-Auth-Token", "partner-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "domains": [{"enabled": true, "id": "dom-1", "name": DOMAIN, "description": "",
                "links": {"self": "https://iam.myhuaweicloud.com/v3/domains/dom-1"}}],
            "links": {"self": "https://iam.myhuaweicloud.com/v3/auth/domains"}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/projects"))
        .and(query_param("name", "cn-north-4"))
        .and(query_param("per_page", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "links": {"self": "x", "previous": "", "next": ""},
            "projects": [{"is_domain": false, "description": "", "enabled": true,
                "id": "p-1", "parent_id": "dom-1", "domain_id": "dom-1", "name": "cn-north-4",
                "links": {"self": "y", "previous": "", "next": ""}}]})))
        .mount(&server)
        .await;
    let iam = partner(&server, &clock).iam();
    let d = iam.list_auth_domains().await.expect("domains");
    assert_eq!(d.domains[0].id, "dom-1");
    assert_eq!(d.domains[0].name, DOMAIN);
    let p = iam
        .list_projects(
            &ListProjectsRequest::new()
                .name("cn-north-4")
                .per_page(10u32),
        )
        .await
        .expect("projects");
    assert_eq!(p.projects[0].id, "p-1");
    assert_eq!(p.projects[0].domain_id.as_deref(), Some("dom-1"));
}

#[tokio::test]
async fn the_bindings_reach_iam_by_name() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(body_partial_json(
            json!({"auth": {"scope": {"domain": {"name": "acme_partner"}}}}),
        ))
        .respond_with(sample_token_answer())
        .mount(&server)
        .await;
    let client = unauthenticated(&server);
    let out = dynamic::call(
        &client,
        "iam",
        "create_token_by_password",
        json!({"user_name": "ops", "password": "pw", "domain_name": "acme_partner"}),
    )
    .await
    .expect("call");
    assert!(out["x_subject_token"]
        .as_str()
        .expect("token")
        .starts_with("MIIYXQ"));
    assert_eq!(out["token"]["expires_at"], "2024-06-04T08:30:12Z");
    assert_eq!(out["token"]["user"]["name"], "acme_partner");

    let e = dynamic::call(
        &client,
        "iam",
        "create_token_by_password",
        json!({"user_name": "ops", "password": "pw", "domain": "typo"}),
    )
    .await
    .expect_err("unknown field");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let e = dynamic::call(
        &client,
        "iam",
        "create_temporary_access_key_by_token",
        json!({"duration_seconds": 10}),
    )
    .await
    .expect_err("too short");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    for method in [
        "create_agency_token",
        "validate_token",
        "create_unscoped_token_by_idp_initiated",
        "create_scoped_token",
        "create_temporary_access_key_by_agency",
        "list_auth_domains",
        "list_projects",
    ] {
        assert!(dynamic::find("iam", method).is_some(), "{method}");
    }
}
