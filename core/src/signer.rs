//! AK/SK request signing, byte-compatible with the official Huawei Cloud SDK core.
//!
//! Two algorithms are supported: `SDK-HMAC-SHA256` (the default of every official SDK) and
//! `SDK-HMAC-SM3` (the same steps with the Chinese SM3 hash). The canonical form follows the
//! official core exactly, including its quirks: the canonical URI always ends in `/` (the sent
//! path does not), header values are trimmed, headers whose name contains `_` are sent but not
//! signed, and query pairs are sorted on their raw (unencoded) key and value.
//!
//! The same code verifies signatures ([`verify`]), which the offline sandbox uses to accept or
//! reject requests the way the API gateway does.
//!
//! Reference: "AK/SK signing" in the API catalogue notes and the public API signing guide
//! (<https://support.huaweicloud.com/devg-apisign/api-sign-algorithm.html>).

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDateTime, Utc};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};
use sm3::Sm3;

/// Characters left unencoded in canonical path segments and query pairs: `A-Z a-z 0-9 - _ . ~`.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The `X-Sdk-Date` header format: `%Y%m%dT%H%M%SZ` in UTC.
pub const SDK_DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// Header carrying the signing time.
pub const HEADER_SDK_DATE: &str = "X-Sdk-Date";

/// The signing algorithm of an AK/SK credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SigningAlgorithm {
    /// `SDK-HMAC-SHA256`, the default of the official SDKs.
    #[default]
    HmacSha256,
    /// `SDK-HMAC-SM3`: SM3 for both the hashes and the HMAC.
    HmacSm3,
}

impl SigningAlgorithm {
    /// The algorithm name as it appears in the `Authorization` header.
    pub fn name(self) -> &'static str {
        match self {
            Self::HmacSha256 => "SDK-HMAC-SHA256",
            Self::HmacSm3 => "SDK-HMAC-SM3",
        }
    }

    /// Parses an algorithm name as written in an `Authorization` header.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "SDK-HMAC-SHA256" => Some(Self::HmacSha256),
            "SDK-HMAC-SM3" => Some(Self::HmacSm3),
            _ => None,
        }
    }

    /// The header that replaces the payload hash for non-JSON bodies.
    pub fn content_hash_header(self) -> &'static str {
        match self {
            Self::HmacSha256 => "X-Sdk-Content-Sha256",
            Self::HmacSm3 => "X-Sdk-Content-Sm3",
        }
    }

    /// Lower-hex hash of `data`.
    pub fn hash_hex(self, data: &[u8]) -> String {
        match self {
            Self::HmacSha256 => lower_hex(&Sha256::digest(data)),
            Self::HmacSm3 => lower_hex(&Sm3::digest(data)),
        }
    }

    /// Lower-hex HMAC of `data` under `key`.
    pub fn hmac_hex(self, key: &[u8], data: &[u8]) -> String {
        lower_hex(&SigningKey::derive(self, key).mac(&[data]))
    }

    /// Lower-hex hash of the empty string, the payload hash of every bodiless request.
    fn empty_hash_hex(self) -> &'static str {
        match self {
            Self::HmacSha256 => "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Self::HmacSm3 => "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
        }
    }

    /// The hash of `data` (both algorithms give 32 bytes).
    fn digest(self, data: &[u8]) -> [u8; 32] {
        match self {
            Self::HmacSha256 => Sha256::digest(data).into(),
            Self::HmacSm3 => Sm3::digest(data).into(),
        }
    }
}

/// An HMAC keyed with `key`.
fn keyed<M: KeyInit>(key: &[u8]) -> M {
    // HMAC accepts keys of any length (longer ones are hashed first).
    M::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"))
}

/// A secret key made ready for signing: the HMAC key pads are absorbed once here, and each
/// signature starts from a copy of that state instead of re-deriving it (two hash blocks
/// of the eleven or so a signature costs). It holds derived key material, so its `Debug`
/// shows only the algorithm; a [`Client`](crate::Client) keeps the one of its AK/SK secret.
#[derive(Clone)]
pub struct SigningKey {
    mac: KeyedMac,
}

#[derive(Clone)]
enum KeyedMac {
    Sha256(Hmac<Sha256>),
    Sm3(Hmac<Sm3>),
}

impl SigningKey {
    /// Derives the HMAC state of `secret_key` for `alg`.
    ///
    /// # Errors
    /// [`SignError::MissingSecretKey`] when the key is empty.
    pub fn new(alg: SigningAlgorithm, secret_key: &[u8]) -> Result<Self, SignError> {
        if secret_key.is_empty() {
            return Err(SignError::MissingSecretKey);
        }
        Ok(Self::derive(alg, secret_key))
    }

