//! One site's view of a sandbox: the partner's AK/SK client, a customer client obtained by
//! token substitution, and ids that exist in the sandbox, read back through the SDK's own
//! list operations.

use std::collections::HashMap;

use huaweicloud_partner::auth::iam::{CustomerRef, Scope};
use huaweicloud_partner::dynamic;
use huaweicloud_partner::{AccessKey, Client, RateLimitPolicy, RetryPolicy, Site};
use huaweicloud_partner_sandbox::Sandbox;
use serde_json::{json, Value};

/// The seeded bill month (the sandbox's history is the calendar year 2025).
pub(crate) const MONTH: &str = "2025-11";

/// A client for `site` with the partner's AK/SK, no retries and no client-side pacing, so
/// request counts are exact.
pub(crate) fn partner_client(sb: &Sandbox, site: Site) -> Client {
    let key = AccessKey::new(sb.access_key(), sb.secret_key())
        .expect("key")
        .with_domain_id(sb.domain_id());
    builder(sb, site).access_key(key).build().expect("client")
}

/// A client for `site` with the partner IAM user's password token and the platform agency.
pub(crate) fn password_client(sb: &Sandbox, site: Site) -> Client {
    builder(sb, site)
        .password_auth(sb.iam_user(), sb.iam_password(), sb.domain_name())
        .agency_name(sb.platform_id())
        .build()
        .expect("client")
}

fn builder(sb: &Sandbox, site: Site) -> huaweicloud_partner::ClientBuilder {
    let url = if site.is_international() {
        sb.intl_base_url()
    } else {
        sb.base_url().to_owned()
    };
    Client::builder()
        .site(site)
        .endpoint(url)
        .retry(RetryPolicy::disabled())
        .rate_limit(RateLimitPolicy::disabled())
}

/// Calls `area.method` with a JSON request.
pub(crate) async fn call(
    client: &Client,
    key: &str,
    request: Value,
) -> huaweicloud_partner::Result<Value> {
    let (area, method) = key.split_once('.').expect("area.method");
    dynamic::call(client, area, method, request).await
}

