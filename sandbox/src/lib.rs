//! Offline emulator of the Huawei Cloud Partner Center APIs: BSS (China), BSS-intl and IAM.
//!
//! Like stripe-mock or moto, the sandbox answers every operation of the catalogue
//! (`spec/operations.json`) on one loopback port, checks AK/SK signatures and tokens the way
//! the API gateway does, keeps real state for the central partner operations (customers,
//! funding, adjustment and account-change records, coupons, resellers) and generates
//! deterministic seeded data for the rest. Faults, delays, dropped connections and truncated
//! bodies can be injected per operation, and per-operation request counters are kept.
//!
//! IAM's IdP-initiated federation (`POST /v3.0/OS-FEDERATION/tokens`) accepts SAML Responses
//! signed by a registered identity provider: by default [`SANDBOX_IDP_ID`], whose test-only
//! key [`SANDBOX_IDP_KEY_PEM`] signs Responses with the SDK's `auth::saml` builder; register
//! others with [`SandboxConfig::idp`] or `--idp-cert NAME=CERT.pem`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), huaweicloud_partner_sandbox::SandboxError> {
//! use huaweicloud_partner_sandbox::{Fault, Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! println!("{} {}", sandbox.base_url(), sandbox.access_key());
//! sandbox.inject(Fault::error("list_sub_customers", 1, 503, "CBC.0999"));
//! // ... point the client at sandbox.base_url() ...
//! assert_eq!(sandbox.request_count("list_sub_customers"), 0);
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
mod bss;
mod call;
mod config;
mod data;
mod faults;
mod federation;
mod generic;
mod iam;
mod reply;
mod rng;
mod server;
mod spec;
mod state;
mod validate;

use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use config::{RegisteredIdp, SANDBOX_IDP_CERT_PEM, SANDBOX_IDP_ID, SANDBOX_IDP_KEY_PEM};
pub use config::{
    SandboxConfig, DEFAULT_ACCESS_KEY, DEFAULT_DOMAIN_ID, DEFAULT_SECRET_KEY, IAM_PASSWORD,
    IAM_USER, PARTNER_DOMAIN_NAME, PLATFORM_ID,
};
pub use faults::Fault;

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// Binding the listen address failed.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The background runtime or thread could not be started.
    #[error("cannot start the sandbox runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

/// Controls of a running sandbox, shared by [`Sandbox`] and [`SandboxHandle`].
#[derive(Clone)]
pub struct Controls {
    ctx: Arc<state::Ctx>,
    base_url: String,
}

impl std::fmt::Debug for Controls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Controls")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Controls {
    /// `http://127.0.0.1:PORT`, the base URL of BSS, BSS-intl and IAM alike.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Base URL answering as the International site (`bssintl`) where paths are shared.
    pub fn intl_base_url(&self) -> String {
        format!("{}/intl", self.base_url)
    }

    /// The partner access key.
    pub fn access_key(&self) -> &str {
        &self.ctx.config.access_key
    }

    /// The partner secret key (test data).
    pub fn secret_key(&self) -> &str {
        &self.ctx.config.secret_key
    }

    /// The partner domain (account) id.
    pub fn domain_id(&self) -> &str {
        &self.ctx.config.domain_id
    }

    /// The partner domain (account) name, also the IAM user's domain.
    pub fn domain_name(&self) -> &str {
        PARTNER_DOMAIN_NAME
    }

    /// The IAM user name accepted for password tokens.
    pub fn iam_user(&self) -> &str {
        IAM_USER
    }

    /// That user's password (test data).
    pub fn iam_password(&self) -> &str {
        IAM_PASSWORD
    }

    /// The partner platform id (`xaccount_type`, the `assume_role` agency name).
    pub fn platform_id(&self) -> &str {
        PLATFORM_ID
    }

    /// The configuration the sandbox runs with.
    pub fn config(&self) -> &SandboxConfig {
        &self.ctx.config
    }

    /// Ids of the seeded customers, in list order.
    pub fn customer_ids(&self) -> Vec<String> {
        self.ctx
            .data
            .customers
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }

    /// Account (domain) names of the seeded customers, usable as `assume_role` domains.
    pub fn customer_domain_names(&self) -> Vec<String> {
        self.ctx
            .data
            .customers
            .iter()
            .map(|c| c.account_name.clone())
            .collect()
    }

    /// Ids of the seeded resellers (indirect partners).
    pub fn reseller_ids(&self) -> Vec<String> {
        self.ctx
            .data
            .resellers
            .iter()
            .map(|r| r.id.clone())
            .collect()
    }

    /// Injects a fault into the next calls of an operation.
    pub fn inject(&self, fault: Fault) {
        self.ctx.faults.add(fault);
    }

    /// The faults still pending, with their remaining counts.
    pub fn faults(&self) -> Vec<Fault> {
        self.ctx.faults.pending()
    }

    /// Removes every pending fault.
    pub fn clear_faults(&self) {
        self.ctx.faults.clear();
    }

    /// How many requests for `operation` (a catalogue operation name) were received.
    pub fn request_count(&self, operation: &str) -> u64 {
        self.ctx.faults.requests(operation)
    }

    /// Resets every request counter.
    pub fn reset_request_counts(&self) {
        self.ctx.faults.reset_requests();
    }

    /// Shifts the sandbox clock (token expiry, new record times) by `seconds` from real time.
    pub fn set_clock_offset(&self, seconds: i64) {
        self.ctx.set_clock_offset(seconds);
    }

    /// The current clock offset in seconds.
    pub fn clock_offset(&self) -> i64 {
        self.ctx.clock_offset()
    }
}

