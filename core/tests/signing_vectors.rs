//! Byte-for-byte comparison of our signer with the official Python core.
//!
//! `tests/vectors/signing.json` is produced by `tests/vectors/gen_signing_vectors.py`, which
//! signs each request with `huaweicloudsdkcore` (the official SDK core). Every vector is
//! signed again here and must give the same `Authorization` header, the same sent URI and
//! the same headers; the expected signature must also pass our [`verify`].

use chrono::{TimeZone, Utc};
use huaweicloud_partner::signer::{
    sign, verify, AuthorizationHeader, SignableRequest, SigningAlgorithm,
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct VectorFile {
    oracle: String,
    vectors: Vec<Vector>,
}

#[derive(Debug, Deserialize)]
struct Vector {
    name: String,
    algorithm: String,
    ak: String,
    sk: String,
    method: String,
    host: String,
    resource_path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: String,
    expected: Expected,
}

#[derive(Debug, Deserialize)]
struct Expected {
    authorization: String,
    uri: String,
    headers: Vec<(String, String)>,
}

fn load() -> VectorFile {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/signing.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {path}: {e}"))
}

/// Signs one vector and lists every way the result differs from the official one.
fn check(v: &Vector) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(alg) = SigningAlgorithm::from_name(&v.algorithm) else {
        return vec![format!("unknown algorithm {}", v.algorithm)];
    };
    let mut req = SignableRequest {
        method: v.method.clone(),
        host: v.host.clone(),
        path: v.resource_path.clone(),
        query: v.query.clone(),
        headers: v.headers.clone(),
        body: v.body.clone().into_bytes(),
    };
    // Any instant works: every vector carries its own X-Sdk-Date, which must win.
    let now = Utc.with_ymd_and_hms(2001, 2, 3, 4, 5, 6).unwrap();
    let signed = match sign(alg, &v.ak, v.sk.as_bytes(), &mut req, now) {
        Ok(s) => s,
        Err(e) => return vec![format!("sign failed: {e}")],
    };

    if signed.authorization != v.expected.authorization {
        problems.push(format!(
            "authorization\n   ours: {}\n   want: {}",
            signed.authorization, v.expected.authorization
        ));
    }
    let uri = if signed.query.is_empty() {
        req.path.clone()
    } else {
        format!("{}?{}", req.path, signed.query)
    };
    if uri != v.expected.uri {
        problems.push(format!("uri\n   ours: {uri}\n   want: {}", v.expected.uri));
    }
    // The official core stores Authorization as the last header; so does our client.
    let mut headers = req.headers.clone();
    headers.push(("Authorization".to_owned(), signed.authorization.clone()));
    if headers != v.expected.headers {
        problems.push(format!(
            "headers\n   ours: {headers:?}\n   want: {:?}",
            v.expected.headers
        ));
    }

    // The gateway side: the official signature must verify against the sent request.
    let verified = AuthorizationHeader::parse(&v.expected.authorization).and_then(|auth| {
        verify(
            &auth,
            v.sk.as_bytes(),
            &v.method,
            &v.resource_path,
            &v.query,
            &v.expected.headers,
            v.body.as_bytes(),
        )
    });
    if let Err(e) = verified {
        problems.push(format!("verify of the official signature failed: {e}"));
    }
    problems
}

#[test]
fn signer_matches_the_official_python_core() {
    let file = load();
    assert!(
        file.oracle.starts_with("huaweicloudsdkcore "),
        "unexpected oracle {}",
        file.oracle
    );
    assert!(
        file.vectors.len() >= 40,
        "only {} vectors",
        file.vectors.len()
    );
    let sm3 = file
        .vectors
        .iter()
        .filter(|v| v.algorithm == "SDK-HMAC-SM3")
        .count();
    assert!(sm3 >= 8, "only {sm3} SM3 vectors");

    let failures: Vec<String> = file
        .vectors
        .iter()
        .filter_map(|v| {
            let problems = check(v);
            (!problems.is_empty()).then(|| format!("{}:\n  {}", v.name, problems.join("\n  ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors differ from {}:\n{}",
        failures.len(),
        file.vectors.len(),
        file.oracle,
        failures.join("\n")
    );
}

#[test]
fn vector_names_are_unique() {
    let file = load();
    let mut names: Vec<&str> = file.vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate vector names");
}
