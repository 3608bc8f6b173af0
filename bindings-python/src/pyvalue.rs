//! Python values to and from JSON values, so that requests, settings and responses cross
//! the boundary without Python's `json` module (which the package then never imports on
//! its common paths, and which would cost a text round trip on every call).
//!
//! Python to JSON takes what the package's `to_wire` produces: `None`, `bool`, `int`,
//! `str`, dicts with string keys, lists and tuples (and `float` where the caller allows it:
//! settings, never requests). JSON to Python gives what `json.loads(text,
//! parse_float=Decimal)` gives for the core's text of the same value: integers as `int`,
//! other numbers as `Decimal` of the number's JSON spelling, objects as dicts in key order.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Deeper than any request or response of the API; stops a self-containing list or dict.
const MAX_DEPTH: usize = 64;

/// Whether `float` values are accepted on the way in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Floats {
    /// Settings: seconds may be fractional.
    Allowed,
    /// Requests: amounts must be `Decimal` (turned into strings before they get here).
    Refused,
}

/// The JSON value of a Python value; `what` names it in errors.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, floats: Floats, what: &str) -> PyResult<Value> {
    to_json_at(obj, floats, what, 0)
}

fn to_json_at(obj: &Bound<'_, PyAny>, floats: Floats, what: &str, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!(
            "{what}: nested more than {MAX_DEPTH} levels deep"
        )));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast_exact::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    // Before int: bool is a subclass of int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyValueError::new_err(format!(
            "{what}: integer {obj} does not fit in 64 bits"
        )));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(PyTypeError::new_err(format!(
                    "{what}: keys must be strings, got {}",
                    k.repr()?
                )));
            };
            let key = key.to_cow()?;
            let value = to_json_at(&v, floats, what, depth + 1)?;
            map.insert(key.into_owned(), value);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|v| to_json_at(&v, floats, what, depth + 1))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| to_json_at(&v, floats, what, depth + 1))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // A str subclass (e.g. a str-valued enum member): its string value.
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        if floats == Floats::Refused {
            return Err(PyTypeError::new_err(format!(
                "{what}: floats are not accepted: use decimal.Decimal for amounts"
            )));
        }
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{what}: {} is not finite", f.value())));
    }
    Err(PyTypeError::new_err(format!(
        "{what}: unsupported type {}",
        obj.get_type().name()?
    )))
}

/// `decimal.Decimal`, looked up once per interpreter.
fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static DECIMAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    DECIMAL
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("decimal")?.getattr("Decimal")?.unbind())
        })
        .map(|d| d.bind(py))
}

/// The Python value of a JSON value.
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                // Spelled as serde_json writes it in the core's text, which is what
                // `parse_float=Decimal` would have read.
                decimal_class(py)?.call1((n.to_string(),))?
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(PyString::new(py, k), to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// A JSON value handed to Python when a future completes (async calls).
pub(crate) struct Json(pub Value);

impl<'py> IntoPyObject<'py> for Json {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        to_py(py, &self.0)
    }
}
