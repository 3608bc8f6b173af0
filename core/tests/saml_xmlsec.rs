//! Signed SAML Responses checked by an independent XML-DSig implementation: xmlsec1.
//!
//! xmlsec1 must be on PATH (`apt-get install xmlsec1`); without it these tests fail.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;
use chrono::{TimeZone as _, Utc};
use huaweicloud_partner::auth::saml::{
    AuthnRequest, Certificate, IdentityProvider, RequestDecoder, ResponseOptions, ResponseParams,
    SamlAttribute, SamlResponse, SamlUser, SigningKey,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saml/");
const ASSERTION: &str = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion";
const RESPONSE: &str = "urn:oasis:names:tc:SAML:2.0:protocol:Response";
const ASSERTION_SIGNATURE: &str =
    "/*[local-name()='Response']/*[local-name()='Assertion']/*[local-name()='Signature']";

fn fixture_path(name: &str) -> String {
    format!("{FIXTURES}{name}")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect(name)
}

fn idp(key_file: &str, sign_response: bool) -> IdentityProvider {
    let key = SigningKey::from_pem(&fixture(key_file)).unwrap();
    let cert = Certificate::from_pem(&fixture("idp_cert.pem")).unwrap();
    let options = ResponseOptions {
        sign_response,
        ..ResponseOptions::default()
    };
    IdentityProvider::new("https://idp.partner.example.com", key, cert)
        .unwrap()
        .with_options(options)
}

fn request() -> AuthnRequest {
    let xml = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
        xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_req&amp;1" Version="2.0"
        IssueInstant="2026-12-03T08:30:12Z"
        AssertionConsumerServiceURL=
            "https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer">
        <saml:Issuer>https://auth.huaweicloud.com/</saml:Issuer></samlp:AuthnRequest>"#;
    let b64 = base64::engine::general_purpose::STANDARD.encode(xml);
    RequestDecoder::new()
        .decode_post(&b64, Some("relay&state"))
        .unwrap()
}

fn user() -> SamlUser {
    SamlUser {
        user_id: "user-42".into(),
        account_id: Some("acct<42>&\"x\"".into()),
        bp_id: Some("bp-7".into()),
        name: Some("Zhang San 张三".into()),
        email: Some(String::new()),
        mobile: None,
        extra: Vec::new(),
    }
}

fn response(key_file: &str, sign_response: bool) -> SamlResponse {
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 8, 30, 15).unwrap();
    idp(key_file, sign_response)
        .respond(&request(), &user(), now)
        .unwrap()
}

