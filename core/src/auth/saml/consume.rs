//! Verifying a SAML 2.0 `Response` received from an identity provider: the service-provider
//! side of the Web SSO profile (used by the sandbox's IAM federation endpoint, and by anyone
//! who wants to check what [`IdentityProvider`](super::IdentityProvider) produces).

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};

use super::dom::{self, Document};
use super::verify::verify_enveloped;
use super::{Certificate, SamlError, NS_ASSERTION, NS_PROTOCOL};

const STATUS_SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
const CM_BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/// The default bound on a received Response (XML, after base64 decoding): 256 KiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 256 * 1024;

/// What [`verify_response`] expects besides a valid signature. [`Default`] checks only the
/// signatures, the validity windows (with 60 s of clock skew) and the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The expected `Audience` (the service provider's entityID); every
    /// `AudienceRestriction` must name it, and one must be present.
    pub audience: Option<String>,
    /// The expected `Destination` of the Response (checked when the Response carries one)
    /// and `Recipient` of the bearer subject confirmation (required to match).
    pub destination: Option<String>,
    /// The expected `Issuer` of the Assertion (the identity provider's entityID).
    pub issuer: Option<String>,
    /// The ID of the AuthnRequest answered; `InResponseTo` must repeat it. `None` accepts
    /// any, as IdP-initiated sign-in has none.
    pub in_response_to: Option<String>,
    /// How far the clocks of the identity provider and of `now` may differ.
    pub clock_skew: Duration,
    /// The largest accepted Response in bytes (XML, after base64 decoding).
    pub max_size: usize,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            audience: None,
            destination: None,
            issuer: None,
            in_response_to: None,
            clock_skew: Duration::seconds(60),
            max_size: DEFAULT_MAX_RESPONSE_SIZE,
        }
    }
}

/// What a verified Response says. Every field comes from the signed Assertion, except
/// [`VerifiedResponse::response_id`], [`VerifiedResponse::destination`] and
/// [`VerifiedResponse::in_response_to`], which are covered only when
/// [`VerifiedResponse::response_signed`] is set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedResponse {
    /// The Response `ID`.
    pub response_id: String,
    /// The Response `Destination`, when present.
    pub destination: Option<String>,
    /// The Response `InResponseTo`, when present.
    pub in_response_to: Option<String>,
    /// Whether the Response itself was signed (and verified), not only the Assertion.
    pub response_signed: bool,
    /// The Assertion `ID`.
    pub assertion_id: String,
    /// The Assertion `IssueInstant`.
    pub issue_instant: DateTime<Utc>,
    /// The Assertion `Issuer`: the identity provider's entityID.
    pub issuer: String,
    /// The `NameID` value.
    pub name_id: String,
    /// The `NameID` `Format`, when given.
    pub name_id_format: Option<String>,
    /// The `SessionIndex` of the first `AuthnStatement`, when given.
    pub session_index: Option<String>,
    /// The earliest `NotOnOrAfter` of the conditions and of the subject confirmation used.
    pub not_on_or_after: DateTime<Utc>,
    /// The attributes: `Name` to the text of each `AttributeValue` (values of attributes
    /// with the same name are joined in document order).
    pub attributes: BTreeMap<String, Vec<String>>,
}

impl VerifiedResponse {
    /// The first value of attribute `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
    }
}

