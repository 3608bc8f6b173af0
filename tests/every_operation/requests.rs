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

/// Values for required fields by name, when the plan does not set them.
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
    object(&catalogue::request_fields(op), "", set, world)
}

fn object(fields: &[Value], prefix: &str, set: &[(&str, V)], world: &mut World) -> Value {
    let mut m = Map::new();
    for f in fields {
        let name = f["name"].as_str().unwrap_or_default();
        let path = format!("{prefix}{name}");
        if let Some((_, v)) = set.iter().find(|(p, _)| *p == path) {
            m.insert(name.to_owned(), world.value(*v));
            continue;
        }
        let nested = set.iter().any(|(p, _)| p.starts_with(&format!("{path}.")));
        if f["required"].as_bool() != Some(true) && !nested {
            continue;
        }
        m.insert(name.to_owned(), default(f, &path, set, world));
    }
    Value::Object(m)
}

fn default(f: &Value, path: &str, set: &[(&str, V)], world: &mut World) -> Value {
    let name = f["name"].as_str().unwrap_or_default();
    if let Some(v) = by_name(name) {
        return world.value(v);
    }
    let ty = f["type"].as_str().unwrap_or("string");
    let children = f["fields"].as_array().filter(|a| !a.is_empty());
    if let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
        let item = match children {
            Some(fields) => object(fields, &format!("{path}."), set, world),
            None => scalar(f, inner),
        };
        return Value::Array(vec![item]);
    }
    match children {
        Some(fields) => object(fields, &format!("{path}."), set, world),
        None => scalar(f, ty),
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
    let text = if hint.starts_with("utc-datetime") {
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
