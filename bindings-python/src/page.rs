//! Pages handed to Python, and the typed items built from them without a detour through
//! Python's `json` module.
//!
//! A page's items are the core's typed items (as [`dynamic::Item`]s), or JSON texts for a
//! page made from Python. The Python package either parses their JSON (`items_json`) or
//! asks [`NativePage::build`] for model instances. The builder sets the model's slots
//! directly, serializing a typed item straight into them ([`typed`]) or walking a text
//! once, for the values in the core's usual form (strings, integers, booleans, decimal
//! strings, `YYYY-MM-DDThh:mm:ssZ` timestamps, `YYYY-MM-DD` dates, nested objects and
//! lists). An item holding anything else (a number where a string is declared, a field the
//! model does not know, a key with escapes...) is handed whole, as JSON, to the model's own
//! `from_dict`, so results and errors are always those of the Python converters.

mod typed;

use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use huaweicloud_partner::dynamic;
use huaweicloud_partner::pagination::Page;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A page's items: the core's typed items, or JSON texts (a page made from Python).
enum Items {
    Typed(Vec<dynamic::Item>),
    Text(Vec<String>),
}

impl Items {
    fn len(&self) -> usize {
        match self {
            Self::Typed(items) => items.len(),
            Self::Text(items) => items.len(),
        }
    }
}

/// One page of a list operation: its items, the total and the next marker.
#[pyclass(module = "huaweicloud_partner._native", frozen)]
pub struct NativePage {
    items: Items,
    total: Option<u64>,
    next_marker: Option<String>,
}

impl fmt::Debug for NativePage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NativePage")
            .field("items", &self.items.len())
            .field("total", &self.total)
            .field("next_marker", &self.next_marker)
            .finish()
    }
}

impl NativePage {
    /// Wraps a page the core fetched.
    pub fn new(page: Page<dynamic::Item>) -> Self {
        Self {
            items: Items::Typed(page.items),
            total: page.total,
            next_marker: page.next_marker,
        }
    }
}

/// An item's JSON, for `items_json` and the fallback.
fn item_json(item: &dynamic::Item) -> PyResult<String> {
    serde_json::to_string(item)
        .map_err(|e| PyValueError::new_err(format!("cannot encode the item: {e}")))
}

#[pymethods]
impl NativePage {
    /// A page of the given item texts (each an item's JSON, as the core writes it).
    #[new]
    #[pyo3(signature = (items, total = None, next_marker = None))]
    fn py_new(items: Vec<String>, total: Option<u64>, next_marker: Option<String>) -> Self {
        Self {
            items: Items::Text(items),
            total,
            next_marker,
        }
    }

    /// The total the API reported, if any.
    #[getter]
    fn total(&self) -> Option<u64> {
        self.total
    }

    /// The marker of the next page (marker-paged operations).
    #[getter]
    fn next_marker(&self) -> Option<&str> {
        self.next_marker.as_deref()
    }

    /// The items as one JSON array.
    fn items_json(&self) -> PyResult<String> {
        let texts = match &self.items {
            Items::Text(texts) => texts,
            Items::Typed(items) => {
                return serde_json::to_string(items)
                    .map_err(|e| PyValueError::new_err(format!("cannot encode the items: {e}")));
            }
        };
        let size: usize = texts.iter().map(|i| i.len() + 1).sum();
        let mut out = String::with_capacity(size + 2);
        out.push('[');
        for (i, item) in texts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(item);
        }
        out.push(']');
        Ok(out)
    }

    /// The items as instances of the model `spec` describes. `spec` is
    /// `(cls, fields)`, each field `(wire_name, attribute, kind, sub)` where `sub` is the
    /// nested model's spec (kinds `model`, `models`) or the element kind (kind `list`);
    /// kinds are the [`Kind`] numbers. `fallback(text)` builds an item the fast path does
    /// not cover; `parse_json(text)` parses values of kind `any`.
    fn build<'py>(
        &self,
        py: Python<'py>,
        spec: &Bound<'py, PyAny>,
        fallback: &Bound<'py, PyAny>,
        parse_json: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let mut builder = Builder::new(py, parse_json.clone())?;
        let top = builder.compile(spec)?;
        let out = PyList::empty(py);
        match &self.items {
            Items::Typed(items) => {
                for item in items {
                    let obj = match builder.typed(&top, item)? {
                        Built::Value(obj) => obj,
                        Built::Fallback => fallback.call1((item_json(item)?,))?,
                    };
                    out.append(obj)?;
                }
            }
            Items::Text(texts) => {
                for text in texts {
                    let obj = match builder.model(&top, text)? {
                        Built::Value(obj) => obj,
                        Built::Fallback => fallback.call1((text.as_str(),))?,
                    };
                    out.append(obj)?;
                }
            }
        }
        Ok(out)
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "NativePage(items={}, total={:?})",
            self.items.len(),
            self.total
        )
    }
}

