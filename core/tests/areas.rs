//! The resource areas against wiremock: the catalogue's samples decode exactly, pages are
//! followed (record offsets and page numbers), documented error codes map to their kinds,
//! and bad input is refused before anything is sent.

mod common;

use chrono::{TimeZone, Utc};
use futures::StreamExt;
use huaweicloud_partner::account_records::ListPartnerAccountChangeRecordsRequest;
use huaweicloud_partner::bills::{ListPostpaidBillSumRequest, ListSubcustomerMonthlyBillsRequest};
use huaweicloud_partner::incentives::ListIncentiveDiscountPoliciesRequest;
use huaweicloud_partner::invoices::ListInvoicesRequest;
use huaweicloud_partner::orders::ListCustomerOrdersRequest;
use huaweicloud_partner::types::BillingCycle;
use huaweicloud_partner::{dynamic, Client, Decimal, ErrorKind, Site};
use serde_json::{json, Value};
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn fixture(name: &str) -> Value {
    let p = format!(
        "{}/tests/fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
    serde_json::from_str(&text).expect("json")
}

/// The raw bytes of a sample, so that numbers reach the SDK exactly as written.
fn fixture_bytes(name: &str) -> Vec<u8> {
    let p = format!(
        "{}/tests/fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn may() -> BillingCycle {
    "2024-05".parse().expect("cycle")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

async fn serve(server: &MockServer, verb: &str, p: &str, body: Vec<u8>) {
    Mock::given(method(verb))
        .and(path(p))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(server)
        .await;
}

fn intl(server: &MockServer) -> Client {
    common::builder(server)
        .site(Site::International)
        .build()
        .expect("client")
}

#[tokio::test]
async fn bill_samples_decode_exactly() {
    let server = MockServer::start().await;
    serve(
        &server,
        "GET",
        "/v2/bills/partner-bills/subcustomer-bills/monthly-sum",
        fixture_bytes("bss.list_subcustomer_monthly_bills.response.json"),
    )
    .await;
    let client = common::client(&server);
    let cycle: BillingCycle = "2024-05".parse().expect("cycle");
    let req = ListSubcustomerMonthlyBillsRequest::new()
        .cycle(cycle)
        .charge_mode("1")
        .customer_id("0a7c2e9f5d3b4c61a8e0f1d2c3b4a596");
    let page = client
        .bills()
        .list_customer_monthly_bills(&req)
        .await
        .expect("bills");
    assert_eq!(page.count, Some(2));
    assert_eq!(page.bill_sums[0].amount, Some(dec("1523.46")));
    assert_eq!(page.bill_sums[0].discount_amount, Some(dec("169.27")));
    assert_eq!(page.bill_sums[1].amount, Some(dec("-38.12")));
    assert_eq!(
        page.bill_sums[0].account_details[1].amount,
        Some(dec("123.46"))
    );
    let received = server.received_requests().await.expect("rec");
    let q = received[0].url.query().unwrap_or_default().to_owned();
    assert!(
        q.contains("cycle=2024-05") && q.contains("charge_mode=1"),
        "{q}"
    );

    // Amounts come out of the bindings' entry point as decimal strings.
    let out = dynamic::call(
        &client,
        "bills",
        "list_customer_monthly_bills",
        json!({"cycle": "2024-05", "charge_mode": "1"}),
    )
    .await
    .expect("json call");
    assert_eq!(out["bill_sums"][1]["amount"], json!("-38.12"));
    assert_eq!(out["bill_sums"][0]["debt_amount"], json!("0.00"));

    let server = MockServer::start().await;
    serve(
        &server,
        "GET",
        "/v2/bills/partner-bills/postpaid-bill-summary",
        fixture_bytes("bssintl.list_postpaid_bill_sum.response.json"),
    )
    .await;
    let sum = intl(&server)
        .bills()
        .postpaid_bill_summary(&ListPostpaidBillSumRequest::new().bill_cycle(cycle))
        .await
        .expect("summary");
    assert_eq!(sum.initial_amount_due, Some(dec("10842.37")));
    assert_eq!(sum.consume_amount, Some(dec("11020.50")));
    assert_eq!(sum.refunds, Some(dec("-178.13")));
    assert_eq!(sum.currency.as_deref(), Some("USD"));
}

#[tokio::test]
async fn account_record_and_incentive_samples_decode() {
    let server = MockServer::start().await;
    serve(
        &server,
        "GET",
        "/v2/accounts/partner-accounts/account-change-records",
        fixture_bytes("bss.list_partner_account_change_records.response.json"),
    )
    .await;
    serve(
        &server,
        "GET",
        "/v2/products/incentive-discount-policies",
        fixture_bytes("bss.list_incentive_discount_policies.response.json"),
    )
    .await;
    let client = common::client(&server);
    let records = client
        .account_records()
        .list_partner_changes_all(
            ListPartnerAccountChangeRecordsRequest::new().balance_type("BALANCE_TYPE_DEBIT"),
        )
        .collect_all()
        .await
        .expect("records");
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].change_amount, Some(dec("5000.00")));
    assert_eq!(records[2].balance_after_change, Some(dec("96520.68")));
    // A value the SDK does not know (even a misspelt one) is kept as sent.
    assert_eq!(
        records[1].trade_detail_type.as_deref(),
        Some("SOURCE_OPERAIION_RECHARGE")
    );
    assert_eq!(
        records[0].trade_time,
        Utc.with_ymd_and_hms(2024, 6, 3, 2, 15, 44).single()
    );

    let policies = client
        .incentives()
        .list_policies(&ListIncentiveDiscountPoliciesRequest::new().time(may()))
        .await
        .expect("policies");
    assert_eq!(policies.policies.len(), 2);
    assert_eq!(policies.policies[1].allow_discount.as_deref(), Some("NO"));
}

#[tokio::test]
async fn unknown_response_fields_are_tolerated() {
    let server = MockServer::start().await;
    let mut body = fixture("bssintl.list_postpaid_bill_sum.response.json");
    body["a_field_added_later"] = json!({"nested": [1, 2]});
    serve(
        &server,
        "GET",
        "/v2/bills/partner-bills/postpaid-bill-summary",
        serde_json::to_vec(&body).expect("json"),
    )
    .await;
    let sum = intl(&server)
        .bills()
        .postpaid_bill_summary(
            &ListPostpaidBillSumRequest::new()
                .bill_cycle("2024-05".parse::<BillingCycle>().expect("cycle")),
        )
        .await
        .expect("tolerant");
    assert_eq!(sum.tax_amount, Some(Decimal::ZERO));
}

/// Serves invoices by page number: `offset` is the page, 1-based.
struct InvoicePages {
    total: usize,
}

impl Respond for InvoicePages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let q = |k: &str| -> usize {
            request
                .url
                .query_pairs()
                .find(|(n, _)| n == k)
                .and_then(|(_, v)| v.parse().ok())
                .expect("number")
        };
        let (page, limit) = (q("offset"), q("limit"));
        assert!(page >= 1, "page numbers start at 1");
        let start = (page - 1) * limit;
        let invoices: Vec<Value> = (start..(start + limit).min(self.total))
            .map(|i| json!({"requestId": format!("INV{i}"), "invoiceAmount": 0.01}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"count": self.total, "invoices": invoices}))
    }
}