/// Builds the sandbox's router without listening, for in-process use (benchmarks, tower
/// `oneshot`). Dropped-connection faults answer an empty 200 in this mode.
pub fn router(config: SandboxConfig) -> (axum::Router, Controls) {
    let ctx = Arc::new(state::Ctx::new(config));
    let base_url = format!("http://{}", ctx.config.addr);
    (server::router(ctx.clone()), Controls { ctx, base_url })
}

async fn bind(
    config: SandboxConfig,
) -> Result<(TcpListener, axum::Router, Controls), SandboxError> {
    let addr = config.addr;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| SandboxError::Bind { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| SandboxError::Bind { addr, source })?;
    let (app, mut controls) = router(config);
    controls.base_url = format!("http://{local}");
    Ok((listener, app, controls))
}

/// A sandbox running on the caller's tokio runtime; dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    controls: Controls,
    stop: Option<watch::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox on the current tokio runtime.
    ///
    /// # Errors
    /// [`SandboxError::Bind`] when the address cannot be bound.
    pub async fn start(config: SandboxConfig) -> Result<Self, SandboxError> {
        let (listener, app, controls) = bind(config).await?;
        let (stop, rx) = watch::channel(());
        let task = tokio::spawn(server::serve(listener, app, rx));
        Ok(Self {
            controls,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Starts a sandbox on its own thread and tokio runtime, for synchronous callers and
    /// other async runtimes. The returned handle stops it when dropped.
    ///
    /// # Errors
    /// [`SandboxError::Bind`] or [`SandboxError::Runtime`].
    pub fn start_blocking(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("partner-sandbox".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = tx.send(Err(SandboxError::Runtime(e)));
                        return;
                    }
                };
                rt.block_on(async move {
                    match bind(config).await {
                        Ok((listener, app, controls)) => {
                            let (stop, stop_rx) = watch::channel(());
                            let _ = tx.send(Ok((controls, stop)));
                            server::serve(listener, app, stop_rx).await;
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                        }
                    }
                });
            })
            .map_err(SandboxError::Runtime)?;
        let started = rx.recv().map_err(|_| {
            SandboxError::Runtime(std::io::Error::other("the sandbox thread exited early"))
        });
        match started.and_then(|r| r) {
            Ok((controls, stop)) => Ok(SandboxHandle {
                controls,
                stop: Some(stop),
                thread: Some(thread),
            }),
            Err(e) => {
                let _ = thread.join();
                Err(e)
            }
        }
    }

    /// The sandbox's controls (also reachable through `Deref`).
    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    /// Stops the server and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        self.stop.take();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Deref for Sandbox {
    type Target = Controls;

    fn deref(&self) -> &Controls {
        &self.controls
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Dropping the sender wakes the accept loop and every connection task.
        self.stop.take();
    }
}

/// A sandbox running on its own thread; dropping it stops the server and joins the thread.
#[derive(Debug)]
pub struct SandboxHandle {
    controls: Controls,
    stop: Option<watch::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SandboxHandle {
    /// The sandbox's controls (also reachable through `Deref`).
    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    /// Stops the server and joins its thread.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        self.stop.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Deref for SandboxHandle {
    type Target = Controls;

    fn deref(&self) -> &Controls {
        &self.controls
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.stop_now();
    }
}
