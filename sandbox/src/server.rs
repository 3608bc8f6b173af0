//! The HTTP side: the request pipeline, admin endpoints and the accept loop.
//!
//! Pipeline for every API request: route by (method, path template) → count the request →
//! injected fault → rate limit → authenticate (AK/SK or token) → caller check (`CBC.0151`)
//! → validate against the catalogue → stateful handler or schema-generated answer. Every
//! answer carries `X-Request-Id`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use http::{HeaderValue, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

use crate::auth::{self, Signed};
use crate::call::Call;
use crate::faults::Fault;
use crate::reply::Reply;
use crate::spec::{catalogue, Caller, Operation, Service};
use crate::state::{Ctx, Principal};
use crate::{bss, generic, iam, validate};

/// Marks a response whose connection must be closed without sending it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DropConnection;

/// The peer of a connection, recorded by the accept loop (absent in-process).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Peer(pub(crate) std::net::SocketAddr);

/// Admin endpoints answer loopback peers only.
fn admin_allowed(peer: Option<&Peer>) -> bool {
    peer.map_or(true, |p| p.0.ip().is_loopback())
}

/// Largest accepted request body.
const MAX_BODY: usize = 16 << 20;

/// The router: admin endpoints plus the catalogue-driven API fallback.
pub(crate) fn router(ctx: Arc<Ctx>) -> Router {
    Router::new()
        .route("/__sandbox/faults", post(add_fault).delete(clear_faults))
        .route("/__sandbox/requests", get(requests).delete(reset_requests))
        .route("/__sandbox/clock", post(set_clock).get(get_clock))
        .fallback(api)
        .layer(axum::middleware::map_request(loopback_admin))
        .layer(axum::middleware::map_response_with_state(
            ctx.clone(),
            with_request_id,
        ))
        .with_state(ctx)
}

/// Refuses `/__sandbox/` requests from other hosts (when bound to a non-loopback address).
async fn loopback_admin(req: Request) -> Result<Request, Response> {
    if req.uri().path().starts_with("/__sandbox/") && !admin_allowed(req.extensions().get()) {
        let msg = "admin endpoints are loopback only";
        let body = json!({ "error_code": "SANDBOX.0403", "error_msg": msg });
        return Err((StatusCode::FORBIDDEN, Json(body)).into_response());
    }
    Ok(req)
}

/// Gives admin answers an `X-Request-Id` too (API answers already carry one).
async fn with_request_id(State(ctx): State<Arc<Ctx>>, mut resp: Response) -> Response {
    if !resp.headers().contains_key("x-request-id") {
        if let Ok(v) = HeaderValue::from_str(&ctx.request_id()) {
            resp.headers_mut().insert("x-request-id", v);
        }
    }
    resp
}

async fn add_fault(State(ctx): State<Arc<Ctx>>, Json(fault): Json<Fault>) -> Response {
    if !fault.drop && !fault.truncate && fault.delay_ms == 0 && fault.status < 400 {
        let r = Reply::bad_param("a fault needs drop, truncate, delay_ms or a status >= 400");
        return write(&ctx, r, None, false);
    }
    ctx.faults.add(fault.clone());
    (StatusCode::CREATED, Json(fault)).into_response()
}

