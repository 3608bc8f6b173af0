//! Writes and the reads that show them, plus the documented errors of the money-moving
//! operations, through the same JSON entry point the bindings use.

use huaweicloud_partner::{Client, ErrorKind, Site};
use huaweicloud_partner_sandbox::Sandbox;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::checks::decimal;
use crate::world::{call, for_customer, partner_client, password_client};

async fn ok(client: &Client, key: &str, request: Value) -> Value {
    call(client, key, request.clone())
        .await
        .unwrap_or_else(|e| panic!("{key} {request}: {e}"))
}

/// The API error `(status, code)` and the kind the SDK gives it.
type Refusal = (u16, &'static str, ErrorKind);

const SHORT_BALANCE: Refusal = (400, "CBC.99005003", ErrorKind::Api);
const INVALID_VALUE: Refusal = (400, "CBC.0101", ErrorKind::Api);
const NOT_SUB_CUSTOMER: Refusal = (400, "CBC.99000035", ErrorKind::PermissionDenied);
const NOT_RESELLER: Refusal = (403, "CBC.99000037", ErrorKind::PermissionDenied);

async fn refused(client: &Client, key: &str, request: Value, (status, code, kind): Refusal) {
    let e = call(client, key, request.clone())
        .await
        .expect_err(&format!("{key} {request} must fail"));
    assert_eq!(
        (e.status(), e.code()),
        (Some(status), Some(code)),
        "{key}: {e}"
    );
    assert_eq!(e.kind(), kind, "{key}: {e}");
    assert!(!e.is_retryable(), "{key}: {e}");
    assert!(e.request_id().is_some(), "{key}: no request id in {e}");
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal literal")
}

async fn customer_balance(partner: &Client, customer_id: &str) -> Decimal {
    let request = json!({ "customer_infos": [{ "customer_id": customer_id }] });
    let out = ok(partner, "funding.customer_balances", request).await;
    decimal(&out["customer_balances"][0]["amount"])
}

async fn partner_balance(partner: &Client, reseller: Option<&str>) -> Decimal {
    let request = match reseller {
        Some(id) => json!({ "indirect_partner_id": id }),
        None => json!({}),
    };
    let out = ok(partner, "resellers.partner_balances", request).await;
    decimal(&out["account_balances"][0]["amount"])
}

async fn sandbox() -> Sandbox {
    Sandbox::start(crate::config()).await.expect("sandbox")
}

#[tokio::test]
async fn a_created_customer_is_listed_and_can_be_frozen() {
    let sb = sandbox().await;
    for (site, tag) in [(Site::China, "c"), (Site::International, "i")] {
        let partner = partner_client(&sb, site);
        let count = |v: &Value| v["count"].as_u64().expect("count");
        let before = count(&ok(&partner, "customers.list", json!({ "limit": 1 })).await);
        let name = format!("rust_flow_{tag}");
        let mut request = json!({
            "xaccount_id": format!("rust-flow-{tag}"),
            "xaccount_type": sb.platform_id(),
            "domain_name": name,
        });
        if site.is_international() {
            request["domain_area"] = json!("MX");
        }
        let created = ok(&partner, "customers.create", request).await;
        let id = created["domain_id"].as_str().expect("domain_id").to_owned();
        assert_eq!(created["domain_name"], name.as_str());

        let after = ok(&partner, "customers.list", json!({ "limit": 1 })).await;
        assert_eq!(count(&after), before + 1);
        let found = ok(&partner, "customers.list", json!({ "account_name": name })).await;
        assert_eq!(found["customer_infos"][0]["customer_id"], id.as_str());
        assert_eq!(found["customer_infos"][0]["is_frozen"], 0);

        // The partner can act in the new account at once; it starts empty.
        let agent = password_client(&sb, site);
        let customer = for_customer(&agent, &name).await;
        let own = ok(&customer, "account_records.customer_balances", json!({})).await;
        assert_eq!(
            decimal(&own["account_balances"][0]["amount"]),
            Decimal::ZERO
        );

        if site.is_international() {
            for (key, frozen) in [("customers.freeze", 1), ("customers.unfreeze", 0)] {
                let request = json!({ "customer_ids": [id], "reason": "rust flow" });
                let out = ok(&partner, key, request).await;
                assert_eq!(out["error_details"].as_array().map(Vec::len), Some(0));
                let listed = ok(&partner, "customers.list", json!({ "customer_id": id })).await;
                assert_eq!(listed["customer_infos"][0]["is_frozen"], frozen, "{key}");
            }
        }
    }
}

#[tokio::test]
async fn funding_and_reclaiming_move_both_balances_and_leave_records() {
    let sb = sandbox().await;
    let partner = partner_client(&sb, Site::China);
    let id = sb.customer_ids()[1].clone();
    let (c0, p0) = (
        customer_balance(&partner, &id).await,
        partner_balance(&partner, None).await,
    );

    let request = json!({ "customer_id": id, "amount": "12.34" });
    let funded = ok(&partner, "funding.fund_customer", request).await;
    let transfer = funded["transfer_id"]
        .as_str()
        .expect("transfer_id")
        .to_owned();
    assert_eq!(customer_balance(&partner, &id).await, c0 + dec("12.34"));
    assert_eq!(partner_balance(&partner, None).await, p0 - dec("12.34"));

    // The customer sees the same balance through its own token.
    let agent = password_client(&sb, Site::China);
    let customer = for_customer(&agent, &sb.customer_domain_names()[1]).await;
    let own = ok(&customer, "account_records.customer_balances", json!({})).await;
    assert_eq!(
        decimal(&own["account_balances"][0]["amount"]),
        c0 + dec("12.34")
    );

    let request = json!({ "customer_id": id, "trans_id": transfer });
    let records = ok(&partner, "funding.list_adjust_records", request).await;
    assert_eq!(
        records["records"].as_array().map(Vec::len),
        Some(1),
        "{records}"
    );
    assert_eq!(decimal(&records["records"][0]["amount"]), dec("12.34"));
    let request = json!({ "balance_type": "BALANCE_TYPE_DEBIT", "limit": 1 });
    let changes = ok(&partner, "account_records.list_partner_changes", request).await;
    assert_eq!(changes["records"][0]["trade_id"], transfer.as_str());

    let request = json!({ "customer_id": id, "amount": "2.34" });
    let reclaimed = ok(&partner, "funding.reclaim_from_customer", request).await;
    assert!(reclaimed["trans_id"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    assert_eq!(customer_balance(&partner, &id).await, c0 + dec("10.00"));
    assert_eq!(partner_balance(&partner, None).await, p0 - dec("10.00"));

    // Reclaiming more than the balance is the documented insufficient-balance error and
    // moves nothing.
    let too_much = (c0 + dec("10.01")).to_string();
    let request = json!({ "customer_id": id, "amount": too_much });
    refused(
        &partner,
        "funding.reclaim_from_customer",
        request,
        SHORT_BALANCE,
    )
    .await;
    assert_eq!(customer_balance(&partner, &id).await, c0 + dec("10.00"));
    let request = json!({ "customer_id": "0123456789abcdef0123456789abcdef", "amount": "1.00" });
    refused(&partner, "funding.fund_customer", request, NOT_SUB_CUSTOMER).await;
}

#[tokio::test]
async fn reseller_funding_and_coupon_quotas_move_balances() {
    let sb = sandbox().await;
    let partner = partner_client(&sb, Site::China);
    let reseller = sb.reseller_ids()[0].clone();
    let (r0, p0) = (
        partner_balance(&partner, Some(&reseller)).await,
        partner_balance(&partner, None).await,
    );
    let request = json!({ "indirect_partner_id": reseller, "amount": "7.00" });
    ok(&partner, "resellers.fund_reseller", request).await;
    let request = json!({ "indirect_partner_id": reseller, "amount": "2.50" });
    ok(&partner, "resellers.reclaim_from_reseller", request).await;
    assert_eq!(
        partner_balance(&partner, Some(&reseller)).await,
        r0 + dec("4.50")
    );
    assert_eq!(partner_balance(&partner, None).await, p0 - dec("4.50"));
    let request = json!({ "indirect_partner_id": reseller, "amount": (r0 + dec("5")).to_string() });
    refused(
        &partner,
        "resellers.reclaim_from_reseller",
        request,
        SHORT_BALANCE,
    )
    .await;
    let request = json!({ "indirect_partner_id": "not-a-reseller", "amount": "1.00" });
    refused(&partner, "resellers.fund_reseller", request, NOT_RESELLER).await;

    // A quota issued to the reseller draws on the partner's quota until reclaimed.
    let quotas = ok(&partner, "coupons.list_quotas", json!({ "limit": 1 })).await;
    let parent = quotas["quotas"][0]["quota_id"]
        .as_str()
        .expect("quota")
        .to_owned();
    let balance = |v: &Value| decimal(&v["quotas"][0]["balance"]);
    let parent_balance = || async {
        let only = json!({ "quota_ids": [parent] });
        balance(&ok(&partner, "coupons.list_quotas", only).await)
    };
    let q0 = parent_balance().await;
    let request = json!({
        "quota_id": parent,
        "indirect_partner_ids": [reseller],
        "quota_amount": "3.00",
    });
    let issued = ok(&partner, "resellers.issue_coupon_quotas", request).await;
    let quota = issued["simple_quota_infos"][0]["quota_id"]
        .as_str()
        .expect("issued quota")
        .to_owned();
    assert_eq!(parent_balance().await, q0 - dec("3.00"));
    let only = json!({ "quota_id": quota });
    let listed = ok(
        &partner,
        "resellers.list_issued_coupon_quotas",
        only.clone(),
    )
    .await;
    assert_eq!(
        listed["quotas"][0]["indirect_partner_id"],
        reseller.as_str()
    );
    assert_eq!(balance(&listed), dec("3.00"));
    assert_eq!(listed["quotas"][0]["quota_status"], 0);

    let request = json!({ "quota_ids": [quota] });
    let back = ok(&partner, "resellers.reclaim_coupon_quotas", request).await;
    assert_eq!(
        decimal(&back["simple_quota_infos"][0]["quota_balance"]),
        dec("3.00")
    );
    assert_eq!(parent_balance().await, q0);
    let listed = ok(&partner, "resellers.list_issued_coupon_quotas", only).await;
    assert_eq!(listed["quotas"][0]["quota_status"], 6);
}

#[tokio::test]
async fn coupons_draw_on_the_quota_and_return_when_reclaimed() {
    let sb = sandbox().await;
    let partner = partner_client(&sb, Site::China);
    let customer_id = sb.customer_ids()[2].clone();
    let quotas = ok(&partner, "coupons.list_quotas", json!({ "limit": 1 })).await;
    let quota = quotas["quotas"][0]["quota_id"]
        .as_str()
        .expect("quota")
        .to_owned();
    let quota_balance = || async {
        let only = json!({ "quota_ids": [quota] });
        decimal(&ok(&partner, "coupons.list_quotas", only).await["quotas"][0]["balance"])
    };
    let q0 = quota_balance().await;

    let request = json!({ "quota_id": quota, "customer_ids": [customer_id], "face_value": "5.00" });
    let issued = ok(&partner, "coupons.issue", request).await;
    let coupon = issued["coupon_infos"][0]["coupon_id"]
        .as_str()
        .expect("coupon id")
        .to_owned();
    assert_eq!(quota_balance().await, q0 - dec("5.00"));
    let only = json!({ "coupon_id": coupon });
    let listed = ok(&partner, "coupons.list_issued", only.clone()).await;
    let c = &listed["user_coupons"][0];
    assert_eq!(
        (&c["customer_id"], &c["status"]),
        (&json!(customer_id), &json!(2))
    );
    assert_eq!(decimal(&c["face_value"]), dec("5.00"));
    let theirs = ok(
        &partner,
        "coupons.list_customer_coupons",
        json!({ "coupon_id": coupon }),
    )
    .await;
    assert_eq!(theirs["user_coupons"][0]["coupon_id"], coupon.as_str());

    ok(&partner, "coupons.reclaim", json!({ "coupon_id": coupon })).await;
    assert_eq!(quota_balance().await, q0);
    let listed = ok(&partner, "coupons.list_issued", only).await;
    assert_eq!(listed["user_coupons"][0]["status"], 5);
    assert_eq!(
        decimal(&listed["user_coupons"][0]["balance"]),
        Decimal::ZERO
    );
    // A coupon is reclaimed once.
    let again = json!({ "coupon_id": coupon });
    refused(&partner, "coupons.reclaim", again, INVALID_VALUE).await;
}

#[tokio::test]
async fn refusals_keep_the_api_error_and_are_not_retryable() {
    let sb = sandbox().await;
    let partner = partner_client(&sb, Site::China);
    let request = json!({
        "xaccount_id": "rust-wrong-platform",
        "xaccount_type": "not_the_platform",
        "domain_name": "rust_wrong_platform",
    });
    refused(&partner, "customers.create", request, INVALID_VALUE).await;
    let request = json!({ "order_id": "CS0000000000000000" });
    refused(&partner, "orders.details", request, INVALID_VALUE).await;

    // A binary floating-point amount is refused before anything is sent.
    let id = sb.customer_ids()[0].clone();
    let e = call(
        &partner,
        "funding.fund_customer",
        json!({ "customer_id": id, "amount": 12.5 }),
    )
    .await
    .expect_err("a float amount");
    assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    assert_eq!(sb.request_count("update_customer_account_amount"), 0);
}