fn temp_file(xml: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("saml-xmlsec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("doc{}.xml", N.fetch_add(1, Ordering::SeqCst)));
    std::fs::write(&path, xml).unwrap();
    path
}

/// Where xmlsec1 takes the verification key from.
#[derive(Clone, Copy, Debug)]
enum Key {
    /// The public key of this certificate file (`--pubkey-cert-pem`); `KeyInfo` is not used.
    Cert(&'static str),
    /// The certificate in the document's `KeyInfo`, which must be this trusted certificate
    /// file (`--trusted-pem`).
    KeyInfoTrusting(&'static str),
}

/// Runs `xmlsec1 --verify` and says whether the signature verified.
fn xmlsec_verify(xml: &str, key: Key, node_xpath: Option<&str>) -> bool {
    let file = temp_file(xml);
    let mut cmd = Command::new("xmlsec1");
    cmd.arg("--verify");
    match key {
        Key::Cert(cert) => cmd.arg("--pubkey-cert-pem").arg(fixture_path(cert)),
        Key::KeyInfoTrusting(cert) => cmd.arg("--trusted-pem").arg(fixture_path(cert)),
    };
    cmd.args(["--id-attr:ID", ASSERTION, "--id-attr:ID", RESPONSE]);
    if let Some(xpath) = node_xpath {
        cmd.args(["--node-xpath", xpath]);
    }
    let out = cmd.arg(&file).output().unwrap_or_else(|e| {
        panic!(
            "xmlsec1 could not be run ({e}); install it (apt-get install xmlsec1): \
             these tests need it"
        )
    });
    std::fs::remove_file(&file).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        assert!(stderr.contains("OK"), "xmlsec1 said: {stderr}");
    }
    out.status.success()
}

const IDP: Key = Key::Cert("idp_cert.pem");
const IDP_KEYINFO: Key = Key::KeyInfoTrusting("idp_cert.pem");
const OTHER: Key = Key::Cert("other_cert.pem");
const OTHER_KEYINFO: Key = Key::KeyInfoTrusting("other_cert.pem");

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

/// `text` with its character at `at` replaced by another base64 digit.
fn flip_b64(text: &str, at: usize) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

#[test]
fn xmlsec1_is_installed() {
    let out = Command::new("xmlsec1").arg("--version").output();
    assert!(
        out.is_ok_and(|o| o.status.success()),
        "xmlsec1 is not on PATH; install it (apt-get install xmlsec1): the SAML signature \
         tests need it"
    );
}

#[test]
fn assertion_signature_verifies_with_pkcs1_and_pkcs8_keys() {
    for key in ["idp_key.pkcs1.pem", "idp_key.pkcs8.pem"] {
        let r = response(key, false);
        assert_eq!(r.xml().matches("<ds:Signature ").count(), 1);
        for good in [IDP, IDP_KEYINFO] {
            assert!(
                xmlsec_verify(r.xml(), good, None),
                "{key} {good:?}\n{}",
                r.xml()
            );
        }
        for wrong in [OTHER, OTHER_KEYINFO] {
            assert!(
                !xmlsec_verify(r.xml(), wrong, None),
                "{key}: {wrong:?} accepted"
            );
        }
    }
}

#[test]
fn response_and_assertion_signatures_verify() {
    let r = response("idp_key.pkcs8.pem", true);
    assert_eq!(r.xml().matches("<ds:Signature ").count(), 2);
    // Without --node-xpath xmlsec1 checks the first Signature in document order: the
    // Response's, which sits right after the Response Issuer.
    for good in [IDP, IDP_KEYINFO] {
        assert!(xmlsec_verify(r.xml(), good, None), "{good:?}\n{}", r.xml());
        assert!(
            xmlsec_verify(r.xml(), good, Some(ASSERTION_SIGNATURE)),
            "{good:?}"
        );
    }
    for wrong in [OTHER, OTHER_KEYINFO] {
        assert!(!xmlsec_verify(r.xml(), wrong, None), "{wrong:?}");
        assert!(
            !xmlsec_verify(r.xml(), wrong, Some(ASSERTION_SIGNATURE)),
            "{wrong:?}"
        );
    }
}

/// Changes one letter or digit of `xml` at `at` to another of the same class.
fn change_char(xml: &str, at: usize) -> String {
    let c = xml[at..].chars().next().unwrap();
    let replacement = match c {
        '0'..='8' => char::from(c as u8 + 1),
        '9' => '0',
        'a'..='y' | 'A'..='Y' => char::from(c as u8 + 1),
        'z' => 'a',
        'Z' => 'A',
        other => panic!("not alphanumeric: {other:?}"),
    };
    format!("{}{}{}", &xml[..at], replacement, &xml[at + 1..])
}

#[test]
fn changing_any_sampled_byte_of_the_assertion_fails() {
    let xml = response("idp_key.pkcs1.pem", false).xml().to_owned();
    let start = xml.find("<saml:Assertion ").unwrap();
    let sig_start = xml.find("<ds:Signature ").unwrap();
    let sig_end = xml.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let end = xml.find("</saml:Assertion>").unwrap() + "</saml:Assertion>".len();
    // Every 17th alphanumeric byte of the signed content (names, values, text).
    let positions: Vec<usize> = (start..end)
        .filter(|&i| i < sig_start || i >= sig_end)
        .filter(|&i| xml.as_bytes()[i].is_ascii_alphanumeric())
        .step_by(17)
        .collect();
    assert!(positions.len() > 50, "{}", positions.len());
    for at in positions {
        let bad = change_char(&xml, at);
        assert!(
            !xmlsec_verify(&bad, IDP, None),
            "change at {at} accepted: {}",
            &bad[at..at + 20]
        );
    }
}

#[test]
fn assertion_only_tampering_fails() {
    let xml = response("idp_key.pkcs1.pem", false).xml().to_owned();
    let digest = nth_text(&xml, "ds:DigestValue", 0);
    let sig = nth_text(&xml, "ds:SignatureValue", 0);
    let cert = nth_text(&xml, "ds:X509Certificate", 0);
    let tampered = [
        (
            "NameID",
            tamper(&xml, ">user-42</saml:NameID>", ">user-43</saml:NameID>"),
        ),
        ("attribute value", tamper(&xml, ">bp-7<", ">bp-8<")),
        (
            "audience",
            tamper(
                &xml,
                "huaweicloud.com/</saml:Audience>",
                "huaweicloud.co/</saml:Audience>",
            ),
        ),
        (
            "NotOnOrAfter",
            xml.replace("2026-12-03T08:35:15Z", "2026-12-03T09:35:15Z"),
        ),
        (
            "escaped text",
            tamper(&xml, "acct&lt;42&gt;", "acct&lt;43&gt;"),
        ),
        (
            "added whitespace",
            tamper(&xml, "<saml:Subject>", "<saml:Subject> "),
        ),
        (
            "removed attribute",
            tamper(&xml, " SessionIndex=\"", " X=\""),
        ),
        ("signature value", tamper(&xml, sig, &flip_b64(sig, 10))),
        (
            "signature value end",
            tamper(&xml, sig, &flip_b64(sig, sig.len() - 5)),
        ),
        ("digest", tamper(&xml, digest, &flip_b64(digest, 3))),
        (
            "signed info",
            tamper(&xml, "<ds:Reference URI=\"#", "<ds:Reference URI=\"#x"),
        ),
    ];
    for (what, bad) in &tampered {
        for key in [IDP, IDP_KEYINFO] {
            assert!(
                !xmlsec_verify(bad, key, None),
                "{what} accepted with {key:?}"
            );
        }
    }

    // KeyInfo is not signed content: with the key given by the verifier (--pubkey-cert-pem)
    // a changed embedded certificate is ignored. A verifier that takes the key from KeyInfo
    // and trusts our certificate rejects every change to it.
    let other_cert = Certificate::from_pem(&fixture("other_cert.pem"))
        .unwrap()
        .to_base64();
    let certificates = [
        (
            "certificate: subject",
            tamper(&xml, cert, &flip_b64(cert, 120)),
        ),
        (
            "certificate: modulus",
            tamper(&xml, cert, &flip_b64(cert, 400)),
        ),
        (
            "certificate: its signature",
            tamper(&xml, cert, &flip_b64(cert, cert.len() - 10)),
        ),
        ("certificate: another one", tamper(&xml, cert, &other_cert)),
    ];
    for (what, bad) in &certificates {
        assert!(!xmlsec_verify(bad, IDP_KEYINFO, None), "{what} accepted");
    }
    for key in [IDP, IDP_KEYINFO] {
        assert!(xmlsec_verify(&xml, key, None), "{key:?}");
    }
}

#[test]
fn response_tampering_fails() {
    let xml = response("idp_key.pkcs8.pem", true).xml().to_owned();
    let check = |doc: &str, node: Option<&str>| {
        let results: Vec<bool> = [IDP, IDP_KEYINFO]
            .into_iter()
            .map(|k| xmlsec_verify(doc, k, node))
            .collect();
        assert_eq!(results[0], results[1], "key sources disagree");
        results[0]
    };
    assert!(check(&xml, None));
    assert!(check(&xml, Some(ASSERTION_SIGNATURE)));

    let status = "urn:oasis:names:tc:SAML:2.0:status:Success";
    let outside_assertion = tamper(&xml, status, "urn:oasis:names:tc:SAML:2.0:status:Requester");
    assert!(!check(&outside_assertion, None));
    // Only the Response signature covers the Status.
    assert!(check(&outside_assertion, Some(ASSERTION_SIGNATURE)));

    let inside_assertion = tamper(&xml, ">user-42</saml:NameID>", ">admin</saml:NameID>");
    assert!(!check(&inside_assertion, None));
    assert!(!check(&inside_assertion, Some(ASSERTION_SIGNATURE)));

    let response_sig = nth_text(&xml, "ds:SignatureValue", 0);
    let bad_sig = tamper(&xml, response_sig, &flip_b64(response_sig, 20));
    assert!(!check(&bad_sig, None));
    assert!(check(&bad_sig, Some(ASSERTION_SIGNATURE)));

    let response_digest = nth_text(&xml, "ds:DigestValue", 0);
    let bad_digest = tamper(&xml, response_digest, &flip_b64(response_digest, 7));
    assert!(!check(&bad_digest, None));

    let assertion_digest = nth_text(&xml, "ds:DigestValue", 1);
    let bad_digest = tamper(&xml, assertion_digest, &flip_b64(assertion_digest, 5));
    assert!(!check(&bad_digest, Some(ASSERTION_SIGNATURE)));
    // The Assertion's signature is part of the Response's signed content.
    assert!(!check(&bad_digest, None));

    let destination = tamper(
        &xml,
        "Destination=\"https://auth.",
        "Destination=\"https://evil.",
    );
    assert!(!check(&destination, None));

    let response_cert = nth_text(&xml, "ds:X509Certificate", 0);
    let bad_cert = xml.replacen(response_cert, &flip_b64(response_cert, 400), 1);
    assert!(!xmlsec_verify(&bad_cert, IDP_KEYINFO, None));
}

#[test]
fn response_shape() {
    let r = response("idp_key.pkcs1.pem", false);
    let xml = r.xml();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><samlp:Response "));
    // Signature right after the Assertion's Issuer, as the schema requires.
    assert!(xml.contains(
        "<saml:Issuer>https://idp.partner.example.com</saml:Issuer><ds:Signature xmlns:ds="
    ));
    assert!(xml.contains("InResponseTo=\"_req&amp;1\" IssueInstant=\"2026-12-03T08:30:15Z\""));
    assert!(xml.contains(
        "<saml:Conditions NotBefore=\"2026-12-03T08:29:15Z\" NotOnOrAfter=\"2026-12-03T08:35:15Z\">"
    ));
    assert!(xml.contains("<saml:Audience>https://auth.huaweicloud.com/</saml:Audience>"));
    assert!(xml.contains("Name=\"name\""));
    assert!(!xml.contains("Name=\"email\""), "empty attribute written");
    assert!(!xml.contains("Name=\"mobile\""), "absent attribute written");
    assert_eq!(r.relay_state(), Some("relay&state"));
    assert_eq!(
        r.destination(),
        "https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer"
    );
    let start = format!(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" \
         Destination=\"{}\" ID=\"{}\"",
        r.destination(),
        r.response_id()
    );
    assert!(xml.contains(&start));
    assert!(xml.contains(&format!("<ds:Reference URI=\"#{}\">", r.assertion_id())));
    let b64 = base64::engine::general_purpose::STANDARD
        .decode(r.to_base64().expose())
        .unwrap();
    assert_eq!(b64, xml.as_bytes());
    assert!(
        !format!("{r:?}").contains("user-42"),
        "Debug shows the assertion"
    );
}

#[test]
fn values_needing_escapes_stay_canonical() {
    // Every escape rule of the canonical form: & < > " ' and TAB/LF/CR in text and
    // attribute values, plus non-ASCII text.
    let tricky = "a&b <c> \"d\" 'e'\tf\r\ng\rh 中文 😀 ]]>";
    let cert = Certificate::from_pem(&fixture("idp_cert.pem")).unwrap();
    for sign_response in [false, true] {
        let options = ResponseOptions {
            sign_response,
            ..ResponseOptions::default()
        };
        let idp = IdentityProvider::new(format!("urn:idp:{tricky}"), idp_key(), cert.clone())
            .unwrap()
            .with_options(options);
        let mut params = ResponseParams::new(
            "https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer?a=1&b=\"2\"",
            tricky,
            tricky,
        );
        params.in_response_to = Some(format!("_id{tricky}"));
        params.name_id_format = format!("urn:format:{tricky}");
        params.attributes = vec![SamlAttribute {
            name: tricky.into(),
            name_format: tricky.into(),
            values: vec![tricky.into(), "plain".into()],
        }];
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 8, 30, 15).unwrap();
        let r = idp.build_response(&params, now).unwrap();
        assert!(
            r.xml().contains("&#xD;"),
            "CR must be a character reference"
        );
        assert!(
            xmlsec_verify(r.xml(), IDP, None),
            "{sign_response}\n{}",
            r.xml()
        );
        if sign_response {
            assert!(xmlsec_verify(r.xml(), IDP, Some(ASSERTION_SIGNATURE)));
        }
    }
}

fn idp_key() -> SigningKey {
    SigningKey::from_pem(&fixture("idp_key.pkcs1.pem")).unwrap()
}
