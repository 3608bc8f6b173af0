//! Model instances straight from the core's typed items: a `serde` serializer whose output
//! is Python objects, guided by the same compiled spec as the text walk in the parent
//! module, and giving the same results.
//!
//! The core's items serialize as the JSON the text walk reads, so every rule is the text
//! walk's, decided on the serializer call instead of the JSON token: a field the model does
//! not know, a key given twice or a value of another shape than declared ends the attempt
//! with [`Fail::Fallback`], and the item goes to `from_dict` as JSON. Errors raised by
//! Python while setting attributes or parsing `any` values are raised as they are.

use std::fmt;
use std::rc::Rc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::ser::{self, Impossible, Serialize};

use super::{Builder, Built, Field, Kind, Model};
use huaweicloud_partner::dynamic;

/// Why serializing into Python objects stopped.
enum Fail {
    /// The item is not in the usual form: build it from its JSON instead.
    Fallback,
    /// Python raised.
    Py(PyErr),
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Self {
        Self::Py(e)
    }
}

impl From<std::convert::Infallible> for Fail {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl fmt::Debug for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Fallback => "Fallback",
            Self::Py(_) => "Py",
        })
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for Fail {}

impl ser::Error for Fail {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Self::Fallback
    }
}

type Res<'py> = Result<Bound<'py, PyAny>, Fail>;

impl<'py> Builder<'py> {
    /// An instance of `model` from a typed item, or [`Built::Fallback`].
    pub(super) fn typed(
        &mut self,
        model: &Rc<Model<'py>>,
        item: &dynamic::Item,
    ) -> PyResult<Built<'py>> {
        let shape = Shape::Model(Rc::clone(model));
        match item.serialize(ValueSer { b: self, shape }) {
            Ok(obj) => Ok(Built::Value(obj)),
            Err(Fail::Fallback) => Ok(Built::Fallback),
            Err(Fail::Py(e)) => Err(e),
        }
    }

    /// What a field's value is built as.
    fn shape(&mut self, field: &Field<'py>) -> PyResult<Shape<'py>> {
        Ok(match field.kind {
            Kind::Model => Shape::Model(self.nested(field)?),
            Kind::Models => Shape::Models(self.nested(field)?),
            Kind::List => Shape::List(field.element),
            kind => Shape::Scalar(kind),
        })
    }

    fn none(&self) -> Bound<'py, PyAny> {
        self.py.None().into_bound(self.py)
    }
}

