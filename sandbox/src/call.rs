//! One authenticated, validated call of a catalogue operation, as handlers see it.

use std::str::FromStr;

use http::HeaderMap;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::reply::Reply;
use crate::spec::{Operation, Paging};
use crate::state::Principal;

/// Default page size when `limit` is absent.
pub(crate) const DEFAULT_LIMIT: u64 = 10;

/// A call: the operation, its caller and its decoded inputs.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    pub(crate) op: &'a Operation,
    pub(crate) principal: Option<Principal>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: Value,
    pub(crate) path_values: Vec<String>,
    /// Whether the International site (`bssintl`) answers.
    pub(crate) intl: bool,
}

/// A JSON number (or numeric string) as an exact decimal.
pub(crate) fn decimal_of(v: &Value) -> Option<Decimal> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
}

impl Call<'_> {
    /// A non-empty query parameter.
    pub(crate) fn q(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// A non-empty string in the body.
    pub(crate) fn b(&self, name: &str) -> Option<&str> {
        self.body
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// A string argument from the query or the body.
    pub(crate) fn arg(&self, name: &str) -> Option<&str> {
        self.q(name).or_else(|| self.b(name))
    }

    /// An integer argument from the query or the body.
    pub(crate) fn int(&self, name: &str) -> Option<i64> {
        self.q(name)
            .and_then(|v| v.parse().ok())
            .or_else(|| self.body.get(name).and_then(Value::as_i64))
    }

    /// A required positive money amount from the body.
    pub(crate) fn amount(&self, name: &str) -> Result<Decimal, Reply> {
        let d = self
            .body
            .get(name)
            .and_then(decimal_of)
            .ok_or_else(|| Reply::bad_param(format!("Invalid parameter: {name}.")))?;
        if d <= Decimal::ZERO {
            return Err(Reply::invalid_param(format!(
                "Invalid parameter: {name} must be greater than 0."
            )));
        }
        Ok(d)
    }

    /// `(offset, limit)` as record offsets, whatever the operation's paging style.
    pub(crate) fn page(&self) -> (u64, u64) {
        let limit = self.int("limit").map_or(DEFAULT_LIMIT, |l| l.max(1) as u64);
        match self.op.paging {
            Some(Paging::PageNumber { .. }) => {
                let page = self.int("offset").unwrap_or(1).max(1) as u64;
                ((page - 1) * limit, limit)
            }
            Some(Paging::Marker) => {
                let offset = self.arg("marker").and_then(|m| m.parse().ok()).unwrap_or(0);
                (offset, limit)
            }
            Some(Paging::PerPage) => {
                let per_page = self
                    .int("per_page")
                    .map_or(DEFAULT_LIMIT, |l| l.max(1) as u64);
                let page = self.int("page").unwrap_or(1).max(1) as u64;
                ((page - 1) * per_page, per_page)
            }
            _ => (self.int("offset").unwrap_or(0).max(0) as u64, limit),
        }
    }

    /// The customer id when a customer credential is calling.
    pub(crate) fn customer(&self) -> Option<&str> {
        match &self.principal {
            Some(Principal::Customer { id, .. }) => Some(id),
            _ => None,
        }
    }
}
