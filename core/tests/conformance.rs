//! Schema conformance: every covered operation, on each site that has it, against the
//! catalogue (`spec/operations.json`).
//!
//! For each catalogue entry in the covered categories, a request with every parameter and
//! body field set is built from the catalogue and sent through the bindings' entry point
//! (`dynamic::call`) to wiremock, which answers with a response holding every field the
//! catalogue lists. The test then checks that the method, path, query names, headers and
//! body field names on the wire are exactly the catalogue's, and that the decoded response
//! has exactly the catalogue's fields, each filled (a misspelt or missing field in a Rust
//! type leaves it empty or adds a name). Amounts must come back as exact decimal strings
//! and go out with every digit, in the declared wire type.

mod catalogue;
mod common;

use std::collections::BTreeSet;

use huaweicloud_partner::{dynamic, Site};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use catalogue::*;

/// Checks that `got` has exactly the catalogue's fields, all filled, recursively.
fn check_response(op: &str, path: &str, spec: &[Value], got: &Value) {
    let obj = got
        .as_object()
        .unwrap_or_else(|| panic!("{op}: {path} is not an object: {got}"));
    let want: BTreeSet<&str> = spec.iter().map(name).collect();
    let have: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
    assert_eq!(have, want, "{op}: response fields at {path}");
    for f in spec {
        let n = name(f);
        let v = &obj[n];
        let here = format!("{path}.{n}");
        assert!(
            !v.is_null(),
            "{op}: {here} was not decoded (misspelt name?)"
        );
        let t = f["type"].as_str().expect("type");
        let (v, t) = match elem(t) {
            Some(inner) => {
                let arr = v.as_array().expect("array");
                assert_eq!(arr.len(), 1, "{op}: {here}");
                (&arr[0], inner)
            }
            None => (v, t),
        };
        if is_money(f) {
            let want = if t == "string" { TINY } else { BIG };
            assert_eq!(
                v,
                &json!(want),
                "{op}: {here} must be the exact decimal string"
            );
        } else if !fields(f).is_empty() {
            check_response(op, &here, fields(f), v);
        }
    }
}

/// Checks the body on the wire: exactly the catalogue's fields, amounts with every digit in
/// the declared wire type.
fn check_body(op: &str, path: &str, spec: &[Value], got: &Value) {
    let obj = got
        .as_object()
        .unwrap_or_else(|| panic!("{op}: body {path} is not an object: {got}"));
    let want: BTreeSet<&str> = spec.iter().map(name).collect();
    let have: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
    assert_eq!(have, want, "{op}: request body fields at {path}");
    for f in spec {
        let n = name(f);
        let here = format!("{path}.{n}");
        let t = f["type"].as_str().expect("type");
        let (v, t) = match elem(t) {
            Some(inner) => (&obj[n][0], inner),
            None => (&obj[n], t),
        };
        if is_money(f) {
            if t == "string" {
                assert_eq!(v, &json!(BIG), "{op}: {here} must be a string");
            } else {
                let n = v
                    .as_number()
                    .unwrap_or_else(|| panic!("{op}: {here} must be a JSON number: {v}"));
                assert_eq!(n.to_string(), BIG, "{op}: {here} lost digits");
            }
        } else if !fields(f).is_empty() {
            check_body(op, &here, fields(f), v);
        }
    }
}

#[tokio::test]
async fn every_covered_operation_matches_the_catalogue() {
    let spec = catalogue();
    let server = MockServer::start().await;
    let mut checked = 0;
    let mut covered = BTreeSet::new();
    for op in spec["operations"].as_array().expect("operations") {
        let category = op["category"].as_str().expect("category");
        if !CATEGORIES.contains(&category) {
            continue;
        }
        let name = op["operation"].as_str().expect("name");
        let entry = dynamic::REGISTRY
            .iter()
            .find(|e| e.info.operation == name)
            .unwrap_or_else(|| panic!("{name} is not covered"));
        covered.insert(name);
        let site = if op["service"] == "bss" {
            Site::China
        } else {
            Site::International
        };

        let (request, expected_path) = full_request(op);
        let body_fields = body_fields(op);
        server.reset().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(200).set_body_raw(full_response(op), "application/json"),
            )
            .mount(&server)
            .await;

        let client = common::builder(&server).site(site).build().expect("client");
        let out = dynamic::call(
            &client,
            entry.info.area,
            entry.info.method,
            Value::Object(request),
        )
        .await
        .unwrap_or_else(|e| panic!("{name} on {site:?}: {e}"));

        let received = server.received_requests().await.expect("recording");
        assert_eq!(received.len(), 1, "{name}: sent once");
        let req = &received[0];
        assert_eq!(req.method.as_str(), op["method"], "{name}: method");
        assert_eq!(req.url.path(), expected_path, "{name}: path");

        let want_query: BTreeSet<&str> = op["query_params"]
            .as_array()
            .expect("query")
            .iter()
            .map(name_of)
            .collect();
        let got_query: BTreeSet<String> =
            req.url.query_pairs().map(|(k, _)| k.into_owned()).collect();
        let got_query: BTreeSet<&str> = got_query.iter().map(String::as_str).collect();
        assert_eq!(got_query, want_query, "{name}: query names");
        for p in op["query_params"].as_array().expect("query") {
            if is_money(p) {
                let v = req
                    .url
                    .query_pairs()
                    .find(|(k, _)| k == name_of(p))
                    .map(|(_, v)| v.into_owned());
                assert_eq!(v.as_deref(), Some(BIG), "{name}: query amount");
            }
        }
        for h in op["header_params"].as_array().expect("headers") {
            assert!(
                req.headers.contains_key(name_of(h)),
                "{name}: header {}",
                name_of(h)
            );
        }

        if op["request_body"].is_null() {
            assert!(req.body.is_empty(), "{name}: no body expected");
        } else {
            let body: Value = serde_json::from_slice(&req.body).expect("body JSON");
            check_body(name, "body", body_fields, &body);
        }
        check_response(name, "response", fields(&op["response"]), &out);
        checked += 1;
    }
    // Each area has operations; every catalogue entry of the categories was found above.
    assert!(checked >= 112, "only {checked} operation variants checked");
    // 78 distinct operations, 34 of them on both sites.
    assert_eq!(covered.len(), 78, "distinct operations covered");
}

#[test]
fn registry_names_are_catalogue_names_of_covered_categories() {
    let spec = catalogue();
    for e in dynamic::REGISTRY {
        let found = spec["operations"]
            .as_array()
            .expect("operations")
            .iter()
            .any(|o| o["operation"] == e.info.operation);
        assert!(found, "{} is not in the catalogue", e.info.operation);
    }
}
