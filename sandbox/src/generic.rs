//! Schema-driven answers for operations without special state.
//!
//! The response is built from the catalogue's response fields with values drawn from a seed
//! of (sandbox seed, operation, request minus paging arguments), so repeating a request gives
//! the same answer and paging through a list gives stable items. List operations report a
//! total between 3 and 47 and honour offset/limit, page numbers, markers or page/per_page.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::call::Call;
use crate::data::{HISTORY_END, SERVICES};
use crate::reply::Reply;
use crate::rng::{at, hash_str, mix, money_number, money_str, utc, Draw};
use crate::spec::{Field, Format, Paging};
use crate::state::Ctx;

const PAGING_KEYS: &[&str] = &["offset", "limit", "marker", "page", "per_page"];
const WORDS: &[&str] = &["alpha", "bravo", "delta", "sierra", "tango", "zulu"];

struct Gen<'a> {
    ctx: &'a Ctx,
    /// The service (index into `SERVICES`) of the object being generated, so service and
    /// resource codes and names in one object always belong together.
    service: std::cell::Cell<usize>,
    intl: bool,
    /// Documented integer codes of this operation's response fields, by dotted path.
    enums: Option<&'a HashMap<String, Vec<i64>>>,
}

/// Integer codes the official SDK documents, per `service.operation` and field path
/// (extracted by `tools/extract_enums.py`).
fn enums() -> &'static HashMap<String, HashMap<String, Vec<i64>>> {
    static CELL: OnceLock<HashMap<String, HashMap<String, Vec<i64>>>> = OnceLock::new();
    CELL.get_or_init(|| serde_json::from_str(include_str!("enums.json")).unwrap_or_default())
}

fn request_seed(ctx: &Ctx, call: &Call<'_>) -> u64 {
    let mut text = format!("{}.{}", call.op.service.name(), call.op.name);
    for (k, v) in call
        .query
        .iter()
        .filter(|(k, _)| !PAGING_KEYS.contains(&k.as_str()))
    {
        text.push_str(&format!("&{k}={v}"));
    }
    if let Value::Object(m) = &call.body {
        let mut m = m.clone();
        for k in PAGING_KEYS {
            m.remove(*k);
        }
        text.push_str(&Value::Object(m).to_string());
    }
    for v in &call.path_values {
        text.push('/');
        text.push_str(v);
    }
    mix(ctx.config.seed ^ hash_str(&text))
}

impl Gen<'_> {
    fn string(&self, f: &Field, d: &mut Draw) -> Value {
        let n = f.name.to_ascii_lowercase();
        let ts = || HISTORY_END - d.clone().below(365 * 86_400) as i64;
        let s = match f.format {
            Some(Format::DateTime) => utc(at(ts())),
            Some(Format::Date) => at(ts()).format("%Y-%m-%d").to_string(),
            Some(Format::Month) => format!("2025-{:02}", 1 + d.below(12)),
            None if f.money => money_str(d.money(0, 10_000)),
            None if n == "customer_id" && !self.ctx.data.customers.is_empty() => {
                d.pick(&self.ctx.data.customers).id.clone()
            }
            None if n == "currency" => crate::state::Ctx::currency(self.intl).to_owned(),
            None if n.ends_with("name") && n.contains("service") => {
                SERVICES[self.service.get()].1.to_owned()
            }
            None if n.contains("service_type") => SERVICES[self.service.get()].0.to_owned(),
            None if n.contains("resource_type") && n.ends_with("name") => {
                SERVICES[self.service.get()].1.to_owned()
            }
            None if n.contains("resource_type") => SERVICES[self.service.get()].2.to_owned(),
            None if n.ends_with("_id") || n == "id" => d.hex_id(32),
            None if n.ends_with("time") || n.ends_with("_on") || n.ends_with("_at") => {
                utc(at(ts()))
            }
            None if n.contains("cycle") => format!("2025-{:02}", 1 + d.below(12)),
            None if n.contains("email") => format!("{}@example.com", d.pick(WORDS)),
            None if n.contains("phone") || n.contains("mobile") => {
                format!("13{}****{:04}", d.below(10), d.below(10_000))
            }
            None if n.contains("region") => "cn-north-4".to_owned(),
            None if n.contains("status") || n.contains("type") || n.contains("mode") => {
                d.below(3).to_string()
            }
            None if n.contains("name") => format!("{}_{}", d.pick(WORDS), d.below(1000)),
            None => format!("{}-{}", d.pick(WORDS), d.hex_id(6)),
        };
        Value::String(s)
    }

    fn value(&self, f: &Field, ty: &str, d: &mut Draw, depth: u32, path: &str) -> Value {
        match ty {
            "string" => self.string(f, d),
            "int" if f.name == "measure_id" => Value::from(1),
            "int" if self.enums.is_some_and(|e| e.contains_key(path)) => {
                let codes = self
                    .enums
                    .and_then(|e| e.get(path))
                    .map_or(&[][..], Vec::as_slice);
                Value::from(*d.pick(codes))
            }
            "int" => Value::from(d.below(4)),
            "long" => Value::from(d.below(1000)),
            "double" | "decimal" => money_number(d.money(0, 10_000)),
            "bool" => Value::Bool(d.below(2) == 1),
            t if t.starts_with("array<") => {
                let inner = &t[6..t.len() - 1];
                let n = if depth > 3 { 0 } else { 1 + d.below(2) };
                let elem = format!("{path}[]");
                Value::Array(
                    (0..n)
                        .map(|_| self.value(f, inner, d, depth + 1, &elem))
                        .collect(),
                )
            }
            t if t.starts_with("map<") || t == "object" => Value::Object(Map::new()),
            _ if depth > 4 => Value::Object(Map::new()),
            _ => self.object(&f.fields, d, depth + 1, &format!("{path}.")),
        }
    }

    fn object(&self, fields: &[Field], d: &mut Draw, depth: u32, prefix: &str) -> Value {
        let outer = self
            .service
            .replace(d.below(SERVICES.len() as u64) as usize);
        let mut m = Map::with_capacity(fields.len());
        for f in fields {
            let v = if f.name == "error_code" {
                Value::String("CBC.0000".into())
            } else if f.name == "error_msg" {
                Value::String("success".into())
            } else {
                self.value(f, &f.ty, d, depth, &format!("{prefix}{}", f.name))
            };
            m.insert(f.name.clone(), v);
        }
        self.service.set(outer);
        Value::Object(m)
    }
}

