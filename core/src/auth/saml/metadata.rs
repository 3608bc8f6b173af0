//! The identity provider metadata uploaded in Partner Center.

use super::response::check_http_url;
use super::xml::Writer;
use super::{Certificate, SamlError, NAMEID_TRANSIENT, NS_DSIG, NS_PROTOCOL};

/// The SAML 2.0 metadata namespace.
pub const NS_METADATA: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
/// The HTTP-Redirect binding.
pub const BINDING_REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
/// The HTTP-POST binding.
pub const BINDING_POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/// The IdP `EntityDescriptor`: `entity_id`, the signing `certificate`, the transient NameID
/// format, and `sso_url` for the HTTP-Redirect and HTTP-POST SingleSignOnService bindings.
/// `WantAuthnRequestsSigned="true"` tells IAM to sign its requests.
///
/// # Errors
///
/// [`SamlError::EmptyValue`] for an empty entityID, [`SamlError::InvalidUrl`] unless
/// `sso_url` is an absolute http(s) URL, [`SamlError::InvalidXmlChar`].
pub fn idp_metadata(
    entity_id: &str,
    certificate: &Certificate,
    sso_url: &str,
) -> Result<String, SamlError> {
    if entity_id.trim().is_empty() {
        return Err(SamlError::EmptyValue("IdP entityID"));
    }
    check_http_url(sso_url, "SSO URL")?;
    let mut w = Writer::new();
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.start(
        "md:EntityDescriptor",
        &[("md", NS_METADATA)],
        &[("entityID", entity_id)],
    );
    w.raw("\n  ");
    w.start(
        "md:IDPSSODescriptor",
        &[],
        &[
            ("WantAuthnRequestsSigned", "true"),
            ("protocolSupportEnumeration", NS_PROTOCOL),
        ],
    );
    w.raw("\n    ");
    w.start("md:KeyDescriptor", &[], &[("use", "signing")]);
    w.raw("\n      ");
    w.start("ds:KeyInfo", &[("ds", NS_DSIG)], &[]);
    w.start("ds:X509Data", &[], &[]);
    w.leaf("ds:X509Certificate", &[], &certificate.to_base64());
    w.end("ds:X509Data");
    w.end("ds:KeyInfo");
    w.raw("\n    ");
    w.end("md:KeyDescriptor");
    w.raw("\n    ");
    w.leaf("md:NameIDFormat", &[], NAMEID_TRANSIENT);
    for binding in [BINDING_REDIRECT, BINDING_POST] {
        w.raw("\n    ");
        w.leaf(
            "md:SingleSignOnService",
            &[("Binding", binding), ("Location", sso_url)],
            "",
        );
    }
    w.raw("\n  ");
    w.end("md:IDPSSODescriptor");
    w.raw("\n");
    w.end("md:EntityDescriptor");
    w.raw("\n");
    w.finish()
        .ok_or(SamlError::InvalidXmlChar("entityID or SSO URL"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert() -> Certificate {
        let pem = include_str!("../../../tests/fixtures/saml/idp_cert.pem");
        Certificate::from_pem(pem).unwrap()
    }

    #[test]
    fn metadata_shape() {
        let cert = cert();
        let xml = idp_metadata(
            "https://idp.example/?a=1&b=2",
            &cert,
            "https://idp.example/sso",
        )
        .unwrap();
        let want = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" \
             entityID=\"https://idp.example/?a=1&amp;b=2\">\n  \
             <md:IDPSSODescriptor WantAuthnRequestsSigned=\"true\" \
             protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n    \
             <md:KeyDescriptor use=\"signing\">\n      \
             <ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data>\
             <ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n    \
             </md:KeyDescriptor>\n    \
             <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient\
             </md:NameIDFormat>\n    \
             <md:SingleSignOnService \
             Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" \
             Location=\"https://idp.example/sso\"></md:SingleSignOnService>\n    \
             <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" \
             Location=\"https://idp.example/sso\"></md:SingleSignOnService>\n  \
             </md:IDPSSODescriptor>\n\
             </md:EntityDescriptor>\n",
            cert.to_base64()
        );
        assert_eq!(xml, want);
    }

    #[test]
    fn metadata_rejects_bad_input() {
        let cert = cert();
        assert_eq!(
            idp_metadata("", &cert, "https://idp/sso"),
            Err(SamlError::EmptyValue("IdP entityID"))
        );
        assert_eq!(
            idp_metadata("e", &cert, "javascript:x"),
            Err(SamlError::InvalidUrl { what: "SSO URL" })
        );
        assert!(matches!(
            idp_metadata("e\u{1}", &cert, "https://idp/sso"),
            Err(SamlError::InvalidXmlChar(_))
        ));
    }
}
