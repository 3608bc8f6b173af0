//! AuthnRequests made by another implementation (Python zlib/base64/urllib, signed with the
//! openssl command line; see `fixtures/saml/make_requests.py`) decode, and every malformed or
//! forged one gives a typed error.

use chrono::{TimeZone as _, Utc};
use huaweicloud_partner::auth::saml::{Certificate, RequestDecoder, SamlError};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saml/");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{name}")).expect(name)
}

fn sp_cert() -> Certificate {
    Certificate::from_pem(&fixture("sp_cert.pem")).unwrap()
}

fn cases() -> Vec<Value> {
    serde_json::from_str(&fixture("requests.json")).unwrap()
}

fn error_name(e: &SamlError) -> &'static str {
    match e {
        SamlError::BadSignature => "BadSignature",
        SamlError::UnsupportedSignatureAlgorithm(_) => "UnsupportedSignatureAlgorithm",
        SamlError::MissingSignature => "MissingSignature",
        SamlError::TooLarge { .. } => "TooLarge",
        SamlError::BadBase64(_) => "BadBase64",
        SamlError::BadUrlEncoding(_) => "BadUrlEncoding",
        SamlError::BadDeflate => "BadDeflate",
        SamlError::BadXml(_) => "BadXml",
        SamlError::MissingField(_) => "MissingField",
        SamlError::NotAuthnRequest(_) => "NotAuthnRequest",
        SamlError::DoctypeNotAllowed => "DoctypeNotAllowed",
        _ => "other",
    }
}

fn decode(
    case: &Value,
    verified: bool,
) -> Result<huaweicloud_partner::auth::saml::AuthnRequest, SamlError> {
    let decoder = RequestDecoder::new();
    if case["binding"] == "post" {
        return decoder.decode_post(
            case["saml_request"].as_str().unwrap(),
            case["relay_state"].as_str(),
        );
    }
    let query = case["query"].as_str().unwrap();
    if verified {
        decoder.decode_redirect(query, &sp_cert())
    } else {
        decoder.decode_redirect_unverified(query)
    }
}

#[test]
fn good_requests_decode_with_every_field() {
    let mut seen = 0;
    for case in cases().iter().filter(|c| c.get("expect").is_some()) {
        let name = case["name"].as_str().unwrap();
        let r = decode(case, true).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(r.id, "_5f0c2e8a9b1d4c6e8f0a2b4c6d8e0f1a", "{name}");
        assert_eq!(
            r.issuer.as_deref(),
            Some("https://auth.huaweicloud.com/"),
            "{name}"
        );
        assert_eq!(
            r.acs_url.as_deref(),
            Some("https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer"),
            "{name}"
        );
        assert_eq!(
            r.destination.as_deref(),
            Some("https://idp.partner.example.com/sso")
        );
        let instant = Utc.with_ymd_and_hms(2026, 12, 3, 8, 30, 12).unwrap()
            + chrono::Duration::milliseconds(345);
        assert_eq!(r.issue_instant, instant, "{name}");
        assert_eq!(
            r.name_id_format.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
        );
        assert_eq!(
            r.relay_state.as_deref(),
            case["expect"]["relay_state"].as_str(),
            "{name}"
        );
        seen += 1;
    }
    assert_eq!(seen, 5);
}

#[test]
fn bad_requests_give_typed_errors() {
    let mut seen = 0;
    for case in cases().iter().filter(|c| c.get("error").is_some()) {
        let name = case["name"].as_str().unwrap();
        let verified = case["verified"].as_bool().unwrap_or(true);
        let err = decode(case, verified).expect_err(name);
        assert_eq!(
            error_name(&err),
            case["error"].as_str().unwrap(),
            "{name}: {err}"
        );
        seen += 1;
    }
    assert_eq!(seen, 16);
}

#[test]
fn signature_is_checked_against_the_given_certificate() {
    let other = Certificate::from_pem(&fixture("other_cert.pem")).unwrap();
    let case = &cases()[0];
    let query = case["query"].as_str().unwrap();
    assert_eq!(
        RequestDecoder::new().decode_redirect(query, &other),
        Err(SamlError::BadSignature)
    );
    assert!(RequestDecoder::new()
        .decode_redirect(query, &sp_cert())
        .is_ok());
}

#[test]
fn size_limit_is_configurable() {
    let case = &cases()[0];
    let query = case["query"].as_str().unwrap();
    let small = RequestDecoder::new().max_size(100);
    assert_eq!(
        small.decode_redirect(query, &sp_cert()),
        Err(SamlError::TooLarge { limit: 100 })
    );
    let post = cases().into_iter().find(|c| c["name"] == "post").unwrap();
    let b64 = post["saml_request"].as_str().unwrap();
    assert_eq!(
        small.decode_post(b64, None),
        Err(SamlError::TooLarge { limit: 100 })
    );

    // Oversized input is refused before anything is decoded or verified.
    let huge = format!("SAMLRequest={}", "A".repeat(1 << 20));
    let default = RequestDecoder::new();
    let limit = huaweicloud_partner::auth::saml::DEFAULT_MAX_REQUEST_SIZE;
    let too_large = Err(SamlError::TooLarge { limit });
    assert_eq!(default.decode_redirect(&huge, &sp_cert()), too_large);
    assert_eq!(default.decode_redirect_unverified(&huge), too_large);
    assert_eq!(default.decode_post(&huge[12..], None), too_large);
}

#[test]
fn errors_convert_to_invalid_input() {
    let err: huaweicloud_partner::Error = SamlError::MissingSignature.into();
    assert_eq!(err.kind(), huaweicloud_partner::ErrorKind::InvalidInput);
}