    /// The HMAC state of any key, the empty one included.
    fn derive(alg: SigningAlgorithm, key: &[u8]) -> Self {
        let mac = match alg {
            SigningAlgorithm::HmacSha256 => KeyedMac::Sha256(keyed(key)),
            SigningAlgorithm::HmacSm3 => KeyedMac::Sm3(keyed(key)),
        };
        Self { mac }
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> SigningAlgorithm {
        match self.mac {
            KeyedMac::Sha256(_) => SigningAlgorithm::HmacSha256,
            KeyedMac::Sm3(_) => SigningAlgorithm::HmacSm3,
        }
    }

    /// The HMAC of `parts` concatenated.
    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        fn run<M: Mac + Clone>(mac: &M, parts: &[&[u8]]) -> hmac::digest::Output<M> {
            let mut mac = mac.clone();
            for part in parts {
                mac.update(part);
            }
            mac.finalize().into_bytes()
        }
        match &self.mac {
            KeyedMac::Sha256(m) => run(m, parts).into(),
            KeyedMac::Sm3(m) => run(m, parts).into(),
        }
    }
}

/// The [`SigningKey`] of the secret key last signed with, so that a client signing every
/// request with one key derives it once. Keeps a copy of that secret (shared, not copied)
/// to tell when the credentials change.
#[derive(Default)]
pub(crate) struct SigningKeyCache(std::sync::Mutex<Option<(crate::SecretString, SigningKey)>>);

impl SigningKeyCache {
    /// The signing key of `secret` for `alg`, derived now unless it is the cached one.
    pub(crate) fn get(
        &self,
        alg: SigningAlgorithm,
        secret: &crate::SecretString,
    ) -> Result<SigningKey, SignError> {
        let mut slot = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((cached, key)) = slot.as_ref() {
            let same = constant_time_eq(cached.expose().as_bytes(), secret.expose().as_bytes());
            if same && key.algorithm() == alg {
                return Ok(key.clone());
            }
        }
        let key = SigningKey::new(alg, secret.expose().as_bytes())?;
        *slot = Some((secret.clone(), key.clone()));
        Ok(key)
    }
}

impl std::fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKeyCache")
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("algorithm", &self.algorithm())
            .finish_non_exhaustive()
    }
}

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";
const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Lower-case hex of a 32-byte digest, on the stack.
fn hex32(bytes: &[u8; 32]) -> [u8; 64] {
    let mut out = [0u8; 64];
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&[
            LOWER_HEX[usize::from(b >> 4)],
            LOWER_HEX[usize::from(b & 15)],
        ]);
    }
    out
}

/// Appends the hex digits made by [`hex32`] to `out`.
fn push_hex(out: &mut String, hex: &[u8; 64]) {
    out.push_str(std::str::from_utf8(hex).unwrap_or_else(|_| unreachable!("hex is ASCII")));
}

/// Lower-case hex of a digest, through a buffer on the stack (`hex::encode` goes through a
/// char iterator, a measurable share of signing time).
fn lower_hex(bytes: &[u8]) -> String {
    let mut buf = [0u8; 128];
    if let Some(out) = buf.get_mut(..bytes.len() * 2) {
        if hex::encode_to_slice(bytes, out).is_ok() {
            if let Ok(text) = std::str::from_utf8(out) {
                return text.to_owned();
            }
        }
    }
    hex::encode(bytes)
}

/// A request to sign, as the signer sees it.
///
/// `path` is the resource path exactly as it will be sent (path parameters already
/// percent-encoded); `query` holds decoded key/value pairs (a repeated key is several pairs);
/// `headers` are the headers the client has set so far, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct SignableRequest {
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// The URL's authority (`host[:port]`), used for the `Host` header when none is set.
    pub host: String,
    /// The percent-encoded resource path.
    pub path: String,
    /// Decoded query pairs.
    pub query: Vec<(String, String)>,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
}

/// The outcome of signing: the header to add and the query string to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// Value of the `Authorization` header.
    pub authorization: String,
    /// The canonical query string; the request must be sent with exactly this query.
    pub query: String,
}

/// Why a signature could not be produced or did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The access key is empty.
    #[error("access key is empty")]
    MissingAccessKey,
    /// The secret key is empty.
    #[error("secret key is empty")]
    MissingSecretKey,
    /// `X-Sdk-Date` is not in the `YYYYMMDDTHHMMSSZ` format.
    #[error("X-Sdk-Date is not in the format YYYYMMDDTHHMMSSZ")]
    BadDate,
    /// The `Authorization` header could not be parsed.
    #[error("malformed Authorization header")]
    MalformedAuthorization,
    /// A header listed in `SignedHeaders` is absent from the request.
    #[error("signed header {0} is missing")]
    MissingSignedHeader(String),
    /// The signature does not match.
    #[error("signature does not match")]
    Mismatch,
}

