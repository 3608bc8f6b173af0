//! A minimal signing client for the tests.

use chrono::{DateTime, Duration, Utc};
use huaweicloud_partner::signer::{sign, SignableRequest, SigningAlgorithm};
use huaweicloud_partner_sandbox::{Sandbox, SandboxConfig};
use reqwest::Method;
use serde_json::{json, Value};

/// A response: status, request id, subject token and JSON body.
#[derive(Debug)]
pub(crate) struct Resp {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) subject_token: Option<String>,
    pub(crate) body: Value,
}

impl Resp {
    pub(crate) fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or("")
    }
}

/// How a request authenticates.
#[derive(Debug, Clone)]
pub(crate) enum Cred {
    None,
    AkSk {
        ak: String,
        sk: String,
        security_token: Option<String>,
    },
    Token(String),
}

pub(crate) async fn start() -> Sandbox {
    start_with(SandboxConfig::default()).await
}

pub(crate) async fn start_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).await.expect("sandbox starts")
}

pub(crate) fn partner(sb: &Sandbox) -> Cred {
    Cred::AkSk {
        ak: sb.access_key().into(),
        sk: sb.secret_key().into(),
        security_token: None,
    }
}

pub(crate) fn host(sb: &Sandbox) -> String {
    sb.base_url().trim_start_matches("http://").to_owned()
}

/// Sends a request signed at `now`.
pub(crate) async fn send_at(
    sb: &Sandbox,
    cred: &Cred,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    body: Option<Value>,
    now: DateTime<Utc>,
) -> Result<Resp, reqwest::Error> {
    let body_bytes = body
        .map(|b| serde_json::to_vec(&b).expect("json"))
        .unwrap_or_default();
    let mut req = SignableRequest {
        method: method.into(),
        host: host(sb),
        path: path.into(),
        query: query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body_bytes.clone(),
    };
    let mut headers = Vec::new();
    let mut qs = huaweicloud_partner::signer::canonical_query(&req.query);
    match cred {
        Cred::None => {}
        Cred::Token(t) => headers.push(("X-Auth-Token".to_owned(), t.clone())),
        Cred::AkSk {
            ak,
            sk,
            security_token,
        } => {
            if let Some(st) = security_token {
                req.headers.push(("X-Security-Token".into(), st.clone()));
            }
            let signed = sign(
                SigningAlgorithm::HmacSha256,
                ak,
                sk.as_bytes(),
                &mut req,
                now,
            )
            .expect("sign");
            headers.push(("Authorization".to_owned(), signed.authorization));
            qs = signed.query;
        }
    }
    headers.extend(req.headers.iter().filter(|(k, _)| k != "Host").cloned());
    let url = if qs.is_empty() {
        format!("{}{path}", sb.base_url())
    } else {
        format!("{}{path}?{qs}", sb.base_url())
    };
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("client");
    let mut rb = client.request(Method::from_bytes(method.as_bytes()).expect("method"), url);
    for (k, v) in headers {
        rb = rb.header(k, v);
    }
    let resp = rb.body(body_bytes).send().await?;
    let status = resp.status().as_u16();
    let header = |n: &str| {
        resp.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (request_id, subject_token) = (header("x-request-id"), header("x-subject-token"));
    let bytes = resp.bytes().await?;
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Ok(Resp {
        status,
        request_id,
        subject_token,
        body,
    })
}

pub(crate) async fn send(
    sb: &Sandbox,
    cred: &Cred,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    body: Option<Value>,
) -> Resp {
    send_at(sb, cred, method, path, query, body, Utc::now())
        .await
        .expect("request")
}

pub(crate) async fn password_token(sb: &Sandbox) -> String {
    let body = json!({ "auth": {
        "identity": { "methods": ["password"], "password": { "user": {
            "name": sb.iam_user(), "password": sb.iam_password(),
            "domain": { "name": sb.domain_name() } } } },
        "scope": { "domain": { "name": sb.domain_name() } } } });
    let r = send(sb, &Cred::None, "POST", "/v3/auth/tokens", &[], Some(body)).await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    r.subject_token.expect("X-Subject-Token")
}

pub(crate) fn agency_body(domain_name: &str, agency: &str) -> Value {
    json!({ "auth": {
        "identity": { "methods": ["assume_role"],
            "assume_role": { "domain_name": domain_name, "agency_name": agency } },
        "scope": { "project": { "name": "cn-north-4" } } } })
}

/// A customer token for seeded customer `i` (partner password token, then assume_role).
pub(crate) async fn customer_token_of(sb: &Sandbox, i: usize) -> String {
    let partner = password_token(sb).await;
    let domain = sb.customer_domain_names()[i].clone();
    let r = send(
        sb,
        &Cred::Token(partner),
        "POST",
        "/v3/auth/tokens",
        &[],
        Some(agency_body(&domain, sb.platform_id())),
    )
    .await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    r.subject_token.expect("token")
}

/// A customer token for the first seeded customer.
pub(crate) async fn customer_token(sb: &Sandbox) -> String {
    customer_token_of(sb, 0).await
}

/// [`customer_token_of`] as a credential.
pub(crate) async fn customer_token_at(sb: &Sandbox, i: usize) -> Cred {
    Cred::Token(customer_token_of(sb, i).await)
}

pub(crate) fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}
