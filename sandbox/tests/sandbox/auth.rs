//! Signatures, clock skew, credential types.

use chrono::Utc;
use serde_json::json;

use crate::common::*;

const LIST: &str = "/v2/partners/sub-customers/query";

#[tokio::test]
async fn signed_request_is_accepted_and_has_request_id() {
    let sb = start().await;
    let r = send(
        &sb,
        &partner(&sb),
        "POST",
        LIST,
        &[],
        Some(json!({ "limit": 5 })),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["count"], 50);
    assert_eq!(r.body["customer_infos"].as_array().map(Vec::len), Some(5));
    assert_eq!(r.request_id.map(|s| s.len()), Some(32));
}

#[tokio::test]
async fn wrong_secret_and_unknown_key_are_rejected_with_apig_0301() {
    let sb = start().await;
    let wrong = Cred::AkSk {
        ak: sb.access_key().into(),
        sk: "nope".into(),
        security_token: None,
    };
    let r = send(&sb, &wrong, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!((r.status, r.code()), (401, "APIG.0301"));
    assert!(r.request_id.is_some());
    let unknown = Cred::AkSk {
        ak: "UNKNOWNAK".into(),
        sk: "x".into(),
        security_token: None,
    };
    let r = send(&sb, &unknown, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!((r.status, r.code()), (401, "APIG.0301"));
    let r = send(&sb, &Cred::None, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!((r.status, r.code()), (401, "APIG.0301"));
}

#[tokio::test]
async fn clock_skew_beyond_fifteen_minutes_is_rejected() {
    let sb = start().await;
    let p = partner(&sb);
    let old = Utc::now() - minutes(20);
    let r = send_at(&sb, &p, "POST", LIST, &[], Some(json!({})), old)
        .await
        .expect("send");
    assert_eq!((r.status, r.code()), (401, "APIG.0301"));
    let future = Utc::now() + minutes(16);
    let r = send_at(&sb, &p, "POST", LIST, &[], Some(json!({})), future)
        .await
        .expect("send");
    assert_eq!(r.status, 401);
    let recent = Utc::now() - minutes(10);
    let r = send_at(&sb, &p, "POST", LIST, &[], Some(json!({})), recent)
        .await
        .expect("send");
    assert_eq!(r.status, 200, "{:?}", r.body);
}

#[tokio::test]
async fn customer_only_and_partner_only_operations_check_the_credential() {
    let sb = start().await;
    let q = [("bill_cycle", "2025-03")];
    let monthly = "/v2/bills/customer-bills/monthly-sum";
    let r = send(&sb, &partner(&sb), "GET", monthly, &q, None).await;
    assert_eq!((r.status, r.code()), (403, "CBC.0151"));

    let customer = Cred::Token(customer_token(&sb).await);
    let r = send(&sb, &customer, "GET", monthly, &q, None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["total_count"], 3);
    let r = send(&sb, &customer, "POST", LIST, &[], Some(json!({}))).await;
    assert_eq!((r.status, r.code()), (403, "CBC.0151"));
}

#[tokio::test]
async fn unknown_path_and_saml_have_typed_errors() {
    let sb = start().await;
    let r = send(&sb, &partner(&sb), "GET", "/v2/nothing/here", &[], None).await;
    assert_eq!((r.status, r.code()), (404, "APIG.0101"));
    let r = send(
        &sb,
        &Cred::None,
        "POST",
        "/v3.0/OS-FEDERATION/tokens",
        &[],
        None,
    )
    .await;
    // IAM federation without the X-Idp-Id header (see federation.rs for the real flow).
    assert_eq!(
        (r.status, r.body["error"]["code"].as_u64()),
        (400, Some(400))
    );
}
