//! Web UI single sign-on with the partner platform as SAML 2.0 identity provider (IdP) and
//! Huawei Cloud IAM as service provider (SP). Nothing here makes an HTTP call.
//!
//! The flow, and the piece of this module for each step:
//!
//! 1. The partner sends the customer's browser to IAM: [`LoginUrl`].
//! 2. IAM redirects the browser to the partner's SSO URL with a signed `SAMLRequest`
//!    (HTTP-Redirect binding): [`RequestDecoder::decode_redirect`] checks the signature with
//!    IAM's SP certificate and returns the [`AuthnRequest`].
//! 3. The partner authenticates its user and answers with a signed Response:
//!    [`IdentityProvider::respond`] gives a [`SamlResponse`], whose
//!    [`SamlResponse::post_form_html`] is the page that posts it to IAM's ACS URL.
//!
//! Before all this, the partner uploads its IdP metadata in Partner Center:
//! [`IdentityProvider::metadata_xml`].
//!
//! Signatures are enveloped XML-DSig over the Assertion (and, optionally, the Response) with
//! exclusive canonicalisation, RSA-SHA256 and SHA-256 digests. The documents are written
//! directly in exclusive canonical form (see the `xml` submodule); the tests check the output
//! with xmlsec1.
//!
//! The other direction, for a service provider (such as the sandbox's IAM federation
//! endpoint) or for checking what an identity provider sends: [`verify_response`] parses a
//! received Response safely, canonicalises it with a general exclusive canonicaliser, checks
//! its signatures against a trusted [`Certificate`], guards against signature wrapping and
//! checks the validity window, audience, recipient and status ([`VerifyOptions`]), and returns
//! a [`VerifiedResponse`].
//!
//! ```no_run
//! use chrono::Utc;
//! use huaweicloud_partner::auth::saml::{
//!     Certificate, IdentityProvider, RequestDecoder, SamlUser, SigningKey,
//! };
//!
//! # fn run(query: &str, key_pem: &str, cert_pem: &str, sp_cert_pem: &str)
//! #     -> Result<(), huaweicloud_partner::auth::saml::SamlError> {
//! let idp = IdentityProvider::new(
//!     "https://idp.partner.example.com",
//!     SigningKey::from_pem(key_pem)?,
//!     Certificate::from_pem(cert_pem)?,
//! )?;
//! let request =
//!     RequestDecoder::new().decode_redirect(query, &Certificate::from_pem(sp_cert_pem)?)?;
//! let mut user = SamlUser::new("user-42");
//! user.account_id = Some("acct-42".into());
//! let response = idp.respond(&request, &user, Utc::now())?;
//! let page = response.post_form_html(); // serve with Content-Type text/html
//! # let _ = page;
//! # Ok(())
//! # }
//! ```
//!
//! # Limitations
//!
//! * The attribute names and the validity window IAM expects were not confirmed on a Huawei
//!   page; both are configurable ([`AttributeMap`], [`ResponseOptions`]).
//! * An XML signature embedded in an HTTP-POST binding `SAMLRequest` is not checked (IAM
//!   signs the HTTP-Redirect binding, which is checked).
//! * Only RSA keys (2048 to 4096 bits) and RSA-SHA256 are supported for signing.
//! * [`verify_response`] accepts RSA-SHA256/384/512 with SHA-256/384/512 digests and
//!   exclusive canonicalisation only (no inclusive c14n, no SHA-1, no DSA/ECDSA), one trusted
//!   certificate per call (try each during a key rollover), no `EncryptedAssertion`, and
//!   requires the Assertion itself to be signed. `KeyInfo` is ignored, and the certificate's
//!   validity dates are not checked (the key is trusted as configured).

mod c14n;
mod consume;
mod dom;
mod dsig;
mod error;
mod html;
mod keys;
mod login;
mod metadata;
mod request;
mod response;
mod verify;
mod xml;

pub use consume::{verify_response, VerifiedResponse, VerifyOptions, DEFAULT_MAX_RESPONSE_SIZE};
pub use error::SamlError;
pub use html::{html_escape, post_form};
pub use keys::{Certificate, SigningKey};
pub use login::{encode_uri_component, BaseUrl, LoginUrl, Site, URI_COMPONENT};
pub use metadata::{idp_metadata, BINDING_POST, BINDING_REDIRECT, NS_METADATA};
pub use request::{AuthnRequest, RedirectQuery, RequestDecoder, DEFAULT_MAX_REQUEST_SIZE};
pub use response::{
    new_id, AttributeMap, IdentityProvider, ResponseOptions, ResponseParams, SamlAttribute,
    SamlResponse, SamlUser,
};

/// The SAML 2.0 assertion namespace (`saml:`).
pub const NS_ASSERTION: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
/// The SAML 2.0 protocol namespace (`samlp:`).
pub const NS_PROTOCOL: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
/// The XML-DSig namespace (`ds:`).
pub const NS_DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
/// The RSA-SHA256 signature algorithm (`SigAlg`, `SignatureMethod`).
pub const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
/// Exclusive XML canonicalisation 1.0 without comments.
pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
/// The transient NameID format.
pub const NAMEID_TRANSIENT: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
/// The `uri` attribute name format.
pub const ATTRNAME_URI: &str = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