#[tokio::test]
async fn invoices_page_by_page_number() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/dom-1/payments/intl-invoices"))
        .respond_with(InvoicePages { total: 7 })
        .mount(&server)
        .await;
    let client = intl(&server);
    let begin = Utc
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .expect("t");
    let end = Utc
        .with_ymd_and_hms(2024, 7, 1, 0, 0, 0)
        .single()
        .expect("t");
    let req = ListInvoicesRequest::new()
        .domain_id("dom-1")
        .start_time(begin)
        .end_time(end)
        .offset(1)
        .limit(3);
    let all = client
        .invoices()
        .list_all(req)
        .collect_all()
        .await
        .expect("invoices");
    let ids: Vec<_> = all.iter().filter_map(|i| i.request_id.clone()).collect();
    assert_eq!(ids, (0..7).map(|i| format!("INV{i}")).collect::<Vec<_>>());
    assert_eq!(all[6].invoice_amount, Some(dec("0.01")));
    let pages: Vec<String> = server
        .received_requests()
        .await
        .expect("rec")
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "offset")
                .map(|(_, v)| v.into_owned())
                .expect("offset")
        })
        .collect();
    assert_eq!(pages, ["1", "2", "3"]);
    let q = server.received_requests().await.expect("rec")[0]
        .url
        .query()
        .unwrap_or_default()
        .to_owned();
    assert!(q.contains("start_time=2024-01-01T00%3A00%3A00Z"), "{q}");
}

