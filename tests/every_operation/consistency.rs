//! Answers that must agree across operations and callers: an order looks the same listed
//! and in its detail, to the customer and to the partner; lists for a customer name only
//! that customer.

use huaweicloud_partner::Site;
use huaweicloud_partner_sandbox::Sandbox;
use serde_json::{json, Value};

use crate::catalogue::{self, Caller};
use crate::world::{call, for_customer, partner_client, password_client, MONTH};
use crate::SITES;

/// Fields an order's list entry and its detail share.
const COMPARED: &[&str] = &[
    "customer_id",
    "service_type_code",
    "status",
    "order_type",
    "official_amount",
    "amount_after_discount",
    "create_time",
    "currency",
];

async fn ok(client: &huaweicloud_partner::Client, key: &str, request: Value) -> Value {
    call(client, key, request.clone())
        .await
        .unwrap_or_else(|e| panic!("{key} {request}: {e}"))
}

#[tokio::test]
async fn an_order_is_the_same_listed_in_detail_and_to_either_caller() {
    let sb = Sandbox::start(crate::config()).await.expect("sandbox");
    for site in SITES {
        let partner = partner_client(&sb, site);
        let agent = password_client(&sb, site);
        let customer = for_customer(&agent, &sb.customer_domain_names()[0]).await;
        let listed = ok(&customer, "orders.list", json!({ "limit": 5 })).await;
        let orders = listed["order_infos"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!orders.is_empty(), "{site:?}: no orders");
        for order in orders.iter().take(3) {
            let id = order["order_id"].as_str().expect("order id");
            let request = json!({ "order_id": id });
            let mine = ok(&customer, "orders.details", request.clone()).await;
            let info = &mine["order_info"];
            assert_eq!(info["order_id"], id);
            let lines = mine["order_line_items"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert!(lines.iter().all(|l| l["order_id"] == id), "{site:?} {id}");
            for field in COMPARED {
                assert_eq!(order[*field], info[*field], "{site:?} {id}: `{field}`");
            }
            let theirs = ok(&partner, "orders.details", request).await;
            assert_eq!(theirs["order_info"], *info, "{site:?} {id}: partner view");
        }
    }
}

fn customer_ids(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    crate::checks::customer_ids(v, &mut out);
    out
}

#[tokio::test]
async fn lists_for_a_customer_name_only_that_customer() {
    let sb = Sandbox::start(crate::config()).await.expect("sandbox");
    let id = sb.customer_ids()[2].clone();
    for site in SITES {
        // A customer-only operation on one site: then the customer asks about itself.
        let op = catalogue::entry("list_customer_on_demand_resources", site).expect("op");
        let client = if catalogue::caller(op) == Caller::Customer {
            let agent = password_client(&sb, site);
            for_customer(&agent, &sb.customer_domain_names()[2]).await
        } else {
            partner_client(&sb, site)
        };
        let request = json!({ "customer_id": id, "limit": 10 });
        let out = ok(&client, "resources.list_on_demand", request).await;
        let named = customer_ids(&out["resources"]);
        assert!(
            !named.is_empty() && named.iter().all(|c| *c == id),
            "{site:?} {named:?}"
        );
    }
    let partner = partner_client(&sb, Site::China);
    let request = json!({ "bill_cycle": MONTH, "customer_id": id, "limit": 10 });
    let out = ok(&partner, "bills.list_customer_bill_details", request).await;
    let named = customer_ids(&out["fee_records"]);
    assert!(
        !named.is_empty() && named.iter().all(|c| *c == id),
        "{named:?}"
    );
}
