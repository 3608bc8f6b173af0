//! Money on the wire: exact decimals whatever the declared JSON type.
//!
//! The API declares amounts as JSON numbers (`decimal` or `double` in the catalogue) or as
//! strings. Every amount becomes a [`Decimal`] parsed from the raw JSON token (the crate
//! enables serde_json's `arbitrary_precision`, so a number never passes through `f64`), and
//! is written back with every digit. Use these modules with `#[serde(with = "...")]`:
//!
//! - [`number`] / [`number_opt`]: amounts the API sends as JSON numbers;
//! - [`string`] / [`string_opt`]: amounts the API sends as strings.
//!
//! Both accept either form when reading, since the API is not always consistent.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serializer};

/// Parses a decimal from text, accepting exponents (`1E-8`).
///
/// # Errors
/// A message saying why the text is not a decimal.
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let parsed = if t.contains(['e', 'E']) {
        Decimal::from_scientific(t)
    } else {
        Decimal::from_str(t)
    };
    parsed.map_err(|e| format!("{text:?} is not a decimal amount: {e}"))
}

fn from_value<E: de::Error>(v: serde_json::Value) -> Result<Option<Decimal>, E> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => parse_decimal(&n.to_string()).map(Some).map_err(E::custom),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        serde_json::Value::String(s) => parse_decimal(&s).map(Some).map_err(E::custom),
        other => Err(E::custom(format!("expected an amount, found {other}"))),
    }
}

fn to_number<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let n = serde_json::Number::from_str(&d.to_string()).map_err(serde::ser::Error::custom)?;
    serde::Serialize::serialize(&n, s)
}

/// A required amount sent as a JSON number.
pub mod number {
    use super::*;

    /// Serialises as a JSON number with every digit.
    ///
    /// # Errors
    /// Never for a valid decimal.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        to_number(d, s)
    }

    /// Reads a number or numeric string exactly.
    ///
    /// # Errors
    /// When the value is missing or not a decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        from_value(serde_json::Value::deserialize(d)?)?
            .ok_or_else(|| de::Error::custom("amount is missing"))
    }
}

/// An optional amount sent as a JSON number.
pub mod number_opt {
    use super::*;

    /// Serialises as a JSON number with every digit, or null.
    ///
    /// # Errors
    /// Never for a valid decimal.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => to_number(d, s),
            None => s.serialize_none(),
        }
    }

    /// Reads a number, numeric string, empty string or null exactly.
    ///
    /// # Errors
    /// When the value is not a decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        from_value(serde_json::Value::deserialize(d)?)
    }
}

/// A required amount sent as a string.
pub mod string {
    use super::*;

    /// Serialises as a string with every digit.
    ///
    /// # Errors
    /// Never.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.to_string())
    }

    /// Reads a numeric string or number exactly.
    ///
    /// # Errors
    /// When the value is missing or not a decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        from_value(serde_json::Value::deserialize(d)?)?
            .ok_or_else(|| de::Error::custom("amount is missing"))
    }
}

/// An optional amount sent as a string.
pub mod string_opt {
    use super::*;

    /// Serialises as a string with every digit, or null.
    ///
    /// # Errors
    /// Never.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads a numeric string, number, empty string or null exactly.
    ///
    /// # Errors
    /// When the value is not a decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        from_value(serde_json::Value::deserialize(d)?)
    }
}

/// Why a request amount given as a JSON number is refused.
pub const NUMBER_REFUSED: &str =
    "amounts must be decimal strings; binary floats cannot hold money exactly";

fn from_input<E: de::Error>(v: serde_json::Value) -> Result<Option<Decimal>, E> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) => parse_decimal(&s).map(Some).map_err(E::custom),
        serde_json::Value::Number(_) => Err(E::custom(NUMBER_REFUSED)),
        other => Err(E::custom(format!(
            "expected an amount as a decimal string, found {other}"
        ))),
    }
}

/// An optional request amount the API takes as a JSON number (`decimal` or `double` in the
/// catalogue).
///
/// Written to the wire as a JSON number with every digit. Read (from a binding's request
/// JSON) only from a decimal string: a JSON number is refused, since the caller's language
/// may already have rounded it through a binary float.
pub mod input_number_opt {
    use super::*;

