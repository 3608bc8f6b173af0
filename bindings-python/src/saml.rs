//! SAML single sign-on helpers of the core (`huaweicloud_partner.saml`). Nothing here makes
//! an HTTP call; the Python module adds the documented, typed surface.

use chrono::{DateTime, Duration, Utc};
use huaweicloud_partner::auth::saml::{
    verify_response, AuthnRequest, Certificate, IdentityProvider, LoginUrl, RequestDecoder,
    ResponseOptions, ResponseParams, SamlAttribute, SamlError, SamlResponse, SamlUser, Site,
    VerifyOptions,
};
use huaweicloud_partner::types::format_utc;
use pyo3::prelude::*;

/// The Python `SamlError` for a core SAML error.
fn err(e: SamlError) -> PyErr {
    Python::attach(|py| {
        let built = py
            .import("huaweicloud_partner.saml")
            .and_then(|m| m.getattr("SamlError"))
            .and_then(|cls| cls.call1((e.to_string(),)));
        match built {
            Ok(exc) => PyErr::from_value(exc),
            Err(import_failed) => import_failed,
        }
    })
}

fn site(name: &str) -> Result<Site, SamlError> {
    match name.to_ascii_lowercase().as_str() {
        "china" | "cn" => Ok(Site::China),
        "international" | "intl" => Ok(Site::International),
        "europe" | "eu" => Ok(Site::Europe),
        _ => Site::custom(name),
    }
}

fn instant(ts: Option<i64>) -> DateTime<Utc> {
    ts.and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(Utc::now)
}

/// The URL that sends a customer's browser to IAM to start the single sign-on.
#[pyfunction]
#[pyo3(signature = (site_name, x_account_type, first_login, service = None))]
pub(crate) fn saml_login_url(
    site_name: &str,
    x_account_type: &str,
    first_login: bool,
    service: Option<String>,
) -> PyResult<String> {
    let mut url = LoginUrl::new(site(site_name).map_err(err)?, x_account_type);
    url = url.first_login(first_login);
    if let Some(s) = service {
        url = url.service(s);
    }
    url.build().map_err(err)
}

/// A decoded `AuthnRequest`.
#[pyclass(module = "huaweicloud_partner._native", frozen)]
pub(crate) struct NativeAuthnRequest {
    inner: AuthnRequest,
}

#[pymethods]
impl NativeAuthnRequest {
    /// `(id, issue_instant, issuer, acs_url, destination, protocol_binding, name_id_format,
    /// force_authn, is_passive, relay_state)`; the instant as `YYYY-MM-DDThh:mm:ssZ`.
    #[allow(clippy::type_complexity)]
    fn fields(
        &self,
    ) -> (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        bool,
        bool,
        Option<String>,
    ) {
        let r = &self.inner;
        (
            r.id.clone(),
            format_utc(&r.issue_instant),
            r.issuer.clone(),
            r.acs_url.clone(),
            r.destination.clone(),
            r.protocol_binding.clone(),
            r.name_id_format.clone(),
            r.force_authn,
            r.is_passive,
            r.relay_state.clone(),
        )
    }
}

/// Decodes a signed HTTP-Redirect `SAMLRequest`, checking it with IAM's certificate.
#[pyfunction]
#[pyo3(signature = (query_or_url, sp_cert_pem, max_size = None))]
pub(crate) fn saml_decode_redirect(
    query_or_url: &str,
    sp_cert_pem: &str,
    max_size: Option<usize>,
) -> PyResult<NativeAuthnRequest> {
    let cert = Certificate::from_pem(sp_cert_pem).map_err(err)?;
    let mut decoder = RequestDecoder::new();
    if let Some(n) = max_size {
        decoder = decoder.max_size(n);
    }
    let inner = decoder.decode_redirect(query_or_url, &cert).map_err(err)?;
    Ok(NativeAuthnRequest { inner })
}

/// A signed SAML Response (a bearer credential).
#[pyclass(module = "huaweicloud_partner._native", frozen)]
pub(crate) struct NativeSamlResponse {
    inner: SamlResponse,
}

#[pymethods]
impl NativeSamlResponse {
    fn xml(&self) -> String {
        self.inner.xml().to_owned()
    }

    fn to_base64(&self) -> String {
        self.inner.to_base64().expose().to_owned()
    }

    fn post_form_html(&self) -> String {
        self.inner.post_form_html().expose().to_owned()
    }

    fn destination(&self) -> String {
        self.inner.destination().to_owned()
    }

    fn relay_state(&self) -> Option<String> {
        self.inner.relay_state().map(str::to_owned)
    }

    fn response_id(&self) -> String {
        self.inner.response_id().to_owned()
    }

    fn assertion_id(&self) -> String {
        self.inner.assertion_id().to_owned()
    }
}