/// Python's `str.strip()` whitespace (Unicode whitespace plus the separators U+001C..U+001F).
fn py_trim(s: &str) -> &str {
    // Most values start and end with a visible ASCII character: nothing to trim, no char walk.
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)),
    }
}

/// Percent-encodes `s` keeping only unreserved characters, as the canonical form requires.
pub fn encode(s: &str) -> impl std::fmt::Display + '_ {
    utf8_percent_encode(s, UNRESERVED)
}

/// Bytes [`push_encoded`] copies as they are: [`UNRESERVED`], plus `/` in paths.
const fn kept_bytes(keep_slash: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && c == b'/');
        b += 1;
    }
    table
}

const KEPT_IN_PART: [bool; 256] = kept_bytes(false);
const KEPT_IN_PATH: [bool; 256] = kept_bytes(true);

/// Appends `s` encoded as [`encode`] does, keeping `/` too when `keep_slash`. Runs of bytes
/// left as they are go in as one slice (the `Display` route costs more than the hashing).
fn push_encoded(out: &mut String, s: &str, keep_slash: bool) {
    let kept = if keep_slash {
        &KEPT_IN_PATH
    } else {
        &KEPT_IN_PART
    };
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if kept[usize::from(b)] {
            continue;
        }
        // A non-empty run lies between ASCII bytes, so both ends are char boundaries.
        if run < i {
            out.push_str(&s[run..i]);
        }
        out.push('%');
        out.push(char::from(UPPER_HEX[usize::from(b >> 4)]));
        out.push(char::from(UPPER_HEX[usize::from(b & 15)]));
        run = i + 1;
    }
    if run < s.len() {
        out.push_str(&s[run..]);
    }
}

/// The canonical URI: the decoded path re-encoded segment by segment, ending in `/`.
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    push_canonical_uri(&mut out, path);
    out
}

fn push_canonical_uri(out: &mut String, path: &str) {
    // Only escapes change a path when decoded; without any, skip the UTF-8 re-validation.
    let decoded = if path.contains('%') {
        percent_decode_str(path).decode_utf8_lossy()
    } else {
        Cow::Borrowed(path)
    };
    // Encoding each `/`-separated segment and joining them again keeps every `/` as is.
    push_encoded(out, &decoded, true);
    if !out.ends_with('/') {
        out.push('/');
    }
}

/// The canonical query string: pairs sorted on raw key then raw value, each part encoded.
pub fn canonical_query(query: &[(String, String)]) -> String {
    // A few pairs are sorted on the stack: an allocation costs more than the sort.
    let mut on_stack: [Option<&(String, String)>; 16] = [None; 16];
    let mut on_heap: Vec<Option<&(String, String)>>;
    let pairs = if query.len() <= on_stack.len() {
        on_stack
            .iter_mut()
            .zip(query)
            .for_each(|(slot, pair)| *slot = Some(pair));
        &mut on_stack[..query.len()]
    } else {
        on_heap = query.iter().map(Some).collect();
        &mut on_heap[..]
    };
    // Equal pairs are interchangeable, so an unstable sort gives the same string.
    pairs.sort_unstable();
    let len = query.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut out = String::with_capacity(len);
    for (i, (k, v)) in pairs.iter().flatten().enumerate() {
        if i > 0 {
            out.push('&');
        }
        push_encoded(&mut out, k, false);
        out.push('=');
        push_encoded(&mut out, v, false);
    }
    out
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Sets `name` the way assigning to the official core's header dictionary does: the value of
/// a header spelled exactly `name` is replaced in place, otherwise a new header is appended.
fn set_header_exact(headers: &mut Vec<(String, String)>, name: &str, value: &str) {
    match headers.iter_mut().find(|(k, _)| k == name) {
        Some((_, v)) => value.clone_into(v),
        None => push_header(headers, name.to_owned(), value.to_owned()),
    }
}

/// Adds a header, making room for the others the signer may add. A full list moves to a
/// fresh allocation instead of growing in place: glibc's `realloc` bypasses its per-thread
/// cache, and freeing the grown list then cost more than any other step of a signature.
fn push_header(headers: &mut Vec<(String, String)>, name: String, value: String) {
    if headers.len() == headers.capacity() {
        let mut grown = Vec::with_capacity(headers.len() + 3);
        grown.append(headers);
        *headers = grown;
    }
    headers.push((name, value));
}

/// Builds the canonical request from its parts. `signed` lists lower-case header names in
/// sorted order; `headers` must hold each of them.
///
/// # Errors
/// [`SignError::MissingSignedHeader`] when a signed header is absent.
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &str,
    headers: &[(String, String)],
    signed: &[String],
    payload_hash: &str,
) -> Result<String, SignError> {
    let mut out = String::with_capacity(256);
    let names = signed.iter().map(|n| (n.as_str(), None));
    push_canonical_head(
        &mut out,
        method,
        path,
        query,
        headers,
        names,
        &signed.join(";"),
    )?;
    out.push_str(payload_hash);
    Ok(out)
}

