//! IAM tokens, agency tokens, temporary keys.

use serde_json::json;

use crate::common::*;

const LIST: &str = "/v2/partners/sub-customers/query";
const BALANCES: &str = "/v2/accounts/customer-accounts/balances";

#[tokio::test]
async fn password_token_works_until_the_clock_passes_24_hours() {
    let sb = start().await;
    let token = Cred::Token(password_token(&sb).await);
    let r = send(&sb, &token, "POST", LIST, &[], Some(json!({ "limit": 1 }))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);

    sb.set_clock_offset(23 * 3600);
    let r = send(&sb, &token, "POST", LIST, &[], Some(json!({ "limit": 1 }))).await;
    assert_eq!(r.status, 200);

    sb.set_clock_offset(24 * 3600 + 1);
    let r = send(&sb, &token, "POST", LIST, &[], Some(json!({ "limit": 1 }))).await;
    assert_eq!((r.status, r.code()), (401, "APIG.0301"));
    assert!(
        r.body["error_msg"]
            .as_str()
            .unwrap_or("")
            .contains("expired"),
        "{:?}",
        r.body
    );

    let bogus = Cred::Token("MIIsandboxnot-issued".into());
    let r = send(&sb, &bogus, "POST", LIST, &[], Some(json!({}))).await;
    assert!(r.body["error_msg"]
        .as_str()
        .unwrap_or("")
        .contains("invalid"));
}

#[tokio::test]
async fn token_body_and_validation() {
    let sb = start().await;
    let t = password_token(&sb).await;
    let path = "/v3/auth/tokens";
    // keystone_validate_token takes the token to check in X-Subject-Token; our helper only
    // sets X-Auth-Token, so check it through reqwest directly.
    let client = reqwest::Client::new();
    let resp = client
        .get(format!("{}{path}", sb.base_url()))
        .header("X-Auth-Token", &t)
        .header("X-Subject-Token", &t)
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value = resp.json().await.expect("json");
    let issued =
        chrono::DateTime::parse_from_rfc3339(body["token"]["issued_at"].as_str().unwrap_or(""));
    let expires =
        chrono::DateTime::parse_from_rfc3339(body["token"]["expires_at"].as_str().unwrap_or(""));
    assert_eq!(
        (expires.expect("exp") - issued.expect("iss")).num_hours(),
        24
    );
    assert_eq!(body["token"]["user"]["name"], sb.iam_user());

    let resp = client
        .get(format!("{}{path}", sb.base_url()))
        .header("X-Auth-Token", &t)
        .header("X-Subject-Token", "MIIsandboxunknown")
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 404);
}

#[tokio::test]
async fn wrong_password_gets_the_keystone_shape() {
    let sb = start().await;
    let body = json!({ "auth": { "identity": { "methods": ["password"], "password": { "user": {
        "name": sb.iam_user(), "password": "wrong", "domain": { "name": sb.domain_name() } } } },
        "scope": { "domain": { "name": sb.domain_name() } } } });
    let r = send(&sb, &Cred::None, "POST", "/v3/auth/tokens", &[], Some(body)).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"]["code"], 401);
    assert_eq!(r.body["error"]["title"], "Unauthorized");
}

#[tokio::test]
async fn agency_token_needs_platform_agency_and_known_domain() {
    let sb = start().await;
    let partner_token = Cred::Token(password_token(&sb).await);
    let domain = sb.customer_domain_names()[3].clone();
    let path = "/v3/auth/tokens";
    let r = send(
        &sb,
        &partner_token,
        "POST",
        path,
        &[],
        Some(agency_body(&domain, "other")),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "IAM.0007"));
    let r = send(
        &sb,
        &partner_token,
        "POST",
        path,
        &[],
        Some(agency_body("nobody", sb.platform_id())),
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body["error"]["code"], 404);
    let r = send(
        &sb,
        &partner_token,
        "POST",
        path,
        &[],
        Some(agency_body(&domain, sb.platform_id())),
    )
    .await;
    assert_eq!(r.status, 201);
    assert_eq!(
        r.body["token"]["project"]["domain"]["name"],
        domain.as_str()
    );
    assert_eq!(r.body["token"]["methods"][0], "assume_role");

    let customer = Cred::Token(r.subject_token.expect("token"));
    let r = send(&sb, &customer, "GET", BALANCES, &[], None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["account_balances"][0]["currency"], "CNY");
}