/// How a field's JSON value becomes its attribute (the numbers the Python side sends).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Str,
    Int,
    Bool,
    Decimal,
    DateTime,
    Date,
    Any,
    Model,
    Models,
    List,
}

impl Kind {
    fn from_code(code: u8) -> PyResult<Self> {
        Ok(match code {
            0 => Self::Str,
            1 => Self::Int,
            2 => Self::Bool,
            3 => Self::Decimal,
            4 => Self::DateTime,
            5 => Self::Date,
            6 => Self::Any,
            7 => Self::Model,
            8 => Self::Models,
            9 => Self::List,
            _ => return Err(PyValueError::new_err(format!("unknown field kind {code}"))),
        })
    }
}

struct Field<'py> {
    wire: String,
    attr: Bound<'py, PyString>,
    kind: Kind,
    /// The element kind of a `List`.
    element: Kind,
    /// The nested spec of a `Model` or `Models`, compiled on first use.
    nested: Option<Bound<'py, PyAny>>,
}

struct Model<'py> {
    cls: Bound<'py, PyAny>,
    fields: Vec<Field<'py>>,
}

/// The result of building a value: the value, or "let `from_dict` build this item".
enum Built<'py> {
    Value(Bound<'py, PyAny>),
    Fallback,
}

struct Builder<'py> {
    py: Python<'py>,
    object_new: Bound<'py, PyAny>,
    decimal: Bound<'py, PyAny>,
    datetime: Bound<'py, PyAny>,
    date: Bound<'py, PyAny>,
    utc: Bound<'py, PyAny>,
    parse_json: Bound<'py, PyAny>,
    extra: Bound<'py, PyString>,
    /// Compiled specs by the address of their Python object (kept alive by the caller's
    /// spec, which holds every nested spec).
    models: HashMap<usize, Rc<Model<'py>>>,
}

impl<'py> Builder<'py> {
    fn new(py: Python<'py>, parse_json: Bound<'py, PyAny>) -> PyResult<Self> {
        let datetime = py.import("datetime")?;
        Ok(Self {
            py,
            object_new: py
                .import("builtins")?
                .getattr("object")?
                .getattr("__new__")?,
            decimal: py.import("decimal")?.getattr("Decimal")?,
            datetime: datetime.getattr("datetime")?,
            date: datetime.getattr("date")?,
            utc: datetime.getattr("timezone")?.getattr("utc")?,
            parse_json,
            extra: PyString::intern(py, "_extra").clone(),
            models: HashMap::new(),
        })
    }