/// Appends the canonical request up to its last line, the payload hash. `names` are the
/// signed header names as written, `list` the same joined with `;` (`sign` has it already).
fn push_canonical_head<'a>(
    out: &mut String,
    method: &str,
    path: &str,
    query: &str,
    headers: &[(String, String)],
    names: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    list: &str,
) -> Result<(), SignError> {
    let start = out.len();
    out.push_str(method);
    if let Some(method) = out.get_mut(start..) {
        method.make_ascii_uppercase();
    }
    out.push('\n');
    push_canonical_uri(out, path);
    out.push('\n');
    out.push_str(query);
    out.push('\n');
    for (name, known) in names {
        // The last value set under a name wins, as in a dictionary keyed by lower-case name;
        // `known` is that value when the caller already knows it.
        let value = match known {
            Some(v) => py_trim(v),
            None => headers
                .iter()
                .rev()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| py_trim(v))
                .ok_or_else(|| SignError::MissingSignedHeader(name.to_owned()))?,
        };
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(list);
    out.push('\n');
    Ok(())
}

fn push_payload_hash(
    out: &mut String,
    alg: SigningAlgorithm,
    headers: &[(String, String)],
    body: &[u8],
) {
    if body.is_empty() {
        out.push_str(alg.empty_hash_hex());
        return;
    }
    if let Some(v) = header(headers, alg.content_hash_header()) {
        if !v.is_empty() {
            out.push_str(v);
            return;
        }
    }
    push_hex(out, &hex32(&alg.digest(body)));
}

/// The signature of a canonical request, in lower-case hex. The string to sign
/// (`ALGORITHM\nDATE\nHEX(HASH(canonical))`) goes to the HMAC in pieces, never joined.
fn signature(key: &SigningKey, date: &[u8], canonical: &str) -> [u8; 64] {
    let alg = key.algorithm();
    let canonical_hash = hex32(&alg.digest(canonical.as_bytes()));
    let parts: [&[u8]; 5] = [alg.name().as_bytes(), b"\n", date, b"\n", &canonical_hash];
    hex32(&key.mac(&parts))
}

/// Checks that `date` is a valid `X-Sdk-Date` value and returns the instant.
///
/// # Errors
/// [`SignError::BadDate`] when it is not `YYYYMMDDTHHMMSSZ`.
pub fn parse_sdk_date(date: &str) -> Result<DateTime<Utc>, SignError> {
    if let Some(t) = parse_canonical_sdk_date(date) {
        return Ok(t);
    }
    NaiveDateTime::parse_from_str(date, SDK_DATE_FORMAT)
        .map(|t| t.and_utc())
        .map_err(|_| SignError::BadDate)
}

/// The common exact form `YYYYMMDDTHHMMSSZ` without interpreting the format string (the
/// signer parses every request's date); `None` sends anything else to chrono's parser.
fn parse_canonical_sdk_date(date: &str) -> Option<DateTime<Utc>> {
    let b = date.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, num(4, 6)?, num(6, 8)?)?
        .and_hms_opt(num(9, 11)?, num(11, 13)?, num(13, 15)?)
        .map(|t| t.and_utc())
}

/// Formats an instant as an `X-Sdk-Date` value.
pub fn format_sdk_date(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};

    // Written field by field: interpreting the format string costs more than the hashing
    // when a request is signed. Years outside 0..=9999 keep chrono's signed form.
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return t.format(SDK_DATE_FORMAT).to_string();
    }
    let second = t.second() + u32::from(t.nanosecond() >= 1_000_000_000);
    let mut out = String::with_capacity(16);
    let _ = write!(
        out,
        "{year:04}{:02}{:02}T{:02}{:02}{second:02}Z",
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
    );
    out
}

/// Signs `req` in place, as the official core does.
///
/// Adds `X-Sdk-Date` (from `now`) unless the request has one, `Host` unless present, and
/// the unsigned-payload header when a non-empty `Content-Type` (that exact spelling) is
/// neither JSON nor BSON; trims every header value. Returns the `Authorization` value and the
/// query string to send. `tests/signing_vectors.rs` checks the output byte for byte against
/// the official Python core.
///
/// # Errors
/// Empty keys, or a caller-supplied `X-Sdk-Date` in the wrong format.
pub fn sign(
    alg: SigningAlgorithm,
    access_key: &str,
    secret_key: &[u8],
    req: &mut SignableRequest,
    now: DateTime<Utc>,
) -> Result<Signed, SignError> {
    if access_key.is_empty() {
        return Err(SignError::MissingAccessKey);
    }
    sign_with(&SigningKey::new(alg, secret_key)?, access_key, req, now)
}

