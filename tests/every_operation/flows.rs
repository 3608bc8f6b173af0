//! Writes and the reads that show them, plus the documented errors of the money-moving
//! operations, through the same JSON entry point the bindings use: funding, coupons and
//! quotas, customers, and the writes the sandbox keeps state for (paying and cancelling
//! orders, automatic renewal, customer budgets), each reaching the sandbox exactly once.

use std::collections::HashMap;
use std::future::Future;

use huaweicloud_partner::{Client, ErrorKind, Site};
use huaweicloud_partner_sandbox::{Fault, Sandbox};
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
const NOT_PAYABLE: Refusal = (400, "CBC.99003106", ErrorKind::Api);
const NO_SUCH_ORDER: Refusal = (400, "CBC.30000010", ErrorKind::Api);
const NOT_CANCELLABLE: Refusal = (400, "CBC.99005010", ErrorKind::Api);
const NO_SUCH_RESOURCE: Refusal = (400, "CBC.99003016", ErrorKind::Api);

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

/// Awaits `sent` and checks that exactly one request for `operation` reached the sandbox
/// meanwhile (writes that are not idempotent are never repeated by the client).
async fn once<T>(sb: &Sandbox, operation: &str, sent: impl Future<Output = T>) -> T {
    let before = sb.request_count(operation);
    let out = sent.await;
    assert_eq!(sb.request_count(operation), before + 1, "{operation}");
    out
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

/// An order's `(status, payment_time)` as its customer lists it.
async fn order_state(customer: &Client, id: &str) -> (i64, Option<String>) {
    let listed = ok(customer, "orders.list", json!({ "order_id": id })).await;
    let o = &listed["order_infos"][0];
    let status = o["status"]
        .as_i64()
        .unwrap_or_else(|| panic!("order {id}: {listed}"));
    (status, o["payment_time"].as_str().map(str::to_owned))
}

fn pay(id: &str) -> Value {
    json!({ "order_id": id, "use_coupon": "NO", "use_discount": "NO" })
}

fn cancel(id: &str) -> Value {
    json!({ "order_id": id })
}

#[tokio::test]
async fn paying_and_cancelling_move_a_pending_order_once() {
    let sb = sandbox().await;
    let mut used = Vec::new();
    for site in crate::SITES {
        // Every customer's pending orders (status 6); this site acts for one with two that
        // the other site left alone.
        let agent = password_client(&sb, site);
        let mut pending = Vec::new();
        for name in sb.customer_domain_names() {
            let customer = for_customer(&agent, &name).await;
            let listed = ok(&customer, "orders.list", json!({ "status": 6 })).await;
            let ids = crate::world::strings(&listed, "order_infos[].order_id");
            pending.push((name, customer, ids));
        }
        let (name, customer, ids) = pending
            .iter()
            .find(|(name, _, ids)| ids.len() >= 2 && !used.contains(name))
            .expect("a customer with two pending orders");
        used.push(name.clone());
        let (paid, cancelled) = (ids[0].as_str(), ids[1].as_str());

        // An answer lost on the way back leaves the payment's outcome unknown: the client
        // does not pay again, and here the order was not paid.
        sb.inject(Fault {
            operation: "pay_orders".into(),
            status: 503,
            ..Fault::default()
        });
        let lost = once(&sb, "pay_orders", call(customer, "orders.pay", pay(paid))).await;
        let e = lost.expect_err("an injected 503");
        assert_eq!(e.kind(), ErrorKind::OutcomeUnknown, "{e}");
        assert_eq!(e.pending().map(|p| p.operation), Some("pay_orders"));
        assert_eq!(order_state(customer, paid).await, (6, None));

        once(&sb, "pay_orders", ok(customer, "orders.pay", pay(paid))).await;
        let (status, payment_time) = order_state(customer, paid).await;
        assert_eq!(status, 5, "{paid} paid");
        let details = ok(customer, "orders.details", json!({ "order_id": paid })).await;
        let info = &details["order_info"];
        assert_eq!(info["status"], 5);
        assert_eq!(info["payment_time"].as_str(), payment_time.as_deref());
        let created = info["create_time"].as_str().expect("create_time");
        assert!(
            payment_time.as_deref().is_some_and(|t| t > created),
            "{info}"
        );

        let cancelling = ok(customer, "orders.cancel", cancel(cancelled));
        once(&sb, "cancel_customer_order", cancelling).await;
        assert_eq!(order_state(customer, cancelled).await, (4, None));

        // Only a pending order is paid or cancelled, and only once.
        let paying = ("pay_orders", "orders.pay", pay as fn(&str) -> Value);
        let cancelling = (
            "cancel_customer_order",
            "orders.cancel",
            cancel as fn(&str) -> Value,
        );
        for ((operation, key, request), id, refusal) in [
            (paying, paid, NOT_PAYABLE),
            (paying, cancelled, NOT_PAYABLE),
            (cancelling, cancelled, NOT_CANCELLABLE),
            (cancelling, paid, NOT_CANCELLABLE),
        ] {
            once(&sb, operation, refused(customer, key, request(id), refusal)).await;
            let expected = if id == paid { 5 } else { 4 };
            assert_eq!(order_state(customer, id).await.0, expected, "{key} {id}");
        }

        // An unknown order, and another customer's pending one, which stays pending.
        let unknown = pay("CS2501010000099999");
        once(
            &sb,
            "pay_orders",
            refused(customer, "orders.pay", unknown, NO_SUCH_ORDER),
        )
        .await;
        let (owner, theirs) = pending
            .iter()
            .find(|(other, _, ids)| other != name && !ids.is_empty())
            .map(|(_, client, ids)| (client, ids[0].as_str()))
            .expect("another customer's pending order");
        let request = pay(theirs);
        once(
            &sb,
            "pay_orders",
            refused(customer, "orders.pay", request, NO_SUCH_ORDER),
        )
        .await;
        assert_eq!(order_state(owner, theirs).await, (6, None));

        // The other site sees the same orders.
        let elsewhere = if site.is_international() {
            Site::China
        } else {
            Site::International
        };
        let there = for_customer(&password_client(&sb, elsewhere), name).await;
        assert_eq!(order_state(&there, paid).await, (5, payment_time));
        assert_eq!(order_state(&there, cancelled).await, (4, None));
    }
}

/// Each resource's `expire_policy`, by resource id, as the customer lists them.
async fn policies(customer: &Client) -> HashMap<String, i64> {
    let listed = ok(
        customer,
        "resources.list_customer_resources",
        json!({ "limit": 100 }),
    )
    .await;
    let items = listed["data"].as_array().expect("resources");
    let policy = |r: &Value| {
        Some((
            r["resource_id"].as_str()?.to_owned(),
            r["expire_policy"].as_i64()?,
        ))
    };
    items
        .iter()
        .map(|r| policy(r).expect("id and policy"))
        .collect()
}

#[tokio::test]
async fn auto_renewal_covers_the_whole_group_until_cancelled() {
    let sb = sandbox().await;
    let name = sb.customer_domain_names()[4].clone();
    let customer = for_customer(&password_client(&sb, Site::China), &name).await;
    let listed = ok(
        &customer,
        "resources.list_customer_resources",
        json!({ "limit": 100 }),
    )
    .await;
    // A disk attached to a server: switching the disk switches the server too.
    let attached = listed["data"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["parent_resource_id"].is_string())
        .expect("an attached resource");
    let disk = attached["resource_id"].as_str().expect("id").to_owned();
    let server = attached["parent_resource_id"]
        .as_str()
        .expect("parent")
        .to_owned();
    let group = [disk.as_str(), server.as_str()];
    let seeded = policies(&customer).await;

    let request = json!({ "resource_id": disk, "auto_renew_times": 2, "period_type": "MONTH" });
    let key = "resources.enable_auto_renew";
    once(&sb, "auto_renewal_resources", ok(&customer, key, request)).await;
    let intl = for_customer(&password_client(&sb, Site::International), &name).await;
    for now in [policies(&customer).await, policies(&intl).await] {
        for (id, policy) in &now {
            let expected = if group.contains(&id.as_str()) {
                3
            } else {
                seeded[id]
            };
            assert_eq!(*policy, expected, "{id}");
        }
    }

    let request = json!({ "resource_id": server });
    let key = "resources.cancel_auto_renew";
    once(
        &sb,
        "cancel_auto_renewal_resources",
        ok(&customer, key, request),
    )
    .await;
    for (id, policy) in policies(&customer).await {
        // Cancelling turns renewal off, even where the seed had it on.
        let expected = match seeded[&id] {
            3 if group.contains(&id.as_str()) => 0,
            p => p,
        };
        assert_eq!(policy, expected, "{id}");
    }

    // Unknown resources and another customer's are refused, and change nothing.
    let partner = partner_client(&sb, Site::China);
    let other = sb.customer_ids()[5].clone();
    let request = json!({ "customer_id": other, "limit": 1 });
    let theirs = ok(&partner, "resources.list_customer_resources", request).await;
    let theirs = theirs["data"][0]["resource_id"]
        .as_str()
        .expect("their resource");
    let before = policies(&customer).await;
    for id in ["00000000-0000-0000-0000-000000009999", theirs] {
        for (operation, key) in [
            ("auto_renewal_resources", "resources.enable_auto_renew"),
            (
                "cancel_auto_renewal_resources",
                "resources.cancel_auto_renew",
            ),
        ] {
            let request = json!({ "resource_id": id });
            let refusal = refused(&customer, key, request, NO_SUCH_RESOURCE);
            once(&sb, operation, refusal).await;
        }
    }
    assert_eq!(policies(&customer).await, before);
}

/// A customer's `(budget, used, type)` as `show_sub_customer_budget` gives it.
async fn budget(partner: &Client, id: &str) -> (Decimal, Decimal, String) {
    let shown = ok(partner, "budgets.show", json!({ "customer_id": id })).await;
    let kind = shown["budget_type"]
        .as_str()
        .expect("budget_type")
        .to_owned();
    (
        decimal(&shown["budget_amount"]),
        decimal(&shown["used_amount"]),
        kind,
    )
}

#[tokio::test]
async fn an_updated_budget_is_shown_and_listed() {
    let sb = sandbox().await;
    let partner = partner_client(&sb, Site::International);
    let ids = sb.customer_ids();
    let (id, neighbour) = (ids[3].as_str(), ids[4].as_str());
    let (_, used, _) = budget(&partner, id).await;
    let untouched = budget(&partner, neighbour).await;

    let update = |amount: &str, kind: Option<&str>| {
        let mut request = json!({ "customer_id": id, "budget_amount": amount });
        if let Some(kind) = kind {
            request["budget_type"] = json!(kind);
        }
        request
    };
    let request = update("1234.56", Some("PACKAGE"));
    once(
        &sb,
        "update_sub_customer_budget",
        ok(&partner, "budgets.update", request),
    )
    .await;
    let expected = (dec("1234.56"), used, "PACKAGE".to_owned());
    assert_eq!(budget(&partner, id).await, expected);
    let request = json!({ "customer_ids": [id, neighbour] });
    let listed = ok(&partner, "budgets.list", request).await;
    let infos = listed["budget_infos"].as_array().expect("budget_infos");
    let row = |v: &Value| {
        let kind = v["budget_type"].as_str().unwrap_or_default().to_owned();
        (
            decimal(&v["budget_amount"]),
            decimal(&v["used_amount"]),
            kind,
        )
    };
    assert_eq!(infos.len(), 2, "{listed}");
    assert_eq!(
        (&infos[0]["customer_id"], row(&infos[0])),
        (&json!(id), expected)
    );
    assert_eq!(row(&infos[1]), untouched);

    // Without a type the budget is monthly, as documented.
    let request = update("20", None);
    once(
        &sb,
        "update_sub_customer_budget",
        ok(&partner, "budgets.update", request),
    )
    .await;
    assert_eq!(
        budget(&partner, id).await,
        (dec("20"), used, "MONTHLY".to_owned())
    );

    // Refusals change nothing. An unknown budget type is refused before sending.
    let before = sb.request_count("update_sub_customer_budget");
    let e = call(&partner, "budgets.update", update("30.00", Some("WEEKLY")))
        .await
        .expect_err("WEEKLY is not a budget type");
    assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    assert_eq!(sb.request_count("update_sub_customer_budget"), before);
    let request =
        json!({ "customer_id": "0123456789abcdef0123456789abcdef", "budget_amount": "5" });
    let refusal = refused(&partner, "budgets.update", request, NOT_SUB_CUSTOMER);
    once(&sb, "update_sub_customer_budget", refusal).await;
    assert_eq!(
        budget(&partner, id).await,
        (dec("20"), used, "MONTHLY".to_owned())
    );
    assert_eq!(budget(&partner, neighbour).await, untouched);
}
