//! Response checks: key fields populated, amounts exact decimals, timestamps typed.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::catalogue;

/// The values at a dotted path; `name[]` fans out over an array.
pub(crate) fn at_path<'a>(v: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut current = vec![v];
    for step in path.split('.') {
        let (name, fan) = match step.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (step, false),
        };
        let mut next = Vec::new();
        for c in current {
            let Some(x) = c.get(name) else { continue };
            if fan {
                next.extend(x.as_array().into_iter().flatten());
            } else {
                next.push(x);
            }
        }
        current = next;
    }
    current
}

fn populated(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    }
}

fn is_id(name: &str) -> bool {
    name == "id" || name.ends_with("_id") || name.ends_with("_ids")
}

fn is_money(f: &Value) -> bool {
    f["money_like"].as_bool() == Some(true) && f["type"] == "decimal"
}

/// The rule of the official-SDK oracle suite: the pagination total; top-level ids and
/// decimal amounts; the first list of models is non-empty and each element carries its
/// first id field and its decimal amounts.
pub(crate) fn default_key_fields(op: &Value) -> Vec<String> {
    let fields = catalogue::response_fields(op);
    let mut paths = Vec::new();
    if let Some(total) = catalogue::total_field(op) {
        if fields.iter().any(|f| f["name"] == total) {
            paths.push(total.to_owned());
        }
    }
    for f in fields {
        let name = f["name"].as_str().unwrap_or_default();
        let idish = is_id(name) && matches!(f["type"].as_str(), Some("string" | "array<string>"));
        if idish || is_money(f) {
            paths.push(name.to_owned());
        }
    }
    let primary = fields.iter().find(|f| {
        let name = f["name"].as_str().unwrap_or_default();
        f["type"].as_str().is_some_and(|t| t.starts_with("array<"))
            && f["fields"].as_array().is_some_and(|a| !a.is_empty())
            && !name.starts_with("error")
            && !name.starts_with("fail")
    });
    if let Some(list) = primary {
        let name = list["name"].as_str().unwrap_or_default();
        paths.push(format!("{name}[]"));
        let items = list["fields"].as_array().map_or(&[][..], Vec::as_slice);
        let first_id = items
            .iter()
            .find(|f| is_id(f["name"].as_str().unwrap_or_default()) && f["type"] == "string");
        if let Some(id) = first_id {
            paths.push(format!(
                "{name}[].{}",
                id["name"].as_str().unwrap_or_default()
            ));
        }
        for item in items.iter().filter(|f| is_money(f)) {
            paths.push(format!(
                "{name}[].{}",
                item["name"].as_str().unwrap_or_default()
            ));
        }
    }
    paths
}

/// What is wrong with `out`, the SDK's JSON answer to catalogue entry `op`.
pub(crate) fn problems(op: &Value, out: &Value, keys: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for key in keys {
        let (parent, fans) = match key.strip_suffix("[]") {
            Some(list) => (list, true),
            None => (key.as_str(), false),
        };
        let values = at_path(out, parent);
        if values.is_empty() || values.iter().any(|v| !populated(v)) {
            found.push(format!("`{key}` is not populated"));
        } else if fans && values.iter().any(|v| !v.is_array()) {
            found.push(format!("`{key}` is not a list"));
        }
    }
    typed(catalogue::response_fields(op), out, "", &mut found);
    found
}

/// Amounts must be decimal strings that parse exactly, timestamps `YYYY-MM-DDThh:mm:ssZ`.
fn typed(fields: &[Value], v: &Value, prefix: &str, found: &mut Vec<String>) {
    for f in fields {
        let name = f["name"].as_str().unwrap_or_default();
        let ty = f["type"].as_str().unwrap_or_default();
        let Some(x) = v.get(name).filter(|x| !x.is_null()) else {
            continue;
        };
        let path = format!("{prefix}{name}");
        let items: Vec<&Value> = match x {
            Value::Array(a) if ty.starts_with("array<") => a.iter().collect(),
            _ => vec![x],
        };
        let children = f["fields"].as_array().map_or(&[][..], Vec::as_slice);
        for item in items {
            if !children.is_empty() {
                typed(children, item, &format!("{path}."), found);
            } else if is_money(f) {
                let exact = item
                    .as_str()
                    .is_some_and(|s| Decimal::from_str(s).is_ok() && !s.contains(['e', 'E']));
                if !exact {
                    found.push(format!("`{path}` = {item} is not a decimal string"));
                }
            } else if f["format_hint"]
                .as_str()
                .is_some_and(|h| h.starts_with("utc-datetime"))
            {
                let ok = item.as_str().is_some_and(|s| {
                    s.is_empty()
                        || chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").is_ok()
                });
                if !ok {
                    found.push(format!("`{path}` = {item} is not a UTC timestamp"));
                }
            }
        }
    }
}

/// Every non-empty `customer_id` string anywhere in `v`.
pub(crate) fn customer_ids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match x.as_str() {
                    Some(s) if k == "customer_id" && !s.is_empty() => out.push(s.to_owned()),
                    _ => customer_ids(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| customer_ids(x, out)),
        _ => {}
    }
}

/// An exact decimal from a decimal string in the SDK's JSON.
pub(crate) fn decimal(v: &Value) -> Decimal {
    v.as_str()
        .and_then(|s| Decimal::from_str(s).ok())
        .unwrap_or_else(|| panic!("{v} is not a decimal string"))
}