/// Verifies a SAML Response signed by the identity provider whose certificate is
/// `certificate`, at time `now`, and returns what its Assertion says.
///
/// `xml_or_base64` is the XML document or the `SAMLResponse` form field (base64, already
/// form-decoded; line breaks allowed).
///
/// The checks, in order: safe parsing (no DOCTYPE, bounded size and depth); a
/// `samlp:Response` root with a success `Status`; exactly one `saml:Assertion`, a child of
/// the Response, and unique `ID`s (against signature wrapping); the Response signature when
/// present; the Assertion signature, which is required (each: one Reference naming its own
/// element, exclusive canonicalisation, SHA-2 digest, RSA with `certificate`'s key);
/// `Destination`, `Issuer`, `InResponseTo` as configured; a bearer `SubjectConfirmation`
/// whose data is current and names the expected `Recipient`; `Conditions`
/// (`NotBefore`/`NotOnOrAfter` with [`VerifyOptions::clock_skew`], audience).
///
/// # Errors
///
/// * input: [`SamlError::TooLarge`], [`SamlError::BadBase64`], [`SamlError::BadXml`],
///   [`SamlError::DoctypeNotAllowed`], [`SamlError::NotResponse`];
/// * structure: [`SamlError::StatusNotSuccess`], [`SamlError::ResponseMissing`],
///   [`SamlError::ResponseInvalid`], [`SamlError::SignatureWrapping`];
/// * signatures: [`SamlError::AssertionNotSigned`], [`SamlError::MalformedSignature`],
///   [`SamlError::UnsupportedAlgorithm`], [`SamlError::BadSignature`] (signature value or
///   key), [`SamlError::DigestMismatch`] (signed content changed), [`SamlError::BadBase64`];
/// * content: [`SamlError::Expired`], [`SamlError::NotYetValid`], [`SamlError::Mismatch`].
///
/// ```no_run
/// use chrono::Utc;
/// use huaweicloud_partner::auth::saml::{verify_response, Certificate, VerifyOptions};
///
/// # fn run(saml_response_field: &str, idp_cert_pem: &str)
/// #     -> Result<(), huaweicloud_partner::auth::saml::SamlError> {
/// let options = VerifyOptions {
///     audience: Some("https://sp.example.com/".into()),
///     destination: Some("https://sp.example.com/acs".into()),
///     ..VerifyOptions::default()
/// };
/// let idp = Certificate::from_pem(idp_cert_pem)?;
/// let verified = verify_response(saml_response_field, &idp, Utc::now(), &options)?;
/// println!("{} from {}", verified.name_id, verified.issuer);
/// # Ok(())
/// # }
/// ```
pub fn verify_response(
    xml_or_base64: &str,
    certificate: &Certificate,
    now: DateTime<Utc>,
    options: &VerifyOptions,
) -> Result<VerifiedResponse, SamlError> {
    let xml = decode_input(xml_or_base64, options.max_size)?;
    let doc = dom::parse(&xml)?;
    let root = Document::ROOT;
    if !doc.is(root, NS_PROTOCOL, "Response") {
        let name = doc.el(root).qname.chars().take(64).collect();
        return Err(SamlError::NotResponse(name));
    }
    check_status(&doc)?;
    check_ids(&doc)?;
    let assertion = single_assertion(&doc)?;

    let response_signed = verify_enveloped(&doc, root, certificate, "Response")?;
    if !verify_enveloped(&doc, assertion, certificate, "Assertion")? {
        return Err(SamlError::AssertionNotSigned);
    }

    let destination = doc.attr(root, "Destination").map(str::to_owned);
    if let (Some(expected), Some(found)) = (&options.destination, &destination) {
        expect_eq("Destination", found, expected)?;
    }
    let in_response_to = doc.attr(root, "InResponseTo").map(str::to_owned);
    if let Some(expected) = &options.in_response_to {
        expect_eq(
            "InResponseTo",
            in_response_to.as_deref().unwrap_or(""),
            expected,
        )?;
    }
    check_version(&doc, root)?;
    let response_id = required_attr(&doc, root, "ID")?.to_owned();

    let reader = AssertionReader {
        doc: &doc,
        assertion,
        now,
        options,
    };
    let mut verified = reader.read()?;
    verified.response_id = response_id;
    verified.destination = destination;
    verified.in_response_to = in_response_to;
    verified.response_signed = response_signed;
    Ok(verified)
}

/// The XML text of the input: XML as is, anything else decoded as base64.
fn decode_input(input: &str, limit: usize) -> Result<String, SamlError> {
    let trimmed = input.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with('<') {
        if trimmed.len() > limit {
            return Err(SamlError::TooLarge { limit });
        }
        return Ok(trimmed.to_owned());
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if compact.len() / 4 * 3 > limit.saturating_add(3) {
        return Err(SamlError::TooLarge { limit });
    }
    let bytes = STANDARD
        .decode(compact)
        .map_err(|_| SamlError::BadBase64("SAMLResponse"))?;
    if bytes.len() > limit {
        return Err(SamlError::TooLarge { limit });
    }
    String::from_utf8(bytes).map_err(|_| SamlError::BadXml("not UTF-8".into()))
}

fn check_status(doc: &Document) -> Result<(), SamlError> {
    let status = doc
        .child(Document::ROOT, NS_PROTOCOL, "Status")
        .ok_or(SamlError::ResponseMissing("Status"))?;
    let code = doc
        .child(status, NS_PROTOCOL, "StatusCode")
        .and_then(|c| doc.attr(c, "Value"))
        .ok_or(SamlError::ResponseMissing("StatusCode"))?;
    if code != STATUS_SUCCESS {
        return Err(SamlError::StatusNotSuccess(
            code.chars().take(200).collect(),
        ));
    }
    Ok(())
}

/// Refuses documents where one ID names two elements: a Reference must resolve to one.
fn check_ids(doc: &Document) -> Result<(), SamlError> {
    let mut ids: Vec<&str> = doc
        .elements
        .iter()
        .flat_map(|e| e.attrs.iter())
        .filter(|a| a.prefix.is_empty() && matches!(a.local.as_str(), "ID" | "Id"))
        .map(|a| a.value.as_str())
        .collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Err(SamlError::SignatureWrapping("two elements share an ID"));
    }
    Ok(())
}

