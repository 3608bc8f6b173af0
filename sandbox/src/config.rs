//! Sandbox configuration and the shared test credentials.

use std::net::SocketAddr;

/// Default partner access key.
pub const DEFAULT_ACCESS_KEY: &str = "HPUASANDBOXPARTNER0001";
/// Default partner secret key (test data, not a secret).
pub const DEFAULT_SECRET_KEY: &str = "sandbox-secret-key-do-not-use-in-production";
/// Default partner domain (account) id.
pub const DEFAULT_DOMAIN_ID: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/// The partner's domain (account) name.
pub const PARTNER_DOMAIN_NAME: &str = "sandbox_partner";
/// The partner IAM user accepted by the password token operation.
pub const IAM_USER: &str = "sandbox_partner";
/// That user's password.
pub const IAM_PASSWORD: &str = "Sandbox@Passw0rd1";
/// The partner platform id (`xaccount_type`), also the agency name for `assume_role`.
pub const PLATFORM_ID: &str = "sandbox_IDP";

/// How to start a sandbox. `Default` gives the shared constants, a random loopback port,
/// seed 1, 50 customers and 2,000 adjustment records, rate limiting off.
#[derive(Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The partner access key accepted in signatures.
    pub access_key: String,
    /// The partner secret key.
    pub secret_key: String,
    /// The partner domain (account) id.
    pub domain_id: String,
    /// Seed of all generated data.
    pub seed: u64,
    /// Number of seeded customers (at least one is always generated).
    pub customers: u64,
    /// Number of seeded adjustment records (generated lazily, so millions are fine).
    pub records: u64,
    /// Whether per-API rate limits are enforced.
    pub rate_limit: bool,
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("addr", &self.addr)
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field("domain_id", &self.domain_id)
            .field("seed", &self.seed)
            .field("customers", &self.customers)
            .field("records", &self.records)
            .field("rate_limit", &self.rate_limit)
            .finish()
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            access_key: DEFAULT_ACCESS_KEY.to_owned(),
            secret_key: DEFAULT_SECRET_KEY.to_owned(),
            domain_id: DEFAULT_DOMAIN_ID.to_owned(),
            seed: 1,
            customers: 50,
            records: 2_000,
            rate_limit: false,
        }
    }
}

impl SandboxConfig {
    /// Sets the listen address.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Sets the data seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of seeded customers.
    pub fn customers(mut self, n: u64) -> Self {
        self.customers = n;
        self
    }

    /// Sets the number of seeded adjustment records.
    pub fn records(mut self, n: u64) -> Self {
        self.records = n;
        self
    }

    /// Turns rate limiting on or off.
    pub fn rate_limit(mut self, on: bool) -> Self {
        self.rate_limit = on;
        self
    }

    /// Sets the partner AK/SK.
    pub fn credentials(mut self, access_key: &str, secret_key: &str) -> Self {
        access_key.clone_into(&mut self.access_key);
        secret_key.clone_into(&mut self.secret_key);
        self
    }

    /// Sets the partner domain id.
    pub fn domain_id(mut self, id: &str) -> Self {
        id.clone_into(&mut self.domain_id);
        self
    }
}