/// Serves orders by record offset.
struct OrderPages {
    total: usize,
}

impl Respond for OrderPages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let q = |k: &str| -> usize {
            request
                .url
                .query_pairs()
                .find(|(n, _)| n == k)
                .and_then(|(_, v)| v.parse().ok())
                .expect("number")
        };
        let (offset, limit) = (q("offset"), q("limit"));
        let orders: Vec<Value> = (offset..(offset + limit).min(self.total))
            .map(|i| json!({"order_id": format!("O{i}"), "amount_after_discount": 0.00000001}))
            .collect();
        ResponseTemplate::new(200)
            .set_body_json(json!({"total_count": self.total, "order_infos": orders}))
    }
}

#[tokio::test]
async fn orders_page_by_record_offset_on_both_sites() {
    for site in [Site::China, Site::International] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v2/orders/customer-orders"))
            .respond_with(OrderPages { total: 25 })
            .mount(&server)
            .await;
        let client = common::builder(&server).site(site).build().expect("client");
        let orders: Vec<_> = client
            .orders()
            .list_all(ListCustomerOrdersRequest::new().limit(10).customer_id("c1"))
            .into_stream()
            .collect()
            .await;
        assert_eq!(orders.len(), 25);
        let last = orders[24].as_ref().expect("ok");
        assert_eq!(last.order_id.as_deref(), Some("O24"));
        assert_eq!(last.amount_after_discount, Some(dec("0.00000001")));
        let offsets: Vec<String> = server
            .received_requests()
            .await
            .expect("rec")
            .iter()
            .map(|r| {
                r.url
                    .query_pairs()
                    .find(|(k, _)| k == "offset")
                    .map(|(_, v)| v.into_owned())
                    .expect("offset")
            })
            .collect();
        assert_eq!(offsets, ["0", "10", "20"], "{site:?}");
    }
}

