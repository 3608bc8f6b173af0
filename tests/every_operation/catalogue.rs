//! The operation catalogue (`spec/operations.json`) as these tests read it: which site has
//! an operation, whose credential it expects, its request fields and its response fields.

use std::sync::OnceLock;

use huaweicloud_partner::Site;
use serde_json::Value;

const CATALOGUE: &str = include_str!("../../spec/operations.json");

/// Whose credential an operation expects, read from the catalogue's `caller` the way the
/// sandbox reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caller {
    /// The partner's AK/SK.
    Partner,
    /// A customer token obtained by token substitution.
    Customer,
    /// Either credential.
    Either,
    /// An IAM operation (credentials vary per operation).
    Iam,
}

fn operations() -> &'static [Value] {
    static CELL: OnceLock<Vec<Value>> = OnceLock::new();
    CELL.get_or_init(|| {
        let root: Value = serde_json::from_str(CATALOGUE).expect("catalogue JSON");
        root["operations"].as_array().expect("operations").clone()
    })
}

/// The catalogue service answering on `site`.
pub(crate) fn service(site: Site) -> &'static str {
    if site.is_international() {
        "bssintl"
    } else {
        "bss"
    }
}

/// The entry of `operation` on `site` (IAM operations exist on every site).
pub(crate) fn entry(operation: &str, site: Site) -> Option<&'static Value> {
    let want = service(site);
    operations()
        .iter()
        .find(|o| o["operation"] == operation && (o["service"] == want || o["service"] == "iam"))
}

/// Whether `operation` is in the catalogue at all.
pub(crate) fn known(operation: &str) -> bool {
    operations().iter().any(|o| o["operation"] == operation)
}

/// The expected caller of a catalogue entry.
pub(crate) fn caller(op: &Value) -> Caller {
    if op["service"] == "iam" {
        return Caller::Iam;
    }
    let c = op["caller"].as_str().unwrap_or("");
    if c.starts_with("customer") {
        Caller::Customer
    } else if c.starts_with("partner or customer") || c.starts_with("partner allowed") {
        Caller::Either
    } else if c.starts_with("partner") {
        Caller::Partner
    } else {
        Caller::Either
    }
}

/// Every request field: path placeholders, query parameters and body members.
pub(crate) fn request_fields(op: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let listed = |out: &[Value], name: &str| out.iter().any(|f| f["name"] == name);
    for key in ["path_params", "query_params"] {
        out.extend(op[key].as_array().into_iter().flatten().cloned());
    }
    let path = op["path"].as_str().unwrap_or("");
    for part in path.split('/') {
        if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            if !listed(&out, name) {
                out.push(serde_json::json!({ "name": name, "type": "string", "required": true }));
            }
        }
    }
    out.extend(
        op["request_body"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .cloned(),
    );
    out
}

/// Whether any request field, at any depth, is optional.
pub(crate) fn has_optional_field(op: &Value) -> bool {
    fn any_optional(fields: &[Value]) -> bool {
        fields.iter().any(|f| {
            let nested = f["fields"].as_array().map_or(&[][..], Vec::as_slice);
            f["required"].as_bool() != Some(true) || any_optional(nested)
        })
    }
    any_optional(&request_fields(op))
}

/// The response fields.
pub(crate) fn response_fields(op: &Value) -> &[Value] {
    op["response"]["fields"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
}

/// The name of the response field holding a list operation's total.
pub(crate) fn total_field(op: &Value) -> Option<&str> {
    op["pagination"]["total_field"].as_str()
}
