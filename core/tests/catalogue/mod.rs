//! The catalogue (`spec/operations.json`) as test data: sample requests and responses
//! holding every field it lists.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::str::FromStr;

use serde_json::{json, Map, Number, Value};

pub const CATEGORIES: &[&str] = &[
    "customers",
    "customer_budget",
    "customer_resources",
    "funding_adjustments",
    "account_records",
    "bills",
    "coupons",
    "resellers",
    "incentives_discounts",
    "invoices",
    "orders",
];

/// Amount sent in requests whose wire type is a JSON number.
pub const BIG: &str = "12345678901234.56789";
/// Amount answered in response fields the API sends as strings.
pub const TINY: &str = "0.00000001";
pub const UTC: &str = "2024-06-03T02:15:44Z";
pub const DATE: &str = "2024-05-01";
pub const MONTH: &str = "2024-05";

pub fn catalogue() -> Value {
    let path = format!("{}/../spec/operations.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("catalogue JSON")
}

pub fn fields(node: &Value) -> &[Value] {
    node.get("fields")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

pub fn is_money(f: &Value) -> bool {
    let t = f["type"].as_str().unwrap_or_default();
    t == "decimal" || t == "double" || f["money_like"].as_bool().unwrap_or(false)
}

pub fn hint(f: &Value) -> &str {
    f["format_hint"].as_str().unwrap_or_default()
}

pub fn elem(t: &str) -> Option<&str> {
    t.strip_prefix("array<").and_then(|s| s.strip_suffix('>'))
}

/// A value for a request field (amounts as decimal strings, as the bindings send them).
pub fn request_value(f: &Value) -> Value {
    let t = f["type"].as_str().expect("type");
    if let Some(inner) = elem(t) {
        let mut g = f.clone();
        g["type"] = json!(inner);
        return json!([request_value(&g)]);
    }
    if is_money(f) {
        return json!(BIG);
    }
    // Fields limited to known values get one the SDK accepts.
    match (name(f), t) {
        ("use_coupon" | "use_discount", "string") => return json!("YES"),
        ("period_type", "string") => return json!("MONTH"),
        ("period_type", "int") => return json!(2),
        ("budget_type", "string") => return json!("PACKAGE"),
        ("cancel_partner_frozen", "string") => return json!("1"),
        _ => {}
    }
    match t {
        "string" if hint(f).starts_with("utc-datetime") => json!(UTC),
        "string" if hint(f).starts_with("month") => json!(MONTH),
        "string" if hint(f).starts_with("date ") => json!(DATE),
        // Some time fields carry no format hint; a UTC stamp suits typed and text fields.
        "string" if name(f).ends_with("_time") || name(f).contains("_time_") => json!(UTC),
        "string" if name(f).starts_with("associated_on_") => json!(UTC),
        "string" => json!(format!("v-{}", f["name"].as_str().unwrap_or_default())),
        "int" | "long" => json!(1),
        "bool" => json!(true),
        "object" => json!({"k": "v"}),
        _ => Value::Object(
            fields(f)
                .iter()
                .map(|g| (name(g).to_owned(), request_value(g)))
                .collect(),
        ),
    }
}

/// A value for a response field as the server would send it.
pub fn response_value(f: &Value) -> Value {
    let t = f["type"].as_str().expect("type");
    if let Some(inner) = elem(t) {
        let mut g = f.clone();
        g["type"] = json!(inner);
        return json!([response_value(&g)]);
    }
    if is_money(f) {
        return if t == "string" {
            json!(TINY)
        } else {
            Value::Number(Number::from_str(BIG).expect("number"))
        };
    }
    match t {
        "string" if hint(f).starts_with("utc-datetime") => json!(UTC),
        "string" if hint(f).starts_with("month") => json!(MONTH),
        "string" if hint(f).starts_with("date ") => json!(DATE),
        "string" if name(f).ends_with("_time") || name(f).contains("_time_") => json!(UTC),
        "string" => json!("s"),
        "int" | "long" => json!(7),
        "bool" => json!(true),
        "object" => json!({"k": "v"}),
        _ => Value::Object(
            fields(f)
                .iter()
                .map(|g| (name(g).to_owned(), response_value(g)))
                .collect(),
        ),
    }
}

pub fn name(f: &Value) -> &str {
    f["name"].as_str().expect("name")
}

pub fn name_of(p: &Value) -> &str {
    p["name"].as_str().expect("name")
}

/// Every catalogue entry of the covered categories.
pub fn covered_operations(spec: &Value) -> Vec<&Value> {
    spec["operations"]
        .as_array()
        .expect("operations")
        .iter()
        .filter(|o| CATEGORIES.contains(&o["category"].as_str().expect("category")))
        .collect()
}

/// A request with every path, query, header and body field of `op` set, and the path the
/// server must see for it.
pub fn full_request(op: &Value) -> (Map<String, Value>, String) {
    let mut request = Map::new();
    // Every placeholder of the path (`list_invoices` has `{domain_id}`, which the
    // catalogue does not list as a parameter) is a request field.
    let template = op["path"].as_str().expect("path");
    let mut expected_path = template.to_owned();
    for placeholder in template.split('{').skip(1) {
        let p = placeholder.split('}').next().expect("closing brace");
        let v = format!("p-{p}");
        expected_path = expected_path.replace(&format!("{{{p}}}"), &v);
        request.insert(p.to_owned(), json!(v));
    }
    for key in ["query_params", "header_params"] {
        for p in op[key].as_array().expect("params") {
            request.insert(name_of(p).to_owned(), request_value(p));
        }
    }
    for f in body_fields(op) {
        request.insert(name(f).to_owned(), request_value(f));
    }
    (request, expected_path)
}

/// The body fields of `op`.
pub fn body_fields(op: &Value) -> &[Value] {
    if op["request_body"].is_null() {
        &[]
    } else {
        fields(&op["request_body"])
    }
}

/// A response with every field of `op` set, as the server would send it.
pub fn full_response(op: &Value) -> Vec<u8> {
    let answer: Map<String, Value> = fields(&op["response"])
        .iter()
        .map(|f| (name(f).to_owned(), response_value(f)))
        .collect();
    serde_json::to_vec(&answer).expect("json")
}
