//! The Responses and the IdP metadata validate against the OASIS SAML 2.0 XML schemas, as
//! shipped with pysaml2 (which also checks element order, e.g. `Signature` after `Issuer`).
//!
//! Ignored by default because it needs a Python with pysaml2:
//!
//! ```text
//! python3 -m venv /tmp/saml-venv && /tmp/saml-venv/bin/pip install pysaml2
//! SAML_SCHEMA_PYTHON=/tmp/saml-venv/bin/python cargo test -p huaweicloud-partner \
//!     --test saml_schema -- --ignored
//! ```

use std::process::Command;

use chrono::{TimeZone as _, Utc};
use huaweicloud_partner::auth::saml::{
    Certificate, IdentityProvider, ResponseOptions, ResponseParams, SamlAttribute, SigningKey,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saml/");

const VALIDATE: &str = r#"
import sys
from saml2.xml.schema import validate
for path in sys.argv[1:]:
    validate(path)
    print("valid", path)
"#;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{name}")).expect(name)
}

fn documents() -> Vec<String> {
    let mut docs = Vec::new();
    for sign_response in [false, true] {
        let idp = IdentityProvider::new(
            "https://idp.partner.example.com",
            SigningKey::from_pem(&fixture("idp_key.pkcs8.pem")).unwrap(),
            Certificate::from_pem(&fixture("idp_cert.pem")).unwrap(),
        )
        .unwrap()
        .with_options(ResponseOptions {
            sign_response,
            ..ResponseOptions::default()
        });
        let mut params = ResponseParams::new(
            "https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer",
            "https://auth.huaweicloud.com/",
            "user-1",
        );
        params.in_response_to = Some("_request".into());
        params
            .attributes
            .push(SamlAttribute::new("xUserId", "user-1"));
        params.attributes.push(SamlAttribute::new("bpId", "bp-1"));
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 8, 30, 15).unwrap();
        docs.push(idp.build_response(&params, now).unwrap().xml().to_owned());
        if sign_response {
            docs.push(
                idp.metadata_xml("https://idp.partner.example.com/sso")
                    .unwrap(),
            );
        }
    }
    docs
}

#[test]
#[ignore = "needs a Python with pysaml2 (SAML_SCHEMA_PYTHON)"]
fn responses_and_metadata_are_schema_valid() {
    let python = std::env::var("SAML_SCHEMA_PYTHON").unwrap_or_else(|_| "python3".into());
    let dir = std::env::temp_dir().join(format!("saml-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<_> = documents()
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let path = dir.join(format!("doc{i}.xml"));
            std::fs::write(&path, doc).unwrap();
            path
        })
        .collect();
    let out = Command::new(&python)
        .arg("-c")
        .arg(VALIDATE)
        .args(&paths)
        .output()
        .unwrap_or_else(|e| panic!("{python} could not be run: {e}"));
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "schema validation failed (is pysaml2 installed for {python}?):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("valid ").count(), 3, "{stdout}");
}
