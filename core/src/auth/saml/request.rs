//! Reading the `SAMLRequest` IAM sends: HTTP-Redirect (signed query) and HTTP-POST bindings.

use std::io::Read as _;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use flate2::read::DeflateDecoder;
use percent_encoding::percent_decode_str;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::{Certificate, SamlError, NS_ASSERTION, NS_PROTOCOL, RSA_SHA256};

/// The default bound on the inflated (or base64-decoded) `SAMLRequest`: 256 KiB.
pub const DEFAULT_MAX_REQUEST_SIZE: usize = 256 * 1024;

/// A SAML 2.0 `AuthnRequest` from the service provider (IAM).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthnRequest {
    /// `ID`: the Response's `InResponseTo` must repeat it.
    pub id: String,
    /// `IssueInstant`.
    pub issue_instant: DateTime<Utc>,
    /// `saml:Issuer`: the service provider's entityID.
    pub issuer: Option<String>,
    /// `AssertionConsumerServiceURL`: where the Response must be posted.
    pub acs_url: Option<String>,
    /// `Destination`: the identity provider's SSO URL, when present.
    pub destination: Option<String>,
    /// `ProtocolBinding`, when present.
    pub protocol_binding: Option<String>,
    /// `samlp:NameIDPolicy/@Format`, when present.
    pub name_id_format: Option<String>,
    /// `ForceAuthn="true"`: the user must authenticate again.
    pub force_authn: bool,
    /// `IsPassive="true"`: the identity provider must not interact with the user.
    pub is_passive: bool,
    /// The `RelayState` that came with the request; the Response must carry it back.
    pub relay_state: Option<String>,
}

impl AuthnRequest {
    /// Checks that the request was issued no longer than `max_age` before `now` and not more
    /// than `skew` after it.
    ///
    /// # Errors
    ///
    /// [`SamlError::RequestExpired`] when it is outside that window.
    pub fn check_issue_instant(
        &self,
        now: DateTime<Utc>,
        max_age: Duration,
        skew: Duration,
    ) -> Result<(), SamlError> {
        if self.issue_instant < now - max_age - skew || self.issue_instant > now + skew {
            return Err(SamlError::RequestExpired {
                issued: self.issue_instant.to_rfc3339(),
            });
        }
        Ok(())
    }
}

/// The raw (still URL-encoded) parameters of an HTTP-Redirect binding query.
///
/// The signature covers these raw values exactly as they appeared in the query (SAML
/// bindings §3.4.4.1), so they are kept undecoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectQuery<'a> {
    /// `SAMLRequest`, URL-encoded.
    pub saml_request: &'a str,
    /// `RelayState`, URL-encoded, when present.
    pub relay_state: Option<&'a str>,
    /// `SigAlg`, URL-encoded, when present.
    pub sig_alg: Option<&'a str>,
    /// `Signature`, URL-encoded, when present.
    pub signature: Option<&'a str>,
}

impl<'a> RedirectQuery<'a> {
    /// Splits a query string (`SAMLRequest=..&RelayState=..`) or a whole URL.
    ///
    /// Other parameters are ignored; a parameter given twice is rejected.
    ///
    /// # Errors
    ///
    /// [`SamlError::MissingParameter`] without `SAMLRequest`,
    /// [`SamlError::DuplicateParameter`] when one of the four appears twice.
    pub fn parse(query_or_url: &'a str) -> Result<Self, SamlError> {
        let query = match query_or_url.split_once('?') {
            Some((_, q)) => q,
            None => query_or_url,
        };
        let query = query.split_once('#').map_or(query, |(q, _)| q);
        let (mut req, mut relay, mut alg, mut sig) = (None, None, None, None);
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (slot, name) = match key {
                "SAMLRequest" => (&mut req, "SAMLRequest"),
                "RelayState" => (&mut relay, "RelayState"),
                "SigAlg" => (&mut alg, "SigAlg"),
                "Signature" => (&mut sig, "Signature"),
                _ => continue,
            };
            if slot.replace(value).is_some() {
                return Err(SamlError::DuplicateParameter(name));
            }
        }
        let saml_request = req
            .filter(|v| !v.is_empty())
            .ok_or(SamlError::MissingParameter("SAMLRequest"))?;
        Ok(Self {
            saml_request,
            relay_state: relay,
            sig_alg: alg,
            signature: sig,
        })
    }

    /// The octets the signature covers: `SAMLRequest=..[&RelayState=..]&SigAlg=..`, raw.
    pub fn signed_octets(&self) -> Option<String> {
        let alg = self.sig_alg?;
        let mut s = format!("SAMLRequest={}", self.saml_request);
        if let Some(relay) = self.relay_state {
            s.push_str("&RelayState=");
            s.push_str(relay);
        }
        s.push_str("&SigAlg=");
        s.push_str(alg);
        Some(s)
    }
}