/// Strings at a dotted path (`[]` fans out over arrays) of a JSON value.
pub(crate) fn strings(v: &Value, path: &str) -> Vec<String> {
    crate::checks::at_path(v, path)
        .into_iter()
        .filter_map(|x| x.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
        .collect()
}

/// Ids known to exist, per kind, plus the clients that see them.
pub(crate) struct World {
    pub(crate) site: Site,
    pub(crate) partner: Client,
    pub(crate) customer: Client,
    /// The customer the customer client acts for (first in `ids["customer"]`).
    pub(crate) customer_id: String,
    /// Another customer with a pending order of its own, and its client: swapped in by
    /// [`World::swap_customer`].
    pub(crate) spare_id: String,
    spare: Client,
    pub(crate) domain_id: String,
    pub(crate) platform_id: String,
    ids: HashMap<&'static str, Vec<String>>,
    cursor: HashMap<&'static str, usize>,
    serial: u32,
}

impl World {
    /// Reads the ids of `sb` on `site`, acting for a customer not in `used`.
    pub(crate) async fn collect(sb: &Sandbox, site: Site, used: &[String]) -> World {
        let partner = partner_client(sb, site);
        let agent = password_client(sb, site);
        let customers = sb.customer_ids();
        let names = sb.customer_domain_names();

        // The main customer has two pending orders (status 6), so paying and cancelling
        // act on different orders, and a spare customer has another one to pay. Each site
        // acts for other customers, so that orders paid or cancelled on one site are not
        // needed on the other.
        let (mut main, mut spare) = (None, None);
        let fresh = customers
            .iter()
            .zip(&names)
            .filter(|(id, _)| !used.contains(id));
        for (id, name) in fresh {
            let client = for_customer(&agent, name).await;
            let pending = call(&client, "orders.list", json!({ "status": 6, "limit": 10 }))
                .await
                .expect("pending orders");
            let found = strings(&pending, "order_infos[].order_id");
            if found.len() >= 2 && main.is_none() {
                main = Some((id.clone(), client, found));
            } else if !found.is_empty() && spare.is_none() {
                spare = Some((id.clone(), client, found));
            }
            if main.is_some() && spare.is_some() {
                break;
            }
        }
        let (customer_id, customer, pending) = main.expect("a customer with two pending orders");
        let (spare_id, spare, spare_pending) = spare.expect("a customer with a pending order");
        let mut ids: HashMap<&'static str, Vec<String>> = HashMap::new();
        ids.insert("spare_order_pending", spare_pending);
        let mut ordered = vec![customer_id.clone()];
        ordered.extend(customers.iter().filter(|c| **c != customer_id).cloned());
        ids.insert(
            "last_customer",
            vec![ordered.last().cloned().expect("customers")],
        );
        ids.insert("customer", ordered);
        ids.insert("reseller", sb.reseller_ids());
        ids.insert("order_pending", pending);

        let orders = call(&customer, "orders.list", json!({ "limit": 100 }))
            .await
            .expect("orders");
        ids.insert("order", strings(&orders, "order_infos[].order_id"));

        // Unsubscription (refund) orders, from whichever customer has some.
        for (id, name) in customers.iter().zip(&names).take(12) {
            let client = for_customer(&agent, name).await;
            let refunds = call(
                &client,
                "orders.list",
                json!({ "order_type": "4", "limit": 100 }),
            )
            .await
            .expect("refund orders");
            let found = strings(&refunds, "order_infos[].order_id");
            if !found.is_empty() {
                ids.insert("order_refund", found);
                ids.insert("order_refund_customer", vec![id.clone()]);
                break;
            }
        }

        let resources = call(
            &partner,
            "resources.list_customer_resources",
            json!({ "customer_id": customer_id, "limit": 100 }),
        )
        .await
        .expect("resources");
        let main_resources = resources["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| matches!(r["is_main_resource"].as_i64(), Some(1) | None))
            .filter_map(|r| r["resource_id"].as_str().map(str::to_owned))
            .collect();
        ids.insert("resource", main_resources);

        let free = call(
            &customer,
            "resources.list_free_resources",
            json!({ "limit": 100 }),
        )
        .await
        .expect("free resources");
        ids.insert(
            "free_resource",
            strings(
                &free,
                "free_resource_packages[].free_resources[].free_resource_id",
            ),
        );

        if !site.is_international() {
            let usage = call(
                &customer,
                "bills.list_resource_usage_summary",
                usage_filter(),
            )
            .await
            .expect("usage summary");
            ids.insert(
                "usage_resource",
                strings(&usage, "summary_usage_info_list[].resource_id"),
            );
            let quotas = call(&partner, "coupons.list_quotas", json!({ "limit": 100 }))
                .await
                .expect("quotas");
            ids.insert("quota", strings(&quotas, "quotas[].quota_id"));
            let coupons = call(
                &partner,
                "coupons.list_issued",
                json!({ "status": 2, "limit": 100 }),
            )
            .await
            .expect("coupons");
            ids.insert(
                "issued_coupon",
                strings(&coupons, "user_coupons[].coupon_id"),
            );
        }

        World {
            site,
            partner,
            customer,
            customer_id,
            spare_id,
            spare,
            domain_id: sb.domain_id().to_owned(),
            platform_id: sb.platform_id().to_owned(),
            ids,
            cursor: HashMap::new(),
            serial: 0,
        }
    }

    /// Acts for the spare customer instead of the main one (and back, called again): the
    /// customer client, its id and its pending orders trade places.
    pub(crate) fn swap_customer(&mut self) {
        std::mem::swap(&mut self.customer, &mut self.spare);
        std::mem::swap(&mut self.customer_id, &mut self.spare_id);
        swap_pending(&mut self.ids);
        swap_pending(&mut self.cursor);
    }

    /// Remembers more ids of a kind, first in line.
    pub(crate) fn add(&mut self, kind: &'static str, found: Vec<String>) {
        let known = self.ids.entry(kind).or_default();
        let mut fresh: Vec<String> = found.into_iter().filter(|f| !known.contains(f)).collect();
        fresh.append(known);
        *known = fresh;
        self.cursor.remove(kind);
    }

    /// The first id of a kind.
    pub(crate) fn first(&self, kind: &str) -> String {
        self.ids
            .get(kind)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_else(|| panic!("the sandbox gave no {kind} id on {:?}", self.site))
    }

    /// The last id of a kind.
    pub(crate) fn last(&self, kind: &str) -> String {
        self.ids
            .get(kind)
            .and_then(|v| v.last())
            .cloned()
            .unwrap_or_else(|| panic!("the sandbox gave no {kind} id on {:?}", self.site))
    }

    /// The next id of a kind: a different one on each call (cycling), for operations that
    /// consume what they act on.
    pub(crate) fn take(&mut self, kind: &'static str) -> String {
        let first = self.first(kind);
        let values = &self.ids[kind];
        let i = self.cursor.entry(kind).or_default();
        let v = values.get(*i % values.len()).cloned().unwrap_or(first);
        *i += 1;
        v
    }

    /// A name no other call of this run used.
    pub(crate) fn unique(&mut self, prefix: &str) -> String {
        self.serial += 1;
        let site = if self.site.is_international() {
            "i"
        } else {
            "c"
        };
        format!("{prefix}{site}{:04}", self.serial)
    }
}

/// Trades the entries of the main and the spare customer's pending orders.
fn swap_pending<T>(map: &mut HashMap<&'static str, T>) {
    let main = map.remove("order_pending");
    if let Some(spare) = map.remove("spare_order_pending") {
        map.insert("order_pending", spare);
    }
    if let Some(main) = main {
        map.insert("spare_order_pending", main);
    }
}

/// The customer client for the account `name`.
pub(crate) async fn for_customer(agent: &Client, name: &str) -> Client {
    agent
        .for_customer(CustomerRef::domain_name(name), Scope::domain_name(name))
        .await
        .expect("agency token")
}

/// The filter of the usage operations (a CDN usage type the sandbox seeds).
pub(crate) fn usage_filter() -> Value {
    json!({
        "bill_cycle": MONTH,
        "service_type_code": "hws.service.type.cdn",
        "resource_type_code": "hws.resource.type.cdn",
        "usage_type": "95Peak",
        "limit": 100,
    })
}
