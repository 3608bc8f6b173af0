//! Shared value types of the API: UTC timestamps, billing cycles, open enums.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// The API's UTC timestamp format: `YYYY-MM-DDThh:mm:ssZ`.
pub const UTC_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// Formats an instant the way the API expects it in requests.
pub fn format_utc(t: &DateTime<Utc>) -> String {
    utc_text(t, &mut [0u8; 20]).into_owned()
}

/// [`format_utc`]'s text, written into `buf` when the year allows it.
fn utc_text<'b>(t: &DateTime<Utc>, buf: &'b mut [u8; 20]) -> std::borrow::Cow<'b, str> {
    match write_utc(t, buf) {
        Some(text) => text.into(),
        None => t.format(UTC_FORMAT).to_string().into(),
    }
}

/// Writes `YYYY-MM-DDThh:mm:ssZ` into `buf` and returns it, for years 0 to 9999 (others
/// need `chrono`'s formatter). Every timestamp of every listed item goes through here on
/// its way to the bindings: writing the digits directly is many times quicker than
/// `core::fmt`, and the buffer lives on the caller's stack.
fn write_utc<'b>(t: &DateTime<Utc>, buf: &'b mut [u8; 20]) -> Option<&'b str> {
    use chrono::{Datelike, Timelike};

    let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
    // chrono keeps a leap second as second 59 plus a nanosecond past 1e9; `%S` shows 60.
    let second = t.second() + u32::from(t.nanosecond() >= 1_000_000_000);
    let two = |n: u32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
    buf[..4].copy_from_slice(&[
        b'0' + (year / 1000) as u8,
        b'0' + (year / 100 % 10) as u8,
        b'0' + (year / 10 % 10) as u8,
        b'0' + (year % 10) as u8,
    ]);
    buf[4] = b'-';
    buf[5..7].copy_from_slice(&two(t.month()));
    buf[7] = b'-';
    buf[8..10].copy_from_slice(&two(t.day()));
    buf[10] = b'T';
    buf[11..13].copy_from_slice(&two(t.hour()));
    buf[13] = b':';
    buf[14..16].copy_from_slice(&two(t.minute()));
    buf[16] = b':';
    buf[17..19].copy_from_slice(&two(second));
    buf[19] = b'Z';
    std::str::from_utf8(buf).ok()
}

/// Parses the timestamp forms the API sends: RFC 3339 (with or without fraction, `Z` or an
/// offset), and `YYYY-MM-DD hh:mm:ss` taken as UTC.
///
/// # Errors
/// A message naming the text.
pub fn parse_utc(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.fZ",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(d.and_utc());
        }
    }
    Err(format!(
        "{text:?} is not a UTC timestamp (expected YYYY-MM-DDThh:mm:ssZ)"
    ))
}

/// Serde for an optional UTC timestamp (empty strings read as none).
pub mod utc_opt {
    use super::*;

    /// Writes `YYYY-MM-DDThh:mm:ssZ`.
    ///
    /// # Errors
    /// Never.
    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&utc_text(t, &mut [0u8; 20])),
            None => s.serialize_none(),
        }
    }

    /// Reads any form [`parse_utc`] accepts.
    ///
    /// # Errors
    /// When the text is not a timestamp.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse_utc(&s).map(Some).map_err(serde::de::Error::custom),
        }
    }
}

/// Serde for an optional calendar date, `YYYY-MM-DD` (empty strings read as none; a
/// timestamp is cut to its date).
pub mod date_opt {
    use super::*;

    /// Writes `YYYY-MM-DD`.
    ///
    /// # Errors
    /// Never.
    pub fn serialize<S: Serializer>(t: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.collect_str(&t.format("%Y-%m-%d")),
            None => s.serialize_none(),
        }
    }

    /// Reads `YYYY-MM-DD`, or the date part of a longer timestamp.
    ///
    /// # Errors
    /// When the text is not a date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => {
                let t = s.trim();
                let day = t.get(..10).unwrap_or(t);
                NaiveDate::parse_from_str(day, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| {
                        serde::de::Error::custom(format!("{s:?} is not a date (YYYY-MM-DD)"))
                    })
            }
        }
    }
}

/// Serde for an optional billing cycle in a response: `YYYY-MM`, also `YYYYMM`; empty
/// strings read as none.
pub mod cycle_opt {
    use super::*;

    /// Writes `YYYY-MM`.
    ///
    /// # Errors
    /// Never.
    pub fn serialize<S: Serializer>(c: &Option<BillingCycle>, s: S) -> Result<S::Ok, S::Error> {
        match c {
            Some(c) => s.collect_str(c),
            None => s.serialize_none(),
        }
    }

    /// Reads `YYYY-MM` or `YYYYMM`.
    ///
    /// # Errors
    /// When the text is not a cycle.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<BillingCycle>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => {
                let t = s.trim();
                let text = if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
                    format!("{}-{}", &t[..4], &t[4..])
                } else {
                    t.to_owned()
                };
                text.parse()
                    .map(Some)
                    .map_err(|e: Error| serde::de::Error::custom(e.message().to_owned()))
            }
        }
    }
}

/// Reads `null` as the type's default (an empty list, for instance).
///
/// # Errors
/// When the value is neither null nor a `T`.
pub fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A billing cycle, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BillingCycle {
    year: i32,
    month: u32,
}

