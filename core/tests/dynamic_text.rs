//! `dynamic::paginate_text` (items as JSON text, for the bindings) yields the same JSON as
//! `dynamic::paginate`, page for page, for the catalogue samples.

mod common;

use huaweicloud_partner::{dynamic, ErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn sample(name: &str) -> Vec<u8> {
    let p = format!(
        "{}/tests/fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

async fn pages_both_ways(verb: &str, p: &str, body: Vec<u8>, area: &str, pages: &str) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(p))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = common::client(&server);

    let mut values =
        dynamic::paginate(&client, area, pages, json!({"limit": 100})).expect("paginate");
    let mut texts =
        dynamic::paginate_text(&client, area, pages, json!({"limit": 100})).expect("paginate_text");
    let a = values.next_page().await.expect("a page").expect("ok");
    let b = texts.next_page().await.expect("a page").expect("ok");
    assert!(!a.items.is_empty(), "{area}.{pages}: the sample has items");
    let parsed: Vec<Value> = b
        .items
        .iter()
        .map(|t| serde_json::from_str(t).expect("item JSON"))
        .collect();
    assert_eq!(parsed, a.items, "{area}.{pages}");
    assert_eq!((b.total, b.next_marker), (a.total, a.next_marker));
}

#[tokio::test]
async fn text_items_equal_value_items() {
    pages_both_ways(
        "GET",
        "/v3/accounts/partner-accounts/adjust-records",
        sample("bss.list_partner_adjust_records.response.json"),
        "funding",
        "adjust_records",
    )
    .await;
    pages_both_ways(
        "POST",
        "/v2/partners/sub-customers/query",
        sample("bss.list_sub_customers.response.json"),
        "customers",
        "list_all",
    )
    .await;
}

#[tokio::test]
async fn text_pagination_is_for_list_operations_only() {
    let server = MockServer::start().await;
    let client = common::client(&server);
    let e = dynamic::paginate_text(&client, "funding", "fund_customer", json!({}))
        .expect_err("not a list");
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    let e = dynamic::paginate_text(&client, "funding", "nope", json!({})).expect_err("unknown");
    assert_eq!(e.kind(), ErrorKind::Unsupported);
}
