//! Request validation against the catalogue: required fields, JSON types, date formats and
//! paging bounds. Missing or malformed values answer `CBC.0100`, out-of-range values
//! `CBC.0101` (IAM operations answer the Keystone 400 shape instead).

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use crate::reply::Reply;
use crate::spec::{Field, Format, Operation, Paging, Service};

/// Largest `offset` (record offset) the BSS list APIs accept.
pub(crate) const MAX_OFFSET: i64 = 40_000_000;

/// Largest page size of an operation: 100 for the customer and reseller lists (documented),
/// 1000 elsewhere.
pub(crate) fn max_limit(op: &Operation) -> i64 {
    match op.name.as_str() {
        "list_sub_customers" | "list_indirect_partners" | "list_partner_adjust_records" => 100,
        _ => 1000,
    }
}

fn format_ok(fmt: Format, s: &str) -> bool {
    match fmt {
        Format::DateTime => NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
        Format::Date => NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        Format::Month => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok(),
    }
}

fn format_name(fmt: Format) -> &'static str {
    match fmt {
        Format::DateTime => "YYYY-MM-DDThh:mm:ssZ",
        Format::Date => "YYYY-MM-DD",
        Format::Month => "YYYY-MM",
    }
}

fn err(op: &Operation, msg: String) -> Reply {
    if op.service == Service::Iam {
        Reply::keystone(400, &msg)
    } else {
        Reply::bad_param(msg)
    }
}

fn check_scalar_text(op: &Operation, f: &Field, s: &str) -> Result<(), Reply> {
    let ok = match f.ty.as_str() {
        "int" => s.parse::<i32>().is_ok(),
        "long" => s.parse::<i64>().is_ok(),
        "double" | "decimal" => s.parse::<rust_decimal::Decimal>().is_ok(),
        "bool" => s == "true" || s == "false",
        _ => f.format.map_or(true, |fmt| format_ok(fmt, s)),
    };
    if ok {
        Ok(())
    } else if let Some(fmt) = f.format {
        Err(err(
            op,
            format!(
                "Invalid parameter: {} must be in the format {}.",
                f.name,
                format_name(fmt)
            ),
        ))
    } else {
        Err(err(
            op,
            format!("Invalid parameter: {} must be of type {}.", f.name, f.ty),
        ))
    }
}

/// Checks query parameters and headers.
pub(crate) fn check_query(
    op: &Operation,
    query: &[(String, String)],
    headers: &http::HeaderMap,
) -> Result<(), Reply> {
    for f in &op.query {
        let values: Vec<&str> = query
            .iter()
            .filter(|(k, _)| *k == f.name)
            .map(|(_, v)| v.as_str())
            .collect();
        if values.iter().all(|v| v.is_empty()) {
            if f.required {
                return Err(err(op, format!("Missing required parameter: {}.", f.name)));
            }
            continue;
        }
        for v in values.iter().filter(|v| !v.is_empty()) {
            if f.ty.starts_with("array<") {
                continue;
            }
            check_scalar_text(op, f, v)?;
        }
    }
    for f in op.headers.iter().filter(|f| f.required) {
        if headers.get(f.name.as_str()).is_none() {
            return Err(err(op, format!("Missing required header: {}.", f.name)));
        }
    }
    if let Some(Paging::Offset { in_body: false, .. } | Paging::PageNumber { .. }) = op.paging {
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<i64>().ok())
        };
        check_bounds(op, get("offset"), get("limit"))?;
    }
    Ok(())
}

/// Checks `offset`/`limit` against the operation's bounds.
pub(crate) fn check_bounds(
    op: &Operation,
    offset: Option<i64>,
    limit: Option<i64>,
) -> Result<(), Reply> {
    let page_number = matches!(op.paging, Some(Paging::PageNumber { .. }));
    if let Some(o) = offset {
        let min = i64::from(page_number);
        if !(min..=MAX_OFFSET).contains(&o) {
            return Err(Reply::invalid_param(format!(
                "Invalid parameter: offset must be between {min} and {MAX_OFFSET}."
            )));
        }
    }
    if let Some(l) = limit {
        let max = max_limit(op);
        if !(1..=max).contains(&l) {
            return Err(Reply::invalid_param(format!(
                "Invalid parameter: limit must be between 1 and {max}."
            )));
        }
    }
    Ok(())
}

