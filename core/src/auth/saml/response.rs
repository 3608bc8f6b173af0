//! Building and signing the SAML 2.0 `Response` the partner posts to IAM.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use ring::rand::{SecureRandom as _, SystemRandom};

use super::dsig::sign_enveloped;
use super::keys::check_pair;
use super::xml::Writer;
use super::{
    html, metadata, AuthnRequest, Certificate, SamlError, SigningKey, Site, ATTRNAME_URI,
    NAMEID_TRANSIENT, NS_ASSERTION, NS_PROTOCOL,
};
use crate::SecretString;

const STATUS_SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
const CM_BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const PASSWORD_PROTECTED_TRANSPORT: &str =
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

/// One SAML attribute of the `AttributeStatement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamlAttribute {
    /// `Name`.
    pub name: String,
    /// `NameFormat` (default `urn:oasis:names:tc:SAML:2.0:attrname-format:uri`).
    pub name_format: String,
    /// One `AttributeValue` per entry; empty values are left out.
    pub values: Vec<String>,
}

impl SamlAttribute {
    /// An attribute with one value and the `uri` name format.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            name_format: ATTRNAME_URI.to_owned(),
            values: vec![value.into()],
        }
    }
}

/// The SAML attribute names of the [`SamlUser`] fields.
///
/// The defaults (`xUserId`, `xAccountId`, `bpId`, `name`, `email`, `mobile`, name format
/// `uri`) come from an open-source implementation of this login, not from a Huawei page;
/// change them here if Huawei's sample says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeMap {
    /// Name of [`SamlUser::user_id`] (`xUserId`).
    pub user_id: String,
    /// Name of [`SamlUser::account_id`] (`xAccountId`).
    pub account_id: String,
    /// Name of [`SamlUser::bp_id`] (`bpId`).
    pub bp_id: String,
    /// Name of [`SamlUser::name`] (`name`).
    pub name: String,
    /// Name of [`SamlUser::email`] (`email`).
    pub email: String,
    /// Name of [`SamlUser::mobile`] (`mobile`).
    pub mobile: String,
    /// `NameFormat` of these attributes.
    pub name_format: String,
}

impl Default for AttributeMap {
    fn default() -> Self {
        Self {
            user_id: "xUserId".into(),
            account_id: "xAccountId".into(),
            bp_id: "bpId".into(),
            name: "name".into(),
            email: "email".into(),
            mobile: "mobile".into(),
            name_format: ATTRNAME_URI.into(),
        }
    }
}

/// The partner platform user who signs in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SamlUser {
    /// The platform's user id: the transient `NameID` and the `xUserId` attribute.
    pub user_id: String,
    /// The platform account id (`xaccount_id` of the customer), `xAccountId`.
    pub account_id: Option<String>,
    /// The partner id, `bpId`.
    pub bp_id: Option<String>,
    /// The display name, `name`.
    pub name: Option<String>,
    /// The e-mail address, `email`.
    pub email: Option<String>,
    /// The mobile number, `mobile`.
    pub mobile: Option<String>,
    /// More attributes, written after the mapped ones.
    pub extra: Vec<SamlAttribute>,
}

impl SamlUser {
    /// A user with only `user_id` set.
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            ..Self::default()
        }
    }

    /// The attributes under `map`, leaving out fields without a value.
    pub fn attributes(&self, map: &AttributeMap) -> Vec<SamlAttribute> {
        let fields = [
            (&map.user_id, Some(&self.user_id)),
            (&map.account_id, self.account_id.as_ref()),
            (&map.bp_id, self.bp_id.as_ref()),
            (&map.name, self.name.as_ref()),
            (&map.email, self.email.as_ref()),
            (&map.mobile, self.mobile.as_ref()),
        ];
        let mapped = fields.into_iter().filter_map(|(name, value)| {
            let value = value.filter(|v| !v.is_empty())?;
            Some(SamlAttribute {
                name: name.clone(),
                name_format: map.name_format.clone(),
                values: vec![value.clone()],
            })
        });
        mapped.chain(self.extra.iter().cloned()).collect()
    }
}

