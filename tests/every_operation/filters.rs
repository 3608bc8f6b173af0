//! List filters, as the oracle suite checks them: for every registered list operation whose
//! request has a scalar filter named like a field of the listed items, filtering by a value
//! taken from an unfiltered answer returns only matching items, and at least one.

use huaweicloud_partner::dynamic::REGISTRY;
use huaweicloud_partner_sandbox::Sandbox;
use serde_json::Value;

use crate::catalogue::{self, Caller};
use crate::world::{call, World};
use crate::{plans, prepare, requests, SITES};

const NOT_FILTERS: &[&str] = &["offset", "limit", "marker", "page", "per_page"];

/// The first list of models in a response.
fn primary_items(op: &Value) -> Option<&Value> {
    catalogue::response_fields(op).iter().find(|f| {
        let name = f["name"].as_str().unwrap_or_default();
        f["type"].as_str().is_some_and(|t| t.starts_with("array<"))
            && f["fields"].as_array().is_some_and(|a| !a.is_empty())
            && !name.starts_with("error")
            && !name.starts_with("fail")
    })
}

/// (name, type) of the request filters that name a scalar field of the items.
fn filters_of(op: &Value) -> Vec<(String, String)> {
    let Some(listed) = primary_items(op) else {
        return Vec::new();
    };
    let scalars: Vec<&str> = listed["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| matches!(f["type"].as_str(), Some("string" | "int")))
        .filter_map(|f| f["name"].as_str())
        .collect();
    catalogue::request_fields(op)
        .iter()
        .filter(|p| p["format_hint"].is_null())
        .filter_map(|p| Some((p["name"].as_str()?, p["type"].as_str()?)))
        .filter(|(name, ty)| {
            scalars.contains(name) && !NOT_FILTERS.contains(name) && matches!(*ty, "string" | "int")
        })
        .map(|(n, t)| (n.to_owned(), t.to_owned()))
        .collect()
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_filters_are_honoured() {
    let sb = Sandbox::start(crate::config()).await.expect("sandbox");
    let (mut ignored, mut checked) = (Vec::new(), 0);
    for site in SITES {
        let mut world = World::collect(&sb, site, &[]).await;
        for entry in REGISTRY.iter().filter(|e| e.info.paginated.is_some()) {
            let name = entry.info.operation;
            let Some(op) = catalogue::entry(name, site) else {
                continue;
            };
            let filters = filters_of(op);
            let (Some(listed), false) = (primary_items(op), filters.is_empty()) else {
                continue;
            };
            let list = listed["name"].as_str().unwrap_or_default();
            prepare(&mut world, name).await.expect("prepare");
            let plan = plans::plan(name).expect("plan");
            let base = requests::build(op, plan.set, &mut world);
            let client = match catalogue::caller(op) {
                Caller::Customer => world.customer.clone(),
                _ => world.partner.clone(),
            };
            let key = format!("{}.{}", entry.info.area, entry.info.method);
            let all = call(&client, &key, base.clone()).await.expect("unfiltered");
            let items = all[list].as_array().cloned().unwrap_or_default();
            assert!(
                !items.is_empty(),
                "{site:?} {name}: the unfiltered list is empty"
            );
            for (filter, ty) in filters {
                let Some(value) = items.iter().find_map(|i| text(&i[filter.as_str()])) else {
                    continue;
                };
                let mut request = base.clone();
                request[filter.as_str()] = if ty == "int" {
                    Value::from(value.parse::<i64>().expect("int filter"))
                } else {
                    Value::String(value.clone())
                };
                let out = call(&client, &key, request.clone())
                    .await
                    .unwrap_or_else(|e| panic!("{site:?} {name} {request}: {e}"));
                let hits = out[list].as_array().cloned().unwrap_or_default();
                checked += 1;
                let matching = |i: &Value| text(&i[filter.as_str()]).as_deref() == Some(&value);
                if hits.is_empty() || !hits.iter().all(matching) {
                    ignored.push(format!("{site:?} {name}: {filter}={value}"));
                }
            }
        }
    }
    assert!(
        ignored.is_empty(),
        "filters ignored:\n{}",
        ignored.join("\n")
    );
    assert!(checked >= 100, "only {checked} filters checked");
}