/// The partner platform as SAML identity provider.
#[pyclass(module = "huaweicloud_partner._native", frozen)]
pub(crate) struct NativeIdentityProvider {
    inner: IdentityProvider,
}

#[pymethods]
impl NativeIdentityProvider {
    #[new]
    fn new(
        entity_id: &str,
        key_pem: &str,
        cert_pem: &str,
        site_name: &str,
        validity_s: i64,
        skew_s: i64,
        sign_response: bool,
    ) -> PyResult<Self> {
        use huaweicloud_partner::auth::saml::SigningKey;
        let key = SigningKey::from_pem(key_pem).map_err(err)?;
        let cert = Certificate::from_pem(cert_pem).map_err(err)?;
        let mut options = ResponseOptions::for_site(&site(site_name).map_err(err)?);
        options.validity = Duration::seconds(validity_s);
        options.clock_skew = Duration::seconds(skew_s);
        options.sign_response = sign_response;
        let inner = IdentityProvider::new(entity_id, key, cert)
            .map_err(err)?
            .with_options(options);
        Ok(Self { inner })
    }

    fn entity_id(&self) -> String {
        self.inner.entity_id().to_owned()
    }

    fn acs_url(&self) -> String {
        self.inner.options().acs_url.clone()
    }

    fn audience(&self) -> String {
        self.inner.options().audience.clone()
    }

    fn metadata_xml(&self, sso_url: &str) -> PyResult<String> {
        self.inner.metadata_xml(sso_url).map_err(err)
    }

    /// Answers `request` for a user given as `(user_id, account_id, bp_id, name, email,
    /// mobile, extra)`; `now` in Unix seconds (default: the current time).
    #[pyo3(signature = (request, user, extra, now = None))]
    #[allow(clippy::type_complexity)]
    fn respond(
        &self,
        request: &NativeAuthnRequest,
        user: (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ),
        extra: Vec<(String, String)>,
        now: Option<i64>,
    ) -> PyResult<NativeSamlResponse> {
        let (user_id, account_id, bp_id, name, email, mobile) = user;
        let u = SamlUser {
            user_id,
            account_id,
            bp_id,
            name,
            email,
            mobile,
            extra: extra
                .into_iter()
                .map(|(k, v)| SamlAttribute::new(k, v))
                .collect(),
        };
        let inner = self
            .inner
            .respond(&request.inner, &u, instant(now))
            .map_err(err)?;
        Ok(NativeSamlResponse { inner })
    }

    /// Builds a Response without an `AuthnRequest` (IdP-initiated flows).
    #[pyo3(signature = (
        destination, audience, name_id, attributes, relay_state, in_response_to, now = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn build_response(
        &self,
        destination: &str,
        audience: &str,
        name_id: &str,
        attributes: Vec<(String, String)>,
        relay_state: Option<String>,
        in_response_to: Option<String>,
        now: Option<i64>,
    ) -> PyResult<NativeSamlResponse> {
        let mut params = ResponseParams::new(destination, audience, name_id);
        params.attributes = attributes
            .into_iter()
            .map(|(k, v)| SamlAttribute::new(k, v))
            .collect();
        params.relay_state = relay_state;
        params.in_response_to = in_response_to;
        let inner = self
            .inner
            .build_response(&params, instant(now))
            .map_err(err)?;
        Ok(NativeSamlResponse { inner })
    }
}

/// What a verified Response says, as a JSON object (instants as `YYYY-MM-DDThh:mm:ssZ`).
#[pyfunction]
#[pyo3(signature = (
    xml_or_base64, idp_cert_pem, audience, destination, issuer, in_response_to, skew_s, now
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn saml_verify_response(
    xml_or_base64: &str,
    idp_cert_pem: &str,
    audience: Option<String>,
    destination: Option<String>,
    issuer: Option<String>,
    in_response_to: Option<String>,
    skew_s: i64,
    now: Option<i64>,
) -> PyResult<String> {
    let cert = Certificate::from_pem(idp_cert_pem).map_err(err)?;
    let options = VerifyOptions {
        audience,
        destination,
        issuer,
        in_response_to,
        clock_skew: Duration::seconds(skew_s),
        ..VerifyOptions::default()
    };
    let v = verify_response(xml_or_base64, &cert, instant(now), &options).map_err(err)?;
    Ok(serde_json::json!({
        "response_id": v.response_id,
        "destination": v.destination,
        "in_response_to": v.in_response_to,
        "response_signed": v.response_signed,
        "assertion_id": v.assertion_id,
        "issue_instant": format_utc(&v.issue_instant),
        "issuer": v.issuer,
        "name_id": v.name_id,
        "name_id_format": v.name_id_format,
        "session_index": v.session_index,
        "not_on_or_after": format_utc(&v.not_on_or_after),
        "attributes": v.attributes,
    })
    .to_string())
}