    fn compile(&mut self, spec: &Bound<'py, PyAny>) -> PyResult<Rc<Model<'py>>> {
        let key = spec.as_ptr() as usize;
        if let Some(model) = self.models.get(&key) {
            return Ok(Rc::clone(model));
        }
        let (cls, fields): (Bound<'py, PyAny>, Vec<Bound<'py, PyTuple>>) = spec.extract()?;
        let mut out = Vec::with_capacity(fields.len());
        for field in fields {
            let (wire, attr, kind, sub): (String, Bound<'py, PyString>, u8, Bound<'py, PyAny>) =
                field.extract()?;
            let kind = Kind::from_code(kind)?;
            let (element, nested) = match kind {
                Kind::Model | Kind::Models => (kind, Some(sub)),
                Kind::List => (Kind::from_code(sub.extract()?)?, None),
                _ => (kind, None),
            };
            if kind == Kind::List && matches!(element, Kind::Model | Kind::Models | Kind::List) {
                return Err(PyValueError::new_err("a list's elements must be scalars"));
            }
            out.push(Field {
                wire,
                attr,
                kind,
                element,
                nested,
            });
        }
        let model = Rc::new(Model { cls, fields: out });
        self.models.insert(key, Rc::clone(&model));
        Ok(model)
    }

    /// An instance of `model` from an object's JSON text.
    fn model(&mut self, model: &Rc<Model<'py>>, text: &str) -> PyResult<Built<'py>> {
        let Ok(Entries(entries)) = serde_json::from_str::<Entries<'_>>(text) else {
            return Ok(Built::Fallback);
        };
        let obj = self.object_new.call1((&model.cls,))?;
        let mut used = vec![false; entries.len()];
        let mut used_count = 0;
        let mut cursor = 0;
        for field in &model.fields {
            // Keys usually come in the model's order: look from where the last one was.
            let n = entries.len();
            let found = (0..n)
                .map(|i| (cursor + i) % n)
                .find(|&i| !used[i] && entries[i].0 == field.wire);
            let raw = match found {
                Some(i) => {
                    used[i] = true;
                    used_count += 1;
                    cursor = i + 1;
                    Some(entries[i].1.get())
                }
                None => None,
            };
            match self.field(field, raw)? {
                Built::Value(value) => obj.setattr(&field.attr, value)?,
                Built::Fallback => return Ok(Built::Fallback),
            }
        }
        // Keys the model does not know (or given twice) go to `_extra`: `from_dict`'s job.
        if used_count < entries.len() {
            return Ok(Built::Fallback);
        }
        obj.setattr(&self.extra, PyDict::new(self.py))?;
        Ok(Built::Value(obj))
    }

    fn field(&mut self, field: &Field<'py>, raw: Option<&str>) -> PyResult<Built<'py>> {
        let raw = raw.unwrap_or("null");
        match field.kind {
            Kind::Model => match raw.as_bytes().first() {
                Some(b'n') if raw == "null" => Ok(Built::Value(self.py.None().into_bound(self.py))),
                Some(b'{') => {
                    let model = self.nested(field)?;
                    self.model(&model, raw)
                }
                _ => Ok(Built::Fallback),
            },
            Kind::Models => {
                let model = self.nested(field)?;
                self.list(raw, |b, text| b.model(&model, text))
            }
            Kind::List => {
                let element = field.element;
                self.list(raw, |b, text| b.scalar(element, text))
            }
            kind => self.scalar(kind, raw),
        }
    }

    fn nested(&mut self, field: &Field<'py>) -> PyResult<Rc<Model<'py>>> {
        match &field.nested {
            Some(spec) => self.compile(&spec.clone()),
            None => Err(PyValueError::new_err("a model field without its spec")),
        }
    }

    /// A list (JSON `null` reads as empty), each element built by `each`.
    fn list(
        &mut self,
        raw: &str,
        mut each: impl FnMut(&mut Self, &str) -> PyResult<Built<'py>>,
    ) -> PyResult<Built<'py>> {
        if raw == "null" {
            return Ok(Built::Value(PyList::empty(self.py).into_any()));
        }
        if !raw.starts_with('[') {
            return Ok(Built::Fallback);
        }
        let Ok(elements) = serde_json::from_str::<Vec<&RawValue>>(raw) else {
            return Ok(Built::Fallback);
        };
        let out = PyList::empty(self.py);
        for element in elements {
            match each(self, element.get())? {
                Built::Value(v) => out.append(v)?,
                Built::Fallback => return Ok(Built::Fallback),
            }
        }
        Ok(Built::Value(out.into_any()))
    }

    fn scalar(&mut self, kind: Kind, raw: &str) -> PyResult<Built<'py>> {
        let py = self.py;
        if raw == "null" {
            return Ok(Built::Value(py.None().into_bound(py)));
        }
        let value = match kind {
            Kind::Str => match plain_string(raw) {
                Some(s) => PyString::new(py, s).into_any(),
                None if raw.starts_with('"') => match serde_json::from_str::<String>(raw) {
                    Ok(s) => PyString::new(py, &s).into_any(),
                    Err(_) => return Ok(Built::Fallback),
                },
                None => return Ok(Built::Fallback),
            },
            Kind::Int => match raw.parse::<i64>() {
                Ok(n) => n.into_pyobject(py)?.into_any(),
                Err(_) => return Ok(Built::Fallback),
            },
            Kind::Bool => match raw {
                "true" => true.into_pyobject(py)?.to_owned().into_any(),
                "false" => false.into_pyobject(py)?.to_owned().into_any(),
                _ => return Ok(Built::Fallback),
            },
            Kind::Decimal | Kind::DateTime | Kind::Date => match plain_string(raw) {
                Some(s) => return Ok(self.text(kind, s)),
                None => return Ok(Built::Fallback),
            },
            Kind::Any => self.parse_json.call1((raw,))?,
            Kind::Model | Kind::Models | Kind::List => return Ok(Built::Fallback),
        };
        Ok(Built::Value(value))
    }

    /// The value of kind `Str`, `Decimal`, `DateTime` or `Date` written as the string `s`;
    /// [`Built::Fallback`] for other kinds, other forms, and values Python refuses (a bad
    /// amount or date is `from_dict`'s to report).
    fn text(&self, kind: Kind, s: &str) -> Built<'py> {
        let value = match kind {
            Kind::Str => Ok(PyString::new(self.py, s).into_any()),
            Kind::Decimal => self.decimal.call1((s,)),
            Kind::DateTime => match utc_timestamp(s) {
                Some([y, mo, d, h, mi, sec]) => {
                    self.datetime.call1((y, mo, d, h, mi, sec, 0, &self.utc))
                }
                None => return Built::Fallback,
            },
            Kind::Date => match calendar_date(s) {
                Some([y, mo, d]) => self.date.call1((y, mo, d)),
                None => return Built::Fallback,
            },
            _ => return Built::Fallback,
        };
        value.map_or(Built::Fallback, Built::Value)
    }
}