#[tokio::test]
async fn temporary_keys_sign_with_the_security_token() {
    let sb = start().await;
    let partner_token = Cred::Token(password_token(&sb).await);
    let domain_id = sb.customer_ids()[0].clone();
    let body = json!({ "auth": { "identity": { "methods": ["assume_role"], "assume_role": {
        "domain_id": domain_id, "agency_name": sb.platform_id(), "duration_seconds": 3600 } } } });
    let r = send(
        &sb,
        &partner_token,
        "POST",
        "/v3.0/OS-CREDENTIAL/securitytokens",
        &[],
        Some(body),
    )
    .await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    let c = &r.body["credential"];
    let (ak, sk, st) = (
        c["access"].as_str().unwrap_or("").to_owned(),
        c["secret"].as_str().unwrap_or("").to_owned(),
        c["securitytoken"].as_str().unwrap_or("").to_owned(),
    );
    let keys = Cred::AkSk {
        ak: ak.clone(),
        sk: sk.clone(),
        security_token: Some(st),
    };
    let r = send(&sb, &keys, "GET", BALANCES, &[], None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let missing = Cred::AkSk {
        ak,
        sk,
        security_token: None,
    };
    let r = send(&sb, &missing, "GET", BALANCES, &[], None).await;
    assert_eq!((r.status, r.code()), (401, "APIG.0301"));

    let by_token = json!({ "auth": { "identity": { "methods": ["token"],
        "token": { "duration_seconds": 900 } } } });
    let r = send(
        &sb,
        &partner_token,
        "POST",
        "/v3.0/OS-CREDENTIAL/securitytokens",
        &[],
        Some(by_token),
    )
    .await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    let c = &r.body["credential"];
    let keys = Cred::AkSk {
        ak: c["access"].as_str().unwrap_or("").into(),
        sk: c["secret"].as_str().unwrap_or("").into(),
        security_token: c["securitytoken"].as_str().map(str::to_owned),
    };
    let r = send(&sb, &keys, "POST", LIST, &[], Some(json!({ "limit": 1 }))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
}

#[tokio::test]
async fn domains_and_projects_list_the_caller() {
    let sb = start().await;
    let p = partner(&sb);
    let r = send(&sb, &p, "GET", "/v3/auth/domains", &[], None).await;
    assert_eq!(r.body["domains"][0]["id"], sb.domain_id());
    let r = send(
        &sb,
        &p,
        "GET",
        "/v3/projects",
        &[("per_page", "2"), ("page", "2")],
        None,
    )
    .await;
    assert_eq!(r.body["projects"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn catalog_unless_nocatalog() {
    let sb = start().await;
    let body = json!({ "auth": { "identity": { "methods": ["password"], "password": { "user": {
        "name": sb.iam_user(), "password": sb.iam_password(),
        "domain": { "name": sb.domain_name() } } } },
        "scope": { "project": { "name": "cn-north-4" } } } });
    let path = "/v3/auth/tokens";
    let r = send(&sb, &Cred::None, "POST", path, &[], Some(body.clone())).await;
    assert!(r.body["token"]["catalog"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
    assert_eq!(r.body["token"]["project"]["name"], "cn-north-4");
    let r = send(
        &sb,
        &Cred::None,
        "POST",
        path,
        &[("nocatalog", "true")],
        Some(body),
    )
    .await;
    assert_eq!(r.body["token"]["catalog"], json!([]));
}
