//! Paging through `list_sub_customers` against wiremock: complete, in order, with and without
//! concurrency, with totals that change while paging.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use futures::StreamExt;
use huaweicloud_partner::customers::ListCustomersRequest;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use common::*;

/// Serves `total` customers; after `change_after` requests the total becomes `new_total`.
struct Customers {
    total: AtomicU64,
    new_total: u64,
    change_after: u64,
    requests: AtomicU64,
    offsets: Mutex<Vec<u64>>,
}

impl Customers {
    fn new(total: u64, new_total: u64, change_after: u64) -> Arc<Self> {
        Arc::new(Self {
            total: total.into(),
            new_total,
            change_after,
            requests: 0.into(),
            offsets: Mutex::new(vec![]),
        })
    }
}

/// Shares the state with the test through an `Arc`.
struct Shared(Arc<Customers>);

impl Respond for Shared {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let s = &self.0;
        if s.requests.fetch_add(1, Ordering::SeqCst) + 1 == s.change_after {
            s.total.store(s.new_total, Ordering::SeqCst);
        }
        let body: serde_json::Value = serde_json::from_slice(&req.body).expect("json body");
        let offset = body["offset"].as_u64().expect("offset");
        let limit = body["limit"].as_u64().expect("limit");
        s.offsets.lock().expect("lock").push(offset);
        let total = s.total.load(Ordering::SeqCst);
        let infos: Vec<_> = (offset..(offset + limit).min(total))
            .map(|i| {
                serde_json::json!({
                    "customer_id": format!("c{i:05}"),
                    "account_name": format!("acct{i}"),
                })
            })
            .collect();
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"customer_infos": infos, "count": total}))
    }
}

async fn ids(server: &MockServer, concurrency: usize, limit: u32) -> Vec<String> {
    let items = client(server)
        .customers()
        .list_all(ListCustomersRequest::new().limit(limit))
        .concurrency(concurrency)
        .into_stream()
        .collect::<Vec<_>>()
        .await;
    items
        .into_iter()
        .map(|c| c.expect("ok").customer_id)
        .collect()
}

fn expected(n: u64) -> Vec<String> {
    (0..n).map(|i| format!("c{i:05}")).collect()
}

#[tokio::test]
async fn complete_and_in_order_with_and_without_concurrency() {
    for concurrency in [1, 4] {
        let server = MockServer::start().await;
        let state = Customers::new(957, 957, 0);
        Mock::given(method("POST"))
            .and(path("/v2/partners/sub-customers/query"))
            .respond_with(Shared(state.clone()))
            .mount(&server)
            .await;
        assert_eq!(
            ids(&server, concurrency, 100).await,
            expected(957),
            "c={concurrency}"
        );
        let mut offsets = state.offsets.lock().expect("lock").clone();
        offsets.sort_unstable();
        assert_eq!(offsets, (0..10).map(|i| i * 100).collect::<Vec<_>>());
    }
}

#[tokio::test]
async fn a_total_that_grows_or_shrinks_midway() {
    for concurrency in [1, 3] {
        for (first, later) in [(250u64, 420u64), (420, 250)] {
            let server = MockServer::start().await;
            Mock::given(method("POST"))
                .respond_with(Shared(Customers::new(first, later, 2)))
                .mount(&server)
                .await;
            let got = ids(&server, concurrency, 50).await;
            // Nothing is duplicated or reordered; growth is followed to the new end, a
            // shrink ends the listing at the new end.
            assert_eq!(got, expected(later), "c={concurrency} {first}->{later}");
        }
    }
}

#[tokio::test]
async fn one_page_at_a_time() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(Shared(Customers::new(25, 25, 0)))
        .mount(&server)
        .await;
    let mut pages = client(&server)
        .customers()
        .list_all(ListCustomersRequest::new().limit(10u32));
    let mut sizes = vec![];
    while let Some(page) = pages.next_page().await {
        let page = page.expect("ok");
        assert_eq!(page.total, Some(25));
        sizes.push(page.items.len());
    }
    assert_eq!(sizes, [10, 10, 5]);
    assert_eq!(pages.total(), Some(25));
}
