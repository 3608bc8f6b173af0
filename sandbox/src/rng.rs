//! Stateless pseudo-random helpers: every generated value is a pure function of its inputs.
//!
//! SplitMix64 mixing keyed by (seed, salt, index) makes record *i* reproducible without
//! generating records `0..i`, which is what lets the sandbox serve a million records lazily.

use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};
use rust_decimal::Decimal;

/// One SplitMix64 step: a well-mixed 64-bit value from any 64-bit input.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over bytes, then mixed: stable across runs and platforms.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// The value for (seed, salt, index).
pub(crate) fn h3(seed: u64, salt: &str, index: u64) -> u64 {
    mix(seed ^ mix(hash_str(salt) ^ mix(index)))
}

/// A stream of values derived from one key, for records with many random fields.
#[derive(Debug, Clone)]
pub(crate) struct Draw(u64);

impl Draw {
    pub(crate) fn new(seed: u64, salt: &str, index: u64) -> Self {
        Self(h3(seed, salt, index))
    }

    pub(crate) fn from_key(key: u64) -> Self {
        Self(mix(key))
    }

    /// The next raw value.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = mix(self.0);
        self.0
    }

    /// A value in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Lower-hex id of `len` characters (at most 32).
    pub(crate) fn hex_id(&mut self, len: usize) -> String {
        let s = format!("{:016x}{:016x}", self.next(), self.next());
        s[..len.min(32)].to_owned()
    }

    /// A money amount with an integer part in `lo..hi` and 2–8 fraction digits.
    pub(crate) fn money(&mut self, lo: u64, hi: u64) -> Decimal {
        let digits = 2 + self.below(7) as u32;
        self.money_scale(lo, hi, digits)
    }

    /// A money amount with an integer part in `lo..hi` and exactly `digits` fraction digits.
    pub(crate) fn money_scale(&mut self, lo: u64, hi: u64, digits: u32) -> Decimal {
        let int = lo + self.below(hi.saturating_sub(lo).max(1));
        let frac = self.below(10u64.pow(digits));
        let units = i128::from(int) * i128::from(10u64.pow(digits)) + i128::from(frac);
        Decimal::from_i128_with_scale(units, digits)
    }
}

/// Formats a decimal with at least two fraction digits, never in exponent form.
pub(crate) fn money_str(d: Decimal) -> String {
    let mut d = d;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// A JSON number written exactly as the decimal's text (needs serde_json's
/// `arbitrary_precision`, which the workspace enables).
pub(crate) fn money_number(d: Decimal) -> serde_json::Value {
    let text = money_str(d);
    match text.parse::<serde_json::Number>() {
        Ok(n) => serde_json::Value::Number(n),
        Err(_) => serde_json::Value::String(text),
    }
}

fn push2(out: &mut String, v: u32) {
    out.push(char::from(b'0' + (v / 10 % 10) as u8));
    out.push(char::from(b'0' + (v % 10) as u8));
}

/// Writes `YYYY?MM?DD?hh?mm?ss` with the given separators (`\0` for none), digit by digit:
/// `format!` and chrono's format parser dominated the cost of a page of records.
fn write_time(t: DateTime<Utc>, seps: [char; 5], end: Option<char>) -> String {
    let mut out = String::with_capacity(20);
    let year = t.year().clamp(0, 9999) as u32;
    let parts = [t.month(), t.day(), t.hour(), t.minute(), t.second()];
    push2(&mut out, year / 100);
    push2(&mut out, year % 100);
    for (sep, v) in seps.into_iter().zip(parts) {
        if sep != '\0' {
            out.push(sep);
        }
        push2(&mut out, v);
    }
    if let Some(c) = end {
        out.push(c);
    }
    out
}

/// `YYYY-MM-DDThh:mm:ssZ`, the BSS timestamp format.
pub(crate) fn utc(t: DateTime<Utc>) -> String {
    write_time(t, ['-', '-', 'T', ':', ':'], Some('Z'))
}

/// `YYYYMMDDhhmmss`, used inside generated ids.
pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    write_time(t, ['\0'; 5], None)
}

/// The instant `secs` seconds after the Unix epoch.
pub(crate) fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_pure_functions_of_their_key() {
        let a: Vec<u64> = (0..5).map(|i| h3(7, "adjust", i)).collect();
        let b: Vec<u64> = (0..5).map(|i| h3(7, "adjust", i)).collect();
        assert_eq!(a, b);
        assert_ne!(h3(7, "adjust", 1), h3(8, "adjust", 1));
        assert_ne!(h3(7, "adjust", 1), h3(7, "change", 1));
    }

    #[test]
    fn money_has_two_to_eight_fraction_digits() {
        let mut d = Draw::new(1, "m", 0);
        for _ in 0..200 {
            let m = d.money(0, 1000);
            assert!((2..=8).contains(&m.scale()), "{m}");
            assert!(m >= Decimal::ZERO && m < Decimal::from(1000));
        }
        assert_eq!(money_str(Decimal::from(5)), "5.00");
        assert_eq!(money_number(Decimal::new(150, 2)).to_string(), "1.50");
    }

    #[test]
    fn timestamps_match_chrono_formatting() {
        let t = at(1_767_225_599);
        assert_eq!(utc(t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        assert_eq!(stamp(t), "20251231235959");
        let t = at(86_400 * 31 + 3_661);
        assert_eq!(utc(t), "1970-02-01T01:01:01Z");
    }
}