#[tokio::test]
async fn documented_error_codes_map_to_their_kinds() {
    let cases = [
        (400, "CBC.0100", ErrorKind::Api),
        (400, "CBC.0101", ErrorKind::Api),
        (403, "CBC.0151", ErrorKind::PermissionDenied),
        (401, "CBC.0154", ErrorKind::Auth),
        (403, "CBC.0154", ErrorKind::Auth),
        (403, "CBC.0155", ErrorKind::PermissionDenied),
        (429, "CBC.0250", ErrorKind::RateLimited),
        (500, "CBC.0999", ErrorKind::Server),
        (403, "CBC.5001", ErrorKind::PermissionDenied),
        (400, "CBC.5002", ErrorKind::NotFound),
        (403, "CBC.99000000", ErrorKind::PermissionDenied),
        (400, "CBC.99000035", ErrorKind::PermissionDenied),
        (403, "CBC.99000037", ErrorKind::PermissionDenied),
        (400, "CBC.99000049", ErrorKind::Api),
        (400, "CBC.99000084", ErrorKind::Api),
        (400, "CBC.99004015", ErrorKind::Api),
        (429, "APIG.0308", ErrorKind::RateLimited),
        (401, "APIG.0301", ErrorKind::Auth),
    ];
    for (status, code, kind) in cases {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("X-Request-Id", "req-42")
                    .set_body_json(json!({"error_code": code, "error_msg": "m"})),
            )
            .mount(&server)
            .await;
        let client = common::builder(&server)
            .retry(common::fast_retry(1))
            .build()
            .expect("client");
        let e = client
            .incentives()
            .list_policies(&ListIncentiveDiscountPoliciesRequest::new().time(may()))
            .await
            .expect_err("error");
        assert_eq!(e.kind(), kind, "{code}");
        assert_eq!(e.code(), Some(code));
        assert_eq!(e.status(), Some(status));
        assert_eq!(e.request_id(), Some("req-42"));
        assert_eq!(e.operation(), Some("list_incentive_discount_policies"));
    }
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let china = common::client(&server);
    let international = intl(&server);

    // Typed requests.
    for limit in [0, 101, -5] {
        let e = china
            .orders()
            .list(&ListCustomerOrdersRequest::new().limit(limit))
            .await
            .expect_err("limit");
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{limit}");
    }
    let e = china
        .orders()
        .list(&ListCustomerOrdersRequest::new().offset(-1))
        .await
        .expect_err("offset");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let t = |d| {
        Utc.with_ymd_and_hms(2024, 6, d, 0, 0, 0)
            .single()
            .expect("t")
    };
    let e = china
        .orders()
        .list(
            &ListCustomerOrdersRequest::new()
                .create_time_begin(t(5))
                .create_time_end(t(4)),
        )
        .await
        .expect_err("range");
    assert!(e.message().contains("create_time_end"), "{e}");
    let e = china
        .bills()
        .list_customer_monthly_bills(&ListSubcustomerMonthlyBillsRequest::new().charge_mode("1"))
        .await
        .expect_err("cycle required");
    assert!(e.message().contains("cycle"), "{e}");
    let e = international
        .invoices()
        .list(
            &ListInvoicesRequest::new()
                .domain_id("d")
                .offset(0)
                .limit(10),
        )
        .await
        .expect_err("page numbers start at 1");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let e = international
        .invoices()
        .list_all(ListInvoicesRequest::new().limit(10))
        .collect_all()
        .await
        .expect_err("times required");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);

    // Sites: an operation the site lacks, and a field only the other site knows.
    let e = china
        .invoices()
        .list(
            &ListInvoicesRequest::new()
                .domain_id("d")
                .start_time(t(1))
                .end_time(t(2))
                .offset(1)
                .limit(10),
        )
        .await
        .expect_err("no invoices on the China site");
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    let e = international
        .bills()
        .list_customer_monthly_bills(
            &ListSubcustomerMonthlyBillsRequest::new()
                .cycle("2024-05".parse::<BillingCycle>().expect("cycle"))
                .charge_mode("1"),
        )
        .await
        .expect_err("China-only operation");
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    let e = international
        .customers()
        .send_verification_code(
            &huaweicloud_partner::customers::SendVerificationMessageCodeRequest::new()
                .receiver_type(1)
                .mobile_phone("13800000000"),
        )
        .await
        .expect_err("mobile numbers are a China-site field");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert!(e.message().contains("mobile_phone"), "{e}");

    // JSON requests from the bindings.
    for (area, m, request, needle) in [
        (
            "bills",
            "list_customer_monthly_bills",
            json!({"cycle": "2024-13", "charge_mode": "1"}),
            "cycle",
        ),
        (
            "bills",
            "list_customer_monthly_bills",
            json!({"cycle": "2024-05", "charge_mode": "1", "limit": 1000}),
            "limit",
        ),
        (
            "orders",
            "list",
            json!({"create_time_begin": "yesterday"}),
            "create_time_begin",
        ),
        ("orders", "list", json!({"ofset": 1}), "ofset"),
        ("orders", "pay", json!({"order_id": "o1"}), "use_coupon"),
        (
            "coupons",
            "issue",
            json!({"quota_id": "q", "customer_ids": ["c"], "face_value": 5}),
            "decimal strings",
        ),
    ] {
        let e = dynamic::call(&china, area, m, request)
            .await
            .expect_err(needle);
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{area}.{m}: {e}");
        assert!(e.message().contains(needle), "{area}.{m}: {e}");
    }

    // Budgets are an International-site operation.
    for (request, needle) in [
        (
            json!({"customer_id": "c", "budget_amount": "0"}),
            "greater than zero",
        ),
        (
            json!({"customer_id": "c", "budget_amount": "1", "budget_type": "YEARLY"}),
            "budget_type",
        ),
        (
            json!({"customer_id": "c", "budget_amount": "1", "cancel_partner_frozen": "yes"}),
            "cancel_partner_frozen",
        ),
    ] {
        let e = dynamic::call(&international, "budgets", "update", request)
            .await
            .expect_err(needle);
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
        assert!(e.message().contains(needle), "{e}");
    }

    assert!(
        server.received_requests().await.expect("rec").is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn query_and_body_are_exactly_the_catalogue_names() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/promotions/benefits/partner-coupons"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "coupon_infos": [{"coupon_id": "CP1", "customer_id": "c1"}],
            "error_details": []
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/orders/customer-orders/details/O%201"))
        .and(query_param("limit", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total_count": 0})))
        .mount(&server)
        .await;
    let client = common::client(&server);
    let issued = client
        .coupons()
        .issue(
            &huaweicloud_partner::coupons::CreatePartnerCouponsRequest::new()
                .quota_id("Q1")
                .customer_ids(vec!["c1".to_owned()])
                .face_value(dec("12345678901234.56789"))
                .valid_time(
                    Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0)
                        .single()
                        .expect("t"),
                ),
        )
        .await
        .expect("issued");
    assert_eq!(issued.coupon_infos.len(), 1);
    client
        .orders()
        .details(
            &huaweicloud_partner::orders::ShowCustomerOrderDetailsRequest::new()
                .order_id("O 1")
                .limit(5),
        )
        .await
        .expect("details");
    let received = server.received_requests().await.expect("rec");
    let body = String::from_utf8(received[0].body.clone()).expect("utf8");
    let expected = concat!(
        r#"{"quota_id":"Q1","customer_ids":["c1"],"#,
        r#""face_value":12345678901234.56789,"valid_time":"2024-07-01T00:00:00Z"}"#
    );
    assert_eq!(body, expected);
    for r in &received {
        common::assert_signed(r);
    }
}

#[tokio::test]
async fn known_values_and_ranges_are_checked_before_sending() {
    let server = MockServer::start().await;
    let client = common::client(&server);
    for (area, m, request, needle) in [
        (
            "orders",
            "pay",
            json!({"order_id": "o", "use_coupon": "yes", "use_discount": "NO"}),
            "use_coupon",
        ),
        (
            "orders",
            "pay",
            json!({"order_id": "o", "use_coupon": "YES", "use_discount": "NO"}),
            "coupon_infos",
        ),
        (
            "resources",
            "renew",
            json!({"resource_ids": ["r"], "period_type": 2, "period_num": 12}),
            "period_num",
        ),
        (
            "resources",
            "renew",
            json!({"resource_ids": [], "period_type": 3, "period_num": 1}),
            "resource_ids",
        ),
        (
            "resources",
            "unsubscribe",
            json!({"resource_ids": ["r"], "unsubscribe_type": 3}),
            "unsubscribe_type",
        ),
        (
            "resources",
            "enable_auto_renew",
            json!({"resource_id": "r", "period_type": "WEEK"}),
            "period_type",
        ),
    ] {
        let e = dynamic::call(&client, area, m, request)
            .await
            .expect_err(needle);
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{area}.{m}: {e}");
        assert!(e.message().contains(needle), "{area}.{m}: {e}");
    }
    assert!(server.received_requests().await.expect("rec").is_empty());
}
