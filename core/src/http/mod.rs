//! The transport: the one path every operation takes.
//!
//! Validate, pace, resolve credentials, build URL and query, sign (or attach the token),
//! send, capture the request id, classify the answer, retry what is safe to retry, decode.

pub(crate) mod ratelimit;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use percent_encoding::utf8_percent_encode;
use tracing::Instrument;

use crate::clock::{Clock, SkewCorrection};
use crate::config::{Endpoints, RetryPolicy, Site};
use crate::credentials::{Credentials, ProvideCredentials, Token};
use crate::error::{classify, parse_error_body, Error, ErrorKind, PendingRequest, Result};
use crate::operation::{
    AuthMode, Idempotency, Operation, OperationSpec, RawResponse, RequestParts,
};
use crate::signer::{self, SignableRequest, UNRESERVED};

use self::ratelimit::RateLimiter;

/// A learned clock offset is applied only when the server's clock is at least this far off.
const SKEW_THRESHOLD_SECS: i64 = 60;

/// Everything needed to send requests; shared by every clone of a client.
#[derive(Debug)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) site: Site,
    pub(crate) endpoints: Endpoints,
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    pub(crate) retry: RetryPolicy,
    pub(crate) limiter: RateLimiter,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) skew: SkewCorrection,
    pub(crate) user_agent: String,
    /// The HMAC state of the AK/SK secret, derived once.
    pub(crate) signing_key: signer::SigningKeyCache,
}

/// What one attempt produced.
enum Attempt {
    Done(RawResponse),
    Failed { error: Error, reached_server: bool },
}

impl Transport {
    /// Executes `op` with validation, pacing, signing, retries and decoding.
    pub(crate) async fn execute<O: Operation>(&self, op: &O) -> Result<O::Output> {
        self.run(op).await.map_err(|e| op.map_error(e))
    }

