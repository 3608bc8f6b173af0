//! Verification of received SAML Responses: our own signed Responses, Responses signed by
//! other XML-DSig implementations (xmlsec1 at test time, signxml in a committed fixture),
//! tampering, signature wrapping, validity windows and malformed input.
//!
//! xmlsec1 must be on PATH (`apt-get install xmlsec1`), as for `saml_xmlsec.rs`.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;
use chrono::{DateTime, Duration, TimeZone as _, Utc};
use huaweicloud_partner::auth::saml::{
    verify_response, Certificate, IdentityProvider, RequestDecoder, ResponseOptions,
    ResponseParams, SamlAttribute, SamlError, SamlResponse, SamlUser, SigningKey, VerifiedResponse,
    VerifyOptions,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saml/");
const IDP_ENTITY: &str = "https://idp.partner.example.com";
const ACS: &str = "https://iam.example/v3.0/OS-FEDERATION/tokens";
const AUDIENCE: &str = "https://iam.example/";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{name}")).expect(name)
}

fn cert(name: &str) -> Certificate {
    Certificate::from_pem(&fixture(name)).unwrap()
}

fn idp(key_file: &str, sign_response: bool) -> IdentityProvider {
    let key = SigningKey::from_pem(&fixture(key_file)).unwrap();
    let options = ResponseOptions {
        sign_response,
        ..ResponseOptions::default()
    };
    IdentityProvider::new(IDP_ENTITY, key, cert("idp_cert.pem"))
        .unwrap()
        .with_options(options)
}

/// 2026-12-03 08:30:15 UTC, the issue instant of every Response here.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 8, 30, 15).unwrap()
}

fn params() -> ResponseParams {
    let mut p = ResponseParams::new(ACS, AUDIENCE, "user-42");
    p.attributes = vec![
        SamlAttribute::new("IAM_SAML_Attributes_domain_id", "d-1"),
        SamlAttribute::new("IAM_SAML_Attributes_idp_id", "sandbox_IDP"),
        SamlAttribute {
            values: vec!["a&b <c>".into(), "\"q\" 'x'\r\n中文".into()],
            ..SamlAttribute::new("groups", "")
        },
    ];
    p
}

fn own(key_file: &str, sign_response: bool) -> SamlResponse {
    idp(key_file, sign_response)
        .build_response(&params(), t0())
        .unwrap()
}

fn options() -> VerifyOptions {
    VerifyOptions {
        audience: Some(AUDIENCE.into()),
        destination: Some(ACS.into()),
        issuer: Some(IDP_ENTITY.into()),
        ..VerifyOptions::default()
    }
}

fn verify(xml: &str) -> Result<VerifiedResponse, SamlError> {
    verify_response(xml, &cert("idp_cert.pem"), t0(), &options())
}

