//! The embedded operation catalogue (`spec/operations.json`) and routing by path template.
//!
//! Every request is matched against the catalogue's (method, path template) pairs. BSS China
//! and International share most paths; when both define one, the `Host` header picks the site
//! (a host containing `intl` or ending in `.eu` means `bssintl`), China otherwise.

use std::sync::OnceLock;

use serde_json::Value;

const CATALOGUE: &str = include_str!("../../spec/operations.json");

/// Which API family an operation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Service {
    Bss,
    BssIntl,
    Iam,
}

impl Service {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Bss => "bss",
            Self::BssIntl => "bssintl",
            Self::Iam => "iam",
        }
    }
}

/// Whose credential an operation expects (the catalogue's `caller`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caller {
    Partner,
    Customer,
    Either,
}

/// Date and time formats the catalogue declares on string fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    DateTime,
    Date,
    Month,
}

/// A field node: a parameter, a body member or a response member.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) ty: String,
    pub(crate) required: bool,
    pub(crate) format: Option<Format>,
    pub(crate) money: bool,
    pub(crate) fields: Vec<Field>,
}

/// How a list operation pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Paging {
    /// `offset` is a 0-based record offset.
    Offset {
        in_body: bool,
        total: Option<String>,
    },
    /// `offset` is a 1-based page number (intl invoices).
    PageNumber { total: Option<String> },
    /// `marker` + `limit`, next marker in `page_info.next_marker`.
    Marker,
    /// IAM `page` + `per_page`.
    PerPage,
}

/// One catalogue operation.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    pub(crate) service: Service,
    pub(crate) name: String,
    pub(crate) method: String,
    segments: Vec<Segment>,
    pub(crate) caller: Caller,
    pub(crate) query: Vec<Field>,
    pub(crate) headers: Vec<Field>,
    pub(crate) body: Option<Vec<Field>>,
    pub(crate) response: Vec<Field>,
    pub(crate) paging: Option<Paging>,
}

#[derive(Debug, Clone)]
enum Segment {
    Literal(String),
    Param,
}

/// The parsed catalogue.
#[derive(Debug)]
pub(crate) struct Catalogue {
    pub(crate) operations: Vec<Operation>,
}

/// The catalogue, parsed once.
pub(crate) fn catalogue() -> &'static Catalogue {
    static CELL: OnceLock<Catalogue> = OnceLock::new();
    CELL.get_or_init(|| {
        let root: Value = serde_json::from_str(CATALOGUE).unwrap_or(Value::Null);
        let operations = root["operations"]
            .as_array()
            .map(|ops| ops.iter().filter_map(parse_operation).collect())
            .unwrap_or_default();
        Catalogue { operations }
    })
}

fn parse_fields(v: &Value) -> Vec<Field> {
    v.as_array()
        .map(|a| a.iter().map(parse_field).collect())
        .unwrap_or_default()
}

fn parse_field(v: &Value) -> Field {
    let format = match v["format_hint"].as_str().unwrap_or("") {
        h if h.starts_with("utc-datetime") => Some(Format::DateTime),
        h if h.starts_with("date") => Some(Format::Date),
        h if h.starts_with("month") => Some(Format::Month),
        _ => None,
    };
    Field {
        name: v["name"].as_str().unwrap_or_default().to_owned(),
        ty: v["type"].as_str().unwrap_or("string").to_owned(),
        required: v["required"].as_bool().unwrap_or(false),
        format,
        money: v["money_like"].as_bool().unwrap_or(false),
        fields: parse_fields(&v["fields"]),
    }
}

fn parse_caller(s: &str) -> Caller {
    if s.starts_with("customer") {
        Caller::Customer
    } else if s.starts_with("partner or customer") || s.starts_with("partner allowed") {
        Caller::Either
    } else if s.starts_with("partner") {
        Caller::Partner
    } else {
        Caller::Either
    }
}

