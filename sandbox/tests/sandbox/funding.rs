//! Funding, reclaiming and the records they leave; customer creation.

use serde_json::{json, Value};

use crate::common::*;

const FUND: &str = "/v2/accounts/partner-accounts/adjust-amount";
const RECLAIM: &str = "/v2/accounts/partner-accounts/reclaim";
const BALANCES: &str = "/v2/accounts/customer-accounts/balances/batch-query";
const ADJUST: &str = "/v3/accounts/partner-accounts/adjust-records";
const CHANGES: &str = "/v2/accounts/partner-accounts/account-change-records";
const PARTNER_BAL: &str = "/v2/accounts/partner-accounts/balances";

fn dec(v: &Value) -> rust_decimal::Decimal {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    text.parse().expect("decimal")
}

async fn balance(sb: &huaweicloud_partner_sandbox::Sandbox, id: &str) -> rust_decimal::Decimal {
    let body = json!({ "customer_infos": [{ "customer_id": id }] });
    let r = send(sb, &partner(sb), "POST", BALANCES, &[], Some(body)).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    dec(&r.body["customer_balances"][0]["amount"])
}

#[tokio::test]
async fn funding_raises_balance_and_leaves_records() {
    let sb = start().await;
    let p = partner(&sb);
    let id = sb.customer_ids()[2].clone();
    let before = balance(&sb, &id).await;
    let partner_before = dec(
        &send(&sb, &p, "GET", PARTNER_BAL, &[], None).await.body["account_balances"][0]["amount"]
    );

    let r = send(
        &sb,
        &p,
        "POST",
        FUND,
        &[],
        Some(json!({ "customer_id": id, "amount": 1234.56 })),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let transfer = r.body["transfer_id"]
        .as_str()
        .expect("transfer_id")
        .to_owned();
    assert_eq!(
        balance(&sb, &id).await - before,
        "1234.56".parse().expect("dec")
    );
    let partner_after = dec(
        &send(&sb, &p, "GET", PARTNER_BAL, &[], None).await.body["account_balances"][0]["amount"]
    );
    assert_eq!(
        partner_before - partner_after,
        "1234.56".parse().expect("dec")
    );

    let r = send(&sb, &p, "GET", ADJUST, &[("limit", "1")], None).await;
    assert_eq!(r.body["total_count"], 2001);
    let rec = &r.body["records"][0];
    assert_eq!(
        (rec["trans_id"].as_str(), rec["amount"].as_str()),
        (Some(transfer.as_str()), Some("1234.56"))
    );
    assert_eq!(rec["operation_type"], "SOURCE_OPERATION_BEADJUST");
    let r = send(
        &sb,
        &p,
        "GET",
        ADJUST,
        &[("customer_id", &id), ("trans_id", &transfer)],
        None,
    )
    .await;
    assert_eq!(r.body["total_count"], 1);

    let q = [("balance_type", "BALANCE_TYPE_DEBIT"), ("limit", "1")];
    let r = send(&sb, &p, "GET", CHANGES, &q, None).await;
    let ch = &r.body["records"][0];
    assert_eq!(ch["trade_id"].as_str(), Some(transfer.as_str()));
    assert_eq!(
        (ch["type"].as_str(), ch["change_amount"].as_str()),
        (Some("2"), Some("1234.56"))
    );
    assert_eq!(dec(&ch["balance_after_change"]), partner_after);
}

#[tokio::test]
async fn reclaim_fails_on_short_balance_and_succeeds_otherwise() {
    let sb = start().await;
    let p = partner(&sb);
    let id = sb.customer_ids()[4].clone();
    let have = balance(&sb, &id).await;
    let too_much = have + rust_decimal::Decimal::ONE;
    let body = json!({ "customer_id": id, "amount": too_much.to_string().parse::<f64>().ok() });
    let r = send(&sb, &p, "POST", RECLAIM, &[], Some(body)).await;
    assert_eq!((r.status, r.code()), (400, "CBC.99005003"));
    assert_eq!(balance(&sb, &id).await, have);

    send(
        &sb,
        &p,
        "POST",
        FUND,
        &[],
        Some(json!({ "customer_id": id, "amount": 10 })),
    )
    .await;
    let r = send(
        &sb,
        &p,
        "POST",
        RECLAIM,
        &[],
        Some(json!({ "customer_id": id, "amount": 7.5 })),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(balance(&sb, &id).await - have, "2.50".parse().expect("dec"));
    let r = send(
        &sb,
        &p,
        "GET",
        ADJUST,
        &[
            ("operation_type", "SOURCE_OPERATION_BERETRIEVE"),
            ("customer_id", &id),
        ],
        None,
    )
    .await;
    assert_eq!(r.body["records"][0]["amount"], "7.50");
}

#[tokio::test]
async fn funding_checks_customer_and_amount() {
    let sb = start().await;
    let p = partner(&sb);
    let r = send(
        &sb,
        &p,
        "POST",
        FUND,
        &[],
        Some(json!({ "customer_id": "nobody", "amount": 1 })),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.99000035"));
    let id = sb.customer_ids()[0].clone();
    let r = send(
        &sb,
        &p,
        "POST",
        FUND,
        &[],
        Some(json!({ "customer_id": id, "amount": -1 })),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.0101"));
    let r = send(
        &sb,
        &p,
        "POST",
        FUND,
        &[],
        Some(json!({ "customer_id": id })),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.0100"));
    let r = send(
        &sb,
        &p,
        "POST",
        FUND,
        &[],
        Some(json!({ "customer_id": id, "amount": "1" })),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.0100"));
}

#[tokio::test]
async fn created_customer_is_listed_and_can_be_funded() {
    let sb = start().await;
    let p = partner(&sb);
    let body = json!({
        "xaccount_id": "ext-1",
        "xaccount_type": sb.platform_id(),
        "domain_name": "new_cust_01",
    });
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/partners/sub-customers",
        &[],
        Some(body.clone()),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["domain_id"].as_str().expect("id").to_owned();
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/partners/sub-customers",
        &[],
        Some(body),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.0101"));

    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/partners/sub-customers/query",
        &[],
        Some(json!({ "limit": 1 })),
    )
    .await;
    assert_eq!(r.body["count"], 51);
    assert_eq!(
        r.body["customer_infos"][0]["customer_id"].as_str(),
        Some(id.as_str())
    );
    let r = send(
        &sb,
        &p,
        "POST",
        FUND,
        &[],
        Some(json!({ "customer_id": id, "amount": 99.99 })),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(balance(&sb, &id).await, "99.99".parse().expect("dec"));
}

#[tokio::test]
async fn issued_coupons_appear_and_reclaim_returns_quota() {
    let sb = start().await;
    let p = partner(&sb);
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/partners/coupon-quotas/query",
        &[],
        Some(json!({})),
    )
    .await;
    let quota = r.body["quotas"][0].clone();
    let quota_id = quota["quota_id"].as_str().expect("quota").to_owned();
    let id = sb.customer_ids()[1].clone();
    let body = json!({ "quota_id": quota_id, "customer_ids": [id, "nobody"], "face_value": 50 });
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/promotions/benefits/partner-coupons",
        &[],
        Some(body),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["error_details"][0]["id"], "nobody");
    let coupon = r.body["coupon_infos"][0]["coupon_id"]
        .as_str()
        .expect("coupon")
        .to_owned();

    let list = "/v2/promotions/benefits/partner-coupons";
    let r = send(&sb, &p, "GET", list, &[("coupon_id", &coupon)], None).await;
    assert_eq!(r.body["total_count"], 1);
    assert_eq!(r.body["user_coupons"][0]["status"], 2);
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/partners/coupon-quotas/query",
        &[],
        Some(json!({})),
    )
    .await;
    assert_eq!(
        dec(&quota["balance"]) - dec(&r.body["quotas"][0]["balance"]),
        "50".parse().expect("d")
    );

    let reclaim = "/v2/promotions/benefits/partner-coupons/reclaim";
    let r = send(
        &sb,
        &p,
        "POST",
        reclaim,
        &[],
        Some(json!({ "coupon_id": coupon })),
    )
    .await;
    assert_eq!(r.status, 200);
    let r = send(&sb, &p, "GET", list, &[("coupon_id", &coupon)], None).await;
    assert_eq!(r.body["user_coupons"][0]["status"], 5);
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/partners/coupon-quotas/query",
        &[],
        Some(json!({})),
    )
    .await;
    assert_eq!(r.body["quotas"][0]["balance"], quota["balance"]);
}

#[tokio::test]
async fn reseller_funding_moves_partner_money() {
    let sb = start().await;
    let p = partner(&sb);
    let reseller = sb.reseller_ids()[0].clone();
    let q = [("indirect_partner_id", reseller.as_str())];
    let before = dec(
        &send(&sb, &p, "GET", PARTNER_BAL, &q, None).await.body["account_balances"][0]["amount"],
    );
    let body = json!({ "indirect_partner_id": reseller, "amount": 100 });
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/accounts/partner-accounts/indirect-partner-adjust",
        &[],
        Some(body),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let after = dec(
        &send(&sb, &p, "GET", PARTNER_BAL, &q, None).await.body["account_balances"][0]["amount"],
    );
    assert_eq!(after - before, "100".parse().expect("d"));
    let body = json!({ "indirect_partner_id": reseller, "amount": 1e9 });
    let r = send(
        &sb,
        &p,
        "POST",
        "/v2/accounts/partner-accounts/indirect-partner-reclaim",
        &[],
        Some(body),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.99005003"));
}
