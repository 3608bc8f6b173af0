//! The offline sandbox, startable from Node for users' own tests.
//!
//! It runs on napi's tokio runtime next to the client calls; `stop()` ends it. The keys it
//! hands out are the sandbox's fixed test credentials, not real secrets.

use std::net::SocketAddr;
use std::sync::Mutex;

use huaweicloud_partner_sandbox::{
    Controls, Fault, Sandbox, SandboxConfig, SANDBOX_IDP_CERT_PEM, SANDBOX_IDP_ID,
    SANDBOX_IDP_KEY_PEM,
};
use napi_derive::napi;

use crate::error::{config, invalid};

/// How to start a sandbox.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct SandboxOptions {
    /// Listen address (default `127.0.0.1:0`, a free port).
    pub addr: Option<String>,
    /// Seed of the generated data.
    pub seed: Option<u32>,
    /// How many customers to seed.
    pub customers: Option<u32>,
    /// How many records per generated list.
    pub records: Option<u32>,
    /// Whether the sandbox enforces the API's rate limits.
    pub rate_limit: Option<bool>,
    /// Partner access key to accept.
    pub access_key: Option<String>,
    /// Its secret key.
    pub secret_key: Option<String>,
    /// Partner domain id.
    pub domain_id: Option<String>,
}

fn sandbox_config(o: SandboxOptions) -> napi::Result<SandboxConfig> {
    let mut c = SandboxConfig::default();
    if let Some(a) = o.addr {
        let addr: SocketAddr = a
            .parse()
            .map_err(|_| config(format!("sandbox addr {a:?} is not an IP:port address")))?;
        c = c.addr(addr);
    }
    if let Some(s) = o.seed {
        c = c.seed(u64::from(s));
    }
    if let Some(n) = o.customers {
        c = c.customers(u64::from(n));
    }
    if let Some(n) = o.records {
        c = c.records(u64::from(n));
    }
    if let Some(r) = o.rate_limit {
        c = c.rate_limit(r);
    }
    match (o.access_key, o.secret_key) {
        (Some(ak), Some(sk)) => c = c.credentials(&ak, &sk),
        (None, None) => {}
        _ => return Err(invalid("sandbox accessKey and secretKey go together")),
    }
    if let Some(d) = o.domain_id {
        c = c.domain_id(&d);
    }
    Ok(c)
}

/// Starts a sandbox on a loopback port.
#[napi]
pub async fn start_sandbox(options: Option<SandboxOptions>) -> napi::Result<NativeSandbox> {
    let cfg = sandbox_config(options.unwrap_or_default())?;
    let sandbox = Sandbox::start(cfg)
        .await
        .map_err(|e| config(format!("the sandbox could not start: {e}")))?;
    Ok(NativeSandbox {
        controls: sandbox.controls().clone(),
        running: Mutex::new(Some(sandbox)),
    })
}

/// A running sandbox (native half of the JS `Sandbox`).
#[napi]
#[derive(Debug)]
pub struct NativeSandbox {
    controls: Controls,
    running: Mutex<Option<Sandbox>>,
}

#[napi]
impl NativeSandbox {
    /// `http://127.0.0.1:PORT`: BSS, BSS-intl and IAM.
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.controls.base_url().to_owned()
    }

    /// Base URL answering as the International site.
    #[napi(getter)]
    pub fn intl_url(&self) -> String {
        self.controls.intl_base_url()
    }

    /// The partner access key.
    #[napi(getter)]
    pub fn access_key(&self) -> String {
        self.controls.access_key().to_owned()
    }

    /// The partner secret key (test data).
    #[napi(getter)]
    pub fn secret_key(&self) -> String {
        self.controls.secret_key().to_owned()
    }

    /// The partner domain id.
    #[napi(getter)]
    pub fn domain_id(&self) -> String {
        self.controls.domain_id().to_owned()
    }

    /// The partner domain name.
    #[napi(getter)]
    pub fn domain_name(&self) -> String {
        self.controls.domain_name().to_owned()
    }

    /// IAM user accepted for password tokens.
    #[napi(getter)]
    pub fn iam_user(&self) -> String {
        self.controls.iam_user().to_owned()
    }

    /// That user's password (test data).
    #[napi(getter)]
    pub fn iam_password(&self) -> String {
        self.controls.iam_password().to_owned()
    }

    /// The partner platform id (agency name of `assume_role`).
    #[napi(getter)]
    pub fn platform_id(&self) -> String {
        self.controls.platform_id().to_owned()
    }

    /// The identity provider registered for IdP-initiated federation (`X-Idp-Id`).
    #[napi(getter)]
    pub fn idp_id(&self) -> String {
        SANDBOX_IDP_ID.to_owned()
    }

    /// That identity provider's signing key, PKCS#8 PEM (public test data).
    #[napi(getter)]
    pub fn idp_key_pem(&self) -> String {
        SANDBOX_IDP_KEY_PEM.to_owned()
    }

    /// That identity provider's certificate, PEM.
    #[napi(getter)]
    pub fn idp_certificate_pem(&self) -> String {
        SANDBOX_IDP_CERT_PEM.to_owned()
    }

    /// Ids of the seeded customers.
    #[napi(getter)]
    pub fn customer_ids(&self) -> Vec<String> {
        self.controls.customer_ids()
    }

    /// Domain names of the seeded customers.
    #[napi(getter)]
    pub fn customer_domain_names(&self) -> Vec<String> {
        self.controls.customer_domain_names()
    }

    /// Ids of the seeded resellers.
    #[napi(getter)]
    pub fn reseller_ids(&self) -> Vec<String> {
        self.controls.reseller_ids()
    }

    /// Injects a fault, given as the JSON of the admin endpoint.
    #[napi]
    pub fn inject(&self, fault: String) -> napi::Result<()> {
        let f: Fault =
            serde_json::from_str(&fault).map_err(|e| invalid(format!("bad fault: {e}")))?;
        self.controls.inject(f);
        Ok(())
    }

    /// Removes every pending fault.
    #[napi]
    pub fn clear_faults(&self) {
        self.controls.clear_faults();
    }

    /// Requests received for a catalogue operation.
    #[napi]
    pub fn request_count(&self, operation: String) -> i64 {
        i64::try_from(self.controls.request_count(&operation)).unwrap_or(i64::MAX)
    }

    /// Resets the request counters.
    #[napi]
    pub fn reset_request_counts(&self) {
        self.controls.reset_request_counts();
    }

    /// Shifts the sandbox clock by `seconds`.
    #[napi]
    pub fn set_clock_offset(&self, seconds: i64) {
        self.controls.set_clock_offset(seconds);
    }

    /// Stops the server; further calls to it fail to connect.
    #[napi]
    pub async fn stop(&self) -> napi::Result<()> {
        let running = self.running.lock().ok().and_then(|mut g| g.take());
        if let Some(s) = running {
            s.shutdown().await;
        }
        Ok(())
    }
}
