//! Money moves at most once: every operation that funds, reclaims, issues coupons or quotas,
//! pays, renews or unsubscribes is sent exactly once whatever goes wrong after sending, and
//! the lost outcome of a funding can be settled from the adjustment records.

mod catalogue;
mod common;

use std::time::Duration;

use huaweicloud_partner::funding::{
    ReclaimToPartnerAccountRequest, Settlement, UpdateCustomerAccountAmountRequest,
};
use huaweicloud_partner::resellers::UpdateIndirectPartnerAccountRequest;
use huaweicloud_partner::{dynamic, Client, Decimal, ErrorKind, Site};
use serde_json::{json, Value};
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use catalogue::*;

const MONEY_OPERATIONS: &[&str] = &[
    "update_customer_account_amount",
    "reclaim_to_partner_account",
    "update_indirect_partner_account",
    "reclaim_indirect_partner_account",
    "create_partner_coupons",
    "reclaim_partner_coupons",
    "update_coupon_quotas",
    "reclaim_coupon_quotas",
    "pay_orders",
    "renewal_resources",
    "cancel_resources_subscription",
];

const ADJUST_RECORDS: &str = "/v3/accounts/partner-accounts/adjust-records";

/// Failures after the request may have reached the server.
fn failures() -> Vec<(&'static str, ResponseTemplate)> {
    vec![
        ("500", ResponseTemplate::new(500)),
        (
            "503 with an error body",
            ResponseTemplate::new(503).set_body_json(json!({
                "error_code": "CBC.0999", "error_msg": "busy"
            })),
        ),
        (
            "answer after the timeout",
            ResponseTemplate::new(200)
                .set_delay(Duration::from_secs(5))
                .set_body_json(json!({})),
        ),
        (
            "truncated body",
            ResponseTemplate::new(200).set_body_raw("{\"trans_id\": \"T1", "application/json"),
        ),
        (
            "invalid body",
            ResponseTemplate::new(200).set_body_raw("<html>gateway</html>", "application/json"),
        ),
    ]
}

fn client_for(server: &MockServer, site: Site) -> Client {
    common::builder(server)
        .site(site)
        .timeout(Duration::from_millis(400))
        .build()
        .expect("client")
}

#[tokio::test]
async fn every_money_operation_is_sent_once_whatever_fails() {
    let spec = catalogue();
    let mut checked = 0;
    for op in covered_operations(&spec) {
        let name = op["operation"].as_str().expect("name");
        if !MONEY_OPERATIONS.contains(&name) {
            continue;
        }
        let site = if op["service"] == "bss" {
            Site::China
        } else {
            Site::International
        };
        let entry = dynamic::REGISTRY
            .iter()
            .find(|e| e.info.operation == name)
            .expect("registered");
        for (what, template) in failures() {
            let server = MockServer::start().await;
            Mock::given(any())
                .respond_with(template)
                .mount(&server)
                .await;
            let (request, _) = full_request(op);
            let e = dynamic::call(
                &client_for(&server, site),
                entry.info.area,
                entry.info.method,
                Value::Object(request),
            )
            .await
            .expect_err("no definite answer");
            assert_eq!(e.kind(), ErrorKind::OutcomeUnknown, "{name}, {what}: {e}");
            assert!(!e.is_retryable(), "{name}, {what}");
            let pending = e.pending().expect("pending request");
            assert_eq!(pending.operation, name);
            assert!(pending.body.is_some(), "{name}, {what}: the body is kept");
            let received = server.received_requests().await.expect("recording");
            assert_eq!(received.len(), 1, "{name}, {what}: sent exactly once");
            checked += 1;
        }
    }
    // 11 operations, 3 of them on both sites, 5 failures each.
    assert_eq!(checked, 14 * 5);
}

#[tokio::test]
async fn the_typed_methods_keep_the_same_promise() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let client = client_for(&server, Site::China);
    let grant = UpdateCustomerAccountAmountRequest::new()
        .customer_id("c1")
        .amount("0.00000001".parse::<Decimal>().expect("dec"));
    let e = client
        .funding()
        .fund_customer(&grant)
        .await
        .expect_err("unknown");
    assert_eq!(e.kind(), ErrorKind::OutcomeUnknown);
    let fund_reseller = UpdateIndirectPartnerAccountRequest::new()
        .indirect_partner_id("r1")
        .amount(Decimal::ONE);
    let e2 = client
        .resellers()
        .fund_reseller(&fund_reseller)
        .await
        .expect_err("unknown");
    assert_eq!(e2.kind(), ErrorKind::OutcomeUnknown);
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 2, "one request per call");
    // The amount went out with every digit, as a JSON number.
    let body = String::from_utf8(received[0].body.clone()).expect("utf8");
    assert!(body.contains(r#""amount":0.00000001"#), "{body}");
}

#[tokio::test]
async fn a_bad_amount_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client_for(&server, Site::China);
    for amount in [Decimal::ZERO, Decimal::NEGATIVE_ONE] {
        let grant = UpdateCustomerAccountAmountRequest::new()
            .customer_id("c1")
            .amount(amount);
        let e = client
            .funding()
            .fund_customer(&grant)
            .await
            .expect_err("invalid");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
    }
    let e = client
        .funding()
        .fund_customer(&UpdateCustomerAccountAmountRequest::new().customer_id("c1"))
        .await
        .expect_err("no amount");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert!(e.message().contains("amount"), "{e}");
    // From a binding, a float amount is refused.
    let e = dynamic::call(
        &client,
        "funding",
        "fund_customer",
        json!({"customer_id": "c1", "amount": 10.5}),
    )
    .await
    .expect_err("float");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert!(e.message().contains("decimal strings"), "{e}");
    assert!(server.received_requests().await.expect("rec").is_empty());
}