async fn clear_faults(State(ctx): State<Arc<Ctx>>) -> StatusCode {
    ctx.faults.clear();
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct OperationQuery {
    operation: Option<String>,
}

async fn requests(State(ctx): State<Arc<Ctx>>, Query(q): Query<OperationQuery>) -> Json<Value> {
    Json(match q.operation {
        Some(op) => json!({ "operation": op, "count": ctx.faults.requests(&op) }),
        None => json!({ "requests": ctx.faults.all_requests() }),
    })
}

async fn reset_requests(State(ctx): State<Arc<Ctx>>) -> StatusCode {
    ctx.faults.reset_requests();
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct ClockBody {
    offset_seconds: i64,
}

async fn set_clock(State(ctx): State<Arc<Ctx>>, Json(b): Json<ClockBody>) -> Json<Value> {
    ctx.set_clock_offset(b.offset_seconds);
    get_clock(State(ctx)).await
}

async fn get_clock(State(ctx): State<Arc<Ctx>>) -> Json<Value> {
    Json(json!({ "offset_seconds": ctx.clock_offset(), "now": crate::rng::utc(ctx.now()) }))
}

/// What to send back.
enum Answer {
    Send(Reply, Option<Service>, bool),
    Drop,
}

async fn api(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .unwrap_or_default();
    match process(&ctx, &parts, &bytes).await {
        Answer::Send(reply, service, truncate) => write(&ctx, reply, service, truncate),
        Answer::Drop => {
            let mut r = Response::new(Body::empty());
            r.extensions_mut().insert(DropConnection);
            r
        }
    }
}

fn write(ctx: &Ctx, reply: Reply, service: Option<Service>, truncate: bool) -> Response {
    let bytes = match reply.raw {
        Some(raw) => raw,
        None => serde_json::to_vec(&reply.body).unwrap_or_default(),
    };
    let len = bytes.len();
    let body = if truncate {
        let half = Bytes::from(bytes).slice(..len / 2);
        // Pause after the half so hyper flushes the status line, headers and half the body,
        // then fail the stream: hyper closes the connection short of Content-Length.
        let first = futures::stream::once(async move { Ok::<Bytes, std::io::Error>(half) });
        let fail = futures::stream::once(async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            Err(std::io::Error::other("truncated by an injected fault"))
        });
        Body::from_stream(futures::StreamExt::chain(first, fail))
    } else {
        Body::from(bytes)
    };
    let mut resp = Response::new(body);
    *resp.status_mut() = reply.status;
    let h = resp.headers_mut();
    h.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    if truncate {
        h.insert(http::header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    let rid = ctx.request_id();
    if service == Some(Service::Iam) {
        h.insert(
            "x-iam-trace-id",
            HeaderValue::from_str(&rid).unwrap_or(HeaderValue::from_static("")),
        );
    }
    h.insert(
        "x-request-id",
        HeaderValue::from_str(&rid).unwrap_or(HeaderValue::from_static("")),
    );
    for (k, v) in reply.headers {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    }
    resp
}

/// Decodes `a=1&b=x%20y` into pairs (a `+` stays a plus, as the signer encodes spaces as %20).
pub(crate) fn parse_query(raw: Option<&str>) -> Vec<(String, String)> {
    let dec = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    raw.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (dec(k), dec(v)),
            None => (dec(p), String::new()),
        })
        .collect()
}

fn site(parts: &http::request::Parts, path: &str) -> Service {
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    if path.starts_with("/intl/") || host.contains("intl") || host.ends_with(".eu") {
        Service::BssIntl
    } else {
        Service::Bss
    }
}

/// Picks among operations sharing one route (IAM token endpoints) by `identity.methods`.
fn choose<'a>(cands: &[&'a Operation], body: &[u8]) -> &'a Operation {
    if cands.len() > 1 && cands[0].service == Service::Iam {
        let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let methods = &v["auth"]["identity"]["methods"];
        let has = |m: &str| methods.as_array().is_some_and(|a| a.iter().any(|x| x == m));
        let want = if has("assume_role") {
            [
                "keystone_create_agency_token",
                "create_temporary_access_key_by_agency",
            ]
        } else if has("password") {
            ["keystone_create_user_token_by_password", ""]
        } else {
            [
                "keystone_create_scoped_token",
                "create_temporary_access_key_by_token",
            ]
        };
        if let Some(op) = cands.iter().find(|o| want.contains(&o.name.as_str())) {
            return op;
        }
    }
    cands[0]
}

fn no_auth_needed(op: &Operation) -> bool {
    matches!(
        op.name.as_str(),
        "keystone_create_user_token_by_password"
            | "create_unscope_token_by_idp_initiated"
            | "keystone_create_scoped_token"
    ) || (op.name == "create_temporary_access_key_by_token" && op.service == Service::Iam)
}

async fn process(ctx: &Ctx, parts: &http::request::Parts, body: &[u8]) -> Answer {
    let raw_path = parts.uri.path();
    let site = site(parts, raw_path);
    let route_path = raw_path
        .strip_prefix("/intl")
        .filter(|p| p.starts_with('/'))
        .unwrap_or(raw_path);
    let cands = catalogue().route(parts.method.as_str(), route_path, site);
    if cands.is_empty() {
        let r = Reply::code(
            404,
            "APIG.0101",
            "The API does not exist or has not been published.",
        );
        return Answer::Send(r, None, false);
    }
    let op = choose(&cands, body);
    ctx.faults.count(&op.name);

    let mut truncate = false;
    if let Some(f) = ctx.faults.take(&op.name) {
        if f.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(f.delay_ms)).await;
        }
        if f.drop {
            return Answer::Drop;
        }
        truncate = f.truncate;
        if !truncate && f.status >= 400 {
            let code = f.error_code.clone().unwrap_or_else(|| {
                if f.status == 429 {
                    "APIG.0308"
                } else {
                    "CBC.0999"
                }
                .to_owned()
            });
            let r = Reply::code(f.status, &code, "Injected fault.");
            return Answer::Send(r, Some(op.service), false);
        }
    }

    let reply = match run(ctx, op, parts, raw_path, body, site) {
        Ok(r) | Err(r) => r,
    };
    Answer::Send(reply, Some(op.service), truncate)
}

