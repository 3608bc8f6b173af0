//! Requests built from the catalogue: every required field (and every field a plan names)
//! gets a valid value, ids come from the [`World`].

use serde_json::{Map, Value};

use crate::catalogue;
use crate::world::{World, MONTH};

/// A request value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum V {
    /// The first id of a kind.
    First(&'static str),
    /// A one-element list holding the first id of a kind.
    List(&'static str),
    /// The next id of a kind (another one each time).
    Take(&'static str),
    /// A one-element list holding the next id of a kind.
    TakeList(&'static str),
    /// The last id of a kind.
    Last(&'static str),
    /// A one-element list holding the last id of a kind.
    LastList(&'static str),
    /// Literal JSON.
    Json(&'static str),
    /// The seeded bill month, its first and its last day.
    Month,
    MonthStart,
    MonthEnd,
    /// A name unique in the run, with this prefix.
    Unique(&'static str),
    /// The partner's domain id.
    DomainId,
    /// The partner platform id (`xaccount_type`).
    Platform,
}

/// Values for fields by name, when the plan does not set them. The budget fields are
/// enumerations the core does not check, so the all-optional-fields run cannot learn them.
fn by_name(name: &str) -> Option<V> {
    Some(match name {
        "customer_id" => V::First("customer"),
        "customer_ids" => V::List("customer"),
        "indirect_partner_id" => V::First("reseller"),
        "indirect_partner_ids" => V::List("reseller"),
        "order_id" => V::First("order"),
        "resource_id" => V::First("resource"),
        "resource_ids" => V::List("resource"),
        "amount" => V::Json(r#""1.00""#),
        "balance_type" => V::Json(r#""BALANCE_TYPE_DEBIT""#),
        "bill_cycle" | "cycle" | "shared_month" => V::Month,
        "xaccount_type" => V::Platform,
        "domain_id" => V::DomainId,
        "period_type" => V::Json("2"),
        "period_num" => V::Json("1"),
        "offset" => V::Json("0"),
        "limit" => V::Json("10"),
        "budget_type" => V::Json(r#""MONTHLY""#),
        "cancel_partner_frozen" => V::Json(r#""0""#),
        _ => return None,
    })
}

impl World {
    /// The JSON of `v`.
    pub(crate) fn value(&mut self, v: V) -> Value {
        match v {
            V::First(kind) => Value::String(self.first(kind)),
            V::List(kind) => Value::Array(vec![Value::String(self.first(kind))]),
            V::Take(kind) => Value::String(self.take(kind)),
            V::TakeList(kind) => Value::Array(vec![Value::String(self.take(kind))]),
            V::Last(kind) => Value::String(self.last(kind)),
            V::LastList(kind) => Value::Array(vec![Value::String(self.last(kind))]),
            V::Json(text) => serde_json::from_str(text).expect("literal JSON"),
            V::Month => Value::String(MONTH.to_owned()),
            V::MonthStart => Value::String(format!("{MONTH}-01")),
            V::MonthEnd => Value::String(format!("{MONTH}-30")),
            V::Unique(prefix) => Value::String(self.unique(prefix)),
            V::DomainId => Value::String(self.domain_id.clone()),
            V::Platform => Value::String(self.platform_id.clone()),
        }
    }
}

/// The request for catalogue entry `op`, with `set` (dotted paths) overriding defaults.
pub(crate) fn build(op: &Value, set: &[(&str, V)], world: &mut World) -> Value {
    Builder { set, all: false }.object(&catalogue::request_fields(op), "", world)
}

/// As [`build`], with every optional field set too.
pub(crate) fn build_full(op: &Value, set: &[(&str, V)], world: &mut World) -> Value {
    Builder { set, all: true }.object(&catalogue::request_fields(op), "", world)
}

/// Points a request at values the core accepts, from its validation message
/// (`` `x` must be one of A, B, got ..``, `` `x` must be between 1 and 99, got ..``).
/// Returns whether the request changed.
pub(crate) fn fix(request: &mut Value, message: &str) -> bool {
    let Some((name, rest)) = message.strip_prefix('`').and_then(|m| m.split_once('`')) else {
        return false;
    };
    let value = if let Some(list) = rest.strip_prefix(" must be one of ") {
        let list = list.split(", got").next().unwrap_or_default();
        let first = list.trim_start_matches('[').split([',', ']']).next();
        let first = first.unwrap_or_default().trim();
        if list.starts_with('[') {
            first.parse::<i64>().map_or(Value::Null, Value::from)
        } else {
            Value::String(first.to_owned())
        }
    } else if let Some(range) = rest.strip_prefix(" must be between ") {
        let low = range.split(' ').next().unwrap_or_default();
        low.parse::<i64>().map_or(Value::Null, Value::from)
    } else {
        Value::Null
    };
    !value.is_null() && replace(request, name, &value)
}

fn replace(v: &mut Value, name: &str, value: &Value) -> bool {
    match v {
        Value::Object(m) => {
            if let Some(x) = m.get_mut(name) {
                if x != value {
                    *x = value.clone();
                    return true;
                }
            }
            m.values_mut().any(|x| replace(x, name, value))
        }
        Value::Array(a) => a.iter_mut().any(|x| replace(x, name, value)),
        _ => false,
    }
}

struct Builder<'a> {
    set: &'a [(&'a str, V)],
    all: bool,
}

impl Builder<'_> {
    fn object(&self, fields: &[Value], prefix: &str, world: &mut World) -> Value {
        let set = self.set;
        let mut m = Map::new();
        for f in fields {
            let name = f["name"].as_str().unwrap_or_default();
            let path = format!("{prefix}{name}");
            if let Some((_, v)) = set.iter().find(|(p, _)| *p == path) {
                m.insert(name.to_owned(), world.value(*v));
                continue;
            }
            let nested = set.iter().any(|(p, _)| p.starts_with(&format!("{path}.")));
            if f["required"].as_bool() != Some(true) && !nested && !self.all {
                continue;
            }
            m.insert(name.to_owned(), self.default(f, &path, world));
        }
        Value::Object(m)
    }

    fn default(&self, f: &Value, path: &str, world: &mut World) -> Value {
        let name = f["name"].as_str().unwrap_or_default();
        let ty = f["type"].as_str().unwrap_or("string");
        if let Some(v) = by_name(name) {
            // A name may be a number in one operation and text in another (`period_type`).
            return match world.value(v) {
                Value::Number(n) if ty == "string" => Value::String(n.to_string()),
                v => v,
            };
        }
        let children = f["fields"].as_array().filter(|a| !a.is_empty());
        if let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
            let item = match children {
                Some(fields) => self.object(fields, &format!("{path}."), world),
                None => scalar(f, inner),
            };
            return Value::Array(vec![item]);
        }
        match children {
            Some(fields) => self.object(fields, &format!("{path}."), world),
            None => scalar(f, ty),
        }
    }
}

fn scalar(f: &Value, ty: &str) -> Value {
    let hint = f["format_hint"].as_str().unwrap_or("");
    if f["money_like"].as_bool() == Some(true) || matches!(ty, "decimal" | "double" | "float") {
        return Value::String("1.00".into());
    }
    match ty {
        "int" | "integer" | "long" => return Value::from(1),
        "bool" | "boolean" => return Value::Bool(false),
        _ => {}
    }
    let name = f["name"].as_str().unwrap_or_default();
    // Some time filters carry no format hint in the catalogue; their API pages give UTC.
    let timeish = hint.is_empty()
        && (name.ends_with("_begin") || name.ends_with("_end") || name.ends_with("time"));
    let text = if hint.starts_with("utc-datetime") || timeish {
        format!("{MONTH}-01T00:00:00Z")
    } else if hint.starts_with("date") {
        format!("{MONTH}-01")
    } else if hint.starts_with("month") {
        MONTH.to_owned()
    } else {
        "sandbox".to_owned()
    };
    Value::String(text)
}
