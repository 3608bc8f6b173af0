//! Yearly/monthly resources: stable seeded resources, list filters, auto-renewal on both
//! sites, and the refusals.

use huaweicloud_partner_sandbox::Sandbox;
use serde_json::{json, Value};

use crate::common::*;

const LIST: &str = "/v2/orders/suscriptions/resources/query";
const AUTO: &str = "/v2/orders/subscriptions/resources/autorenew";

async fn list(sb: &Sandbox, cred: &Cred, prefix: &str, body: Value) -> Value {
    let r = send(
        sb,
        cred,
        "POST",
        &format!("{prefix}{LIST}"),
        &[],
        Some(body),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body
}

fn items(body: &Value) -> Vec<Value> {
    body["data"].as_array().cloned().unwrap_or_default()
}

fn ids(body: &Value) -> Vec<String> {
    items(body)
        .iter()
        .map(|r| r["resource_id"].as_str().expect("resource_id").to_owned())
        .collect()
}

async fn policy(sb: &Sandbox, cred: &Cred, prefix: &str, id: &str) -> i64 {
    let body = list(sb, cred, prefix, json!({ "resource_ids": [id] })).await;
    assert_eq!(ids(&body), [id]);
    body["data"][0]["expire_policy"]
        .as_i64()
        .expect("expire_policy")
}

#[tokio::test]
async fn resources_are_stable_and_the_same_for_every_caller() {
    let sb = start().await;
    let p = partner(&sb);
    let customer = sb.customer_ids()[0].clone();
    let by_partner = list(
        &sb,
        &p,
        "",
        json!({ "customer_id": customer, "limit": 100 }),
    )
    .await;
    assert_eq!(by_partner["total_count"], 6);
    let again = list(&sb, &p, "/intl", json!({ "customer_id": customer })).await;
    assert_eq!(ids(&again), ids(&by_partner));
    let own = customer_token_at(&sb, 0).await;
    let as_customer = list(&sb, &own, "", json!({})).await;
    assert_eq!(ids(&as_customer), ids(&by_partner));
    assert_eq!(items(&as_customer), items(&by_partner));

    let all = items(&by_partner);
    let mains: Vec<&Value> = all.iter().filter(|r| r["is_main_resource"] == 1).collect();
    assert_eq!(mains.len(), 4);
    for r in all.iter().filter(|r| r["is_main_resource"] == 0) {
        let parent = r["parent_resource_id"].as_str().expect("parent");
        assert!(mains.iter().any(|m| m["resource_id"] == parent), "{r}");
    }

    // Every customer's resources, paged directly.
    let everything = list(&sb, &p, "", json!({ "offset": 290, "limit": 100 })).await;
    assert_eq!(everything["total_count"], 300);
    assert_eq!(items(&everything).len(), 10);
}

#[tokio::test]
async fn auto_renewal_flips_the_expire_policy_of_the_group_on_both_sites() {
    let sb = start().await;
    let cred = customer_token_at(&sb, 0).await;
    let all = items(&list(&sb, &cred, "", json!({})).await);
    let disk = all
        .iter()
        .find(|r| r["is_main_resource"] == 0)
        .expect("an attached resource");
    let (disk_id, server_id) = (
        disk["resource_id"].as_str().expect("id").to_owned(),
        disk["parent_resource_id"]
            .as_str()
            .expect("parent")
            .to_owned(),
    );

    let on = format!("{AUTO}/{server_id}");
    let r = send(
        &sb,
        &cred,
        "POST",
        &on,
        &[],
        Some(json!({ "auto_renew_times": 2 })),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    for prefix in ["", "/intl"] {
        assert_eq!(policy(&sb, &cred, prefix, &server_id).await, 3, "{prefix}");
        assert_eq!(policy(&sb, &cred, prefix, &disk_id).await, 3, "{prefix}");
    }

    // Cancelling on the International site, through the attached disk, covers the group.
    let off = format!("/intl{AUTO}/{disk_id}");
    let r = send(&sb, &cred, "DELETE", &off, &[], None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    for id in [&server_id, &disk_id] {
        assert_ne!(policy(&sb, &cred, "", id).await, 3);
    }
    let p = partner(&sb);
    let body = json!({ "customer_id": sb.customer_ids()[0], "resource_ids": [server_id] });
    assert_ne!(list(&sb, &p, "", body).await["data"][0]["expire_policy"], 3);
}

#[tokio::test]
async fn resource_filters_are_honoured() {
    let sb = start().await;
    let cred = customer_token_at(&sb, 1).await;
    let all = items(&list(&sb, &cred, "", json!({})).await);
    let id = |i: usize| all[i]["resource_id"].as_str().expect("id").to_owned();

    let picked = list(
        &sb,
        &cred,
        "",
        json!({ "resource_ids": [id(3), id(0), "nope"] }),
    )
    .await;
    assert_eq!(ids(&picked), [id(0), id(3)]);
    let unknown = json!({ "resource_ids": ["00000000-0000-0000-0000-000000000000"] });
    assert_eq!(list(&sb, &cred, "", unknown).await["total_count"], 0);

    let main = list(&sb, &cred, "", json!({ "only_main_resource": 1 })).await;
    assert_eq!(main["total_count"], 4);
    assert!(items(&main).iter().all(|r| r["is_main_resource"] == 1));

    let service = all[2]["service_type_code"].clone();
    let same = list(&sb, &cred, "", json!({ "service_type_code": service })).await;
    assert!(!items(&same).is_empty());
    assert!(items(&same)
        .iter()
        .all(|r| r["service_type_code"] == service));

    let status = all[0]["status"].clone();
    let by_status = list(&sb, &cred, "", json!({ "status_list": [status] })).await;
    assert!(items(&by_status).iter().all(|r| r["status"] == status));
    assert!(ids(&by_status).contains(&id(0)));

    let expire = all[0]["expire_time"]
        .as_str()
        .expect("expire_time")
        .to_owned();
    let window = json!({ "expire_time_begin": expire, "expire_time_end": expire });
    assert!(ids(&list(&sb, &cred, "", window).await).contains(&id(0)));

    // The customer's first order bought the first group: the server and its disk.
    let orders = send(&sb, &cred, "GET", "/v2/orders/customer-orders", &[], None).await;
    let first_order = orders.body["order_infos"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["order_id"].as_str())
        .min_by_key(|o| o[12..].to_owned())
        .expect("an order")
        .to_owned();
    let bought = list(&sb, &cred, "", json!({ "order_id": first_order })).await;
    assert_eq!(bought["total_count"], 2);
    assert_eq!(ids(&bought)[0], id(0));

    // Another customer's id filter sees nothing; paging is consistent.
    let other = json!({ "customer_id": sb.customer_ids()[0] });
    assert_eq!(list(&sb, &cred, "", other).await["total_count"], 0);
    let two = list(&sb, &cred, "", json!({ "offset": 2, "limit": 2 })).await;
    assert_eq!(ids(&two), [id(2), id(3)]);
    assert_eq!(two["total_count"], 6);
}

#[tokio::test]
async fn unknown_or_foreign_resources_are_refused() {
    let sb = start().await;
    let p = partner(&sb);
    let other = sb.customer_ids()[1].clone();
    let foreign = ids(&list(&sb, &p, "", json!({ "customer_id": other })).await)[0].clone();
    let cred = customer_token_at(&sb, 0).await;
    let mine = ids(&list(&sb, &cred, "", json!({})).await)[0].clone();
    let mut tampered = mine.clone();
    tampered.replace_range(..1, if mine.starts_with('0') { "1" } else { "0" });

    let owner = customer_token_at(&sb, 1).await;
    let foreign_policy = policy(&sb, &owner, "", &foreign).await;
    for (method, id) in [
        ("POST", "00000000-0000-0000-0000-000000000000".to_owned()),
        ("DELETE", tampered),
        ("POST", foreign.clone()),
        ("DELETE", foreign.clone()),
    ] {
        let r = send(&sb, &cred, method, &format!("{AUTO}/{id}"), &[], None).await;
        assert_eq!((r.status, r.code()), (400, "CBC.99003016"), "{method} {id}");
    }
    assert_eq!(policy(&sb, &owner, "", &foreign).await, foreign_policy);

    let too_many = Some(json!({ "auto_renew_times": 100 }));
    let r = send(&sb, &cred, "POST", &format!("{AUTO}/{mine}"), &[], too_many).await;
    assert_eq!((r.status, r.code()), (400, "CBC.0100"));

    let stranger = json!({ "customer_id": "ffffffffffffffffffffffffffffffff" });
    let r = send(&sb, &p, "POST", LIST, &[], Some(stranger)).await;
    assert_eq!((r.status, r.code()), (400, "CBC.99000035"));
}