/// How responses are built. [`Default`] is the China site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseOptions {
    /// The `Audience`: IAM's SP entityID (China: `https://auth.huaweicloud.com/`).
    pub audience: String,
    /// The ACS URL, `Destination` and `Recipient`; an AuthnRequest asking for another one is
    /// refused.
    pub acs_url: String,
    /// How long the assertion is valid after its issue instant (default 5 minutes).
    pub validity: Duration,
    /// How far `NotBefore` lies before the issue instant, for the SP's clock (default 60 s).
    pub clock_skew: Duration,
    /// Also sign the whole `Response`, not only the `Assertion` (default `false`).
    pub sign_response: bool,
    /// The attribute names.
    pub attribute_map: AttributeMap,
}

impl ResponseOptions {
    /// The options for `site` (audience and ACS URL from [`Site`]).
    pub fn for_site(site: &Site) -> Self {
        Self {
            audience: site.sp_entity_id().to_owned(),
            acs_url: site.acs_url(),
            validity: Duration::minutes(5),
            clock_skew: Duration::seconds(60),
            sign_response: false,
            attribute_map: AttributeMap::default(),
        }
    }
}

impl Default for ResponseOptions {
    fn default() -> Self {
        Self::for_site(&Site::China)
    }
}

/// Everything a response says about one sign-in, for [`IdentityProvider::build_response`].
///
/// [`IdentityProvider::respond`] fills it from an [`AuthnRequest`]; build it directly for
/// other flows (such as IAM's IdP-initiated federation, which has no `InResponseTo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseParams {
    /// `Destination` of the Response and `Recipient` of the subject confirmation.
    pub destination: String,
    /// The `Audience`.
    pub audience: String,
    /// The AuthnRequest `ID`, when answering one.
    pub in_response_to: Option<String>,
    /// The `NameID` value.
    pub name_id: String,
    /// The `NameID` `Format` (default transient).
    pub name_id_format: String,
    /// The attributes; attributes without any non-empty value are left out.
    pub attributes: Vec<SamlAttribute>,
    /// The `RelayState` to post back with the Response.
    pub relay_state: Option<String>,
}

impl ResponseParams {
    /// Parameters for `name_id` with a transient format and no attributes.
    pub fn new(
        destination: impl Into<String>,
        audience: impl Into<String>,
        name_id: impl Into<String>,
    ) -> Self {
        Self {
            destination: destination.into(),
            audience: audience.into(),
            in_response_to: None,
            name_id: name_id.into(),
            name_id_format: NAMEID_TRANSIENT.to_owned(),
            attributes: Vec::new(),
            relay_state: None,
        }
    }
}

/// A signed SAML Response. It is a bearer credential: `Debug` does not show it.
#[derive(Debug, Clone)]
pub struct SamlResponse {
    xml: SecretString,
    destination: String,
    relay_state: Option<String>,
    response_id: String,
    assertion_id: String,
}

impl SamlResponse {
    /// The XML document.
    pub fn xml(&self) -> &str {
        self.xml.expose()
    }

    /// The document in base64: the `SAMLResponse` form field.
    pub fn to_base64(&self) -> SecretString {
        use base64::Engine as _;
        SecretString::new(base64::engine::general_purpose::STANDARD.encode(self.xml()))
    }

    /// Where to post it (the ACS URL).
    pub fn destination(&self) -> &str {
        &self.destination
    }

    /// The `RelayState` to post with it.
    pub fn relay_state(&self) -> Option<&str> {
        self.relay_state.as_deref()
    }

    /// The Response `ID`.
    pub fn response_id(&self) -> &str {
        &self.response_id
    }

    /// The Assertion `ID`.
    pub fn assertion_id(&self) -> &str {
        &self.assertion_id
    }

    /// The HTTP-POST binding page: a form that posts `SAMLResponse` and `RelayState` to the
    /// destination, submitted by script, with a button for browsers without script.
    pub fn post_form_html(&self) -> SecretString {
        SecretString::new(html::post_form(
            &self.destination,
            self.to_base64().expose(),
            self.relay_state(),
        ))
    }
}

