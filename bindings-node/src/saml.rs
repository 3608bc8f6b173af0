//! SAML single sign-on helpers of the core (`auth::saml`), with the partner platform as
//! identity provider. No HTTP calls; every result is built by the core.

use chrono::{DateTime, Utc};
use huaweicloud_partner::auth::saml::{
    self, AuthnRequest, Certificate, IdentityProvider, LoginUrl, RequestDecoder, ResponseOptions,
    ResponseParams, SamlAttribute, SamlResponse, SamlUser, SigningKey,
};
use huaweicloud_partner::types::format_utc;
use napi_derive::napi;

use crate::error::{invalid, to_napi};

fn saml_err(e: saml::SamlError) -> napi::Error {
    to_napi(&huaweicloud_partner::Error::from(e))
}

fn site(name: Option<String>) -> napi::Result<saml::Site> {
    match name.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("china") | Some("cn") => Ok(saml::Site::China),
        Some("international") | Some("intl") => Ok(saml::Site::International),
        Some("europe") | Some("eu") => Ok(saml::Site::Europe),
        Some(_) => saml::Site::custom(name.as_deref().unwrap_or_default()).map_err(saml_err),
    }
}

/// The IAM login URL that starts single sign-on.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct LoginUrlOptions {
    /// Site name or a custom auth base URL (default China).
    pub site: Option<String>,
    /// The platform id Huawei assigned (`xAccountType`).
    pub x_account_type: String,
    /// `isFirstLogin` (default false).
    pub first_login: Option<bool>,
    /// Where IAM sends the browser after login.
    pub service: Option<String>,
}

/// Builds the IAM SAML login URL.
#[napi]
pub fn saml_login_url(options: LoginUrlOptions) -> napi::Result<String> {
    let mut url = LoginUrl::new(site(options.site)?, options.x_account_type)
        .first_login(options.first_login.unwrap_or(false));
    if let Some(s) = options.service {
        url = url.service(s);
    }
    url.build().map_err(saml_err)
}

/// A decoded, signature-checked `AuthnRequest` from IAM.
#[napi]
#[derive(Debug)]
pub struct NativeAuthnRequest {
    inner: AuthnRequest,
}

#[napi]
impl NativeAuthnRequest {
    /// The request's fields as JSON.
    #[napi]
    pub fn to_json(&self) -> String {
        let r = &self.inner;
        serde_json::json!({
            "id": r.id,
            "issueInstant": format_utc(&r.issue_instant),
            "issuer": r.issuer,
            "acsUrl": r.acs_url,
            "destination": r.destination,
            "protocolBinding": r.protocol_binding,
            "nameIdFormat": r.name_id_format,
            "forceAuthn": r.force_authn,
            "isPassive": r.is_passive,
            "relayState": r.relay_state,
        })
        .to_string()
    }
}

/// Decodes an HTTP-Redirect binding request and checks its signature with IAM's certificate.
#[napi]
pub fn saml_decode_redirect(
    query_or_url: String,
    sp_certificate_pem: String,
) -> napi::Result<NativeAuthnRequest> {
    let cert = Certificate::from_pem(&sp_certificate_pem).map_err(saml_err)?;
    let inner = RequestDecoder::new()
        .decode_redirect(&query_or_url, &cert)
        .map_err(saml_err)?;
    Ok(NativeAuthnRequest { inner })
}

/// Identity-provider settings.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct IdentityProviderOptions {
    /// Site name or custom base URL whose SP the responses address (default China).
    pub site: Option<String>,
    /// Overrides the audience (SP entity id).
    pub audience: Option<String>,
    /// Overrides the ACS URL.
    pub acs_url: Option<String>,
    /// Assertion validity in seconds (default 300).
    pub validity_seconds: Option<u32>,
    /// Allowed clock skew in seconds (default 60).
    pub clock_skew_seconds: Option<u32>,
    /// Also sign the Response element.
    pub sign_response: Option<bool>,
}

