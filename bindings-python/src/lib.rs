//! Native part of the Python binding (`huaweicloud_partner._native`).
//!
//! Only glue lives here: a settings dict becomes a core [`Client`], and every operation goes
//! through [`huaweicloud_partner::dynamic`], its request and response crossing as Python
//! values ([`pyvalue`]) and its list items as JSON text ([`page`]). Conversions to
//! `Decimal`/`datetime` and the typed classes are in the Python package, except that list
//! items can be built here from the specs the package gives ([`page`]). Two tokio runtimes
//! serve the whole process: async calls run on pyo3-async-runtimes' multi-thread runtime and
//! complete an asyncio future; sync calls release the GIL and drive a current-thread runtime
//! on the calling thread (see [`blocking_runtime`]).

use std::sync::Arc;

use huaweicloud_partner::auth::iam::{CustomerRef, Scope};
use huaweicloud_partner::dynamic::{self, REGISTRY};
use huaweicloud_partner::pagination::Paginator;
use huaweicloud_partner::{Client, Error, ErrorKind};
use pyo3::prelude::*;
use serde_json::Value;
use tokio::runtime::Runtime;
use tokio::sync::Mutex;

use crate::page::NativePage;
use crate::pyvalue::{Floats, Json};

mod config;
mod errors;
mod logbridge;
mod page;
mod pyvalue;
mod saml;
mod sandbox;

/// The process-wide runtime of async calls (the one pyo3-async-runtimes drives asyncio
/// futures with).
fn runtime() -> &'static Runtime {
    pyo3_async_runtimes::tokio::get_runtime()
}

/// The runtime of sync calls: a current-thread runtime, so the thread that blocks also
/// drives the sockets and timers and a request needs no hand-over between threads (on the
/// multi-thread runtime every response woke a worker, which then woke the caller). Threads
/// calling at once take turns driving it, as tokio allows for `block_on`.
///
/// A sync client's pooled connections belong to this runtime and make progress only while a
/// sync call is in flight, which is the only time they are used: sync and async clients
/// never share a native client (`for_customer` keeps the kind it was called on).
fn blocking_runtime() -> &'static Runtime {
    static RUNTIME: std::sync::OnceLock<Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("cannot start the tokio runtime: {e}"))
    })
}

/// A request's fields (the wire dict the package's `to_wire` built).
fn request_value(fields: &Bound<'_, PyAny>) -> PyResult<Value> {
    pyvalue::to_json(fields, Floats::Refused, "request")
}

fn parse_substitution(
    py: Python<'_>,
    customer: &Bound<'_, PyAny>,
    scope: &Bound<'_, PyAny>,
) -> PyResult<(CustomerRef, Scope)> {
    let customer = pyvalue::to_json(customer, Floats::Refused, "customer")?;
    let scope = pyvalue::to_json(scope, Floats::Refused, "scope")?;
    let customer = serde_json::from_value(customer)
        .map_err(|e| errors::to_py(py, &Error::invalid_input(format!("customer: {e}"))))?;
    let scope = serde_json::from_value(scope)
        .map_err(|e| errors::to_py(py, &Error::invalid_input(format!("scope: {e}"))))?;
    Ok((customer, scope))
}

/// A configured client. Safe to share between threads.
#[pyclass(module = "huaweicloud_partner._native", frozen)]
struct NativeClient {
    client: Client,
}

#[pymethods]
impl NativeClient {
    /// Builds a client from the settings dict (`None` values left out).
    #[new]
    fn new(py: Python<'_>, settings: &Bound<'_, PyAny>) -> PyResult<Self> {
        let settings = pyvalue::to_json(settings, Floats::Allowed, "client settings")?;
        let built = serde_json::from_value::<config::Config>(settings)
            .map_err(|e| Error::config(format!("client settings: {e}")))
            .and_then(config::Config::build);
        match built {
            Ok(client) => Ok(Self { client }),
            Err(e) => Err(errors::to_py(py, &e)),
        }
    }