/// The partner platform as a SAML identity provider: its entityID, signing key and
/// certificate, and the [`ResponseOptions`].
#[derive(Debug)]
pub struct IdentityProvider {
    entity_id: String,
    key: SigningKey,
    certificate: Certificate,
    options: ResponseOptions,
}

impl IdentityProvider {
    /// An identity provider with the default (China site) options.
    ///
    /// # Errors
    ///
    /// [`SamlError::EmptyValue`] for an empty entityID, [`SamlError::KeyCertificateMismatch`]
    /// when `key` does not belong to `certificate`.
    pub fn new(
        entity_id: impl Into<String>,
        key: SigningKey,
        certificate: Certificate,
    ) -> Result<Self, SamlError> {
        let entity_id = entity_id.into();
        if entity_id.trim().is_empty() {
            return Err(SamlError::EmptyValue("IdP entityID"));
        }
        check_pair(&key, &certificate)?;
        Ok(Self {
            entity_id,
            key,
            certificate,
            options: ResponseOptions::default(),
        })
    }

    /// Replaces the options.
    pub fn with_options(mut self, options: ResponseOptions) -> Self {
        self.options = options;
        self
    }

    /// The options.
    pub fn options(&self) -> &ResponseOptions {
        &self.options
    }

    /// The entityID (the `Issuer` of every response).
    pub fn entity_id(&self) -> &str {
        &self.entity_id
    }

    /// The signing certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The IdP metadata to upload in Partner Center, with `sso_url` as the location of both
    /// SingleSignOnService bindings. See [`idp_metadata`](super::idp_metadata).
    ///
    /// # Errors
    ///
    /// As [`idp_metadata`](super::idp_metadata).
    pub fn metadata_xml(&self, sso_url: &str) -> Result<String, SamlError> {
        metadata::idp_metadata(&self.entity_id, &self.certificate, sso_url)
    }

    /// Answers `request` for `user`, at `now`.
    ///
    /// # Errors
    ///
    /// [`SamlError::AcsUrlMismatch`] when the request asks for an ACS URL other than
    /// [`ResponseOptions::acs_url`], [`SamlError::EmptyValue`] without a user id, and the
    /// errors of [`IdentityProvider::build_response`].
    pub fn respond(
        &self,
        request: &AuthnRequest,
        user: &SamlUser,
        now: DateTime<Utc>,
    ) -> Result<SamlResponse, SamlError> {
        if let Some(requested) = &request.acs_url {
            if requested != &self.options.acs_url {
                return Err(SamlError::AcsUrlMismatch {
                    requested: requested.clone(),
                    expected: self.options.acs_url.clone(),
                });
            }
        }
        if user.user_id.trim().is_empty() {
            return Err(SamlError::EmptyValue("user id"));
        }
        let params = ResponseParams {
            in_response_to: Some(request.id.clone()),
            attributes: user.attributes(&self.options.attribute_map),
            relay_state: request.relay_state.clone(),
            ..ResponseParams::new(
                self.options.acs_url.clone(),
                self.options.audience.clone(),
                user.user_id.clone(),
            )
        };
        self.build_response(&params, now)
    }