/// The user a response vouches for.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct SamlUserInput {
    /// `xUserId`.
    pub user_id: String,
    /// `xAccountId`.
    pub account_id: Option<String>,
    /// `bpId`.
    pub bp_id: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// `mobile`.
    pub mobile: Option<String>,
    /// Extra attributes, name to value.
    pub extra: Option<std::collections::HashMap<String, String>>,
}

/// A signed SAML Response. Its XML is a bearer credential: treat it as a secret.
#[napi(object)]
pub struct SamlResponseParts {
    /// The XML.
    pub xml: String,
    /// The XML, base64 (the `SAMLResponse` form value).
    pub base64: String,
    /// A self-submitting HTML form posting it to IAM.
    pub post_form_html: String,
    /// The ACS URL it is posted to.
    pub destination: String,
    /// The relay state carried back.
    pub relay_state: Option<String>,
    /// The Response ID.
    pub response_id: String,
    /// The Assertion ID.
    pub assertion_id: String,
}

impl std::fmt::Debug for SamlResponseParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SamlResponseParts")
            .field("destination", &self.destination)
            .field("response_id", &self.response_id)
            .finish_non_exhaustive()
    }
}

/// The fields of a Response not answering a request (IdP-initiated sign-on).
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct ResponseParamsInput {
    /// Where the Response is posted (the SP's ACS URL).
    pub destination: String,
    /// The SP entity id.
    pub audience: String,
    /// The subject's NameID.
    pub name_id: String,
    /// NameID format (default transient).
    pub name_id_format: Option<String>,
    /// `InResponseTo`, when answering a request.
    pub in_response_to: Option<String>,
    /// Attributes, name to value.
    pub attributes: Option<std::collections::HashMap<String, String>>,
    /// Relay state carried with the Response.
    pub relay_state: Option<String>,
}

fn now_or_clock(now: Option<String>) -> napi::Result<DateTime<Utc>> {
    match now {
        Some(t) => {
            huaweicloud_partner::types::parse_utc(&t).map_err(|e| invalid(format!("now: {e}")))
        }
        None => Ok(Utc::now()),
    }
}

fn parts(r: &SamlResponse) -> SamlResponseParts {
    SamlResponseParts {
        xml: r.xml().to_owned(),
        base64: r.to_base64().expose().to_owned(),
        post_form_html: r.post_form_html().expose().to_owned(),
        destination: r.destination().to_owned(),
        relay_state: r.relay_state().map(str::to_owned),
        response_id: r.response_id().to_owned(),
        assertion_id: r.assertion_id().to_owned(),
    }
}

/// The partner platform as SAML identity provider.
#[napi]
#[derive(Debug)]
pub struct NativeIdentityProvider {
    inner: IdentityProvider,
}

#[napi]
impl NativeIdentityProvider {
    /// An identity provider signing with `key_pem` (RSA) whose certificate is `cert_pem`.
    #[napi(constructor)]
    pub fn new(
        entity_id: String,
        key_pem: String,
        certificate_pem: String,
        options: Option<IdentityProviderOptions>,
    ) -> napi::Result<Self> {
        let key = SigningKey::from_pem(&key_pem).map_err(saml_err)?;
        let cert = Certificate::from_pem(&certificate_pem).map_err(saml_err)?;
        let o = options.unwrap_or_default();
        let mut opts = ResponseOptions::for_site(&site(o.site)?);
        if let Some(a) = o.audience {
            opts.audience = a;
        }
        if let Some(a) = o.acs_url {
            opts.acs_url = a;
        }
        if let Some(s) = o.validity_seconds {
            opts.validity = chrono::Duration::seconds(i64::from(s));
        }
        if let Some(s) = o.clock_skew_seconds {
            opts.clock_skew = chrono::Duration::seconds(i64::from(s));
        }
        if let Some(s) = o.sign_response {
            opts.sign_response = s;
        }
        let inner = IdentityProvider::new(entity_id, key, cert)
            .map_err(saml_err)?
            .with_options(opts);
        Ok(Self { inner })
    }

    /// The IdP metadata XML to upload in Partner Center.
    #[napi]
    pub fn metadata_xml(&self, sso_url: String) -> napi::Result<String> {
        self.inner.metadata_xml(&sso_url).map_err(saml_err)
    }

