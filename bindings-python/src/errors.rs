//! Core errors as Python exceptions. The classes live in `huaweicloud_partner/errors.py`; its
//! `_from_native` picks the class from the error kind.

use huaweicloud_partner::types::format_utc;
use huaweicloud_partner::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// The Python exception for a core error.
pub(crate) fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    let pending = e.pending().map(|p| {
        (
            p.operation,
            format_utc(&p.sent_at),
            p.body.as_ref().map(|b| b.to_string()),
        )
    });
    let built = py
        .import("huaweicloud_partner.errors")
        .and_then(|m| m.getattr("_from_native"))
        .and_then(|f| {
            f.call1((
                e.kind().as_str(),
                e.message(),
                e.status(),
                e.code(),
                e.request_id(),
                e.is_retryable(),
                e.operation(),
                e.retry_after().map(|d| d.as_secs_f64()),
                e.body_excerpt(),
                pending,
            ))
        });
    match built {
        Ok(exc) => PyErr::from_value(exc),
        Err(import_failed) => {
            let err = PyRuntimeError::new_err(e.to_string());
            err.set_cause(py, Some(import_failed));
            err
        }
    }
}

/// [`to_py`] from a thread that does not hold the GIL (async completions).
pub(crate) fn to_py_detached(e: &Error) -> PyErr {
    Python::attach(|py| to_py(py, e))
}