    /// Builds and signs a Response: the Assertion is always signed, the Response too when
    /// [`ResponseOptions::sign_response`] is set. IDs are fresh random values, instants come
    /// from `now`.
    ///
    /// # Errors
    ///
    /// [`SamlError::InvalidUrl`] when the destination is not an absolute http(s) URL,
    /// [`SamlError::EmptyValue`] for an empty audience or NameID,
    /// [`SamlError::InvalidXmlChar`] when a value holds a control character,
    /// [`SamlError::Crypto`] when the random generator or signing fails.
    pub fn build_response(
        &self,
        params: &ResponseParams,
        now: DateTime<Utc>,
    ) -> Result<SamlResponse, SamlError> {
        check_http_url(&params.destination, "destination")?;
        for (what, value) in [("audience", &params.audience), ("NameID", &params.name_id)] {
            if value.trim().is_empty() {
                return Err(SamlError::EmptyValue(what));
            }
        }
        let response_id = new_id()?;
        let assertion_id = new_id()?;
        let session_index = new_id()?;
        let opts = &self.options;
        let times = Times {
            now: instant(now),
            not_before: instant(now - opts.clock_skew),
            not_on_or_after: instant(now + opts.validity),
        };

        let (assertion, issuer_end) =
            self.assertion(params, &assertion_id, &session_index, &times)?;
        let assertion = sign_enveloped(
            &assertion,
            &assertion_id,
            issuer_end,
            &self.key,
            &self.certificate,
        )?;

        let mut w = Writer::new();
        let mut attrs = vec![
            ("Destination", params.destination.as_str()),
            ("ID", &response_id),
            ("IssueInstant", &times.now),
            ("Version", "2.0"),
        ];
        if let Some(id) = &params.in_response_to {
            attrs.push(("InResponseTo", id));
        }
        w.start("samlp:Response", &[("samlp", NS_PROTOCOL)], &attrs);
        w.start("saml:Issuer", &[("saml", NS_ASSERTION)], &[]);
        w.text(&self.entity_id);
        w.end("saml:Issuer");
        let issuer_end = w.position();
        w.start("samlp:Status", &[], &[]);
        w.leaf("samlp:StatusCode", &[("Value", STATUS_SUCCESS)], "");
        w.end("samlp:Status");
        w.raw(&assertion);
        w.end("samlp:Response");
        let mut response = w
            .finish()
            .ok_or(SamlError::InvalidXmlChar("a response value"))?;
        if opts.sign_response {
            response = sign_enveloped(
                &response,
                &response_id,
                issuer_end,
                &self.key,
                &self.certificate,
            )?;
        }

        let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{response}");
        Ok(SamlResponse {
            xml: SecretString::new(xml),
            destination: params.destination.clone(),
            relay_state: params.relay_state.clone(),
            response_id,
            assertion_id,
        })
    }

    /// The unsigned Assertion in canonical form and the offset right after its `Issuer`.
    fn assertion(
        &self,
        params: &ResponseParams,
        id: &str,
        session_index: &str,
        times: &Times,
    ) -> Result<(String, usize), SamlError> {
        let mut w = Writer::new();
        w.start(
            "saml:Assertion",
            &[("saml", NS_ASSERTION)],
            &[("ID", id), ("IssueInstant", &times.now), ("Version", "2.0")],
        );
        w.leaf("saml:Issuer", &[], &self.entity_id);
        let issuer_end = w.position();

        w.start("saml:Subject", &[], &[]);
        w.leaf(
            "saml:NameID",
            &[("Format", &params.name_id_format)],
            &params.name_id,
        );
        w.start("saml:SubjectConfirmation", &[], &[("Method", CM_BEARER)]);
        let mut data = vec![
            ("NotOnOrAfter", times.not_on_or_after.as_str()),
            ("Recipient", &params.destination),
        ];
        if let Some(request_id) = &params.in_response_to {
            data.push(("InResponseTo", request_id));
        }
        w.leaf("saml:SubjectConfirmationData", &data, "");
        w.end("saml:SubjectConfirmation");
        w.end("saml:Subject");

        w.start(
            "saml:Conditions",
            &[],
            &[
                ("NotBefore", &times.not_before),
                ("NotOnOrAfter", &times.not_on_or_after),
            ],
        );
        w.start("saml:AudienceRestriction", &[], &[]);
        w.leaf("saml:Audience", &[], &params.audience);
        w.end("saml:AudienceRestriction");
        w.end("saml:Conditions");

        w.start(
            "saml:AuthnStatement",
            &[],
            &[
                ("AuthnInstant", &times.now),
                ("SessionIndex", session_index),
            ],
        );
        w.start("saml:AuthnContext", &[], &[]);
        w.leaf(
            "saml:AuthnContextClassRef",
            &[],
            PASSWORD_PROTECTED_TRANSPORT,
        );
        w.end("saml:AuthnContext");
        w.end("saml:AuthnStatement");

        let attributes: Vec<_> = params
            .attributes
            .iter()
            .filter(|a| a.values.iter().any(|v| !v.is_empty()))
            .collect();
        if !attributes.is_empty() {
            w.start("saml:AttributeStatement", &[], &[]);
            for a in attributes {
                w.start(
                    "saml:Attribute",
                    &[],
                    &[("Name", &a.name), ("NameFormat", &a.name_format)],
                );
                for v in a.values.iter().filter(|v| !v.is_empty()) {
                    w.leaf("saml:AttributeValue", &[], v);
                }
                w.end("saml:Attribute");
            }
            w.end("saml:AttributeStatement");
        }
        w.end("saml:Assertion");
        let xml = w
            .finish()
            .ok_or(SamlError::InvalidXmlChar("a response value"))?;
        Ok((xml, issuer_end))
    }
}