fn run(
    ctx: &Ctx,
    op: &Operation,
    parts: &http::request::Parts,
    raw_path: &str,
    body: &[u8],
    site: Service,
) -> Result<Reply, Reply> {
    let caller = auth::caller_key(&parts.headers);
    if let Err(limit) = ctx.faults.admit(&op.name, &caller) {
        return Err(Reply::code(
            429,
            "APIG.0308",
            format!(
                "The throttling threshold has been reached: \
                 policy user over ratelimit,limit:{limit},time:1 second"
            ),
        ));
    }
    let query = parse_query(parts.uri.query());
    let principal = if no_auth_needed(op) && parts.headers.get("x-auth-token").is_none() {
        None
    } else {
        let req = Signed {
            method: parts.method.as_str(),
            path: raw_path,
            query: &query,
            headers: &parts.headers,
            body,
        };
        Some(auth::authenticate(ctx, &req)?)
    };
    match (op.caller, &principal) {
        (Caller::Customer, Some(Principal::Partner)) => {
            return Err(Reply::denied(
                "This API is for customers: use a customer token obtained through assume_role.",
            ));
        }
        (Caller::Partner, Some(Principal::Customer { .. })) => {
            return Err(Reply::denied(
                "This API is for partners: customer credentials are refused.",
            ));
        }
        _ => {}
    }

    validate::check_query(op, &query, &parts.headers)?;
    let json = validate::check_body(op, body)?;
    let call = Call {
        op,
        principal,
        query,
        headers: &parts.headers,
        body: json,
        path_values: op.path_values(raw_path.strip_prefix("/intl").unwrap_or(raw_path)),
        intl: op.service == Service::BssIntl || site == Service::BssIntl,
    };
    if op.service == Service::Iam {
        return iam::handle(ctx, &call);
    }
    match bss::handle(ctx, &call) {
        Some(outcome) => outcome,
        None => Ok(generic::respond(ctx, &call)),
    }
}

/// Serves `router` on `listener` until `shutdown` changes or its sender is dropped.
pub(crate) async fn serve(listener: TcpListener, router: Router, shutdown: watch::Receiver<()>) {
    let mut stop = shutdown.clone();
    loop {
        let accepted = tokio::select! {
            _ = stop.changed() => break,
            a = listener.accept() => a,
        };
        let Ok((stream, peer)) = accepted else {
            continue;
        };
        let router = router.clone();
        let mut stop_conn = shutdown.clone();
        tokio::spawn(async move {
            let drop_now = Arc::new(Notify::new());
            let signal = drop_now.clone();
            let svc =
                hyper::service::service_fn(move |mut req: http::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(Peer(peer));
                    let router = router.clone();
                    let signal = signal.clone();
                    async move {
                        let resp = match router.oneshot(req.map(Body::new)).await {
                            Ok(r) => r,
                            Err(e) => match e {},
                        };
                        if resp.extensions().get::<DropConnection>().is_some() {
                            signal.notify_one();
                            std::future::pending::<()>().await;
                        }
                        Ok::<_, Infallible>(resp)
                    }
                });
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), svc);
            tokio::select! {
                _ = conn => {}
                () = drop_now.notified() => {}
                _ = stop_conn.changed() => {}
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_is_loopback_only() {
        let peer = |s: &str| Peer(s.parse().expect("addr"));
        assert!(admin_allowed(Some(&peer("127.0.0.1:5000"))));
        assert!(admin_allowed(Some(&peer("[::1]:5000"))));
        assert!(!admin_allowed(Some(&peer("10.1.2.3:5000"))));
        assert!(admin_allowed(None));
    }

    #[test]
    fn query_decoding_keeps_plus_and_decodes_percent() {
        let q = parse_query(Some("a=x%20y&b=1+2&flag"));
        assert_eq!(
            q,
            [
                ("a".into(), "x y".into()),
                ("b".into(), "1+2".into()),
                ("flag".into(), String::new())
            ]
        );
    }
}