fn temp_file(xml: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("saml-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("t{}.xml", N.fetch_add(1, Ordering::SeqCst)));
    std::fs::write(&path, xml).unwrap();
    path
}

/// Signs the signature template selected by `xpath` with xmlsec1 and the test IdP key.
fn xmlsec_sign(template: &str, xpath: &str) -> String {
    let input = temp_file(template);
    let output = input.with_extension("signed.xml");
    let key = format!("{FIXTURES}idp_key.pkcs8.pem,{FIXTURES}idp_cert.pem");
    let out = Command::new("xmlsec1")
        .args(["--sign", "--privkey-pem", &key])
        .args([
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
        ])
        .args([
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:protocol:Response",
        ])
        .args(["--node-xpath", xpath, "--output"])
        .arg(&output)
        .arg(&input)
        .output()
        .expect("xmlsec1 could not be run; install it (apt-get install xmlsec1)");
    assert!(
        out.status.success(),
        "xmlsec1 --sign failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let signed = std::fs::read_to_string(&output).unwrap();
    std::fs::remove_file(&input).ok();
    std::fs::remove_file(&output).ok();
    signed
}

const ASSERTION_SIG: &str = "//*[local-name()='Assertion']/*[local-name()='Signature']";
const RESPONSE_SIG: &str = "/*[local-name()='Response']/*[local-name()='Signature']";

/// The foreign template signed on the Assertion (and on the Response when `response`).
fn foreign(crlf: bool, response: bool) -> String {
    let mut template = fixture("foreign_template.xml");
    if response {
        let sig = r##"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>
<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"/>
<ds:Reference URI="#_foreign-response"><ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha512"/>
<ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/></ds:Signature>"##;
        let at = template.find("</saml:Issuer>").unwrap() + "</saml:Issuer>".len();
        template.insert_str(at, sig);
    }
    if crlf {
        template = template.replace('\n', "\r\n");
    }
    let signed = xmlsec_sign(&template, ASSERTION_SIG);
    if response {
        xmlsec_sign(&signed, RESPONSE_SIG)
    } else {
        signed
    }
}

fn foreign_options() -> VerifyOptions {
    VerifyOptions {
        audience: Some(AUDIENCE.into()),
        destination: Some(ACS.into()),
        issuer: Some("https://foreign-idp.example/".into()),
        ..VerifyOptions::default()
    }
}

/// Replaces the one occurrence of `from` (which must exist) with `to`.
fn tamper(xml: &str, from: &str, to: &str) -> String {
    assert_eq!(xml.matches(from).count(), 1, "{from} must occur once");
    xml.replacen(from, to, 1)
}

/// The text of the `n`-th `<tag>..</tag>`.
fn nth_text<'a>(xml: &'a str, tag: &str, n: usize) -> &'a str {
    let open = format!("<{tag}>");
    let start = xml.match_indices(&open).nth(n).unwrap().0 + open.len();
    let end = xml[start..].find('<').unwrap() + start;
    &xml[start..end]
}

/// `text` with its base64 digit at `at` replaced by another.
fn flip_b64(text: &str, at: usize) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

/// The `<saml:Assertion ...>...</saml:Assertion>` element of `xml`.
fn assertion_of(xml: &str) -> &str {
    let start = xml.find("<saml:Assertion").unwrap();
    let end = xml.find("</saml:Assertion>").unwrap() + "</saml:Assertion>".len();
    &xml[start..end]
}