/// Decodes `AuthnRequest`s, bounding the memory a hostile request can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDecoder {
    max_size: usize,
}

impl Default for RequestDecoder {
    fn default() -> Self {
        Self::new()
    }
}

impl RequestDecoder {
    /// A decoder with the [`DEFAULT_MAX_REQUEST_SIZE`] bound.
    pub fn new() -> Self {
        Self {
            max_size: DEFAULT_MAX_REQUEST_SIZE,
        }
    }

    /// Sets the largest accepted request XML in bytes (after inflating or base64-decoding).
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Reads a signed HTTP-Redirect binding request (the query string or the whole URL) and
    /// verifies its RSA-SHA256 signature with IAM's SP `certificate` before decoding it.
    ///
    /// # Errors
    ///
    /// [`SamlError::MissingSignature`], [`SamlError::UnsupportedSignatureAlgorithm`],
    /// [`SamlError::BadSignature`], and the decoding errors of
    /// [`RequestDecoder::decode_redirect_unverified`].
    pub fn decode_redirect(
        &self,
        query_or_url: &str,
        certificate: &Certificate,
    ) -> Result<AuthnRequest, SamlError> {
        let query = RedirectQuery::parse(query_or_url)?;
        self.check_encoded_len(query.saml_request.len())?;
        let (Some(signed), Some(sig)) = (query.signed_octets(), query.signature) else {
            return Err(SamlError::MissingSignature);
        };
        let alg = url_decode(query.sig_alg.unwrap_or_default(), "SigAlg", true)?;
        if alg != RSA_SHA256 {
            return Err(SamlError::UnsupportedSignatureAlgorithm(alg));
        }
        let sig = base64_decode(
            &url_decode(sig, "Signature", false)?,
            "Signature",
            64 * 1024,
        )?;
        certificate.verify_rsa_sha256(signed.as_bytes(), &sig)?;
        self.decode_query(&query)
    }

    /// Reads an HTTP-Redirect binding request without checking its signature (URL-decode,
    /// base64, raw DEFLATE). Use it only where the signature is checked elsewhere.
    ///
    /// # Errors
    ///
    /// [`SamlError::BadUrlEncoding`], [`SamlError::BadBase64`], [`SamlError::BadDeflate`],
    /// [`SamlError::TooLarge`], and the XML errors (see [`RequestDecoder::decode_post`]).
    pub fn decode_redirect_unverified(
        &self,
        query_or_url: &str,
    ) -> Result<AuthnRequest, SamlError> {
        self.decode_query(&RedirectQuery::parse(query_or_url)?)
    }

    /// Reads an HTTP-POST binding request: the `SAMLRequest` form field (base64, already
    /// form-decoded) and the `RelayState` field.
    ///
    /// An enveloped XML signature inside the request is not checked; IAM uses the signed
    /// HTTP-Redirect binding.
    ///
    /// # Errors
    ///
    /// [`SamlError::BadBase64`], [`SamlError::TooLarge`], [`SamlError::BadXml`],
    /// [`SamlError::DoctypeNotAllowed`], [`SamlError::NotAuthnRequest`],
    /// [`SamlError::MissingField`], [`SamlError::InvalidField`].
    pub fn decode_post(
        &self,
        saml_request: &str,
        relay_state: Option<&str>,
    ) -> Result<AuthnRequest, SamlError> {
        self.check_encoded_len(saml_request.len())?;
        let xml = base64_decode(saml_request, "SAMLRequest", self.max_size)?;
        let mut request = parse_authn_request(&xml)?;
        request.relay_state = relay_state.map(str::to_owned);
        Ok(request)
    }