/// A generated object for `fields` seeded by `key`; `prefix` is its dotted path in the
/// response (e.g. `order_infos[].`), used to find documented codes.
pub(crate) fn object_for(
    ctx: &Ctx,
    call: &Call<'_>,
    fields: &[Field],
    prefix: &str,
    key: u64,
) -> Value {
    let op_key = format!("{}.{}", call.op.service.name(), call.op.name);
    let g = Gen {
        ctx,
        intl: call.intl,
        enums: enums().get(&op_key),
        service: std::cell::Cell::new(0),
    };
    g.object(fields, &mut Draw::from_key(key), 1, prefix)
}

/// Sets every `customer_id` string in `v` to `id`.
pub(crate) fn set_customer(v: &mut Value, id: &str) {
    scope_to_customer(v, id);
}

/// A customer only ever sees itself: every generated `customer_id` becomes the caller's.
fn scope_to_customer(v: &mut Value, id: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "customer_id" && x.is_string() {
                    *x = Value::String(id.to_owned());
                } else {
                    scope_to_customer(x, id);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| scope_to_customer(x, id)),
        _ => {}
    }
}

/// Makes a generated list item satisfy the request's equality filters: a scalar query or
/// body argument named like a scalar item field is copied into it (converted to the field's
/// type), so filtered lists only hold matching items.
fn echo_filters(call: &Call<'_>, fields: &[Field], mut item: Value) -> Value {
    let Value::Object(m) = &mut item else {
        return item;
    };
    for f in fields {
        if PAGING_KEYS.contains(&f.name.as_str()) || !f.fields.is_empty() {
            continue;
        }
        let arg = call
            .q(&f.name)
            .map(|s| Value::String(s.to_owned()))
            .or_else(|| call.body.get(&f.name).filter(|v| !v.is_null()).cloned());
        let Some(arg) = arg else { continue };
        let text = match &arg {
            Value::String(s) if s.is_empty() => continue,
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => continue,
        };
        let v = match f.ty.as_str() {
            "string" => Value::String(text),
            "int" | "long" => match text.parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => continue,
            },
            "bool" => Value::Bool(text == "true"),
            "double" | "decimal" => match text.parse::<serde_json::Number>() {
                Ok(n) => Value::Number(n),
                Err(_) => continue,
            },
            _ => continue,
        };
        m.insert(f.name.clone(), v);
    }
    item
}

fn list_field(fields: &[Field]) -> Option<usize> {
    fields
        .iter()
        .position(|f| f.ty.starts_with("array<") && !f.fields.is_empty())
        .or_else(|| fields.iter().position(|f| f.ty.starts_with("array<")))
}

/// Answers `call` from the response schema.
pub(crate) fn respond(ctx: &Ctx, call: &Call<'_>) -> Reply {
    let seed = request_seed(ctx, call);
    let key = format!("{}.{}", call.op.service.name(), call.op.name);
    let g = Gen {
        ctx,
        intl: call.intl,
        enums: enums().get(&key),
        service: std::cell::Cell::new(0),
    };
    let fields = &call.op.response;
    let mut d = Draw::from_key(seed);
    let mut body = g.object(fields, &mut d, 0, "");
    if let Some(id) = call.customer() {
        scope_to_customer(&mut body, id);
    }

    let (Some(paging), Some(li)) = (&call.op.paging, list_field(fields)) else {
        return Reply::ok(body);
    };
    let total = 3 + seed % 45;
    let (offset, limit) = call.page();
    let n = limit.min(total.saturating_sub(offset));
    let f = &fields[li];
    let inner = &f.ty[6..f.ty.len() - 1];
    let items: Vec<Value> = (0..n)
        .map(|k| {
            let path = format!("{}[]", f.name);
            g.value(
                f,
                inner,
                &mut Draw::from_key(seed ^ mix(offset + k)),
                1,
                &path,
            )
        })
        .collect();
    let items = items
        .into_iter()
        .map(|item| echo_filters(call, &f.fields, item))
        .map(|mut item| {
            if let Some(id) = call.customer() {
                scope_to_customer(&mut item, id);
            }
            item
        })
        .collect();
    if let Value::Object(m) = &mut body {
        m.insert(f.name.clone(), Value::Array(items));
        match paging {
            Paging::Offset { total: Some(t), .. } | Paging::PageNumber { total: Some(t) } => {
                m.insert(t.clone(), Value::from(total));
            }
            Paging::Marker => {
                let next = if offset + n < total {
                    (offset + n).to_string()
                } else {
                    String::new()
                };
                if let Some(Value::Object(p)) = m.get_mut("page_info") {
                    p.insert("next_marker".into(), Value::String(next));
                }
            }
            _ => {}
        }
    }
    Reply::ok(body)
}