#[test]
fn own_responses_verify_with_both_key_encodings_and_variants() {
    for key in ["idp_key.pkcs1.pem", "idp_key.pkcs8.pem"] {
        for sign_response in [false, true] {
            let r = own(key, sign_response);
            for input in [r.xml().to_owned(), r.to_base64().expose().to_owned()] {
                let v = verify(&input).unwrap_or_else(|e| panic!("{key} {sign_response}: {e}"));
                assert_eq!(v.response_signed, sign_response);
                assert_eq!(v.response_id, r.response_id());
                assert_eq!(v.assertion_id, r.assertion_id());
                assert_eq!(v.issuer, IDP_ENTITY);
                assert_eq!(v.name_id, "user-42");
                assert_eq!(
                    v.name_id_format.as_deref(),
                    Some("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
                );
                assert_eq!(v.destination.as_deref(), Some(ACS));
                assert_eq!(v.issue_instant, t0());
                assert_eq!(v.not_on_or_after, t0() + Duration::minutes(5));
                assert!(v
                    .session_index
                    .as_deref()
                    .is_some_and(|s| s.starts_with('_')));
                assert_eq!(v.attribute("IAM_SAML_Attributes_domain_id"), Some("d-1"));
                assert_eq!(
                    v.attributes["groups"],
                    vec!["a&b <c>".to_owned(), "\"q\" 'x'\r\n中文".to_owned()]
                );
            }
        }
    }
}

#[test]
fn answer_to_an_authn_request_checks_in_response_to() {
    let xml = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
        ID="_req-1" Version="2.0" IssueInstant="2026-12-03T08:30:12Z"/>"#;
    let b64 = base64::engine::general_purpose::STANDARD.encode(xml);
    let request = RequestDecoder::new().decode_post(&b64, None).unwrap();
    let r = idp("idp_key.pkcs8.pem", false)
        .respond(&request, &SamlUser::new("u-1"), t0())
        .unwrap();
    let site = ResponseOptions::default();
    let mut opts = VerifyOptions {
        audience: Some(site.audience.clone()),
        destination: Some(site.acs_url.clone()),
        in_response_to: Some("_req-1".into()),
        ..VerifyOptions::default()
    };
    let v = verify_response(r.xml(), &cert("idp_cert.pem"), t0(), &opts).unwrap();
    assert_eq!(v.in_response_to.as_deref(), Some("_req-1"));
    assert_eq!(v.attribute("xUserId"), Some("u-1"));
    opts.in_response_to = Some("_req-2".into());
    assert!(matches!(
        verify_response(r.xml(), &cert("idp_cert.pem"), t0(), &opts),
        Err(SamlError::Mismatch {
            field: "InResponseTo",
            ..
        })
    ));
}

#[test]
fn responses_signed_by_xmlsec1_verify() {
    for crlf in [false, true] {
        for response in [false, true] {
            let xml = foreign(crlf, response);
            let v = verify_response(&xml, &cert("idp_cert.pem"), t0(), &foreign_options())
                .unwrap_or_else(|e| panic!("crlf {crlf} response {response}: {e}\n{xml}"));
            assert_eq!(v.response_signed, response);
            assert_eq!(v.response_id, "_foreign-response");
            assert_eq!(v.assertion_id, "_foreign-assertion");
            assert_eq!(v.name_id, "alice&co");
            assert_eq!(v.session_index.as_deref(), Some("_foreign-session"));
            assert_eq!(v.attribute("IAM_SAML_Attributes_domain_id"), Some("d-1"));
            assert_eq!(
                v.attributes["groups"],
                vec!["a".to_owned(), "b <c> 中文 <raw & cdata>".to_owned()]
            );
            assert!(v.attributes.contains_key("structured"));
            // Still rejected with the wrong key, and once the signed content changes.
            assert_eq!(
                verify_response(&xml, &cert("other_cert.pem"), t0(), &foreign_options())
                    .unwrap_err(),
                SamlError::BadSignature
            );
            // The InclusiveNamespaces of SignedInfo count: a shorter list breaks the signature
            // (or, first, the digest of the Response that covers it).
            let fewer = tamper(&xml, "PrefixList=\"samlp xsi\"", "PrefixList=\"samlp\"");
            let expected = if response {
                SamlError::DigestMismatch("Response")
            } else {
                SamlError::BadSignature
            };
            assert_eq!(
                verify_response(&fewer, &cert("idp_cert.pem"), t0(), &foreign_options())
                    .unwrap_err(),
                expected
            );
            let changed = tamper(&xml, ">d-1<", ">d-2<");
            assert!(matches!(
                verify_response(&changed, &cert("idp_cert.pem"), t0(), &foreign_options()),
                Err(SamlError::DigestMismatch(_))
            ));
        }
    }
}

#[test]
fn response_signed_by_signxml_verifies() {
    let xml = fixture("signxml_response.xml");
    let opts = VerifyOptions {
        audience: Some(AUDIENCE.into()),
        destination: Some(ACS.into()),
        ..VerifyOptions::default()
    };
    let v = verify_response(&xml, &cert("idp_cert.pem"), t0(), &opts).unwrap();
    assert_eq!(v.issuer, "https://signxml.example/");
    assert_eq!(v.name_id, "bob");
    assert_eq!(
        v.attribute("IAM_SAML_Attributes_domain_id"),
        Some("domain & 1")
    );
    let changed = tamper(&xml, "domain &amp; 1", "domain &amp; 2");
    assert_eq!(
        verify_response(&changed, &cert("idp_cert.pem"), t0(), &opts).unwrap_err(),
        SamlError::DigestMismatch("Assertion")
    );
}

/// A tampering case: what was changed, the document, and which errors are right.
type Case = (&'static str, String, fn(&SamlError) -> bool);

/// The tampering cases shared by every signed variant, with the error each must give.
fn tampered(xml: &str) -> Vec<Case> {
    let assertion = assertion_of(xml);
    let sig_count = xml.matches("SignatureValue>").count() / 2;
    let assertion_sig = nth_text(xml, "ds:SignatureValue", sig_count - 1);
    let assertion_digest = nth_text(xml, "ds:DigestValue", sig_count - 1);
    let sig_start = assertion.find("<ds:Signature").unwrap();
    let sig_end = assertion.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let unsigned_assertion = format!("{}{}", &assertion[..sig_start], &assertion[sig_end..]);
    let evil = tamper(assertion, ">user-42</saml:NameID>", ">admin</saml:NameID>");
    vec![
        (
            "text in the Assertion",
            tamper(xml, ">user-42</saml:NameID>", ">user-43</saml:NameID>"),
            |e| matches!(e, SamlError::DigestMismatch(_)),
        ),
        ("attribute value", tamper(xml, ">d-1<", ">d-2<"), |e| {
            matches!(e, SamlError::DigestMismatch(_))
        }),
        (
            "XML attribute",
            xml.replacen(" SessionIndex=\"_", " SessionIndex=\"_x", 1),
            |e| matches!(e, SamlError::DigestMismatch(_)),
        ),
        (
            "signature value",
            tamper(xml, assertion_sig, &flip_b64(assertion_sig, 12)),
            |e| *e == SamlError::BadSignature || matches!(e, SamlError::DigestMismatch(_)),
        ),
        (
            "digest value",
            tamper(xml, assertion_digest, &flip_b64(assertion_digest, 4)),
            |e| *e == SamlError::BadSignature || matches!(e, SamlError::DigestMismatch(_)),
        ),
        (
            "signature removed",
            tamper(xml, assertion, &unsigned_assertion),
            |e| *e == SamlError::AssertionNotSigned || *e == SamlError::DigestMismatch("Response"),
        ),
        (
            "forged Assertion before the signed one",
            tamper(xml, assertion, &format!("{evil}{assertion}")),
            |e| matches!(e, SamlError::SignatureWrapping(_)),
        ),
        (
            "signed Assertion moved into Extensions, forged one in its place",
            tamper(
                xml,
                assertion,
                &format!(
                    "<samlp:Extensions>{assertion}</samlp:Extensions>{}",
                    evil.replace("ID=\"_", "ID=\"_evil")
                ),
            ),
            |e| matches!(e, SamlError::SignatureWrapping(_)),
        ),
        (
            "signed Assertion moved into Extensions",
            tamper(
                xml,
                assertion,
                &format!("<samlp:Extensions>{assertion}</samlp:Extensions>"),
            ),
            |e| matches!(e, SamlError::SignatureWrapping(_)),
        ),
        (
            "Reference to another element",
            {
                let id = &assertion[assertion.find(" ID=\"").unwrap() + 5..];
                let id = &id[..id.find('"').unwrap()];
                let other = xml.replacen(&format!("URI=\"#{id}\""), "URI=\"#_other\"", 1);
                other.replacen("<saml:Subject>", "<saml:Subject ID=\"_other\">", 1)
            },
            |e| {
                matches!(e, SamlError::SignatureWrapping(_))
                    || *e == SamlError::DigestMismatch("Response")
            },
        ),
    ]
}

#[test]
fn tampering_is_rejected_with_typed_errors() {
    let own_assertion = own("idp_key.pkcs1.pem", false).xml().to_owned();
    let own_both = own("idp_key.pkcs8.pem", true).xml().to_owned();
    for (variant, xml) in [("assertion", &own_assertion), ("both", &own_both)] {
        verify(xml).unwrap();
        for (what, bad, expected) in tampered(xml) {
            let got = verify(&bad);
            assert!(
                got.as_ref().is_err_and(expected),
                "{variant}: {what}: {got:?}"
            );
        }
    }
    assert_eq!(
        verify_response(&own_assertion, &cert("other_cert.pem"), t0(), &options()).unwrap_err(),
        SamlError::BadSignature
    );

    // With both signed, the Response signature covers what lies outside the Assertion.
    let destination = own_both.replacen(
        "Destination=\"https://iam.example/",
        "Destination=\"https://iam.example/x",
        1,
    );
    let opts = VerifyOptions {
        destination: None,
        ..options()
    };
    let cert = cert("idp_cert.pem");
    assert_eq!(
        verify_response(&destination, &cert, t0(), &opts).unwrap_err(),
        SamlError::DigestMismatch("Response")
    );
    assert!(matches!(
        verify_response(&destination, &cert, t0(), &options()),
        Err(SamlError::DigestMismatch("Response") | SamlError::Mismatch { .. })
    ));
    let shared_id = {
        let id = own_both
            .split("ID=\"")
            .nth(2)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        own_both.replacen("<saml:Subject>", &format!("<saml:Subject ID=\"{id}\">"), 1)
    };
    assert_eq!(
        verify(&shared_id).unwrap_err(),
        SamlError::SignatureWrapping("two elements share an ID")
    );
}

#[test]
fn unsupported_algorithms_are_named() {
    let xml = own("idp_key.pkcs1.pem", false).xml().to_owned();
    let sha1 = tamper(
        &xml,
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "http://www.w3.org/2000/09/xmldsig#sha1",
    );
    assert!(matches!(
        verify(&sha1),
        Err(SamlError::UnsupportedAlgorithm {
            what: "digest method",
            ..
        })
    ));
    let inclusive = tamper(
        &xml,
        "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"></ds:Transform>",
        "<ds:Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\">\
         </ds:Transform>",
    );
    assert!(matches!(
        verify(&inclusive),
        Err(SamlError::UnsupportedAlgorithm {
            what: "transform",
            ..
        })
    ));
}

#[test]
fn validity_windows_allow_only_the_clock_skew() {
    let xml = own("idp_key.pkcs8.pem", false).xml().to_owned();
    let cert = cert("idp_cert.pem");
    let at = |now| verify_response(&xml, &cert, now, &options());
    // NotBefore is t0 - 60 s (the IdP's own allowance), NotOnOrAfter t0 + 5 min; the
    // verifier allows another 60 s each way.
    at(t0() - Duration::seconds(120)).unwrap();
    at(t0() + Duration::seconds(359)).unwrap();
    assert!(matches!(
        at(t0() - Duration::seconds(121)),
        Err(SamlError::NotYetValid { .. })
    ));
    assert!(matches!(
        at(t0() + Duration::seconds(360)),
        Err(SamlError::Expired { .. })
    ));
    let strict = VerifyOptions {
        clock_skew: Duration::zero(),
        ..options()
    };
    assert!(matches!(
        verify_response(&xml, &cert, t0() + Duration::minutes(5), &strict),
        Err(SamlError::Expired { .. })
    ));
}

#[test]
fn expectations_are_checked() {
    let xml = own("idp_key.pkcs8.pem", false).xml().to_owned();
    let cert = cert("idp_cert.pem");
    let cases = [
        (
            VerifyOptions {
                audience: Some("https://other-sp/".into()),
                ..options()
            },
            "Audience",
        ),
        (
            VerifyOptions {
                destination: Some("https://iam.example/other".into()),
                ..options()
            },
            "Destination",
        ),
        (
            VerifyOptions {
                issuer: Some("https://other-idp/".into()),
                ..options()
            },
            "Issuer",
        ),
    ];
    for (opts, field) in cases {
        match verify_response(&xml, &cert, t0(), &opts) {
            Err(SamlError::Mismatch { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    // Without a Destination attribute the Recipient is still checked.
    let mut p = params();
    p.destination = "https://iam.example/elsewhere".into();
    let r = idp("idp_key.pkcs8.pem", false)
        .build_response(&p, t0())
        .unwrap();
    let no_destination = r
        .xml()
        .replacen(" Destination=\"https://iam.example/elsewhere\"", "", 1);
    assert!(matches!(
        verify_response(&no_destination, &cert, t0(), &options()),
        Err(SamlError::Mismatch {
            field: "Recipient",
            ..
        })
    ));
    // Default options check signatures and windows only.
    verify_response(&xml, &cert, t0(), &VerifyOptions::default()).unwrap();
}

#[test]
fn failed_status_is_reported() {
    let xml =
        own("idp_key.pkcs8.pem", false)
            .xml()
            .replacen("status:Success", "status:Requester", 1);
    assert_eq!(
        verify(&xml).unwrap_err(),
        SamlError::StatusNotSuccess("urn:oasis:names:tc:SAML:2.0:status:Requester".into())
    );
}

#[test]
fn malformed_input_gives_errors_not_panics() {
    let good = own("idp_key.pkcs8.pem", true).xml().to_owned();
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">\
                <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\
                <samlp:Response>&b;</samlp:Response>";
    let deep = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    let huge = format!("<r>{}</r>", "x".repeat(300 * 1024));
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("blank", "  \n ".into()),
        ("not base64", "%%% not base64 %%%".into()),
        (
            "base64 of garbage",
            base64::engine::general_purpose::STANDARD.encode([0xff, 0xfe, 0x00, 0x01]),
        ),
        ("lone bracket", "<".into()),
        ("other root", "<x/>".into()),
        ("entity bomb", bomb.into()),
        ("deep nesting", deep),
        ("too large", huge),
        (
            "no assertion",
            "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" \
             Version=\"2.0\"><samlp:Status><samlp:StatusCode \
             Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>\
             </samlp:Response>"
                .into(),
        ),
        ("unclosed", good[..good.len() - 3].to_owned()),
    ];
    for (what, input) in &cases {
        assert!(verify(input).is_err(), "{what} accepted");
    }
    assert_eq!(
        verify(&cases[6].1).unwrap_err(),
        SamlError::DoctypeNotAllowed
    );
    assert!(matches!(
        verify(&cases[8].1).unwrap_err(),
        SamlError::TooLarge { .. }
    ));

    // Every prefix of a valid Response, and single-byte changes all over it.
    for cut in (0..good.len()).step_by(97) {
        assert!(
            verify(&good[..cut]).is_err(),
            "prefix of {cut} bytes accepted"
        );
    }
    for at in (0..good.len()).step_by(13) {
        if !good.is_char_boundary(at) || !good.is_char_boundary(at + 1) {
            continue;
        }
        for replacement in ["<", ">", "&", "\"", "x", ":"] {
            let mut bad = good.clone();
            bad.replace_range(at..=at, replacement);
            // Outcome depends on the spot; the point is that nothing panics.
            let _ = verify(&bad);
        }
    }
}

#[test]
fn inclusive_prefix_list_with_default_matches_xmlsec1() {
    // The default namespace is in scope on the Assertion (declared on the Response) but not
    // used by it; `#default` in the PrefixList asks for it all the same.
    let template = fixture("foreign_template.xml")
        .replacen("xmlns:unused=\"urn:unused\"", "xmlns=\"urn:unused\"", 1)
        .replacen("PrefixList=\"xs\"", "PrefixList=\"#default xs\"", 1);
    let xml = xmlsec_sign(&template, ASSERTION_SIG);
    verify_response(&xml, &cert("idp_cert.pem"), t0(), &foreign_options()).unwrap();
}