impl BillingCycle {
    /// The cycle of `year` and `month` (1–12).
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidInput`] for a month outside 1–12 or a year outside 1970–9999.
    pub fn new(year: i32, month: u32) -> Result<Self> {
        if !(1..=12).contains(&month) || !(1970..=9999).contains(&year) {
            return Err(Error::invalid_input(format!(
                "billing cycle {year:04}-{month:02} is out of range"
            )));
        }
        Ok(Self { year, month })
    }

    /// The cycle containing `t`.
    pub fn of(t: DateTime<Utc>) -> Self {
        use chrono::Datelike;
        Self {
            year: t.year(),
            month: t.month(),
        }
    }

    /// The cycle before this one.
    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The first day of the cycle.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }
}

impl fmt::Display for BillingCycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for BillingCycle {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let bad =
            || Error::invalid_input(format!("billing cycle {s:?} is not in the form YYYY-MM"));
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        Self::new(year, month)
    }
}

impl Serialize for BillingCycle {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for BillingCycle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|e: Error| serde::de::Error::custom(e.message().to_owned()))
    }
}

/// Declares a string enum that keeps values it does not know (`Other`), since the API adds
/// values over time.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Other(s) => s,
                }
            }

            /// Every known wire value.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match s {
                    $( $wire => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let v = ::serde_json::Value::deserialize(d)?;
                let s = match v {
                    ::serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                Ok(s.parse().unwrap_or_else(|never: ::std::convert::Infallible| match never {}))
            }
        }
    };
}
pub(crate) use open_enum;

#[cfg(test)]
#[allow(unreachable_pub, dead_code)]
mod tests {
    use super::*;

    #[test]
    fn format_utc_writes_the_api_format() {
        use chrono::TimeZone;
        let cases = [
            Utc.with_ymd_and_hms(2024, 6, 3, 8, 30, 12),
            Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 59),
            Utc.with_ymd_and_hms(5, 1, 2, 3, 4, 5),
            Utc.with_ymd_and_hms(12345, 1, 1, 0, 0, 0),
            Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59),
            Utc.with_ymd_and_hms(-1, 10, 9, 10, 20, 30),
            Utc.with_ymd_and_hms(2000, 2, 29, 9, 0, 1),
        ];
        for t in cases {
            let t = t.single().expect("valid instant");
            assert_eq!(format_utc(&t), t.format(UTC_FORMAT).to_string());
        }
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 1_500))
            .expect("leap second")
            .and_utc();
        assert_eq!(format_utc(&leap), "2016-12-31T23:59:60Z");
        assert_eq!(format_utc(&leap), leap.format(UTC_FORMAT).to_string());
    }

    open_enum! {
        /// Test enum.
        pub enum Color {
            /// Red.
            Red = "R",
            /// Blue.
            Blue = "B",
        }
    }

    #[test]
    fn open_enums_keep_unknown_values() {
        let c: Vec<Color> = serde_json::from_str(r#"["R","B","G",3]"#).expect("parse");
        assert_eq!(
            c,
            [
                Color::Red,
                Color::Blue,
                Color::Other("G".into()),
                Color::Other("3".into())
            ]
        );
        assert_eq!(
            serde_json::to_string(&c).expect("ser"),
            r#"["R","B","G","3"]"#
        );
    }

    #[test]
    fn billing_cycles_validate() {
        assert_eq!(
            "2024-05".parse::<BillingCycle>().expect("ok").to_string(),
            "2024-05"
        );
        for bad in ["2024-5", "2024-13", "24-05", "2024/05", "", "2024-00"] {
            assert!(bad.parse::<BillingCycle>().is_err(), "{bad}");
        }
        let jan = BillingCycle::new(2024, 1).expect("ok");
        assert_eq!(jan.previous().to_string(), "2023-12");
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq, Default)]
    struct Lenient {
        #[serde(default, with = "date_opt")]
        day: Option<NaiveDate>,
        #[serde(default, with = "cycle_opt")]
        cycle: Option<BillingCycle>,
        #[serde(default, deserialize_with = "null_as_default")]
        list: Vec<i32>,
    }

    #[test]
    fn lenient_readers_accept_the_api_variants() {
        let v: Lenient =
            serde_json::from_str(r#"{"day":"2024-05-01 00:00:00","cycle":"202405","list":null}"#)
                .expect("parse");
        assert_eq!(v.day, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(v.cycle.map(|c| c.to_string()).as_deref(), Some("2024-05"));
        assert!(v.list.is_empty());
        assert_eq!(
            serde_json::to_string(&v).expect("ser"),
            r#"{"day":"2024-05-01","cycle":"2024-05","list":[]}"#
        );
        let empty: Lenient = serde_json::from_str(r#"{"day":"","cycle":""}"#).expect("parse");
        assert_eq!(empty, Lenient::default());
        assert!(serde_json::from_str::<Lenient>(r#"{"day":"May 1st"}"#).is_err());
        assert!(serde_json::from_str::<Lenient>(r#"{"cycle":"2024-13"}"#).is_err());
    }

    #[test]
    fn timestamps_parse_in_every_api_form() {
        for t in [
            "2024-06-03T02:15:44Z",
            "2024-06-03T02:15:44.000Z",
            "2024-06-03 02:15:44",
            "2024-06-03T10:15:44+08:00",
        ] {
            let d = parse_utc(t).expect(t);
            assert_eq!(format_utc(&d), "2024-06-03T02:15:44Z", "{t}");
        }
        assert!(parse_utc("yesterday").is_err());
    }
}