/// [`sign`] with a [`SigningKey`] derived beforehand (what a client signing many requests
/// with one key does).
///
/// # Errors
/// An empty access key, or a caller-supplied `X-Sdk-Date` in the wrong format.
pub fn sign_with(
    key: &SigningKey,
    access_key: &str,
    req: &mut SignableRequest,
    now: DateTime<Utc>,
) -> Result<Signed, SignError> {
    if access_key.is_empty() {
        return Err(SignError::MissingAccessKey);
    }
    let alg = key.algorithm();

    // The official core looks the content type up by its exact spelling and skips an empty
    // one; any other type that is neither JSON nor BSON is sent with an unsigned payload.
    let content_type = req.headers.iter().find(|(k, _)| k == "Content-Type");
    if let Some((_, ct)) = content_type {
        if !ct.is_empty()
            && !ct.starts_with("application/json")
            && !ct.starts_with("application/bson")
        {
            set_header_exact(
                &mut req.headers,
                alg.content_hash_header(),
                "UNSIGNED-PAYLOAD",
            );
        }
    }
    // A canonical date (the usual case) is signed as is: re-formatting it changes nothing.
    // It is copied to the stack so that the headers can still change below.
    let mut canonical_date = [0u8; 16];
    let formatted: String;
    let date: &[u8] = match header(&req.headers, HEADER_SDK_DATE) {
        Some(d) if parse_canonical_sdk_date(d).is_some() => {
            canonical_date.copy_from_slice(d.as_bytes());
            &canonical_date
        }
        Some(d) => {
            formatted = format_sdk_date(parse_sdk_date(d)?);
            formatted.as_bytes()
        }
        None => {
            formatted = format_sdk_date(now);
            push_header(
                &mut req.headers,
                HEADER_SDK_DATE.to_owned(),
                formatted.clone(),
            );
            formatted.as_bytes()
        }
    };
    if header(&req.headers, "Host").is_none() {
        push_header(&mut req.headers, "Host".to_owned(), req.host.clone());
    }
    for (_, v) in req.headers.iter_mut() {
        let trimmed = py_trim(v);
        if trimmed.len() != v.len() {
            *v = trimmed.to_owned();
        }
    }

    // One entry per header, not deduplicated: names differing only in case are each listed,
    // as the official core lists every key of its header dictionary. They are sorted on
    // their lower-case form and written in lower case, without lower-cased copies.
    // Each name with the index of its header, in one pass. A few names are sorted on the
    // stack: an allocation costs more than the sort.
    let mut on_stack = [("", 0); 16];
    let mut on_heap: Vec<(&str, usize)> = Vec::new();
    let mut count = 0;
    for (i, (k, _)) in req.headers.iter().enumerate() {
        if k.as_bytes().contains(&b'_') {
            continue;
        }
        match on_stack.get_mut(count) {
            Some(slot) => *slot = (k.as_str(), i),
            None => {
                if on_heap.is_empty() {
                    on_heap.extend_from_slice(&on_stack);
                }
                on_heap.push((k.as_str(), i));
            }
        }
        count += 1;
    }
    let signed = if count <= on_stack.len() {
        &mut on_stack[..count]
    } else {
        &mut on_heap[..]
    };
    // Names equal but for case are written the same, so their order does not matter.
    signed.sort_unstable_by(|(a, _), (b, _)| {
        let a = a.bytes().map(|c| c.to_ascii_lowercase());
        a.cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    });
    // Sorted, names equal but for case are neighbours. Without any, each name's value is
    // its own header's; with some, the canonical request looks the last one up by name.
    let distinct = signed
        .windows(2)
        .all(|w| !w[0].0.eq_ignore_ascii_case(w[1].0));

    // The Authorization value is built up to its signed header list, which the canonical
    // request reuses: lower-cased once, in place, then sliced name by name.
    let names_len: usize = signed.iter().map(|(k, _)| k.len() + 1).sum();
    let mut authorization = String::with_capacity(access_key.len() + names_len + 128);
    authorization.push_str(alg.name());
    authorization.push_str(" Access=");
    authorization.push_str(access_key);
    authorization.push_str(", SignedHeaders=");
    let list_start = authorization.len();
    for (i, (name, _)) in signed.iter().enumerate() {
        if i > 0 {
            authorization.push(';');
        }
        authorization.push_str(name);
    }
    let list = &mut authorization[list_start..];
    list.make_ascii_lowercase();
    let list = &*list;
    // ASCII lower-casing keeps every byte in place, so each name's slice is where it was.
    let mut at = 0;
    let headers = &req.headers;
    let names = signed.iter().map(|&(name, i)| {
        let lower = &list[at..at + name.len()];
        at += name.len() + 1;
        (lower, distinct.then(|| headers[i].1.as_str()))
    });

    let query = canonical_query(&req.query);
    let headers_len: usize = req
        .headers
        .iter()
        .map(|(k, v)| 2 * k.len() + v.len() + 3)
        .sum();
    let mut canonical = String::with_capacity(
        req.method.len() + 2 * req.path.len() + query.len() + headers_len + 80,
    );
    let (method, path) = (&req.method, &req.path);
    push_canonical_head(
        &mut canonical,
        method,
        path,
        &query,
        &req.headers,
        names,
        list,
    )?;
    push_payload_hash(&mut canonical, alg, &req.headers, &req.body);
    let signature = signature(key, date, &canonical);
    authorization.push_str(", Signature=");
    push_hex(&mut authorization, &signature);
    Ok(Signed {
        authorization,
        query,
    })
}