/// The content of a JSON string without escapes, or `None`.
fn plain_string(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

/// The digits of `text[range]` as a number (ASCII digits only).
fn digits(text: &[u8], from: usize, to: usize) -> Option<u32> {
    text.get(from..to)?.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DDThh:mm:ssZ` as its six numbers (ranges are checked by `datetime`).
fn utc_timestamp(text: &str) -> Option<[u32; 6]> {
    let b = text.as_bytes();
    let shape = b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z';
    if !shape {
        return None;
    }
    Some([
        digits(b, 0, 4)?,
        digits(b, 5, 7)?,
        digits(b, 8, 10)?,
        digits(b, 11, 13)?,
        digits(b, 14, 16)?,
        digits(b, 17, 19)?,
    ])
}

/// `YYYY-MM-DD` as its three numbers (ranges are checked by `date`).
fn calendar_date(text: &str) -> Option<[u32; 3]> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some([digits(b, 0, 4)?, digits(b, 5, 7)?, digits(b, 8, 10)?])
}

/// An object's entries in order, values left as JSON text. Keys with escapes fail to
/// borrow, which sends the item to the fallback.
struct Entries<'a>(Vec<(&'a str, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Walk;
        impl<'de> Visitor<'de> for Walk {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(entry) = map.next_entry::<&'de str, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        deserializer.deserialize_map(Walk)
    }
}
