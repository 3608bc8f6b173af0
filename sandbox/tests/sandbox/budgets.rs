//! Customer budgets (International site): the budget set is the budget shown and listed.

use huaweicloud_partner_sandbox::Sandbox;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::common::*;

const BUDGET: &str = "/intl/v2/partners/sub-customers/budget";
const QUERY: &str = "/intl/v2/partners/sub-customers/budget/query";

fn dec(v: &Value) -> Decimal {
    v.to_string().parse().expect("decimal")
}

async fn shown(sb: &Sandbox, id: &str) -> Value {
    let r = send(
        sb,
        &partner(sb),
        "GET",
        BUDGET,
        &[("customer_id", id)],
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body
}

async fn set(sb: &Sandbox, body: Value) -> Resp {
    send(sb, &partner(sb), "POST", BUDGET, &[], Some(body)).await
}

#[tokio::test]
async fn the_budget_set_is_shown_and_listed() {
    let sb = start().await;
    let (a, b) = (sb.customer_ids()[3].clone(), sb.customer_ids()[4].clone());
    let before = shown(&sb, &a).await;
    assert_eq!(before["currency"], "USD");
    assert!(dec(&before["budget_amount"]) > Decimal::ZERO);

    let r = set(
        &sb,
        json!({ "customer_id": a, "budget_amount": 321.5, "budget_type": "PACKAGE" }),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let after = shown(&sb, &a).await;
    assert_eq!(dec(&after["budget_amount"]), "321.50".parse().expect("dec"));
    assert_eq!(after["budget_type"], "PACKAGE");
    assert_eq!(after["used_amount"], before["used_amount"]);

    let body = json!({ "customer_ids": [b, a, "ffffffffffffffffffffffffffffffff"] });
    let r = send(&sb, &partner(&sb), "POST", QUERY, &[], Some(body)).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let infos = r.body["budget_infos"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let listed: Vec<&str> = infos
        .iter()
        .filter_map(|i| i["customer_id"].as_str())
        .collect();
    assert_eq!(listed, [b.as_str(), a.as_str()]);
    assert_eq!(
        dec(&infos[1]["budget_amount"]),
        "321.5".parse().expect("dec")
    );
    assert_eq!(
        infos[0]["budget_amount"],
        shown(&sb, &b).await["budget_amount"]
    );

    // Without a type the API sets a monthly budget.
    let r = set(&sb, json!({ "customer_id": a, "budget_amount": 40 })).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let last = shown(&sb, &a).await;
    assert_eq!(
        (dec(&last["budget_amount"]), &last["budget_type"]),
        ("40".parse().expect("dec"), &json!("MONTHLY"))
    );
}

#[tokio::test]
async fn invalid_budgets_are_refused_and_change_nothing() {
    let sb = start().await;
    let id = sb.customer_ids()[5].clone();
    let before = shown(&sb, &id).await;
    for (body, code) in [
        (json!({ "customer_id": id, "budget_amount": 0 }), "CBC.0101"),
        (
            json!({ "customer_id": id, "budget_amount": -5 }),
            "CBC.0101",
        ),
        (
            json!({ "customer_id": id, "budget_amount": 1.001 }),
            "CBC.0101",
        ),
        (
            json!({ "customer_id": id, "budget_amount": 2_147_483_648_i64 }),
            "CBC.0101",
        ),
        (
            json!({ "customer_id": id, "budget_amount": 5, "budget_type": "DAILY" }),
            "CBC.0100",
        ),
        (
            json!({ "customer_id": id, "budget_amount": 5, "budget_type": "" }),
            "CBC.0100",
        ),
        (
            json!({ "customer_id": "ffffffffffffffffffffffffffffffff", "budget_amount": 5 }),
            "CBC.99000035",
        ),
    ] {
        let r = set(&sb, body.clone()).await;
        assert_eq!((r.status, r.code()), (400, code), "{body}");
    }
    assert_eq!(shown(&sb, &id).await, before);
    let r = send(
        &sb,
        &partner(&sb),
        "GET",
        BUDGET,
        &[("customer_id", "nobody")],
        None,
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.99000035"));
}

#[tokio::test]
async fn setting_a_budget_can_unfreeze_the_customer() {
    let sb = start().await;
    let p = partner(&sb);
    let id = sb.customer_ids()[6].clone();
    let frozen = || async {
        let body = json!({ "customer_id": id, "offset": 0, "limit": 1 });
        let r = send(
            &sb,
            &p,
            "POST",
            "/intl/v2/partners/sub-customers/query",
            &[],
            Some(body),
        )
        .await;
        r.body["customer_infos"][0]["is_frozen"].clone()
    };
    let body = json!({ "customer_ids": [id], "reason": "budget test" });
    let r = send(
        &sb,
        &p,
        "POST",
        "/intl/v2/partners/sub-customers/freeze",
        &[],
        Some(body),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(frozen().await, 1);
    let r = set(
        &sb,
        json!({ "customer_id": id, "budget_amount": 10, "cancel_partner_frozen": "0" }),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(frozen().await, 1);
    let r = set(
        &sb,
        json!({ "customer_id": id, "budget_amount": 10, "cancel_partner_frozen": "1" }),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(frozen().await, 0);
}