/// The parts of an `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationHeader {
    /// The algorithm.
    pub algorithm: SigningAlgorithm,
    /// The access key id.
    pub access_key: String,
    /// Lower-case signed header names, in the order given.
    pub signed_headers: Vec<String>,
    /// Lower-hex signature.
    pub signature: String,
}

impl AuthorizationHeader {
    /// Parses `ALG Access=AK, SignedHeaders=a;b, Signature=hex`.
    ///
    /// # Errors
    /// [`SignError::MalformedAuthorization`] for anything else.
    pub fn parse(value: &str) -> Result<Self, SignError> {
        let bad = || SignError::MalformedAuthorization;
        let (alg, rest) = value.trim().split_once(' ').ok_or_else(bad)?;
        let algorithm = SigningAlgorithm::from_name(alg).ok_or_else(bad)?;
        let (mut access, mut signed, mut signature) = (None, None, None);
        for part in rest.split(',') {
            let (k, v) = part.trim().split_once('=').ok_or_else(bad)?;
            match k {
                "Access" => access = Some(v.to_owned()),
                "SignedHeaders" => {
                    signed = Some(v.split(';').map(str::to_owned).collect::<Vec<_>>());
                }
                "Signature" => signature = Some(v.to_owned()),
                _ => return Err(bad()),
            }
        }
        Ok(Self {
            algorithm,
            access_key: access.filter(|a| !a.is_empty()).ok_or_else(bad)?,
            signed_headers: signed.ok_or_else(bad)?,
            signature: signature.ok_or_else(bad)?,
        })
    }
}

