//! Pagination bounds and totals, validation, big data sets, generated answers.

use std::collections::HashSet;

use huaweicloud_partner_sandbox::SandboxConfig;
use serde_json::json;

use crate::common::*;

const ADJUST: &str = "/v3/accounts/partner-accounts/adjust-records";

#[tokio::test]
async fn offset_limit_bounds_and_totals() {
    let sb = start().await;
    let p = partner(&sb);
    for (k, v) in [("limit", "0"), ("limit", "101"), ("offset", "-1")] {
        let r = send(&sb, &p, "GET", ADJUST, &[(k, v)], None).await;
        assert_eq!((r.status, r.code()), (400, "CBC.0101"), "{k}={v}");
    }
    let r = send(&sb, &p, "GET", ADJUST, &[("limit", "abc")], None).await;
    assert_eq!((r.status, r.code()), (400, "CBC.0100"));

    let mut seen = HashSet::new();
    let mut offset = 0;
    loop {
        let o = offset.to_string();
        let r = send(
            &sb,
            &p,
            "GET",
            ADJUST,
            &[("offset", &o), ("limit", "100")],
            None,
        )
        .await;
        assert_eq!(r.body["total_count"], 2000);
        let recs = r.body["records"].as_array().cloned().unwrap_or_default();
        if recs.is_empty() {
            break;
        }
        for rec in recs {
            assert!(seen.insert(rec["trans_id"].as_str().unwrap_or("").to_owned()));
        }
        offset += 100;
    }
    assert_eq!(seen.len(), 2000);
}

#[tokio::test]
async fn a_million_records_page_lazily() {
    let sb = start_with(SandboxConfig::default().records(1_000_000)).await;
    let p = partner(&sb);
    let r = send(
        &sb,
        &p,
        "GET",
        ADJUST,
        &[("offset", "999950"), ("limit", "100")],
        None,
    )
    .await;
    assert_eq!(r.body["total_count"], 1_000_000);
    assert_eq!(r.body["records"].as_array().map(Vec::len), Some(50));
    let id = sb.customer_ids()[7].clone();
    let r = send(
        &sb,
        &p,
        "GET",
        ADJUST,
        &[("customer_id", &id), ("limit", "3")],
        None,
    )
    .await;
    assert_eq!(r.body["total_count"], 20_000);
    assert!(r.body["records"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|x| x["customer_id"] == id.as_str()));
    let q = [
        ("operation_time_begin", "2025-12-01T00:00:00Z"),
        ("operation_time_end", "2025-12-31T23:59:59Z"),
    ];
    let r = send(&sb, &p, "GET", ADJUST, &q, None).await;
    let total = r.body["total_count"].as_u64().unwrap_or(0);
    assert!((80_000..90_000).contains(&total), "{total}");
}

#[tokio::test]
async fn required_and_format_validation() {
    let sb = start().await;
    let p = partner(&sb);
    let bills = "/v2/bills/partner-bills/subcustomer-bills/monthly-sum";
    let r = send(&sb, &p, "GET", bills, &[("charge_mode", "1")], None).await;
    assert_eq!((r.status, r.code()), (400, "CBC.0100"));
    let r = send(
        &sb,
        &p,
        "GET",
        bills,
        &[("cycle", "2025/05"), ("charge_mode", "1")],
        None,
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.0100"));
    let r = send(
        &sb,
        &p,
        "GET",
        bills,
        &[("cycle", "2025-05"), ("charge_mode", "1")],
        None,
    )
    .await;
    assert_eq!(r.body["count"], 50);
    let line = &r.body["bill_sums"][0];
    let amount: rust_decimal::Decimal = line["amount"].to_string().parse().expect("number");
    let parts: rust_decimal::Decimal = line["account_details"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            d["amount"]
                .to_string()
                .parse::<rust_decimal::Decimal>()
                .expect("n")
        })
        .sum();
    assert_eq!(amount, parts);
}

#[tokio::test]
async fn intl_invoices_page_by_number() {
    let sb = start().await;
    let p = partner(&sb);
    let path = format!("/v1.0/{}/payments/intl-invoices", sb.domain_id());
    let base = [
        ("start_time", "2025-01-01T00:00:00Z"),
        ("end_time", "2025-12-31T23:59:59Z"),
    ];
    let q = |o: &'static str| [base[0], base[1], ("offset", o), ("limit", "10")];
    let r = send(&sb, &p, "GET", &path, &q("0"), None).await;
    assert_eq!((r.status, r.code()), (400, "CBC.0101"));
    let r = send(&sb, &p, "GET", &path, &q("4"), None).await;
    assert_eq!(r.body["count"], 36);
    assert_eq!(r.body["invoices"].as_array().map(Vec::len), Some(6));
}

