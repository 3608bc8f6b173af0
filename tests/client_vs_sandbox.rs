//! The core client against the sandbox: real signing, real paging, real errors.

use futures::StreamExt;
use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::funding::{AdjustOperationType, ListAdjustRecordsRequest};
use huaweicloud_partner::{AccessKey, Client, ErrorKind, RateLimitPolicy};
use huaweicloud_partner_sandbox::{Sandbox, SandboxConfig};

async fn start(config: SandboxConfig) -> (Sandbox, Client) {
    let sb = Sandbox::start(config).await.expect("sandbox");
    let c = sb.controls();
    let key = AccessKey::new(c.access_key(), c.secret_key())
        .expect("key")
        .with_domain_id(c.domain_id());
    let client = Client::builder()
        .endpoint(c.base_url())
        .access_key(key)
        .rate_limit(RateLimitPolicy::disabled())
        .build()
        .expect("client");
    (sb, client)
}

#[tokio::test]
async fn pages_through_every_customer_and_record() {
    let config = SandboxConfig {
        customers: 137,
        records: 2_345,
        ..SandboxConfig::default()
    };
    let (_sb, client) = start(config).await;

    let customers = client
        .customers()
        .list_all(ListCustomersRequest::new().limit(50u32))
        .collect_all()
        .await
        .expect("customers");
    assert_eq!(customers.len(), 137);
    let mut ids: Vec<_> = customers.iter().map(|c| c.customer_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 137, "no duplicates across pages");

    for concurrency in [1, 4] {
        let records: Vec<_> = client
            .funding()
            .adjust_records(ListAdjustRecordsRequest::new())
            .concurrency(concurrency)
            .into_stream()
            .collect()
            .await;
        assert_eq!(records.len(), 2_345);
        assert!(records
            .iter()
            .all(|r| r.as_ref().is_ok_and(|r| r.amount.is_some())));
    }
}

#[tokio::test]
async fn filters_reach_the_server() {
    let (_sb, client) = start(SandboxConfig::default()).await;
    let page = client
        .funding()
        .list_adjust_records(
            &ListAdjustRecordsRequest::new()
                .operation_type(AdjustOperationType::Reclaim)
                .limit(100u32),
        )
        .await
        .expect("page");
    assert!(!page.records.is_empty());
    assert!(page
        .records
        .iter()
        .all(|r| r.operation_type == Some(AdjustOperationType::Reclaim)));
}

#[tokio::test]
async fn a_wrong_secret_is_an_auth_error() {
    let (sb, _) = start(SandboxConfig::default()).await;
    let c = sb.controls();
    let bad = Client::builder()
        .endpoint(c.base_url())
        .access_key(AccessKey::new(c.access_key(), "wrong-secret").expect("key"))
        .build()
        .expect("client");
    let e = bad
        .customers()
        .list(&ListCustomersRequest::new())
        .await
        .expect_err("rejected");
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert!(e.request_id().is_some());
    assert!(!e.to_string().contains("wrong-secret"));
}