    /// Calls `area.method` with the request's wire fields and returns the response as
    /// Python values; the GIL is released meanwhile.
    fn call<'py>(
        &self,
        py: Python<'py>,
        area: &str,
        method: &str,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = request_value(request)?;
        let client = self.client.clone();
        let out = py.detach(move || {
            blocking_runtime()
                .block_on(async move { dynamic::call(&client, area, method, request).await })
        });
        match out {
            Ok(v) => pyvalue::to_py(py, &v),
            Err(e) => Err(errors::to_py(py, &e)),
        }
    }

    /// Like [`NativeClient::call`] but returns an awaitable.
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        area: String,
        method: String,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = request_value(request)?;
        let client = self.client.clone();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            match dynamic::call(&client, &area, &method, request).await {
                Ok(v) => Ok(Json(v)),
                Err(e) => Err(errors::to_py_detached(&e)),
            }
        })
    }

    /// A paginator over the list operation `area.method`.
    #[pyo3(signature = (area, method, request, concurrency = 1))]
    fn paginate(
        &self,
        py: Python<'_>,
        area: &str,
        method: &str,
        request: &Bound<'_, PyAny>,
        concurrency: usize,
    ) -> PyResult<NativePaginator> {
        let request = request_value(request)?;
        // Building a paginator may spawn nothing, but keep it inside the runtime's context.
        let _guard = runtime().enter();
        match dynamic::paginate_items(&self.client, area, method, request) {
            Ok(p) => Ok(NativePaginator {
                inner: Arc::new(Mutex::new(p.concurrency(concurrency))),
            }),
            Err(e) => Err(errors::to_py(py, &e)),
        }
    }

    /// A client acting in a customer's account (token substitution); the GIL is released
    /// while the agency token is obtained.
    #[pyo3(signature = (customer, scope, agency_name = None))]
    fn for_customer(
        &self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        scope: &Bound<'_, PyAny>,
        agency_name: Option<String>,
    ) -> PyResult<NativeClient> {
        let (customer, scope) = parse_substitution(py, customer, scope)?;
        let client = self.client.clone();
        let out = py.detach(move || {
            blocking_runtime().block_on(async move {
                match agency_name {
                    Some(a) => client.for_customer_with_agency(customer, &a, scope).await,
                    None => client.for_customer(customer, scope).await,
                }
            })
        });
        match out {
            Ok(client) => Ok(NativeClient { client }),
            Err(e) => Err(errors::to_py(py, &e)),
        }
    }

    /// Like [`NativeClient::for_customer`] but returns an awaitable.
    #[pyo3(signature = (customer, scope, agency_name = None))]
    fn for_customer_async<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
        scope: &Bound<'py, PyAny>,
        agency_name: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (customer, scope) = parse_substitution(py, customer, scope)?;
        let client = self.client.clone();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let out = match agency_name {
                Some(a) => client.for_customer_with_agency(customer, &a, scope).await,
                None => client.for_customer(customer, scope).await,
            };
            match out {
                Ok(client) => Ok(NativeClient { client }),
                Err(e) => Err(errors::to_py_detached(&e)),
            }
        })
    }

    fn __repr__(&self) -> String {
        let ep = self.client.endpoints();
        format!(
            "NativeClient(site={:?}, bss={}, iam={})",
            self.client.site(),
            ep.bss,
            ep.iam
        )
    }
}

/// Pages of a list operation, fetched lazily, each a [`NativePage`].
#[pyclass(module = "huaweicloud_partner._native", frozen)]
struct NativePaginator {
    inner: Arc<Mutex<Paginator<dynamic::Item>>>,
}

#[pymethods]
impl NativePaginator {
    /// The next page, or `None` when there are no more; the GIL is released meanwhile.
    fn next_page(&self, py: Python<'_>) -> PyResult<Option<NativePage>> {
        let inner = Arc::clone(&self.inner);
        let out = py.detach(move || {
            blocking_runtime().block_on(async move { inner.lock().await.next_page().await })
        });
        match out {
            None => Ok(None),
            Some(Ok(page)) => Ok(Some(NativePage::new(page))),
            Some(Err(e)) => Err(errors::to_py(py, &e)),
        }
    }

    /// Like [`NativePaginator::next_page`] but returns an awaitable.
    fn next_page_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let inner = Arc::clone(&self.inner);
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            match inner.lock().await.next_page().await {
                None => Ok(None),
                Some(Ok(page)) => Ok(Some(NativePage::new(page))),
                Some(Err(e)) => Err(errors::to_py_detached(&e)),
            }
        })
    }

    /// The total the API last reported (`None` before the first page or while a page is
    /// being fetched).
    fn total(&self) -> Option<u64> {
        self.inner.try_lock().ok().and_then(|p| p.total())
    }
}

/// Every operation: `(operation, area, method, paginating method or None)`.
#[pyfunction]
fn operations() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
)> {
    REGISTRY
        .iter()
        .map(|e| {
            (
                e.info.operation,
                e.info.area,
                e.info.method,
                e.info.paginated,
            )
        })
        .collect()
}

/// The stable identifiers of the core error kinds.
#[pyfunction]
fn error_kinds() -> Vec<&'static str> {
    [
        ErrorKind::Config,
        ErrorKind::Auth,
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::InvalidInput,
        ErrorKind::Api,
        ErrorKind::RateLimited,
        ErrorKind::Server,
        ErrorKind::Timeout,
        ErrorKind::Connection,
        ErrorKind::Decode,
        ErrorKind::OutcomeUnknown,
        ErrorKind::Unsupported,
    ]
    .into_iter()
    .map(ErrorKind::as_str)
    .collect()
}

/// Forgets the cached Python logger levels, after `logging` was reconfigured.
#[pyfunction]
fn refresh_logging() {
    logbridge::refresh();
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Route the core's log records to Python's `logging` (see `logbridge`). If another
    // extension already installed a `log` logger, keep it.
    logbridge::install();
    m.add_function(wrap_pyfunction!(refresh_logging, m)?)?;
    m.add_class::<NativeClient>()?;
    m.add_class::<NativePaginator>()?;
    m.add_class::<NativePage>()?;
    m.add_class::<sandbox::NativeSandbox>()?;
    m.add_class::<saml::NativeIdentityProvider>()?;
    m.add_class::<saml::NativeAuthnRequest>()?;
    m.add_class::<saml::NativeSamlResponse>()?;
    m.add_function(wrap_pyfunction!(saml::saml_login_url, m)?)?;
    m.add_function(wrap_pyfunction!(saml::saml_decode_redirect, m)?)?;
    m.add_function(wrap_pyfunction!(saml::saml_verify_response, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(error_kinds, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