/// The expected shape of the value being serialized.
#[derive(Clone)]
enum Shape<'py> {
    Scalar(Kind),
    Model(Rc<Model<'py>>),
    Models(Rc<Model<'py>>),
    /// An element of `Models`: null is not a model there.
    Element(Rc<Model<'py>>),
    List(Kind),
}

/// Serializes one value into the Python object its shape asks for.
struct ValueSer<'a, 'py> {
    b: &'a mut Builder<'py>,
    shape: Shape<'py>,
}

impl<'a, 'py> ValueSer<'a, 'py> {
    fn int(self, n: i64) -> Res<'py> {
        match self.shape {
            Shape::Scalar(Kind::Int) => Ok(n.into_pyobject(self.b.py)?.into_any()),
            _ => Err(Fail::Fallback),
        }
    }
}

impl<'a, 'py> ser::Serializer for ValueSer<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Fail;
    type SerializeSeq = SeqSer<'a, 'py>;
    type SerializeTuple = Impossible<Self::Ok, Fail>;
    type SerializeTupleStruct = Impossible<Self::Ok, Fail>;
    type SerializeTupleVariant = Impossible<Self::Ok, Fail>;
    type SerializeMap = ModelSer<'a, 'py>;
    type SerializeStruct = ModelSer<'a, 'py>;
    type SerializeStructVariant = Impossible<Self::Ok, Fail>;

    fn serialize_bool(self, v: bool) -> Res<'py> {
        match self.shape {
            Shape::Scalar(Kind::Bool) => Ok(v.into_pyobject(self.b.py)?.to_owned().into_any()),
            _ => Err(Fail::Fallback),
        }
    }

    fn serialize_i8(self, v: i8) -> Res<'py> {
        self.int(v.into())
    }

    fn serialize_i16(self, v: i16) -> Res<'py> {
        self.int(v.into())
    }

    fn serialize_i32(self, v: i32) -> Res<'py> {
        self.int(v.into())
    }

    fn serialize_i64(self, v: i64) -> Res<'py> {
        self.int(v)
    }

    fn serialize_u8(self, v: u8) -> Res<'py> {
        self.int(v.into())
    }

    fn serialize_u16(self, v: u16) -> Res<'py> {
        self.int(v.into())
    }

    fn serialize_u32(self, v: u32) -> Res<'py> {
        self.int(v.into())
    }

    fn serialize_u64(self, v: u64) -> Res<'py> {
        // As the text walk: an integer past i64 is `from_dict`'s to read.
        self.int(i64::try_from(v).map_err(|_| Fail::Fallback)?)
    }

    fn serialize_f32(self, _v: f32) -> Res<'py> {
        Err(Fail::Fallback)
    }

    fn serialize_f64(self, _v: f64) -> Res<'py> {
        Err(Fail::Fallback)
    }

    fn serialize_char(self, v: char) -> Res<'py> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }

    fn serialize_str(self, v: &str) -> Res<'py> {
        let Shape::Scalar(kind) = self.shape else {
            return Err(Fail::Fallback);
        };
        match self.b.text(kind, v) {
            Built::Value(value) => Ok(value),
            Built::Fallback => Err(Fail::Fallback),
        }
    }

    fn serialize_bytes(self, _v: &[u8]) -> Res<'py> {
        Err(Fail::Fallback)
    }

    fn serialize_none(self) -> Res<'py> {
        // JSON null: no value, or an empty list where a list is declared.
        match self.shape {
            Shape::Models(_) | Shape::List(_) => Ok(PyList::empty(self.b.py).into_any()),
            Shape::Scalar(_) | Shape::Model(_) => Ok(self.b.none()),
            Shape::Element(_) => Err(Fail::Fallback),
        }
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Res<'py> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Res<'py> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Res<'py> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Res<'py> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Res<'py> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Res<'py> {
        Err(Fail::Fallback)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<SeqSer<'a, 'py>, Fail> {
        let element = match self.shape {
            Shape::Models(model) => Shape::Element(model),
            Shape::List(kind) => Shape::Scalar(kind),
            Shape::Scalar(_) | Shape::Model(_) | Shape::Element(_) => return Err(Fail::Fallback),
        };
        Ok(SeqSer {
            list: PyList::empty(self.b.py),
            b: self.b,
            element,
        })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Fail> {
        Err(Fail::Fallback)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Fail> {
        Err(Fail::Fallback)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Fail> {
        Err(Fail::Fallback)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<ModelSer<'a, 'py>, Fail> {
        self.serialize_struct("", 0)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<ModelSer<'a, 'py>, Fail> {
        let (Shape::Model(model) | Shape::Element(model)) = self.shape else {
            return Err(Fail::Fallback);
        };
        let obj = self.b.object_new.call1((&model.cls,))?;
        Ok(ModelSer {
            set: vec![false; model.fields.len()],
            cursor: 0,
            key: None,
            b: self.b,
            model,
            obj,
        })
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Fail> {
        Err(Fail::Fallback)
    }
}

/// The elements of a list, each built as `element`.
struct SeqSer<'a, 'py> {
    b: &'a mut Builder<'py>,
    element: Shape<'py>,
    list: Bound<'py, PyList>,
}

impl<'py> ser::SerializeSeq for SeqSer<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Fail;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Fail> {
        let shape = self.element.clone();
        let v = value.serialize(ValueSer { b: self.b, shape })?;
        self.list.append(v)?;
        Ok(())
    }

    fn end(self) -> Res<'py> {
        Ok(self.list.into_any())
    }
}

/// A model instance, its attributes set field by field.
struct ModelSer<'a, 'py> {
    b: &'a mut Builder<'py>,
    model: Rc<Model<'py>>,
    obj: Bound<'py, PyAny>,
    /// Which of the model's fields have been set.
    set: Vec<bool>,
    /// Where to look for the next field: fields usually come in the model's order.
    cursor: usize,
    /// The pending key of a map entry.
    key: Option<String>,
}

impl<'py> ModelSer<'_, 'py> {
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Fail> {
        let fields = &self.model.fields;
        let n = fields.len();
        // A key the model does not know goes to `_extra`, and one given twice to the last
        // value: both are `from_dict`'s job.
        let i = (0..n)
            .map(|i| (self.cursor + i) % n)
            .find(|&i| fields[i].wire == key)
            .ok_or(Fail::Fallback)?;
        if self.set[i] {
            return Err(Fail::Fallback);
        }
        self.set[i] = true;
        self.cursor = i + 1;
        let field = &self.model.fields[i];
        let v = if field.kind == Kind::Any {
            // Values of any shape are parsed by Python from their JSON, as from_dict does.
            let text = serde_json::to_string(value).map_err(|_| Fail::Fallback)?;
            self.b.parse_json.call1((text,))?
        } else {
            let shape = self.b.shape(field)?;
            value.serialize(ValueSer { b: self.b, shape })?
        };
        self.obj.setattr(&field.attr, v)?;
        Ok(())
    }

    fn finish(self) -> Res<'py> {
        // Fields the item leaves out read as JSON null.
        for (field, set) in self.model.fields.iter().zip(&self.set) {
            if !set {
                let v = match field.kind {
                    Kind::Models | Kind::List => PyList::empty(self.b.py).into_any(),
                    _ => self.b.none(),
                };
                self.obj.setattr(&field.attr, v)?;
            }
        }
        self.obj.setattr(&self.b.extra, PyDict::new(self.b.py))?;
        Ok(self.obj)
    }
}

impl<'py> ser::SerializeStruct for ModelSer<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Fail;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Fail> {
        self.field(key, value)
    }

    fn end(self) -> Res<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeMap for ModelSer<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Fail;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Fail> {
        // Maps are rare among items: the key is read back from its JSON.
        let text = serde_json::to_string(key).map_err(|_| Fail::Fallback)?;
        let key = serde_json::from_str::<String>(&text).map_err(|_| Fail::Fallback)?;
        self.key = Some(key);
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Fail> {
        let key = self.key.take().ok_or(Fail::Fallback)?;
        self.field(&key, value)
    }

    fn end(self) -> Res<'py> {
        self.finish()
    }
}
