//! Checks shared by the request types, run before anything is sent.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// A required field must be set.
pub(crate) fn required<T>(name: &str, value: &Option<T>) -> Result<()> {
    if value.is_none() {
        return Err(Error::invalid_input(format!("`{name}` is required")));
    }
    Ok(())
}

/// A required text field must be set and not blank.
pub(crate) fn required_text(name: &str, value: &Option<String>) -> Result<()> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(()),
        Some(_) => Err(Error::invalid_input(format!("`{name}` must not be empty"))),
        None => Err(Error::invalid_input(format!("`{name}` is required"))),
    }
}

/// A page size within `1..=max`.
pub(crate) fn limit(value: Option<i32>, max: i32) -> Result<()> {
    match value {
        Some(l) if !(1..=max).contains(&l) => Err(Error::invalid_input(format!(
            "limit must be between 1 and {max}, got {l}"
        ))),
        _ => Ok(()),
    }
}

/// An offset (or page number) of at least `min`.
pub(crate) fn offset(value: Option<i32>, min: i32) -> Result<()> {
    match value {
        Some(o) if o < min => Err(Error::invalid_input(format!(
            "offset must be at least {min}, got {o}"
        ))),
        _ => Ok(()),
    }
}

/// An amount that moves money must be greater than zero.
pub(crate) fn positive(name: &str, value: Option<Decimal>) -> Result<()> {
    match value {
        Some(v) if v <= Decimal::ZERO => Err(Error::invalid_input(format!(
            "`{name}` must be greater than zero, got {v}"
        ))),
        _ => Ok(()),
    }
}

/// The end of a range must not come before its beginning.
pub(crate) fn ordered<T: PartialOrd + std::fmt::Display>(
    begin_name: &str,
    begin: Option<T>,
    end_name: &str,
    end: Option<T>,
) -> Result<()> {
    if let (Some(b), Some(e)) = (begin, end) {
        if e < b {
            return Err(Error::invalid_input(format!(
                "`{end_name}` ({e}) is before `{begin_name}` ({b})"
            )));
        }
    }
    Ok(())
}

/// A text field limited to known values. The API rejects others, so they are refused here
/// with the list of accepted values.
pub(crate) fn one_of_text(name: &str, value: &Option<String>, allowed: &[&str]) -> Result<()> {
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => Err(Error::invalid_input(format!(
            "`{name}` must be one of {}, got {v:?}",
            allowed.join(", ")
        ))),
        _ => Ok(()),
    }
}

/// A numeric code limited to known values.
pub(crate) fn one_of_int(name: &str, value: Option<i32>, allowed: &[i32]) -> Result<()> {
    match value {
        Some(v) if !allowed.contains(&v) => Err(Error::invalid_input(format!(
            "`{name}` must be one of {allowed:?}, got {v}"
        ))),
        _ => Ok(()),
    }
}

/// A number within `min..=max`.
pub(crate) fn within(name: &str, value: Option<i32>, min: i32, max: i32) -> Result<()> {
    match value {
        Some(v) if !(min..=max).contains(&v) => Err(Error::invalid_input(format!(
            "`{name}` must be between {min} and {max}, got {v}"
        ))),
        _ => Ok(()),
    }
}

/// A list holding `min..=max` entries.
pub(crate) fn count<T>(name: &str, value: &Option<Vec<T>>, min: usize, max: usize) -> Result<()> {
    match value {
        Some(v) if !(min..=max).contains(&v.len()) => Err(Error::invalid_input(format!(
            "`{name}` must hold between {min} and {max} entries, got {}",
            v.len()
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn each_check_rejects_and_accepts() {
        assert!(required::<i32>("a", &None).is_err());
        assert!(required("a", &Some(1)).is_ok());
        assert!(required_text("a", &Some("  ".into())).is_err());
        assert!(required_text("a", &Some("x".into())).is_ok());
        assert!(limit(Some(0), 100).is_err());
        assert!(limit(Some(101), 100).is_err());
        assert!(limit(Some(100), 100).is_ok());
        assert!(limit(None, 100).is_ok());
        assert!(offset(Some(-1), 0).is_err());
        assert!(offset(Some(0), 1).is_err());
        assert!(offset(Some(1), 1).is_ok());
        assert!(positive("amount", Some(Decimal::ZERO)).is_err());
        assert!(positive("amount", Some(Decimal::new(1, 8))).is_ok());
        let e = ordered("begin", Some(2), "end", Some(1)).expect_err("order");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert!(ordered("begin", Some(1), "end", Some(1)).is_ok());
        assert!(one_of_text("a", &Some("MAYBE".into()), &["YES", "NO"]).is_err());
        assert!(one_of_text("a", &Some("NO".into()), &["YES", "NO"]).is_ok());
        assert!(one_of_int("a", Some(4), &[2, 3]).is_err());
        assert!(one_of_int("a", Some(3), &[2, 3]).is_ok());
        assert!(within("a", Some(100), 0, 99).is_err());
        assert!(within("a", Some(0), 0, 99).is_ok());
        assert!(count("a", &Some(vec![1; 11]), 1, 10).is_err());
        assert!(count::<i32>("a", &Some(vec![]), 1, 10).is_err());
        assert!(count("a", &Some(vec![1]), 1, 10).is_ok());
    }
}
