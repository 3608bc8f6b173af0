//! The offline sandbox, for users' own tests (`huaweicloud_partner.sandbox`).

use std::sync::Mutex;

use huaweicloud_partner_sandbox::{
    Fault, Sandbox, SandboxConfig, SandboxHandle, SANDBOX_IDP_CERT_PEM, SANDBOX_IDP_ID,
    SANDBOX_IDP_KEY_PEM,
};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use serde::Deserialize;

/// Sandbox settings from the Python layer; absent keys keep the sandbox defaults.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    seed: Option<u64>,
    customers: Option<u64>,
    records: Option<u64>,
    rate_limit: Option<bool>,
    access_key: Option<String>,
    secret_key: Option<String>,
    domain_id: Option<String>,
}

/// A running sandbox on its own thread; `stop()` (or garbage collection) ends it.
#[pyclass(module = "huaweicloud_partner._native", frozen)]
pub(crate) struct NativeSandbox {
    handle: Mutex<Option<SandboxHandle>>,
}

impl NativeSandbox {
    fn with<T>(&self, f: impl FnOnce(&SandboxHandle) -> T) -> PyResult<T> {
        let guard = self
            .handle
            .lock()
            .map_err(|_| PyRuntimeError::new_err("sandbox state poisoned"))?;
        match guard.as_ref() {
            Some(h) => Ok(f(h)),
            None => Err(PyRuntimeError::new_err("the sandbox is stopped")),
        }
    }
}

#[pymethods]
impl NativeSandbox {
    /// Starts a sandbox on a free loopback port.
    #[new]
    fn new(py: Python<'_>, settings_json: &str) -> PyResult<Self> {
        let s: Settings = serde_json::from_str(settings_json)
            .map_err(|e| PyValueError::new_err(format!("sandbox settings: {e}")))?;
        let mut config = SandboxConfig::default();
        if let Some(v) = s.seed {
            config = config.seed(v);
        }
        if let Some(v) = s.customers {
            config = config.customers(v);
        }
        if let Some(v) = s.records {
            config = config.records(v);
        }
        if let Some(v) = s.rate_limit {
            config = config.rate_limit(v);
        }
        if let (Some(ak), Some(sk)) = (&s.access_key, &s.secret_key) {
            config = config.credentials(ak, sk);
        }
        if let Some(d) = &s.domain_id {
            config = config.domain_id(d);
        }
        let handle = py
            .detach(move || Sandbox::start_blocking(config))
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok(Self {
            handle: Mutex::new(Some(handle)),
        })
    }

    /// The base URL of BSS, BSS-intl and IAM.
    fn base_url(&self) -> PyResult<String> {
        self.with(|h| h.base_url().to_owned())
    }

    /// The base URL answering as the International site.
    fn intl_base_url(&self) -> PyResult<String> {
        self.with(|h| h.intl_base_url())
    }

    /// `(access_key, secret_key, domain_id, domain_name, iam_user, iam_password,
    /// platform_id)`.
    fn identity(&self) -> PyResult<(String, String, String, String, String, String, String)> {
        self.with(|h| {
            (
                h.access_key().to_owned(),
                h.secret_key().to_owned(),
                h.domain_id().to_owned(),
                h.domain_name().to_owned(),
                h.iam_user().to_owned(),
                h.iam_password().to_owned(),
                h.platform_id().to_owned(),
            )
        })
    }

    /// `(idp_id, key_pem, cert_pem)` of the identity provider registered for IAM
    /// federation (test-only key).
    #[staticmethod]
    fn federation_idp() -> (&'static str, &'static str, &'static str) {
        (SANDBOX_IDP_ID, SANDBOX_IDP_KEY_PEM, SANDBOX_IDP_CERT_PEM)
    }

    /// Ids of the seeded customers.
    fn customer_ids(&self) -> PyResult<Vec<String>> {
        self.with(|h| h.customer_ids())
    }

    /// Account names of the seeded customers.
    fn customer_domain_names(&self) -> PyResult<Vec<String>> {
        self.with(|h| h.customer_domain_names())
    }

    /// Ids of the seeded resellers.
    fn reseller_ids(&self) -> PyResult<Vec<String>> {
        self.with(|h| h.reseller_ids())
    }

    /// Injects a fault given as the JSON of the sandbox's fault object.
    fn inject(&self, fault_json: &str) -> PyResult<()> {
        let fault: Fault = serde_json::from_str(fault_json)
            .map_err(|e| PyValueError::new_err(format!("fault: {e}")))?;
        self.with(|h| h.inject(fault))
    }

    /// Removes every pending fault.
    fn clear_faults(&self) -> PyResult<()> {
        self.with(|h| h.clear_faults())
    }

    /// Requests received for a catalogue operation.
    fn request_count(&self, operation: &str) -> PyResult<u64> {
        self.with(|h| h.request_count(operation))
    }

    /// Resets every request counter.
    fn reset_request_counts(&self) -> PyResult<()> {
        self.with(|h| h.reset_request_counts())
    }

    /// Shifts the sandbox clock by `seconds`.
    fn set_clock_offset(&self, seconds: i64) -> PyResult<()> {
        self.with(|h| h.set_clock_offset(seconds))
    }

    /// Stops the server and joins its thread; later calls fail.
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        let handle = self
            .handle
            .lock()
            .map_err(|_| PyRuntimeError::new_err("sandbox state poisoned"))?
            .take();
        if let Some(h) = handle {
            py.detach(move || h.shutdown());
        }
        Ok(())
    }

    /// Whether `stop` was called.
    fn stopped(&self) -> PyResult<bool> {
        Ok(self
            .handle
            .lock()
            .map_err(|_| PyRuntimeError::new_err("sandbox state poisoned"))?
            .is_none())
    }
}
