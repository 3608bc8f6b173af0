//! Paying and cancelling customer orders, as the order list and details see it on both
//! sites, and the refusals.

use huaweicloud_partner_sandbox::Sandbox;
use serde_json::{json, Value};

use crate::common::*;

const LIST: &str = "/v2/orders/customer-orders";
const DETAILS: &str = "/v2/orders/customer-orders/details";
const PAY: &str = "/v3/orders/customer-orders/pay";
const CANCEL: &str = "/v2/orders/customer-orders/cancel";

/// `(customer index, customer credential, order id)` of the first `n` pending orders.
async fn pending(sb: &Sandbox, n: usize) -> Vec<(usize, Cred, String)> {
    let mut out = Vec::new();
    for i in 0..sb.customer_ids().len() {
        let cred = customer_token_at(sb, i).await;
        let r = send(
            sb,
            &cred,
            "GET",
            LIST,
            &[("status", "6"), ("limit", "100")],
            None,
        )
        .await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        for o in r.body["order_infos"].as_array().into_iter().flatten() {
            assert_eq!(o["status"], 6);
            out.push((
                i,
                cred.clone(),
                o["order_id"].as_str().expect("id").to_owned(),
            ));
        }
        if out.len() >= n {
            out.truncate(n);
            return out;
        }
    }
    panic!("fewer than {n} pending orders");
}

/// The order as listed on the site at `prefix` (`""` China, `"/intl"` International).
async fn listed(sb: &Sandbox, cred: &Cred, prefix: &str, id: &str) -> Value {
    let r = send(
        sb,
        cred,
        "GET",
        &format!("{prefix}{LIST}"),
        &[("order_id", id)],
        None,
    )
    .await;
    assert_eq!(
        (r.status, &r.body["total_count"]),
        (200, &json!(1)),
        "{:?}",
        r.body
    );
    r.body["order_infos"][0].clone()
}

async fn detail(sb: &Sandbox, cred: &Cred, id: &str) -> Value {
    let r = send(sb, cred, "GET", &format!("{DETAILS}/{id}"), &[], None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body["order_info"].clone()
}

fn pay_body(id: &str) -> Value {
    json!({ "order_id": id, "use_coupon": "NO", "use_discount": "NO" })
}

#[tokio::test]
async fn paying_completes_a_pending_order_on_both_sites() {
    let sb = start().await;
    let (_, cred, id) = pending(&sb, 1).await.remove(0);
    assert!(listed(&sb, &cred, "", &id).await["payment_time"].is_null());

    let r = send(&sb, &cred, "POST", PAY, &[], Some(pay_body(&id))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);

    for prefix in ["", "/intl"] {
        let o = listed(&sb, &cred, prefix, &id).await;
        assert_eq!(o["status"], 5, "{prefix}");
        assert!(o["payment_time"].as_str().is_some_and(|t| t.ends_with('Z')));
    }
    assert_eq!(detail(&sb, &cred, &id).await["status"], 5);
    assert_eq!(detail(&sb, &partner(&sb), &id).await["status"], 5);
    let paid = send(
        &sb,
        &cred,
        "GET",
        LIST,
        &[("status", "5"), ("limit", "100")],
        None,
    )
    .await;
    let ids: Vec<&str> = paid.body["order_infos"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["order_id"].as_str())
        .collect();
    assert!(ids.contains(&id.as_str()), "{ids:?}");

    // Paying or cancelling a completed order is refused, on either site.
    let again = format!("/intl{PAY}");
    let r = send(&sb, &cred, "POST", &again, &[], Some(pay_body(&id))).await;
    assert_eq!((r.status, r.code()), (400, "CBC.99003106"), "{:?}", r.body);
    let r = send(
        &sb,
        &cred,
        "PUT",
        CANCEL,
        &[],
        Some(json!({ "order_id": id })),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.99005010"), "{:?}", r.body);
    assert_eq!(listed(&sb, &cred, "", &id).await["status"], 5);
}

#[tokio::test]
async fn cancelling_a_pending_order_and_cancelling_again() {
    let sb = start().await;
    let (_, cred, id) = pending(&sb, 1).await.remove(0);
    let cancel = Some(json!({ "order_id": id }));

    let r = send(&sb, &cred, "PUT", CANCEL, &[], cancel.clone()).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(listed(&sb, &cred, "/intl", &id).await["status"], 4);
    assert_eq!(detail(&sb, &cred, &id).await["status"], 4);
    let cancelled = send(
        &sb,
        &cred,
        "GET",
        LIST,
        &[("status", "4"), ("order_id", &id)],
        None,
    )
    .await;
    assert_eq!(cancelled.body["total_count"], 1);
    let still = send(
        &sb,
        &cred,
        "GET",
        LIST,
        &[("status", "6"), ("order_id", &id)],
        None,
    )
    .await;
    assert_eq!(still.body["total_count"], 0);

    let intl = format!("/intl{CANCEL}");
    let r = send(&sb, &cred, "PUT", &intl, &[], cancel).await;
    assert_eq!((r.status, r.code()), (400, "CBC.99005010"), "{:?}", r.body);
    let r = send(&sb, &cred, "POST", PAY, &[], Some(pay_body(&id))).await;
    assert_eq!((r.status, r.code()), (400, "CBC.99003106"), "{:?}", r.body);
    assert_eq!(listed(&sb, &cred, "", &id).await["status"], 4);
}

#[tokio::test]
async fn orders_are_refused_to_others_and_when_unknown() {
    let sb = start().await;
    let (owner, _, id) = pending(&sb, 1).await.remove(0);
    let other = customer_token_at(&sb, usize::from(owner == 0)).await;

    let r = send(&sb, &other, "POST", PAY, &[], Some(pay_body(&id))).await;
    assert_eq!((r.status, r.code()), (400, "CBC.30000010"), "{:?}", r.body);
    let r = send(
        &sb,
        &other,
        "PUT",
        CANCEL,
        &[],
        Some(json!({ "order_id": id })),
    )
    .await;
    assert_eq!((r.status, r.code()), (400, "CBC.0100"), "{:?}", r.body);
    let unknown = pay_body("CS25010100000999999");
    let r = send(&sb, &other, "POST", PAY, &[], Some(unknown)).await;
    assert_eq!((r.status, r.code()), (400, "CBC.30000010"), "{:?}", r.body);

    // Partner credentials may not pay (the operation is the customer's).
    let r = send(&sb, &partner(&sb), "POST", PAY, &[], Some(pay_body(&id))).await;
    assert_eq!((r.status, r.code()), (403, "CBC.0151"), "{:?}", r.body);

    let owner_cred = customer_token_at(&sb, owner).await;
    for body in [
        json!({ "order_id": id, "use_coupon": "MAYBE", "use_discount": "NO" }),
        json!({ "order_id": id, "use_coupon": "YES", "use_discount": "NO" }),
        json!({ "order_id": id, "use_coupon": "NO", "use_discount": "YES", "discount_infos": [] }),
    ] {
        let r = send(&sb, &owner_cred, "POST", PAY, &[], Some(body.clone())).await;
        assert_eq!((r.status, r.code()), (400, "CBC.0100"), "{body}");
    }
    // None of the refusals changed the order.
    assert_eq!(listed(&sb, &owner_cred, "", &id).await["status"], 6);
    let with_coupon = json!({ "order_id": id, "use_coupon": "YES", "use_discount": "NO",
        "coupon_infos": [{ "id": "CP0001", "type": 301 }] });
    let r = send(&sb, &owner_cred, "POST", PAY, &[], Some(with_coupon)).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
}