fn type_ok(f: &Field, v: &Value) -> bool {
    match f.ty.as_str() {
        "string" => v.is_string(),
        "int" | "long" => v.as_i64().is_some(),
        "double" | "decimal" => v.is_number(),
        "bool" => v.is_boolean(),
        t if t.starts_with("array<") => v.is_array(),
        t if t.starts_with("map<") || t == "object" => v.is_object(),
        _ if !f.fields.is_empty() => v.is_object(),
        _ => true,
    }
}

fn check_fields(op: &Operation, fields: &[Field], obj: &Value, prefix: &str) -> Result<(), Reply> {
    for f in fields {
        let path = if prefix.is_empty() {
            f.name.clone()
        } else {
            format!("{prefix}.{}", f.name)
        };
        let v = match obj.get(&f.name) {
            None | Some(Value::Null) => {
                if f.required {
                    return Err(err(op, format!("Missing required parameter: {path}.")));
                }
                continue;
            }
            Some(v) => v,
        };
        if !type_ok(f, v) {
            return Err(err(
                op,
                format!("Invalid parameter: {path} must be of type {}.", f.ty),
            ));
        }
        if let (Some(fmt), Some(s)) = (f.format, v.as_str()) {
            if !s.is_empty() && !format_ok(fmt, s) {
                let want = format_name(fmt);
                return Err(err(
                    op,
                    format!("Invalid parameter: {path} must be in the format {want}."),
                ));
            }
        }
        if f.fields.is_empty() {
            continue;
        }
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.is_object() {
                        check_fields(op, &f.fields, item, &format!("{path}[{i}]"))?;
                    }
                }
            }
            Value::Object(_) => check_fields(op, &f.fields, v, &path)?,
            _ => {}
        }
    }
    Ok(())
}

/// Parses and checks a JSON body; returns `Value::Null` for an absent body.
pub(crate) fn check_body(op: &Operation, raw: &[u8]) -> Result<Value, Reply> {
    let Some(fields) = &op.body else {
        return Ok(Value::Null);
    };
    if op.name == "create_unscope_token_by_idp_initiated" {
        return Ok(crate::federation::form_fields(raw));
    }
    let body: Value = if raw.iter().all(u8::is_ascii_whitespace) {
        Value::Object(serde_json::Map::new())
    } else {
        serde_json::from_slice(raw).map_err(|_| {
            err(
                op,
                "Invalid parameter: the request body is not valid JSON.".into(),
            )
        })?
    };
    if !body.is_object() {
        return Err(err(
            op,
            "Invalid parameter: the request body must be a JSON object.".into(),
        ));
    }
    check_fields(op, fields, &body, "")?;
    if let Some(Paging::Offset { in_body: true, .. }) = op.paging {
        let num = |k: &str| body.get(k).and_then(Value::as_i64);
        check_bounds(op, num("offset"), num("limit"))?;
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::catalogue;

    fn op(name: &str) -> &'static Operation {
        catalogue().find(Service::Bss, name).expect("op")
    }

    #[test]
    fn required_and_format_are_checked() {
        let h = http::HeaderMap::new();
        let bills = op("list_subcustomer_monthly_bills");
        let missing = check_query(bills, &[], &h).expect_err("missing cycle");
        assert_eq!(missing.body["error_code"], "CBC.0100");
        let q = |c: &str| {
            vec![
                ("cycle".into(), c.into()),
                ("charge_mode".into(), "1".into()),
            ]
        };
        assert!(check_query(bills, &q("2025-13"), &h).is_err());
        assert!(check_query(bills, &q("2025-06"), &h).is_ok());
    }

    #[test]
    fn bounds_answer_cbc_0101() {
        let list = op("list_sub_customers");
        let e = check_body(list, br#"{"limit":101}"#).expect_err("too big");
        assert_eq!(e.body["error_code"], "CBC.0101");
        assert!(check_body(list, br#"{"offset":-1}"#).is_err());
        assert!(check_body(list, br#"{"offset":0,"limit":100}"#).is_ok());
        let e = check_body(list, br#"{"limit":"10"}"#).expect_err("type");
        assert_eq!(e.body["error_code"], "CBC.0100");
    }

    #[test]
    fn nested_required_fields_are_checked() {
        let fund = op("update_customer_account_amount");
        assert!(check_body(fund, br#"{"customer_id":"x"}"#).is_err());
        assert!(check_body(fund, br#"{"customer_id":"x","amount":1.5}"#).is_ok());
    }
}