    fn decode_query(&self, query: &RedirectQuery<'_>) -> Result<AuthnRequest, SamlError> {
        self.check_encoded_len(query.saml_request.len())?;
        let b64 = url_decode(query.saml_request, "SAMLRequest", false)?;
        // A DEFLATE stream from any real encoder is at most slightly longer than its output
        // (stored blocks add 5 bytes per 64 KiB), so a longer one cannot fit the limit.
        let slack = self.max_size / 1024 + 1024;
        let deflated = base64_decode(&b64, "SAMLRequest", self.max_size.saturating_add(slack))
            .map_err(|e| match e {
                SamlError::TooLarge { .. } => SamlError::TooLarge {
                    limit: self.max_size,
                },
                other => other,
            })?;
        let xml = inflate(&deflated, self.max_size)?;
        let mut request = parse_authn_request(&xml)?;
        request.relay_state = match query.relay_state {
            Some(raw) => Some(url_decode(raw, "RelayState", true)?),
            None => None,
        };
        Ok(request)
    }

    fn check_encoded_len(&self, len: usize) -> Result<(), SamlError> {
        // base64 (4/3) plus URL encoding of `+`, `/`, `=` and line breaks stay below 3x.
        if len > self.max_size.saturating_mul(3).saturating_add(4096) {
            return Err(SamlError::TooLarge {
                limit: self.max_size,
            });
        }
        Ok(())
    }
}

/// Percent-decodes a query value; `plus_is_space` applies form encoding (`+` = space), which
/// base64 values must not get since `+` there is a base64 digit.
fn url_decode(raw: &str, name: &'static str, plus_is_space: bool) -> Result<String, SamlError> {
    let bytes = raw.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Err(SamlError::BadUrlEncoding(name));
        }
    }
    let spaced;
    let input = if plus_is_space && raw.contains('+') {
        spaced = raw.replace('+', " ");
        spaced.as_str()
    } else {
        raw
    };
    percent_decode_str(input)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| SamlError::BadUrlEncoding(name))
}