/// The one Assertion, which must be a child of the Response.
fn single_assertion(doc: &Document) -> Result<usize, SamlError> {
    let mut all = (0..doc.elements.len()).filter(|&i| doc.is(i, NS_ASSERTION, "Assertion"));
    let Some(assertion) = all.next() else {
        if (0..doc.elements.len()).any(|i| doc.is(i, NS_ASSERTION, "EncryptedAssertion")) {
            return Err(SamlError::UnsupportedAlgorithm {
                what: "assertion",
                algorithm: "EncryptedAssertion".into(),
            });
        }
        return Err(SamlError::ResponseMissing("Assertion"));
    };
    if all.next().is_some() {
        return Err(SamlError::SignatureWrapping("more than one Assertion"));
    }
    if doc.el(assertion).parent != Some(Document::ROOT) {
        return Err(SamlError::SignatureWrapping(
            "the Assertion is not a child of the Response",
        ));
    }
    Ok(assertion)
}

struct AssertionReader<'a> {
    doc: &'a Document,
    assertion: usize,
    now: DateTime<Utc>,
    options: &'a VerifyOptions,
}

impl AssertionReader<'_> {
    fn read(&self) -> Result<VerifiedResponse, SamlError> {
        let (doc, a) = (self.doc, self.assertion);
        check_version(doc, a)?;
        let assertion_id = required_attr(doc, a, "ID")?.to_owned();
        let issue_instant = instant(required_attr(doc, a, "IssueInstant")?, "IssueInstant")?;
        let issuer = doc
            .child(a, NS_ASSERTION, "Issuer")
            .map(|i| doc.text(i).trim().to_owned())
            .filter(|i| !i.is_empty())
            .ok_or(SamlError::ResponseMissing("Issuer"))?;
        if let Some(expected) = &self.options.issuer {
            expect_eq("Issuer", &issuer, expected)?;
        }

        let subject = doc
            .child(a, NS_ASSERTION, "Subject")
            .ok_or(SamlError::ResponseMissing("Subject"))?;
        let name_id = doc
            .child(subject, NS_ASSERTION, "NameID")
            .ok_or(SamlError::ResponseMissing("NameID"))?;
        let name_id_format = doc.attr(name_id, "Format").map(str::to_owned);
        let name_id = doc.text(name_id).trim().to_owned();
        if name_id.is_empty() {
            return Err(SamlError::ResponseMissing("NameID"));
        }
        let confirmed_until = self.bearer_confirmation(subject)?;
        let conditions_until = self.conditions()?;
        let not_on_or_after = conditions_until.map_or(confirmed_until, |c| c.min(confirmed_until));

        let authn = doc.child(a, NS_ASSERTION, "AuthnStatement");
        let session_index = authn
            .and_then(|s| doc.attr(s, "SessionIndex"))
            .map(str::to_owned);
        if let Some(until) = authn.and_then(|s| doc.attr(s, "SessionNotOnOrAfter")) {
            self.not_expired(
                "SessionNotOnOrAfter",
                instant(until, "SessionNotOnOrAfter")?,
            )?;
        }

        Ok(VerifiedResponse {
            response_id: String::new(),
            destination: None,
            in_response_to: None,
            response_signed: false,
            assertion_id,
            issue_instant,
            issuer,
            name_id,
            name_id_format,
            session_index,
            not_on_or_after,
            attributes: self.attributes(),
        })
    }

    /// Checks the bearer confirmations; the first that passes gives its `NotOnOrAfter`,
    /// otherwise the first failure is the error.
    fn bearer_confirmation(&self, subject: usize) -> Result<DateTime<Utc>, SamlError> {
        let doc = self.doc;
        let mut first_error = None;
        for c in doc.children_named(subject, NS_ASSERTION, "SubjectConfirmation") {
            if doc.attr(c, "Method") != Some(CM_BEARER) {
                continue;
            }
            match self.confirmation_data(c) {
                Ok(until) => return Ok(until),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or(SamlError::ResponseMissing("bearer SubjectConfirmation")))
    }

    fn confirmation_data(&self, confirmation: usize) -> Result<DateTime<Utc>, SamlError> {
        let doc = self.doc;
        let data = doc
            .child(confirmation, NS_ASSERTION, "SubjectConfirmationData")
            .ok_or(SamlError::ResponseMissing("SubjectConfirmationData"))?;
        let until = doc
            .attr(data, "NotOnOrAfter")
            .ok_or(SamlError::ResponseMissing(
                "SubjectConfirmationData NotOnOrAfter",
            ))?;
        let until = instant(until, "SubjectConfirmationData NotOnOrAfter")?;
        self.not_expired("SubjectConfirmationData NotOnOrAfter", until)?;
        if let Some(from) = doc.attr(data, "NotBefore") {
            self.started(instant(from, "SubjectConfirmationData NotBefore")?)?;
        }
        if let Some(expected) = &self.options.destination {
            let recipient = doc.attr(data, "Recipient").unwrap_or("");
            expect_eq("Recipient", recipient, expected)?;
        }
        if let (Some(expected), Some(found)) =
            (&self.options.in_response_to, doc.attr(data, "InResponseTo"))
        {
            expect_eq("SubjectConfirmationData InResponseTo", found, expected)?;
        }
        Ok(until)
    }

    /// Checks `Conditions`; returns its `NotOnOrAfter`, if any.
    fn conditions(&self) -> Result<Option<DateTime<Utc>>, SamlError> {
        let doc = self.doc;
        let conditions = doc.child(self.assertion, NS_ASSERTION, "Conditions");
        let Some(conditions) = conditions else {
            if self.options.audience.is_some() {
                return Err(SamlError::ResponseMissing("AudienceRestriction"));
            }
            return Ok(None);
        };
        if let Some(from) = doc.attr(conditions, "NotBefore") {
            self.started(instant(from, "Conditions NotBefore")?)?;
        }
        let until = match doc.attr(conditions, "NotOnOrAfter") {
            Some(until) => {
                let until = instant(until, "Conditions NotOnOrAfter")?;
                self.not_expired("Conditions NotOnOrAfter", until)?;
                Some(until)
            }
            None => None,
        };
        if let Some(expected) = &self.options.audience {
            let mut seen = false;
            for r in doc.children_named(conditions, NS_ASSERTION, "AudienceRestriction") {
                seen = true;
                let audiences: Vec<String> = doc
                    .children_named(r, NS_ASSERTION, "Audience")
                    .map(|i| doc.text(i).trim().to_owned())
                    .collect();
                if !audiences.iter().any(|found| found == expected) {
                    let found = audiences.first().map_or("", String::as_str);
                    return Err(mismatch("Audience", found, expected));
                }
            }
            if !seen {
                return Err(SamlError::ResponseMissing("AudienceRestriction"));
            }
        }
        Ok(until)
    }

    fn attributes(&self) -> BTreeMap<String, Vec<String>> {
        let doc = self.doc;
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for statement in doc.children_named(self.assertion, NS_ASSERTION, "AttributeStatement") {
            for attribute in doc.children_named(statement, NS_ASSERTION, "Attribute") {
                let Some(name) = doc.attr(attribute, "Name") else {
                    continue;
                };
                let values = doc
                    .children_named(attribute, NS_ASSERTION, "AttributeValue")
                    .map(|v| doc.text(v));
                out.entry(name.to_owned()).or_default().extend(values);
            }
        }
        out
    }

    fn not_expired(&self, field: &'static str, until: DateTime<Utc>) -> Result<(), SamlError> {
        if self.now - self.options.clock_skew >= until {
            return Err(SamlError::Expired {
                field,
                not_on_or_after: until,
            });
        }
        Ok(())
    }

    fn started(&self, from: DateTime<Utc>) -> Result<(), SamlError> {
        if self.now + self.options.clock_skew < from {
            return Err(SamlError::NotYetValid { not_before: from });
        }
        Ok(())
    }
}

fn check_version(doc: &Document, element: usize) -> Result<(), SamlError> {
    match doc.attr(element, "Version") {
        Some("2.0") => Ok(()),
        Some(_) => Err(SamlError::ResponseInvalid("Version")),
        None => Err(SamlError::ResponseMissing("Version")),
    }
}

fn required_attr<'d>(
    doc: &'d Document,
    element: usize,
    name: &'static str,
) -> Result<&'d str, SamlError> {
    doc.attr(element, name)
        .filter(|v| !v.is_empty())
        .ok_or(SamlError::ResponseMissing(name))
}

/// An `xs:dateTime` with a time zone (SAML requires UTC).
fn instant(text: &str, field: &'static str) -> Result<DateTime<Utc>, SamlError> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| SamlError::ResponseInvalid(field))
}

fn expect_eq(field: &'static str, found: &str, expected: &str) -> Result<(), SamlError> {
    if found == expected {
        Ok(())
    } else {
        Err(mismatch(field, found, expected))
    }
}

fn mismatch(field: &'static str, found: &str, expected: &str) -> SamlError {
    SamlError::Mismatch {
        field,
        found: found.chars().take(200).collect(),
        expected: expected.to_owned(),
    }
}