    /// A signed Response to `request` for `user`, issued at `now` (ISO; default the clock).
    #[napi]
    pub fn respond(
        &self,
        request: &NativeAuthnRequest,
        user: SamlUserInput,
        now: Option<String>,
    ) -> napi::Result<SamlResponseParts> {
        let now = now_or_clock(now)?;
        let mut u = SamlUser::new(user.user_id);
        u.account_id = user.account_id;
        u.bp_id = user.bp_id;
        u.name = user.name;
        u.email = user.email;
        u.mobile = user.mobile;
        let mut extra: Vec<_> = user.extra.unwrap_or_default().into_iter().collect();
        extra.sort();
        u.extra = extra
            .into_iter()
            .map(|(k, v)| SamlAttribute::new(k, v))
            .collect();
        let r = self
            .inner
            .respond(&request.inner, &u, now)
            .map_err(saml_err)?;
        Ok(parts(&r))
    }

    /// A signed Response built from `params` (IdP-initiated sign-on), issued at `now`.
    #[napi]
    pub fn build_response(
        &self,
        params: ResponseParamsInput,
        now: Option<String>,
    ) -> napi::Result<SamlResponseParts> {
        let now = now_or_clock(now)?;
        let mut p = ResponseParams::new(params.destination, params.audience, params.name_id);
        if let Some(f) = params.name_id_format {
            p.name_id_format = f;
        }
        p.in_response_to = params.in_response_to;
        p.relay_state = params.relay_state;
        let mut attrs: Vec<_> = params.attributes.unwrap_or_default().into_iter().collect();
        attrs.sort();
        p.attributes = attrs
            .into_iter()
            .map(|(k, v)| SamlAttribute::new(k, v))
            .collect();
        let r = self.inner.build_response(&p, now).map_err(saml_err)?;
        Ok(parts(&r))
    }
}

/// What a received SAML Response must match.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct VerifyResponseOptions {
    /// Expected audience (SP entity id).
    pub audience: Option<String>,
    /// Expected destination / recipient (ACS URL).
    pub destination: Option<String>,
    /// Expected issuer (IdP entity id).
    pub issuer: Option<String>,
    /// Expected `InResponseTo`.
    pub in_response_to: Option<String>,
    /// Allowed clock skew in seconds (default 60).
    pub clock_skew_seconds: Option<u32>,
    /// Checked at this instant (ISO; default the clock).
    pub now: Option<String>,
}

/// Verifies a signed SAML Response (XML or base64) with the IdP certificate; returns the
/// verified fields as JSON.
#[napi]
pub fn saml_verify_response(
    xml_or_base64: String,
    certificate_pem: String,
    options: Option<VerifyResponseOptions>,
) -> napi::Result<String> {
    let cert = Certificate::from_pem(&certificate_pem).map_err(saml_err)?;
    let o = options.unwrap_or_default();
    let now: DateTime<Utc> = match o.now {
        Some(t) => {
            huaweicloud_partner::types::parse_utc(&t).map_err(|e| invalid(format!("now: {e}")))?
        }
        None => Utc::now(),
    };
    let mut opts = saml::VerifyOptions {
        audience: o.audience,
        destination: o.destination,
        issuer: o.issuer,
        in_response_to: o.in_response_to,
        ..saml::VerifyOptions::default()
    };
    if let Some(s) = o.clock_skew_seconds {
        opts.clock_skew = chrono::Duration::seconds(i64::from(s));
    }
    let v = saml::verify_response(&xml_or_base64, &cert, now, &opts).map_err(saml_err)?;
    Ok(serde_json::json!({
        "responseId": v.response_id,
        "destination": v.destination,
        "inResponseTo": v.in_response_to,
        "responseSigned": v.response_signed,
        "assertionId": v.assertion_id,
        "issueInstant": format_utc(&v.issue_instant),
        "issuer": v.issuer,
        "nameId": v.name_id,
        "nameIdFormat": v.name_id_format,
        "sessionIndex": v.session_index,
        "notOnOrAfter": format_utc(&v.not_on_or_after),
        "attributes": v.attributes,
    })
    .to_string())
}