    /// Serialises as a JSON number with every digit, or null.
    ///
    /// # Errors
    /// Never for a valid decimal.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => to_number(d, s),
            None => s.serialize_none(),
        }
    }

    /// Reads a decimal string or null.
    ///
    /// # Errors
    /// For a JSON number ([`NUMBER_REFUSED`]) or text that is not a decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        from_input(serde_json::Value::deserialize(d)?)
    }
}

/// An optional request amount the API takes as a string.
///
/// Written to the wire as a string with every digit; read only from a decimal string, as
/// [`input_number_opt`].
pub mod input_string_opt {
    use super::*;

    /// Serialises as a string with every digit, or null.
    ///
    /// # Errors
    /// Never.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads a decimal string or null.
    ///
    /// # Errors
    /// For a JSON number ([`NUMBER_REFUSED`]) or text that is not a decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        from_input(serde_json::Value::deserialize(d)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct M {
        #[serde(with = "number")]
        n: Decimal,
        #[serde(with = "string")]
        s: Decimal,
        #[serde(with = "number_opt", default)]
        no: Option<Decimal>,
        #[serde(with = "string_opt", default)]
        so: Option<Decimal>,
    }

    #[test]
    fn exact_both_ways() {
        for amount in [
            "0.00000001",
            "12345678901234.56789",
            "-38.12",
            "0",
            "1523.46",
        ] {
            let json = format!(r#"{{"n":{amount},"s":"{amount}","no":{amount},"so":"{amount}"}}"#);
            let m: M = serde_json::from_str(&json).expect("parse");
            let expected = Decimal::from_str(amount).expect("dec");
            assert_eq!(m.n, expected);
            assert_eq!(m.s, expected);
            assert_eq!(m.no, Some(expected));
            assert_eq!(m.so, Some(expected));
            let back = serde_json::to_string(&m).expect("ser");
            assert!(back.contains(&format!(r#""n":{amount}"#)), "{back}");
            assert!(back.contains(&format!(r#""s":"{amount}""#)), "{back}");
        }
    }

    #[test]
    fn float_rounding_never_happens() {
        // 0.1 + 0.2 style values and long fractions survive exactly.
        let m: M = serde_json::from_str(
            r#"{"n":0.30000000000000004,"s":"9999999999999999.99","no":1e-8,"so":""}"#,
        )
        .expect("parse");
        assert_eq!(m.n.to_string(), "0.30000000000000004");
        assert_eq!(m.s.to_string(), "9999999999999999.99");
        assert_eq!(m.no.map(|d| d.to_string()), Some("0.00000001".to_owned()));
        assert_eq!(m.so, None);
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Input {
        #[serde(with = "input_number_opt", default)]
        n: Option<Decimal>,
        #[serde(with = "input_string_opt", default)]
        s: Option<Decimal>,
    }

    #[test]
    fn request_amounts_come_from_strings_and_keep_every_digit() {
        for amount in ["0.00000001", "12345678901234.56789", "100"] {
            let json = format!(r#"{{"n":"{amount}","s":"{amount}"}}"#);
            let m: Input = serde_json::from_str(&json).expect("parse");
            let back = serde_json::to_string(&m).expect("ser");
            assert_eq!(back, format!(r#"{{"n":{amount},"s":"{amount}"}}"#));
        }
        let none: Input = serde_json::from_str("{}").expect("parse");
        assert_eq!(none, Input { n: None, s: None });
    }

    #[test]
    fn request_amounts_as_json_numbers_are_refused() {
        for json in [r#"{"n":1.5}"#, r#"{"s":100}"#] {
            let e = serde_json::from_str::<Input>(json).expect_err(json);
            assert!(e.to_string().contains("decimal strings"), "{e}");
        }
        assert!(serde_json::from_str::<Input>(r#"{"n":"1.5.5"}"#).is_err());
        assert!(serde_json::from_str::<Input>(r#"{"n":true}"#).is_err());
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(serde_json::from_str::<M>(r#"{"n":"abc","s":"1"}"#).is_err());
        assert!(serde_json::from_str::<M>(r#"{"n":true,"s":"1"}"#).is_err());
    }
}
