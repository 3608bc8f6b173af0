//! Serving one signed page of 100 adjustment records, in process (tower `oneshot`): AK/SK
//! verification, routing, validation, lazy record generation and JSON encoding.
#![allow(missing_docs)] // criterion_group! generates an undocumented public function

use axum::body::Body;
use criterion::{criterion_group, criterion_main, Criterion};
use huaweicloud_partner::signer::{sign, SignableRequest, SigningAlgorithm};
use huaweicloud_partner_sandbox::{router, SandboxConfig};
use tower::ServiceExt;

fn page(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for records in [20_000u64, 1_000_000] {
        let (app, controls) = router(SandboxConfig::default().records(records));
        let mut req = SignableRequest {
            method: "GET".into(),
            host: "127.0.0.1:8080".into(),
            path: "/v3/accounts/partner-accounts/adjust-records".into(),
            query: vec![
                ("offset".into(), "12300".into()),
                ("limit".into(), "100".into()),
            ],
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: Vec::new(),
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
        let uri = format!("{}?{}", req.path, signed.query);
        let build = || {
            let mut b = http::Request::get(&uri).header("Authorization", &signed.authorization);
            for (k, v) in &req.headers {
                b = b.header(k, v);
            }
            b.body(Body::empty()).expect("request")
        };
        c.bench_function(&format!("page_of_100_signed/{records}"), |b| {
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