fn parse_paging(v: &Value) -> Option<Paging> {
    let total = v["total_field"].as_str().map(str::to_owned);
    match v["style"].as_str()? {
        "marker_limit" => Some(Paging::Marker),
        "page_per_page" => Some(Paging::PerPage),
        "offset_limit"
            if v["offset_semantics"]
                .as_str()
                .unwrap_or("")
                .starts_with("page") =>
        {
            Some(Paging::PageNumber { total })
        }
        "offset_limit" => Some(Paging::Offset {
            in_body: v["in"] == "body",
            total,
        }),
        _ => None,
    }
}

fn parse_operation(v: &Value) -> Option<Operation> {
    let service = match v["service"].as_str()? {
        "bss" => Service::Bss,
        "bssintl" => Service::BssIntl,
        "iam" => Service::Iam,
        _ => return None,
    };
    let path = v["path"].as_str()?.to_owned();
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with('{') {
                Segment::Param
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect();
    let body = match &v["request_body"] {
        Value::Object(b) => Some(parse_fields(
            &b.get("fields").cloned().unwrap_or(Value::Null),
        )),
        _ => None,
    };
    Some(Operation {
        service,
        name: v["operation"].as_str()?.to_owned(),
        method: v["method"].as_str()?.to_owned(),
        segments,
        caller: parse_caller(v["caller"].as_str().unwrap_or("")),
        query: parse_fields(&v["query_params"]),
        headers: parse_fields(&v["header_params"]),
        body,
        response: parse_fields(&v["response"]["fields"]),
        paging: parse_paging(&v["pagination"]),
    })
}

impl Operation {
    fn matches(&self, method: &str, segs: &[&str]) -> Option<usize> {
        if !self.method.eq_ignore_ascii_case(method) || self.segments.len() != segs.len() {
            return None;
        }
        let mut literals = 0;
        for (s, got) in self.segments.iter().zip(segs) {
            match s {
                Segment::Literal(l) if l == got => literals += 1,
                Segment::Literal(_) => return None,
                Segment::Param => {}
            }
        }
        Some(literals)
    }

    /// The decoded path parameter values, in template order.
    pub(crate) fn path_values(&self, path: &str) -> Vec<String> {
        let segs = path.split('/').filter(|s| !s.is_empty());
        self.segments
            .iter()
            .zip(segs)
            .filter(|(s, _)| matches!(s, Segment::Param))
            .map(|(_, v)| {
                percent_encoding::percent_decode_str(v)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect()
    }
}

impl Catalogue {
    /// All operations matching (method, path), most specific first, preferring `site`.
    pub(crate) fn route(&self, method: &str, path: &str, site: Service) -> Vec<&Operation> {
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut hits: Vec<(usize, bool, &Operation)> = self
            .operations
            .iter()
            .filter_map(|op| {
                op.matches(method, &segs)
                    .map(|n| (n, op.service == site, op))
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        let best = hits.first().map(|h| h.0);
        hits.into_iter()
            .filter(|h| Some(h.0) == best)
            .map(|h| h.2)
            .collect()
    }

    /// The operation with this service and name.
    #[cfg(test)]
    pub(crate) fn find(&self, service: Service, name: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|o| o.service == service && o.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_every_operation() {
        let c = catalogue();
        assert_eq!(c.operations.len(), 156);
        let op = c.find(Service::Bss, "list_sub_customers").expect("op");
        assert_eq!(op.caller, Caller::Partner);
        assert!(matches!(
            op.paging,
            Some(Paging::Offset { in_body: true, .. })
        ));
    }

    #[test]
    fn routing_prefers_the_requested_site_and_literals() {
        let c = catalogue();
        let hits = c.route("POST", "/v2/partners/sub-customers/query", Service::BssIntl);
        assert_eq!(hits[0].service, Service::BssIntl);
        let hits = c.route("GET", "/v1.0/abc/payments/intl-invoices", Service::Bss);
        assert_eq!(hits[0].name, "list_invoices");
        assert_eq!(
            hits[0].path_values("/v1.0/abc/payments/intl-invoices"),
            ["abc"]
        );
        assert!(c.route("GET", "/nope", Service::Bss).is_empty());
    }
}
