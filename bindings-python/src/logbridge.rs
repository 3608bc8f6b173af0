//! The core's log records, handed to Python's `logging` once the process uses it.
//!
//! Importing `logging` (with `re`, `traceback`, `threading`...) costs a process several
//! milliseconds, so the module does not import it. Until something else has imported
//! `logging`, no handler or level can have been set, and Python would drop records below
//! WARNING (its root logger's default level) and print the others through its last-resort
//! handler; the bridge does the same: it drops records below WARNING and, for any other
//! record, imports `logging` and forwards it. From the first record after `logging` was
//! imported by anyone, every record goes to a [`pyo3_log::Logger`] (loggers named after the
//! Rust module, e.g. `huaweicloud_partner.http`; levels cached until `refresh_logging`).

use std::sync::OnceLock;

use log::{Level, Log, Metadata, Record};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

/// The `log` logger of the module; installed once by [`install`].
struct Bridge {
    logger: OnceLock<pyo3_log::Logger>,
    reset: OnceLock<pyo3_log::ResetHandle>,
}

static BRIDGE: Bridge = Bridge {
    logger: OnceLock::new(),
    reset: OnceLock::new(),
};

impl Bridge {
    /// The Python-backed logger, created when `logging` is (or, with `import`, gets)
    /// imported.
    fn logger(&self, import: bool) -> Option<&pyo3_log::Logger> {
        if let Some(logger) = self.logger.get() {
            return Some(logger);
        }
        let created = Python::attach(|py| {
            if !import && !logging_imported(py) {
                return None;
            }
            pyo3_log::Logger::new(py, pyo3_log::Caching::LoggersAndLevels).ok()
        })?;
        let logger = self.logger.get_or_init(|| created);
        let _ = self.reset.set(logger.reset_handle());
        Some(logger)
    }
}

/// Whether `logging` is in `sys.modules` (looked up once; a dict lookup per record).
fn logging_imported(py: Python<'_>) -> bool {
    static MODULES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
    let modules = MODULES.get_or_try_init(py, || {
        let modules = py
            .import("sys")?
            .getattr("modules")?
            .cast_into::<PyDict>()?;
        Ok::<_, PyErr>(modules.unbind())
    });
    modules.is_ok_and(|m| m.bind(py).contains("logging").unwrap_or(false))
}

impl Log for Bridge {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        match self.logger.get() {
            Some(logger) => logger.enabled(metadata),
            // Decided per record in `log`, where `logging` may have been imported since.
            None => true,
        }
    }

    fn log(&self, record: &Record<'_>) {
        let severe = record.level() <= Level::Warn;
        if let Some(logger) = self.logger(severe) {
            logger.log(record);
        }
    }

    fn flush(&self) {}
}

/// Installs the bridge as the `log` logger, unless another extension installed one.
pub(crate) fn install() {
    if log::set_logger(&BRIDGE).is_ok() {
        // What pyo3-log lets through by default; Python's levels filter the rest.
        log::set_max_level(log::LevelFilter::Debug);
    }
}

/// Forgets the cached Python logger levels, after `logging` was reconfigured.
pub(crate) fn refresh() {
    if let Some(handle) = BRIDGE.reset.get() {
        handle.reset();
    }
}