    async fn run<O: Operation>(&self, op: &O) -> Result<O::Output> {
        let spec = op.spec();
        if !spec.sites.allows(self.site) {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!("{} is not offered on the {:?} site", spec.name, self.site),
            )
            .with_operation(spec.name));
        }
        op.validate().map_err(|e| e.with_operation(spec.name))?;
        op.validate_site(self.site)
            .map_err(|e| e.with_operation(spec.name))?;
        let parts = op.to_parts().map_err(|e| e.with_operation(spec.name))?;
        let path =
            expand_path(spec.path, &parts.path_params).map_err(|e| e.with_operation(spec.name))?;

        let started = Instant::now();
        let mut attempt = 0u32;
        let mut token_refreshed = false;
        let mut skew_corrected = false;
        loop {
            attempt += 1;
            // A token given with the request replaces the client's credentials.
            let credentials = match op.auth() {
                AuthMode::Client if parts.auth_token.is_none() => {
                    Some(self.credentials_for(spec.name).await?)
                }
                _ => None,
            };
            let used_token = match &credentials {
                Some(Credentials::Token(source)) => Some(
                    source
                        .token()
                        .await
                        .map_err(|e| e.with_operation(spec.name))?,
                ),
                _ => None,
            };

            let span = tracing::debug_span!(
                "hcp.request",
                operation = spec.name,
                method = spec.method,
                path = %path,
                attempt,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            );
            // Paced last, after credentials and tokens are at hand, so the request leaves
            // when the limiter lets it go, not a token fetch later.
            self.limiter.acquire(spec.name).await;
            let sent_at = Utc::now();
            let signed_at = self.clock.now();
            let t0 = Instant::now();
            let outcome = self
                .attempt(
                    spec,
                    &path,
                    &parts,
                    credentials.as_ref(),
                    used_token.as_ref(),
                )
                .instrument(span.clone())
                .await;
            span.record("duration_ms", t0.elapsed().as_millis() as u64);

            let (error, reached_server) = match outcome {
                Attempt::Done(raw) => {
                    span.record("status", raw.status);
                    if let Some(id) = &raw.request_id {
                        span.record("request_id", id.as_str());
                    }
                    if (200..300).contains(&raw.status) {
                        return op.parse(&raw).map_err(|e| {
                            let e = e.with_operation(spec.name);
                            if spec.idempotency == Idempotency::Idempotent {
                                return e;
                            }
                            // It was accepted, but we cannot read what it did: settle it.
                            let body = parts
                                .body
                                .as_deref()
                                .and_then(|b| serde_json::from_slice(b).ok());
                            e.into_outcome_unknown(PendingRequest {
                                operation: spec.name,
                                sent_at,
                                body,
                            })
                        });
                    }
                    (api_error(&raw), true)
                }
                Attempt::Failed {
                    error,
                    reached_server,
                } => (error, reached_server),
            };
            let error = error.with_operation(spec.name);

            // A rejected token: refresh once and send again (the gateway refused it, so
            // nothing was applied).
            if let (Some(tok), Some(Credentials::Token(source))) = (&used_token, &credentials) {
                if error.is_token_expired() && !token_refreshed {
                    token_refreshed = true;
                    tracing::debug!(operation = spec.name, "token rejected, refreshing once");
                    source.invalidate(tok).await;
                    continue;
                }
            }
            // A signature rejected because our clock is off: learn the offset, sign again.
            // Only signatures depend on our clock; a rejected password or token does not.
            let signed = matches!(credentials, Some(Credentials::AccessKey(_)));
            if error.kind() == ErrorKind::Auth && signed && !skew_corrected {
                if let Some(offset) = self.learn_offset(&error, signed_at) {
                    skew_corrected = true;
                    tracing::debug!(
                        operation = spec.name,
                        offset_secs = offset.num_seconds(),
                        "correcting for clock skew"
                    );
                    self.skew.set(offset);
                    continue;
                }
            }

            // Repeating is safe when nothing reached the server, when the gateway throttled
            // the request, or when the operation is idempotent.
            let safe_to_repeat = !reached_server
                || error.kind() == ErrorKind::RateLimited
                || spec.idempotency == Idempotency::Idempotent;
            if !safe_to_repeat && is_ambiguous(&error) {
                let body = parts
                    .body
                    .as_deref()
                    .and_then(|b| serde_json::from_slice(b).ok());
                let pending = PendingRequest {
                    operation: spec.name,
                    sent_at,
                    body,
                };
                return Err(error.into_outcome_unknown(pending));
            }
            let retryable = error.is_retryable() && safe_to_repeat;
            let error = error.with_retryable(retryable);
            if !retryable || attempt >= self.retry.max_attempts {
                if attempt > 1 {
                    tracing::warn!(operation = spec.name, attempt, error = %error, "giving up");
                }
                return Err(error);
            }
            let delay = error
                .retry_after()
                .unwrap_or_else(|| self.retry.backoff(attempt));
            if started.elapsed() + delay > self.retry.max_elapsed {
                tracing::warn!(
                    operation = spec.name,
                    attempt,
                    error = %error,
                    "giving up: retry budget spent"
                );
                return Err(error);
            }
            tracing::debug!(
                operation = spec.name,
                attempt,
                delay_ms = delay.as_millis() as u64,
                error = %error,
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// The clock offset to apply when `error` carries a server date far from our signing time.
    fn learn_offset(&self, error: &Error, signed_at: DateTime<Utc>) -> Option<chrono::Duration> {
        let server = error.server_date()?;
        let drift = server - (signed_at + self.skew.offset());
        (drift.num_seconds().abs() >= SKEW_THRESHOLD_SECS).then(|| server - signed_at)
    }

    async fn credentials_for(&self, operation: &'static str) -> Result<Credentials> {
        match self.credentials.provide().await {
            Ok(Some(c)) => Ok(c),
            Ok(None) => {
                Err(Error::new(ErrorKind::Auth, "no credentials configured")
                    .with_operation(operation))
            }
            Err(e) => Err(e.with_operation(operation)),
        }
    }

    /// Sends one attempt.
    async fn attempt(
        &self,
        spec: &OperationSpec,
        path: &str,
        parts: &RequestParts,
        credentials: Option<&Credentials>,
        token: Option<&Token>,
    ) -> Attempt {
        let request = match self.build(spec, path, parts, credentials, token) {
            Ok(r) => r,
            Err(error) => {
                return Attempt::Failed {
                    error,
                    reached_server: false,
                }
            }
        };
        let response = match self.http.execute(request).await {
            Ok(r) => r,
            Err(e) => {
                let reached_server = !e.is_connect();
                return Attempt::Failed {
                    error: send_error(&e),
                    reached_server,
                };
            }
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let request_id = ["x-request-id", "x-iam-trace-id", "x-openstack-request-id"]
            .iter()
            .find_map(|h| {
                headers
                    .get(*h)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            });
        match response.bytes().await {
            Ok(body) => Attempt::Done(RawResponse {
                status,
                headers,
                body,
                request_id,
            }),
            Err(e) => Attempt::Failed {
                error: Error::new(
                    ErrorKind::Connection,
                    format!("the response body broke off (status {status})"),
                )
                .with_status(status)
                .with_request_id(request_id)
                .with_source(e),
                reached_server: true,
            },
        }
    }

    fn build(
        &self,
        spec: &OperationSpec,
        path: &str,
        parts: &RequestParts,
        credentials: Option<&Credentials>,
        token: Option<&Token>,
    ) -> Result<reqwest::Request> {
        let method = spec.method;
        let base = self.endpoints.get(spec.service);
        let full_path = join_path(base.path(), path);
        let host = match base.port() {
            Some(p) => format!("{}:{p}", base.host_str().unwrap_or_default()),
            None => base.host_str().unwrap_or_default().to_owned(),
        };
        let content_type = parts.content_type.unwrap_or("application/json");

        let mut headers: Vec<(String, String)> = Vec::with_capacity(8);
        headers.push(("Content-Type".to_owned(), content_type.to_owned()));
        headers.push(("User-Agent".to_owned(), self.user_agent.clone()));
        headers.extend(parts.headers.iter().cloned());
        for (name, value) in &parts.secret_headers {
            headers.push((name.clone(), value.expose().to_owned()));
        }
        if let Some(t) = &parts.auth_token {
            headers.push(("X-Auth-Token".to_owned(), t.expose().to_owned()));
        }
        let mut query = signer::canonical_query(&parts.query);
        let body = parts.body.clone().unwrap_or_default();

        match (credentials, token) {
            (_, Some(token)) => {
                headers.push(("X-Auth-Token".to_owned(), token.value.expose().to_owned()));
            }
            (Some(Credentials::AccessKey(key)), None) => {
                if let Some(d) = &key.domain_id {
                    headers.push(("X-Domain-Id".to_owned(), d.clone()));
                }
                if let Some(t) = &key.security_token {
                    headers.push(("X-Security-Token".to_owned(), t.expose().to_owned()));
                }
                let mut req = SignableRequest {
                    method: method.to_owned(),
                    host,
                    path: full_path.clone(),
                    query: parts.query.clone(),
                    headers,
                    body,
                };
                let now = self.clock.now() + self.skew.offset();
                let signed = self
                    .signing_key
                    .get(key.algorithm, &key.secret_key)
                    .and_then(|signing| signer::sign_with(&signing, &key.access_key, &mut req, now))
                    .map_err(|e| Error::new(ErrorKind::Auth, e.to_string()))?;
                query = signed.query;
                headers = req.headers;
                headers.push(("Authorization".to_owned(), signed.authorization));
                return self.assemble(method, base, &full_path, &query, headers, req.body);
            }
            _ => {}
        }
        self.assemble(method, base, &full_path, &query, headers, body)
    }

    fn assemble(
        &self,
        method: &'static str,
        base: &url::Url,
        path: &str,
        query: &str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Result<reqwest::Request> {
        let mut url = base.clone();
        url.set_path(path);
        url.set_query((!query.is_empty()).then_some(query));
        let method = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|_| Error::invalid_input(format!("bad HTTP method {method}")))?;
        let mut builder = self.http.request(method, url);
        for (k, v) in headers {
            if k.eq_ignore_ascii_case("host") {
                continue; // reqwest derives Host from the URL, identical by construction
            }
            builder = builder.header(k, v);
        }
        if !body.is_empty() {
            builder = builder.body(body);
        }
        builder.build().map_err(|e| {
            Error::invalid_input("the request could not be built (bad header value?)")
                .with_source(e)
        })
    }
}

/// Turns an error response into an [`Error`].
fn api_error(raw: &RawResponse) -> Error {
    let (code, message) = parse_error_body(&raw.body).unwrap_or((None, None));
    let kind = classify(raw.status, code.as_deref());
    let message = message.unwrap_or_else(|| format!("HTTP {}", raw.status));
    let retry_after = raw.header("retry-after").and_then(parse_retry_after);
    let retryable =
        matches!(raw.status, 429 | 500 | 502 | 503 | 504) || kind == ErrorKind::RateLimited;
    let mut e = Error::new(kind, message)
        .with_status(raw.status)
        .with_code(code)
        .with_request_id(raw.request_id.clone())
        .with_body_excerpt(&raw.body)
        .with_retryable(retryable)
        .with_retry_after(retry_after);
    if let Some(date) = raw.header("date").and_then(httpdate_parse) {
        e = e.with_server_date(date);
    }
    e
}

fn is_ambiguous(error: &Error) -> bool {
    matches!(
        error.kind(),
        ErrorKind::Server | ErrorKind::Timeout | ErrorKind::Connection | ErrorKind::Decode
    )
}

/// `Retry-After` as delay-seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate_parse(value)?;
    (at - Utc::now()).to_std().ok()
}

fn httpdate_parse(value: &str) -> Option<chrono::DateTime<Utc>> {
    chrono::DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

fn send_error(e: &reqwest::Error) -> Error {
    let (kind, what) = if e.is_timeout() {
        (ErrorKind::Timeout, "no answer within the timeout")
    } else if e.is_connect() {
        (ErrorKind::Connection, "could not connect")
    } else {
        (ErrorKind::Connection, "the connection failed")
    };
    // reqwest's Display holds the URL but never headers, so no secret leaks through it.
    Error::new(kind, what).with_source(without_url(e))
}

fn without_url(e: &reqwest::Error) -> std::io::Error {
    let mut msg = e.to_string();
    if let Some(url) = e.url() {
        msg = msg.replace(url.as_str(), url.path());
    }
    std::io::Error::other(msg)
}

/// Substitutes `{name}` placeholders with percent-encoded values.
fn expand_path(template: &str, params: &[(&'static str, String)]) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map(|e| start + e)
            .ok_or_else(|| Error::invalid_input(format!("bad path template {template}")))?;
        let name = &rest[start + 1..end];
        let value = params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| Error::invalid_input(format!("path parameter `{name}` is required")))?;
        out.extend(utf8_percent_encode(value, UNRESERVED));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn join_path(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    format!("{base}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_and_encodes_path_params() {
        let p = expand_path("/v2/a/{id}/b", &[("id", "x y/z".to_owned())]).expect("ok");
        assert_eq!(p, "/v2/a/x%20y%2Fz/b");
        assert!(expand_path("/v2/{id}", &[]).is_err());
        assert!(expand_path("/v2/{id}", &[("id", String::new())]).is_err());
    }

    #[test]
    fn joins_base_paths() {
        assert_eq!(join_path("/", "/v2/x"), "/v2/x");
        assert_eq!(join_path("/prefix/", "/v2/x"), "/prefix/v2/x");
    }
}
