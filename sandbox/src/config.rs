//! Sandbox configuration and the shared test credentials.

use std::net::SocketAddr;

use huaweicloud_partner::auth::saml::{Certificate, SamlError};

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

/// The name (`X-Idp-Id`) of the identity provider registered by default for IAM federation.
pub const SANDBOX_IDP_ID: &str = "sandbox_idp";
/// The certificate of that identity provider (test-only, see `sandbox/fixtures/README.md`).
pub const SANDBOX_IDP_CERT_PEM: &str = include_str!("../fixtures/sandbox_idp_cert.pem");
/// Its private key, PKCS#8 PEM: public test data, so tests can sign SAML Responses the
/// sandbox accepts. Never use it outside tests.
pub const SANDBOX_IDP_KEY_PEM: &str = include_str!("../fixtures/sandbox_idp_key.pem");

/// An identity provider registered for IAM's IdP-initiated federation
/// (`create_unscope_token_by_idp_initiated`): Responses sent with `X-Idp-Id` equal to
/// [`RegisteredIdp::name`] must be signed by the key of [`RegisteredIdp::certificate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredIdp {
    /// The IdP name in IAM, sent as `X-Idp-Id` and as the `IAM_SAML_Attributes_idp_id`
    /// attribute.
    pub name: String,
    /// The IdP's signing certificate.
    pub certificate: Certificate,
}

impl RegisteredIdp {
    /// Reads `certificate_pem` for the IdP `name`.
    ///
    /// # Errors
    ///
    /// The certificate errors of [`Certificate::from_pem`].
    pub fn from_pem(name: &str, certificate_pem: &str) -> Result<Self, SamlError> {
        Ok(Self {
            name: name.to_owned(),
            certificate: Certificate::from_pem(certificate_pem)?,
        })
    }

    /// The default sandbox IdP: [`SANDBOX_IDP_ID`] with [`SANDBOX_IDP_CERT_PEM`].
    ///
    /// # Errors
    ///
    /// None in practice: the embedded certificate is valid (a test checks it).
    pub fn sandbox_default() -> Result<Self, SamlError> {
        Self::from_pem(SANDBOX_IDP_ID, SANDBOX_IDP_CERT_PEM)
    }
}

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
    /// Identity providers accepted by the IAM federation endpoint (default: the sandbox IdP).
    pub idps: Vec<RegisteredIdp>,
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
            .field(
                "idps",
                &self
                    .idps
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>(),
            )
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
            idps: RegisteredIdp::sandbox_default().into_iter().collect(),
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

    /// Registers an identity provider for IAM federation, replacing one with the same name.
    pub fn idp(mut self, idp: RegisteredIdp) -> Self {
        self.idps.retain(|i| i.name != idp.name);
        self.idps.push(idp);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_registers_the_sandbox_idp() {
        let c = SandboxConfig::default();
        assert_eq!(c.idps.len(), 1);
        assert_eq!(c.idps[0].name, SANDBOX_IDP_ID);
        let key =
            huaweicloud_partner::auth::saml::SigningKey::from_pem(SANDBOX_IDP_KEY_PEM).unwrap();
        assert_eq!(key.public_key_der(), c.idps[0].certificate.public_key_der());
        let other = RegisteredIdp {
            name: "other".into(),
            ..c.idps[0].clone()
        };
        let c = c.idp(other.clone()).idp(other);
        assert_eq!(c.idps.len(), 2);
        assert!(format!("{c:?}").contains("sandbox_idp"));
    }
}
