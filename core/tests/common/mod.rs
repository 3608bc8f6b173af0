//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_partner::signer::{self, AuthorizationHeader};
use huaweicloud_partner::{AccessKey, Client, ClientBuilder, RateLimitPolicy, RetryPolicy};
use wiremock::MockServer;

pub const AK: &str = "TESTAK0000000001";
pub const SK: &str = "test-secret-key-never-logged";
pub const SECURITY_TOKEN: &str = "test-security-token-never-logged";

/// A retry policy with tiny delays so tests stay fast.
pub fn fast_retry(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_elapsed: Duration::from_secs(30),
    }
}

pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .endpoint(server.uri())
        .access_key(AccessKey::new(AK, SK).expect("key").with_domain_id("dom-1"))
        .retry(fast_retry(4))
        .rate_limit(RateLimitPolicy::disabled())
        .timeout(Duration::from_secs(5))
}

pub fn client(server: &MockServer) -> Client {
    builder(server).build().expect("client")
}

/// Checks a received request's signature with our verifier.
pub fn assert_signed(req: &wiremock::Request) {
    let headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().expect("ascii").to_owned()))
        .collect();
    let auth = headers
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| AuthorizationHeader::parse(v).expect("parse"))
        .expect("an Authorization header");
    assert_eq!(auth.access_key, AK);
    let query: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
    signer::verify(
        &auth,
        SK.as_bytes(),
        req.method.as_str(),
        req.url.path(),
        &query,
        &headers,
        &req.body,
    )
    .expect("signature verifies");
}

/// A tracing subscriber writing everything (down to TRACE) into a buffer.
#[derive(Clone, Default)]
pub struct LogBuffer(pub Arc<Mutex<Vec<u8>>>);

impl LogBuffer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

impl Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Captures everything logged (down to TRACE) by this test binary from the first call on.
///
/// The subscriber is global rather than per thread: with a thread-local one, a callsite first
/// reached by a parallel test thread can cache "disabled" and its spans then go missing.
/// Parallel tests of the binary log into the same buffer, which the redaction checks welcome.
pub fn capture_logs() -> (LogBuffer, ()) {
    static GLOBAL: std::sync::OnceLock<LogBuffer> = std::sync::OnceLock::new();
    let buf = GLOBAL.get_or_init(|| {
        let buf = LogBuffer::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(buf.clone())
            .with_ansi(false)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
        buf
    });
    (buf.clone(), ())
}