fn record(customer: &str, kind: &str, amount: &str, trans: &str) -> Value {
    json!({
        "customer_id": customer,
        "customer_name": "Example",
        "operation_type": kind,
        "amount": amount,
        "currency": "CNY",
        "apply_scene": "",
        "operation_time": "2024-06-03T02:16:00Z",
        "measure_id": 1,
        "trans_id": trans,
        "memo": ""
    })
}

/// A funding that got a 503, then the records answer with `records`.
async fn settle_after_503(records: Vec<Value>) -> (MockServer, Settlement<Value>) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/accounts/partner-accounts/adjust-amount"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let total = records.len();
    Mock::given(method("GET"))
        .and(path(ADJUST_RECORDS))
        .and(query_param("customer_id", "c1"))
        .and(query_param("operation_type", "SOURCE_OPERATION_BEADJUST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"records": records, "total_count": total})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server, Site::China);
    let grant = UpdateCustomerAccountAmountRequest::new()
        .customer_id("c1")
        .amount("5000".parse::<Decimal>().expect("dec"));
    let e = client
        .funding()
        .fund_customer(&grant)
        .await
        .expect_err("unknown");
    let settled = client.funding().settle_error(&e).await.expect("settled");
    let settled = match settled {
        Settlement::Applied(r) => Settlement::Applied(json!(r.trans_id)),
        Settlement::NotApplied => Settlement::NotApplied,
        Settlement::Ambiguous(rs) => {
            Settlement::Ambiguous(rs.into_iter().map(|r| json!(r.trans_id)).collect())
        }
    };
    (server, settled)
}

#[tokio::test]
async fn settling_reads_the_records_and_matches_the_amount() {
    // One record of that amount (written with another scale): applied.
    let (server, s) = settle_after_503(vec![
        record("c1", "SOURCE_OPERATION_BEADJUST", "5000.00", "T1"),
        record("c1", "SOURCE_OPERATION_BEADJUST", "12.00", "T0"),
    ])
    .await;
    assert_eq!(s, Settlement::Applied(json!("T1")));
    let requests = server.received_requests().await.expect("rec");
    let grants = requests
        .iter()
        .filter(|r| r.url.path() != ADJUST_RECORDS)
        .count();
    assert_eq!(grants, 1, "the grant itself was sent once");
    let query = requests
        .iter()
        .find(|r| r.url.path() == ADJUST_RECORDS)
        .expect("records read")
        .url
        .query()
        .unwrap_or_default()
        .to_owned();
    assert!(query.contains("operation_time_begin="), "{query}");

    // None of that amount: not applied.
    let (_, s) = settle_after_503(vec![record(
        "c1",
        "SOURCE_OPERATION_BEADJUST",
        "4999.99",
        "T2",
    )])
    .await;
    assert_eq!(s, Settlement::NotApplied);

    // Two of that amount: ambiguous.
    let (_, s) = settle_after_503(vec![
        record("c1", "SOURCE_OPERATION_BEADJUST", "5000", "T3"),
        record("c1", "SOURCE_OPERATION_BEADJUST", "5000.0", "T4"),
    ])
    .await;
    assert_eq!(s, Settlement::Ambiguous(vec![json!("T3"), json!("T4")]));
}

#[tokio::test]
async fn settling_a_reclaim_looks_for_reclaims() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/accounts/partner-accounts/reclaim"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ADJUST_RECORDS))
        .and(query_param("operation_type", "SOURCE_OPERATION_BERETRIEVE"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "records": [record("c1", "SOURCE_OPERATION_BERETRIEVE", "0.01", "R1")],
            "total_count": 1
        })))
        .mount(&server)
        .await;
    let client = client_for(&server, Site::China);
    let reclaim = ReclaimToPartnerAccountRequest::new()
        .customer_id("c1")
        .amount("0.01".parse::<Decimal>().expect("dec"));
    let e = client
        .funding()
        .reclaim_from_customer(&reclaim)
        .await
        .expect_err("timeout");
    assert_eq!(e.kind(), ErrorKind::OutcomeUnknown);
    let pending = e.pending().expect("pending");
    match client.funding().settle(pending).await.expect("settled") {
        Settlement::Applied(r) => assert_eq!(r.trans_id.as_deref(), Some("R1")),
        other => panic!("expected applied, got {other:?}"),
    }

    // Any other error cannot be settled.
    let not_unknown = client
        .funding()
        .fund_customer(&UpdateCustomerAccountAmountRequest::new())
        .await
        .expect_err("invalid");
    let e = client
        .funding()
        .settle_error(&not_unknown)
        .await
        .expect_err("nothing to settle");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
}
