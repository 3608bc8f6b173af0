//! Serving one signed page of 100 records, in process (tower `oneshot`): AK/SK
//! verification, routing, validation, lazy generation and JSON encoding. Pages of
//! adjustment records (20,000 and 1,000,000 seeded) and of yearly/monthly resources (all
//! customers' resources, unfiltered and filtered by status).
#![allow(missing_docs)] // criterion_group! generates an undocumented public function

use axum::body::Body;
use criterion::{criterion_group, criterion_main, Criterion};
use huaweicloud_partner::signer::{sign, SignableRequest, SigningAlgorithm};
use huaweicloud_partner_sandbox::{router, SandboxConfig};
use tower::ServiceExt;

/// One benchmarked request: name, configuration, method, path, query and JSON body.
struct Case {
    name: String,
    config: SandboxConfig,
    method: &'static str,
    path: &'static str,
    query: Vec<(String, String)>,
    body: &'static str,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = [20_000u64, 1_000_000]
        .into_iter()
        .map(|records| Case {
            name: format!("page_of_100_signed/{records}"),
            config: SandboxConfig::default().records(records),
            method: "GET",
            path: "/v3/accounts/partner-accounts/adjust-records",
            query: vec![
                ("offset".into(), "12300".into()),
                ("limit".into(), "100".into()),
            ],
            body: "",
        })
        .collect();
    for (name, body) in [
        ("resources_page_of_100", r#"{"offset":100,"limit":100}"#),
        (
            "resources_page_of_100_by_status",
            r#"{"offset":100,"limit":100,"status_list":[2]}"#,
        ),
    ] {
        out.push(Case {
            name: format!("{name}/2000_customers"),
            config: SandboxConfig::default().customers(2_000),
            method: "POST",
            path: "/v2/orders/suscriptions/resources/query",
            query: Vec::new(),
            body,
        });
    }
    out
}

fn page(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for case in cases() {
        let (app, controls) = router(case.config);
        let mut req = SignableRequest {
            method: case.method.into(),
            host: "127.0.0.1:8080".into(),
            path: case.path.into(),
            query: case.query,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: case.body.as_bytes().to_vec(),
        };
        let now = chrono::Utc::now();
        let signed = sign(
            SigningAlgorithm::HmacSha256,
            controls.access_key(),
            controls.secret_key().as_bytes(),
            &mut req,
            now,
        )
        .expect("sign");
        let uri = if signed.query.is_empty() {
            req.path.clone()
        } else {
            format!("{}?{}", req.path, signed.query)
        };
        let build = || {
            let mut b = http::Request::builder()
                .method(case.method)
                .uri(&uri)
                .header("Authorization", &signed.authorization);
            for (k, v) in &req.headers {
                b = b.header(k, v);
            }
            b.body(Body::from(case.body)).expect("request")
        };
        c.bench_function(&case.name, |b| {
            b.iter(|| {
                rt.block_on(async {
                    let resp = app.clone().oneshot(build()).await.expect("infallible");
                    assert_eq!(resp.status(), 200);
                    axum::body::to_bytes(resp.into_body(), usize::MAX)
                        .await
                        .expect("body")
                })
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = page
}
criterion_main!(benches);