/// Decodes standard base64, ignoring ASCII whitespace (line-wrapped encoders).
fn base64_decode(text: &str, name: &'static str, limit: usize) -> Result<Vec<u8>, SamlError> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.len() / 4 * 3 > limit.saturating_add(3) {
        return Err(SamlError::TooLarge { limit });
    }
    let bytes = STANDARD
        .decode(compact)
        .map_err(|_| SamlError::BadBase64(name))?;
    if bytes.len() > limit {
        return Err(SamlError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Inflates raw DEFLATE data, reading at most `limit + 1` bytes of output.
fn inflate(deflated: &[u8], limit: usize) -> Result<Vec<u8>, SamlError> {
    let mut out = Vec::new();
    let bound = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    DeflateDecoder::new(deflated)
        .take(bound)
        .read_to_end(&mut out)
        .map_err(|_| SamlError::BadDeflate)?;
    if out.len() > limit {
        return Err(SamlError::TooLarge { limit });
    }
    if out.is_empty() {
        return Err(SamlError::BadDeflate);
    }
    Ok(out)
}

/// Parses the XML of an `AuthnRequest`.
pub(crate) fn parse_authn_request(xml: &[u8]) -> Result<AuthnRequest, SamlError> {
    let text = std::str::from_utf8(xml).map_err(|_| SamlError::BadXml("not UTF-8".into()))?;
    let mut reader = NsReader::from_str(text);
    let mut request: Option<AuthnRequest> = None;
    let mut depth = 0usize;
    let mut in_issuer = false;
    let mut issuer = String::new();
    loop {
        let (ns, event) = reader.read_resolved_event().map_err(xml_error)?;
        let ns = match ns {
            ResolveResult::Bound(n) => Some(n.as_ref().to_vec()),
            _ => None,
        };
        let ns = ns.as_deref();
        match event {
            Event::DocType(_) => return Err(SamlError::DoctypeNotAllowed),
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if depth == 0 {
                    if request.is_some() {
                        return Err(SamlError::BadXml("more than one root element".into()));
                    }
                    request = Some(read_root(&reader, ns, e)?);
                } else if depth == 1 && is(ns, NS_ASSERTION) && e.local_name().as_ref() == b"Issuer"
                {
                    in_issuer = !empty;
                } else if depth == 1
                    && is(ns, NS_PROTOCOL)
                    && e.local_name().as_ref() == b"NameIDPolicy"
                {
                    if let Some(r) = request.as_mut() {
                        r.name_id_format = attr(&reader, e, "Format")?;
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                in_issuer = false;
            }
            Event::Text(t) if in_issuer => issuer.push_str(&t.unescape().map_err(xml_error)?),
            Event::CData(t) if in_issuer => {
                issuer.push_str(std::str::from_utf8(&t).map_err(xml_error)?);
            }
            Event::Eof if depth > 0 => return Err(SamlError::BadXml("unclosed element".into())),
            Event::Eof => break,
            _ => {}
        }
    }
    let mut request = request.ok_or_else(|| SamlError::BadXml("no root element".into()))?;
    let issuer = issuer.trim();
    request.issuer = (!issuer.is_empty()).then(|| issuer.to_owned());
    Ok(request)
}

fn read_root(
    reader: &NsReader<&[u8]>,
    ns: Option<&[u8]>,
    e: &BytesStart<'_>,
) -> Result<AuthnRequest, SamlError> {
    if !is(ns, NS_PROTOCOL) || e.local_name().as_ref() != b"AuthnRequest" {
        let name = String::from_utf8_lossy(e.name().as_ref())
            .chars()
            .take(64)
            .collect();
        return Err(SamlError::NotAuthnRequest(name));
    }
    let id = attr(reader, e, "ID")?
        .filter(|v| !v.is_empty())
        .ok_or(SamlError::MissingField("ID"))?;
    if id.len() > 256 || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(SamlError::InvalidField("ID"));
    }
    match attr(reader, e, "Version")?.as_deref() {
        Some("2.0") => {}
        Some(_) => return Err(SamlError::InvalidField("Version")),
        None => return Err(SamlError::MissingField("Version")),
    }
    let instant =
        attr(reader, e, "IssueInstant")?.ok_or(SamlError::MissingField("IssueInstant"))?;
    let issue_instant = DateTime::parse_from_rfc3339(&instant)
        .map_err(|_| SamlError::InvalidField("IssueInstant"))?
        .with_timezone(&Utc);
    let flag = |name| -> Result<bool, SamlError> {
        Ok(matches!(
            attr(reader, e, name)?.as_deref(),
            Some("true" | "1")
        ))
    };
    Ok(AuthnRequest {
        id,
        issue_instant,
        issuer: None,
        acs_url: attr(reader, e, "AssertionConsumerServiceURL")?,
        destination: attr(reader, e, "Destination")?,
        protocol_binding: attr(reader, e, "ProtocolBinding")?,
        name_id_format: None,
        force_authn: flag("ForceAuthn")?,
        is_passive: flag("IsPassive")?,
        relay_state: None,
    })
}

/// The unprefixed attribute `name` of `e`, unescaped.
fn attr(
    reader: &NsReader<&[u8]>,
    e: &BytesStart<'_>,
    name: &str,
) -> Result<Option<String>, SamlError> {
    for a in e.attributes() {
        let a = a.map_err(xml_error)?;
        let (ns, local) = reader.resolve_attribute(a.key);
        if matches!(ns, ResolveResult::Unbound) && local.as_ref() == name.as_bytes() {
            return Ok(Some(a.unescape_value().map_err(xml_error)?.into_owned()));
        }
    }
    Ok(None)
}

fn is(ns: Option<&[u8]>, uri: &str) -> bool {
    ns == Some(uri.as_bytes())
}

fn xml_error(e: impl std::fmt::Display) -> SamlError {
    SamlError::BadXml(e.to_string().chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUEST: &str = r#"<?xml version="1.0"?>
<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
    xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_abc&amp;1" Version="2.0"
    IssueInstant="2026-12-03T08:30:12.345Z" ForceAuthn="true"
    Destination="https://idp.example/sso"
    AssertionConsumerServiceURL="https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer"
    ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">
  <!-- a comment -->
  <saml:Issuer> https://auth.huaweicloud.com/ </saml:Issuer>
  <samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
      AllowCreate="true"/>
</samlp:AuthnRequest>"#;

    #[test]
    fn parses_fields() {
        let r = parse_authn_request(REQUEST.as_bytes()).unwrap();
        assert_eq!(r.id, "_abc&1");
        assert_eq!(
            r.issue_instant.to_rfc3339(),
            "2026-12-03T08:30:12.345+00:00"
        );
        assert_eq!(r.issuer.as_deref(), Some("https://auth.huaweicloud.com/"));
        assert_eq!(
            r.acs_url.as_deref(),
            Some("https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer")
        );
        assert_eq!(r.destination.as_deref(), Some("https://idp.example/sso"));
        assert_eq!(
            r.name_id_format.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
        );
        assert!(r.force_authn);
        assert!(!r.is_passive);
    }

    #[test]
    fn default_namespace_works_and_prefixes_matter() {
        let xml = r#"<AuthnRequest xmlns="urn:oasis:names:tc:SAML:2.0:protocol" ID="a"
            Version="2.0" IssueInstant="2026-01-01T00:00:00Z"/>"#;
        assert_eq!(parse_authn_request(xml.as_bytes()).unwrap().id, "a");
        let wrong_ns = r#"<x:AuthnRequest xmlns:x="urn:other" ID="a" Version="2.0"
            IssueInstant="2026-01-01T00:00:00Z"/>"#;
        assert!(matches!(
            parse_authn_request(wrong_ns.as_bytes()),
            Err(SamlError::NotAuthnRequest(_))
        ));
    }

    #[test]
    fn rejects_malformed_requests() {
        let p = |s: &str| parse_authn_request(s.as_bytes());
        let ns = r#"xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol""#;
        let t = r#"IssueInstant="2026-01-01T00:00:00Z""#;
        let req = |attrs: &str| format!("<samlp:AuthnRequest {ns} {attrs}/>");
        let cases = [
            (
                req(&format!(r#"Version="2.0" {t}"#)),
                SamlError::MissingField("ID"),
            ),
            (
                req(&format!(r#"ID="" Version="2.0" {t}"#)),
                SamlError::MissingField("ID"),
            ),
            (
                req(&format!(r#"ID="a b" Version="2.0" {t}"#)),
                SamlError::InvalidField("ID"),
            ),
            (
                req(&format!(r#"ID="a" Version="1.1" {t}"#)),
                SamlError::InvalidField("Version"),
            ),
            (
                req(&format!(r#"ID="a" {t}"#)),
                SamlError::MissingField("Version"),
            ),
            (
                req(r#"ID="a" Version="2.0" IssueInstant="yesterday""#),
                SamlError::InvalidField("IssueInstant"),
            ),
            (
                req(r#"ID="a" Version="2.0""#),
                SamlError::MissingField("IssueInstant"),
            ),
            (
                format!(r#"<samlp:LogoutRequest {ns} ID="a"/>"#),
                SamlError::NotAuthnRequest("samlp:LogoutRequest".into()),
            ),
            (
                format!(
                    r#"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>{}"#,
                    req(&format!(r#"ID="&e;" Version="2.0" {t}"#))
                ),
                SamlError::DoctypeNotAllowed,
            ),
        ];
        for (xml, want) in cases {
            assert_eq!(p(&xml), Err(want), "{xml}");
        }
        let open = format!(r#"<samlp:AuthnRequest {ns} ID="a" Version="2.0" {t}>"#);
        let bad_nesting = format!("{open}<b></samlp:AuthnRequest>");
        let unclosed = format!("{open}<b></b>");
        let two_roots = format!("{open}</samlp:AuthnRequest><x/>");
        let entity = req(&format!(r#"ID="&e;" Version="2.0" {t}"#));
        let bad: [&str; 8] = [
            "",
            "not xml",
            "<samlp:AuthnRequest",
            "\u{0}",
            &bad_nesting,
            &unclosed,
            &two_roots,
            &entity,
        ];
        for bad in bad {
            assert!(matches!(p(bad), Err(SamlError::BadXml(_))), "{bad:?}");
        }
        assert!(matches!(
            parse_authn_request(&[0xff, 0xfe]),
            Err(SamlError::BadXml(_))
        ));
    }

    #[test]
    fn query_parsing_and_signed_octets() {
        let q = RedirectQuery::parse(
            "https://idp/sso?x=1&SAMLRequest=a%2Bb&RelayState=r+s&SigAlg=alg&Signature=s#frag",
        )
        .unwrap();
        assert_eq!(q.saml_request, "a%2Bb");
        assert_eq!(q.signature, Some("s"));
        assert_eq!(
            q.signed_octets().unwrap(),
            "SAMLRequest=a%2Bb&RelayState=r+s&SigAlg=alg"
        );
        let no_relay = RedirectQuery::parse("SigAlg=z&SAMLRequest=q").unwrap();
        assert_eq!(no_relay.signed_octets().unwrap(), "SAMLRequest=q&SigAlg=z");
        assert_eq!(
            RedirectQuery::parse("SAMLRequest=a&SAMLRequest=b"),
            Err(SamlError::DuplicateParameter("SAMLRequest"))
        );
        assert_eq!(
            RedirectQuery::parse("RelayState=x"),
            Err(SamlError::MissingParameter("SAMLRequest"))
        );
        assert_eq!(
            RedirectQuery::parse("SAMLRequest="),
            Err(SamlError::MissingParameter("SAMLRequest"))
        );
    }

    #[test]
    fn url_and_base64_errors_are_typed() {
        assert_eq!(
            url_decode("a%2", "X", false),
            Err(SamlError::BadUrlEncoding("X"))
        );
        assert_eq!(
            url_decode("a%zz", "X", false),
            Err(SamlError::BadUrlEncoding("X"))
        );
        assert_eq!(
            url_decode("%ff", "X", false),
            Err(SamlError::BadUrlEncoding("X"))
        );
        assert_eq!(url_decode("a+b%20c", "X", true).unwrap(), "a b c");
        assert_eq!(url_decode("a+b", "X", false).unwrap(), "a+b");
        assert_eq!(
            base64_decode("!!!!", "X", 10),
            Err(SamlError::BadBase64("X"))
        );
        assert_eq!(base64_decode("YW\nJj", "X", 10).unwrap(), b"abc");
        assert_eq!(
            base64_decode("YWJj", "X", 2),
            Err(SamlError::TooLarge { limit: 2 })
        );
    }

    #[test]
    fn inflation_is_bounded() {
        use flate2::write::DeflateEncoder;
        use std::io::Write as _;
        let mut enc = DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 1 << 20]).unwrap();
        let bomb = enc.finish().unwrap();
        assert_eq!(
            inflate(&bomb, 1000),
            Err(SamlError::TooLarge { limit: 1000 })
        );
        assert_eq!(inflate(&bomb, 1 << 20).unwrap().len(), 1 << 20);
        assert_eq!(
            inflate(b"\xff\xff\xff\xff", 1000),
            Err(SamlError::BadDeflate)
        );
    }

    #[test]
    fn issue_instant_window() {
        let r = parse_authn_request(REQUEST.as_bytes()).unwrap();
        let t = r.issue_instant;
        let (age, skew) = (Duration::minutes(5), Duration::seconds(60));
        assert!(r.check_issue_instant(t, age, skew).is_ok());
        assert!(r
            .check_issue_instant(t + Duration::minutes(6), age, skew)
            .is_ok());
        assert!(r
            .check_issue_instant(t + Duration::minutes(7), age, skew)
            .is_err());
        assert!(r
            .check_issue_instant(t - Duration::seconds(59), age, skew)
            .is_ok());
        assert!(r
            .check_issue_instant(t - Duration::seconds(61), age, skew)
            .is_err());
    }
}