struct Times {
    now: String,
    not_before: String,
    not_on_or_after: String,
}

/// An `xs:dateTime` in UTC to the second: `2024-06-03T08:30:12Z`.
fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A fresh `xs:ID`: `_` and 32 hex digits (128 random bits).
pub fn new_id() -> Result<String, SamlError> {
    let mut bytes = [0u8; 16];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| SamlError::Crypto("random generation"))?;
    Ok(format!("_{}", hex::encode(bytes)))
}

pub(crate) fn check_http_url(value: &str, what: &'static str) -> Result<(), SamlError> {
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Ok(()),
        _ => Err(SamlError::InvalidUrl { what }),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saml/");

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{FIXTURES}{name}")).unwrap()
    }

    fn idp() -> IdentityProvider {
        let key = SigningKey::from_pem(&fixture("idp_key.pkcs8.pem")).unwrap();
        let cert = Certificate::from_pem(&fixture("idp_cert.pem")).unwrap();
        IdentityProvider::new("https://idp.example", key, cert).unwrap()
    }

    fn request(acs_url: Option<&str>) -> AuthnRequest {
        let acs = acs_url.map_or(String::new(), |u| {
            format!(" AssertionConsumerServiceURL=\"{u}\"")
        });
        let xml = format!(
            "<samlp:AuthnRequest xmlns:samlp=\"{NS_PROTOCOL}\" ID=\"_r1\" Version=\"2.0\" \
             IssueInstant=\"2026-01-01T00:00:00Z\"{acs}/>"
        );
        super::super::request::parse_authn_request(xml.as_bytes()).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 5).unwrap()
    }

    #[test]
    fn new_checks_entity_id_and_key_pair() {
        let key = SigningKey::from_pem(&fixture("idp_key.pkcs1.pem")).unwrap();
        let other = Certificate::from_pem(&fixture("other_cert.pem")).unwrap();
        assert_eq!(
            IdentityProvider::new("e", key, other).unwrap_err(),
            SamlError::KeyCertificateMismatch
        );
        let key = SigningKey::from_pem(&fixture("idp_key.pkcs1.pem")).unwrap();
        let cert = Certificate::from_pem(&fixture("idp_cert.pem")).unwrap();
        assert_eq!(
            IdentityProvider::new(" ", key, cert).unwrap_err(),
            SamlError::EmptyValue("IdP entityID")
        );
    }

    #[test]
    fn debug_shows_no_key_material() {
        let shown = format!("{:?}", idp());
        assert!(shown.contains("[redacted]"), "{shown}");
        let pem = fixture("idp_key.pkcs8.pem");
        for line in pem.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!shown.contains(&line[..12]), "{shown}");
        }
    }

    #[test]
    fn respond_refuses_another_acs_url_and_an_empty_user() {
        let idp = idp();
        let user = SamlUser::new("u1");
        let evil = request(Some("https://evil.example/acs"));
        assert!(matches!(
            idp.respond(&evil, &user, now()),
            Err(SamlError::AcsUrlMismatch { .. })
        ));
        let without_acs = request(None);
        let r = idp.respond(&without_acs, &user, now()).unwrap();
        assert_eq!(r.destination(), Site::China.acs_url());
        assert_eq!(
            idp.respond(&without_acs, &SamlUser::new(""), now())
                .unwrap_err(),
            SamlError::EmptyValue("user id")
        );
    }

    #[test]
    fn options_shape_the_assertion() {
        let options = ResponseOptions {
            validity: Duration::minutes(2),
            clock_skew: Duration::seconds(30),
            attribute_map: AttributeMap {
                user_id: "uid".into(),
                name_format: "urn:oasis:names:tc:SAML:2.0:attrname-format:basic".into(),
                ..AttributeMap::default()
            },
            ..ResponseOptions::for_site(&Site::International)
        };
        let idp = idp().with_options(options);
        let acs = Site::International.acs_url();
        let mut user = SamlUser::new("u1");
        user.mobile = Some("+86 100".into());
        user.extra.push(SamlAttribute::new("custom", "v"));
        user.extra.push(SamlAttribute::new("blank", ""));
        let r = idp.respond(&request(Some(&acs)), &user, now()).unwrap();
        let xml = r.xml();
        assert!(xml.contains(
            "<saml:Conditions NotBefore=\"2025-12-31T23:59:35Z\" \
             NotOnOrAfter=\"2026-01-01T00:02:05Z\">"
        ));
        assert!(xml.contains("NotOnOrAfter=\"2026-01-01T00:02:05Z\" Recipient="));
        assert!(xml.contains("<saml:Audience>https://auth-intl.huaweicloud.com/</saml:Audience>"));
        assert!(xml.contains(
            "<saml:Attribute Name=\"uid\" \
             NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">\
             <saml:AttributeValue>u1</saml:AttributeValue></saml:Attribute>"
        ));
        assert!(xml.contains("Name=\"mobile\""));
        assert!(xml.contains("Name=\"custom\""));
        assert!(!xml.contains("Name=\"blank\""));
        assert!(!xml.contains("Name=\"email\""));
        assert_eq!(xml.matches("<ds:Signature ").count(), 1);
    }

    #[test]
    fn idp_initiated_response_has_no_in_response_to() {
        let mut params = ResponseParams::new(
            "https://iam.example/v3.0/OS-FEDERATION/tokens",
            "https://iam.example/",
            "u1",
        );
        params
            .attributes
            .push(SamlAttribute::new("IAM_SAML_Attributes_domain_id", "d1"));
        let r = idp().build_response(&params, now()).unwrap();
        assert!(!r.xml().contains("InResponseTo"));
        assert!(r.xml().contains("Name=\"IAM_SAML_Attributes_domain_id\""));
        assert_eq!(r.relay_state(), None);
    }

    #[test]
    fn build_response_validates_input() {
        let idp = idp();
        let ok = ResponseParams::new("https://acs.example/", "aud", "u1");
        let cases = [
            (
                ResponseParams {
                    destination: "javascript:alert(1)".into(),
                    ..ok.clone()
                },
                SamlError::InvalidUrl {
                    what: "destination",
                },
            ),
            (
                ResponseParams {
                    audience: String::new(),
                    ..ok.clone()
                },
                SamlError::EmptyValue("audience"),
            ),
            (
                ResponseParams {
                    name_id: " ".into(),
                    ..ok.clone()
                },
                SamlError::EmptyValue("NameID"),
            ),
            (
                ResponseParams {
                    name_id: "a\u{1}b".into(),
                    ..ok.clone()
                },
                SamlError::InvalidXmlChar("a response value"),
            ),
        ];
        for (params, want) in cases {
            assert_eq!(idp.build_response(&params, now()).unwrap_err(), want);
        }
    }

    #[test]
    fn ids_are_fresh_and_valid() {
        let a = new_id().unwrap();
        let b = new_id().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 33);
        assert!(a.starts_with('_'));
        assert!(a[1..].chars().all(|c| c.is_ascii_hexdigit()));
        let params = ResponseParams::new("https://acs.example/", "aud", "u1");
        let r1 = idp().build_response(&params, now()).unwrap();
        let r2 = idp().build_response(&params, now()).unwrap();
        assert_ne!(r1.response_id(), r2.response_id());
        assert_ne!(r1.assertion_id(), r1.response_id());
    }
}