#[tokio::test]
async fn generated_answers_follow_the_schema_and_are_stable() {
    let sb = start().await;
    let customer = Cred::Token(customer_token(&sb).await);
    let orders = "/v2/orders/customer-orders";
    let a = send(&sb, &customer, "GET", orders, &[("limit", "2")], None).await;
    let b = send(&sb, &customer, "GET", orders, &[("limit", "2")], None).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body, b.body);
    let total = a.body["total_count"].as_u64().expect("total");
    assert!((3..=47).contains(&total));
    let order = &a.body["order_infos"][0];
    assert!(order["official_amount"].is_number(), "{order}");
    let text = order["official_amount"].to_string();
    let frac = text.split('.').nth(1).map_or(0, str::len);
    assert!((2..=8).contains(&frac), "{text}");

    let intl = send(
        &sb,
        &partner(&sb),
        "POST",
        "/intl/v2/partners/sub-customers/budget/query",
        &[],
        Some(json!({ "customer_ids": [sb.customer_ids()[0]] })),
    )
    .await;
    assert_eq!(intl.status, 200, "{:?}", intl.body);
}

#[tokio::test]
async fn generated_answers_use_documented_codes_filters_and_caller() {
    let sb = start().await;
    let customer = Cred::Token(customer_token(&sb).await);
    let own = sb.customer_ids()[0].clone();
    let orders = "/v2/orders/customer-orders";
    let r = send(
        &sb,
        &customer,
        "GET",
        orders,
        &[("limit", "40"), ("status", "2")],
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    for o in r.body["order_infos"].as_array().into_iter().flatten() {
        assert_eq!(o["status"], 2, "{o}");
        assert_eq!(o["customer_id"].as_str(), Some(own.as_str()));
        // The SDK docstring lists order types 1-4, 11, 13-15; a random int would not fit.
        let t = o["order_type"].as_i64().expect("order_type");
        assert!([1, 2, 3, 4, 11, 13, 14, 15].contains(&t), "{t}");
    }
}

#[tokio::test]
async fn order_details_match_the_list_for_both_callers() {
    let sb = start().await;
    let customer = Cred::Token(customer_token(&sb).await);
    let r = send(
        &sb,
        &customer,
        "GET",
        "/v2/orders/customer-orders",
        &[],
        None,
    )
    .await;
    assert_eq!(r.body["total_count"], 4, "{:?}", r.body);
    let listed = r.body["order_infos"][0].clone();
    let id = listed["order_id"].as_str().expect("order id").to_owned();
    let path = format!("/v2/orders/customer-orders/details/{id}");
    let mine = send(&sb, &customer, "GET", &path, &[], None).await;
    let partners = send(&sb, &partner(&sb), "GET", &path, &[], None).await;
    assert_eq!(mine.status, 200, "{:?}", mine.body);
    assert_eq!(mine.body, partners.body);
    let info = &mine.body["order_info"];
    for k in [
        "order_id",
        "customer_id",
        "status",
        "official_amount",
        "create_time",
    ] {
        assert_eq!(info[k], listed[k], "{k}");
    }
    let r = send(
        &sb,
        &partner(&sb),
        "GET",
        "/v2/orders/customer-orders/details/CS1",
        &[],
        None,
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.0101"));
}

#[tokio::test]
async fn generated_lists_use_documented_codes_and_echo_filters() {
    let sb = start().await;
    let p = partner(&sb);
    let id = sb.customer_ids()[0].clone();
    let path = "/v2/partners/sub-customers/on-demand-resources/query";
    let body =
        json!({ "customer_id": id, "limit": 50, "service_type_code": "hws.service.type.obs" });
    let r = send(&sb, &p, "POST", path, &[], Some(body)).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let items = r.body["resources"].as_array().cloned().unwrap_or_default();
    assert!(!items.is_empty());
    for res in items {
        assert_eq!(res["customer_id"].as_str(), Some(id.as_str()));
        assert_eq!(res["service_type_code"], "hws.service.type.obs");
        // The SDK documents status codes 1, 2, 3, 4, 5 and 6 for this model.
        let status = res["status"].as_i64().expect("status");
        assert!((1..=6).contains(&status), "{status}");
    }
}