/// Verifies a received request's signature (the gateway's side of [`sign`]).
///
/// `path` is the path as received (still percent-encoded), `query` the decoded pairs,
/// `headers` every received header. The caller checks the access key and the clock skew of
/// the returned `X-Sdk-Date`.
///
/// # Errors
/// [`SignError::Mismatch`] when the signature is wrong, or a parse error.
pub fn verify(
    auth: &AuthorizationHeader,
    secret_key: &[u8],
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
) -> Result<DateTime<Utc>, SignError> {
    let date = header(headers, HEADER_SDK_DATE).ok_or(SignError::BadDate)?;
    // A canonical date is signed as is; any other accepted form is signed re-formatted.
    let (when, date) = match parse_canonical_sdk_date(date) {
        Some(when) => (when, Cow::Borrowed(date)),
        None => {
            let when = parse_sdk_date(date)?;
            (when, Cow::Owned(format_sdk_date(when)))
        }
    };
    let mut canonical = String::with_capacity(512);
    push_canonical_head(
        &mut canonical,
        method,
        path,
        &canonical_query(query),
        headers,
        auth.signed_headers.iter().map(|n| (n.as_str(), None)),
        &auth.signed_headers.join(";"),
    )?;
    push_payload_hash(&mut canonical, auth.algorithm, headers, body);
    let key = SigningKey::new(auth.algorithm, secret_key)?;
    let expected = signature(&key, date.as_bytes(), &canonical);
    if constant_time_eq(&expected, auth.signature.as_bytes()) {
        Ok(when)
    } else {
        Err(SignError::Mismatch)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_dates_and_hex_match_the_generic_forms() {
        use chrono::TimeZone;
        for (y, mo, d, h, mi, se) in [(2024, 6, 3, 8, 30, 12), (7, 1, 2, 3, 4, 5)] {
            let t = Utc
                .with_ymd_and_hms(y, mo, d, h, mi, se)
                .single()
                .expect("instant");
            assert_eq!(format_sdk_date(t), t.format(SDK_DATE_FORMAT).to_string());
        }
        assert_eq!(
            format_sdk_date(parse_sdk_date("20240603T083012Z").expect("date")),
            "20240603T083012Z"
        );
        let dates = [
            "20240603T083012Z",
            "20240229T235959Z",
            "20161231T235960Z",
            "00010101T000000Z",
        ];
        for text in dates {
            let generic = NaiveDateTime::parse_from_str(text, SDK_DATE_FORMAT);
            assert_eq!(
                parse_sdk_date(text).ok(),
                generic.ok().map(|t| t.and_utc()),
                "{text}"
            );
        }
        let bad = [
            "20230229T000000Z",
            "2024-06-03T08:30Z",
            "20240603T083012",
            "2024060+T083012Z",
        ];
        for text in bad {
            assert_eq!(parse_sdk_date(text), Err(SignError::BadDate), "{text}");
        }
        let bytes: Vec<u8> = (0..=255u8).collect();
        assert_eq!(lower_hex(&bytes[..32]), hex::encode(&bytes[..32]));
        assert_eq!(lower_hex(&bytes), hex::encode(&bytes));
    }

    fn request() -> SignableRequest {
        SignableRequest {
            method: "POST".into(),
            host: "bss.myhuaweicloud.com".into(),
            path: "/v2/partners/sub-customers/query".into(),
            query: vec![("limit".into(), "10".into())],
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("X-Sdk-Date".into(), "20240603T083012Z".into()),
            ],
            body: br#"{"offset":0}"#.to_vec(),
        }
    }

    #[test]
    fn a_signing_key_signs_as_the_raw_secret_does() {
        let now = Utc::now();
        for alg in [SigningAlgorithm::HmacSha256, SigningAlgorithm::HmacSm3] {
            for secret in [&b"s3cret"[..], &[7u8; 64][..], &[9u8; 200][..]] {
                let plain = sign(alg, "AK", secret, &mut request(), now).expect("signs");
                let key = SigningKey::new(alg, secret).expect("key");
                assert_eq!(key.algorithm(), alg);
                for _ in 0..2 {
                    let keyed = sign_with(&key, "AK", &mut request(), now).expect("signs");
                    assert_eq!(keyed, plain);
                }
            }
        }
        assert_eq!(
            SigningKey::new(SigningAlgorithm::HmacSha256, b"").err(),
            Some(SignError::MissingSecretKey)
        );
        let key = SigningKey::new(SigningAlgorithm::HmacSha256, b"s3cret").expect("key");
        assert_eq!(
            format!("{key:?}"),
            "SigningKey { algorithm: HmacSha256, .. }"
        );
    }

    #[test]
    fn the_key_cache_follows_the_secret_and_algorithm() {
        let cache = SigningKeyCache::default();
        let now = Utc::now();
        let sha = SigningAlgorithm::HmacSha256;
        let check = |alg, secret: &str| {
            let key = cache
                .get(alg, &crate::SecretString::from(secret))
                .expect("key");
            let got = sign_with(&key, "AK", &mut request(), now).expect("signs");
            let want = sign(alg, "AK", secret.as_bytes(), &mut request(), now).expect("signs");
            assert_eq!(got, want, "{alg:?} {secret}");
        };
        check(sha, "first");
        check(sha, "first");
        check(sha, "second");
        check(SigningAlgorithm::HmacSm3, "second");
        check(sha, "first");
        assert!(!format!("{cache:?}").contains("first"));
    }

    #[test]
    fn fast_paths_match_the_generic_forms() {
        for alg in [SigningAlgorithm::HmacSha256, SigningAlgorithm::HmacSm3] {
            assert_eq!(alg.empty_hash_hex(), alg.hash_hex(b""));
            let hex = hex32(&alg.digest(b"abc"));
            assert_eq!(
                std::str::from_utf8(&hex).ok(),
                Some(alg.hash_hex(b"abc").as_str())
            );
        }
        // RFC 4231, test case 2.
        assert_eq!(
            SigningAlgorithm::HmacSha256.hmac_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let all: String = (0..=0x7fu8)
            .map(char::from)
            .chain(['\u{e9}', '\u{4e2d}'])
            .collect();
        for text in [
            all.as_str(),
            "",
            "abc",
            "a b",
            "\u{4e2d}x\u{1f600}",
            "~-_.",
            "%2F/",
        ] {
            let mut out = String::new();
            push_encoded(&mut out, text, false);
            assert_eq!(out, encode(text).to_string(), "{text:?}");
        }
        for text in ["a", " a\t", "\u{a0}a\u{1c}", "\u{85}", "", "  ", "a b"] {
            let generic = text
                .trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c));
            assert_eq!(py_trim(text), generic, "{text:?}");
        }
    }

    fn req(method: &str, path: &str) -> SignableRequest {
        SignableRequest {
            method: method.into(),
            host: "bss.myhuaweicloud.com".into(),
            path: path.into(),
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                (HEADER_SDK_DATE.into(), "20240603T083012Z".into()),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn canonical_uri_appends_slash_and_reencodes() {
        assert_eq!(canonical_uri("/v2/a b/c%20d"), "/v2/a%20b/c%20d/");
        assert_eq!(canonical_uri("/v2/x/"), "/v2/x/");
        assert_eq!(canonical_uri("/v2/%E4%B8%AD"), "/v2/%E4%B8%AD/");
    }

    #[test]
    fn canonical_query_sorts_raw_pairs() {
        let q = vec![
            ("b".to_owned(), "2".to_owned()),
            ("a".to_owned(), "z y".to_owned()),
            ("a".to_owned(), "x+".to_owned()),
        ];
        assert_eq!(canonical_query(&q), "a=x%2B&a=z%20y&b=2");
    }

    #[test]
    fn sign_then_verify_round_trips() {
        for alg in [SigningAlgorithm::HmacSha256, SigningAlgorithm::HmacSm3] {
            let mut r = req("POST", "/v2/partners/sub-customers/query");
            r.body = br#"{"limit":10}"#.to_vec();
            r.query = vec![("x".into(), "1".into())];
            let s = sign(alg, "AK", b"SK", &mut r, Utc::now()).expect("sign");
            let auth = AuthorizationHeader::parse(&s.authorization).expect("parse");
            assert_eq!(auth.signed_headers, ["content-type", "host", "x-sdk-date"]);
            verify(&auth, b"SK", "POST", &r.path, &r.query, &r.headers, &r.body).expect("ok");
            let wrong = verify(
                &auth, b"SK2", "POST", &r.path, &r.query, &r.headers, &r.body,
            );
            assert_eq!(wrong, Err(SignError::Mismatch));
            let tampered = verify(&auth, b"SK", "POST", &r.path, &r.query, &r.headers, b"{}");
            assert_eq!(tampered, Err(SignError::Mismatch));
        }
    }

    #[test]
    fn many_and_case_duplicated_headers_sign_as_looked_up_by_name() {
        // Past the 16 names sorted on the stack, with and without names equal but for case:
        // the values taken by header index must be those `verify` looks up by name.
        for duplicate in [false, true] {
            let mut r = req("POST", "/v2/partners/sub-customers/query");
            r.body = br#"{"limit":10}"#.to_vec();
            for i in 0..20 {
                r.headers
                    .push((format!("X-Extra-{i:02}"), format!(" value {i} ")));
            }
            r.headers.push(("X_Skipped".into(), "not signed".into()));
            if duplicate {
                r.headers.push(("x-extra-07".into(), "later".into()));
            }
            let s = sign(
                SigningAlgorithm::HmacSha256,
                "AK",
                b"SK",
                &mut r,
                Utc::now(),
            )
            .expect("sign");
            let auth = AuthorizationHeader::parse(&s.authorization).expect("parse");
            assert_eq!(auth.signed_headers.len(), 23 + usize::from(duplicate));
            assert!(!auth.signed_headers.contains(&"x_skipped".to_owned()));
            verify(&auth, b"SK", "POST", &r.path, &r.query, &r.headers, &r.body).expect("ok");
        }
    }

    #[test]
    fn non_json_body_is_unsigned_payload() {
        let mut r = req("POST", "/v3.0/OS-FEDERATION/tokens");
        r.headers[0].1 = "application/x-www-form-urlencoded".into();
        r.body = b"SAMLResponse=abc".to_vec();
        sign(
            SigningAlgorithm::HmacSha256,
            "AK",
            b"SK",
            &mut r,
            Utc::now(),
        )
        .expect("sign");
        assert_eq!(
            header(&r.headers, "X-Sdk-Content-Sha256"),
            Some("UNSIGNED-PAYLOAD")
        );
    }

    #[test]
    fn empty_keys_are_errors() {
        let mut r = req("GET", "/");
        let now = Utc::now();
        assert_eq!(
            sign(SigningAlgorithm::HmacSha256, "", b"SK", &mut r, now),
            Err(SignError::MissingAccessKey)
        );
        assert_eq!(
            sign(SigningAlgorithm::HmacSha256, "AK", b"", &mut r, now),
            Err(SignError::MissingSecretKey)
        );
    }

    #[test]
    fn malformed_authorization_is_rejected() {
        for bad in [
            "",
            "SDK-HMAC-SHA256",
            "FOO Access=a, SignedHeaders=b, Signature=c",
        ] {
            assert!(AuthorizationHeader::parse(bad).is_err(), "{bad}");
        }
    }
}
