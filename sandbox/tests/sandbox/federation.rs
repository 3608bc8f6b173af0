//! IAM IdP-initiated federation: SAML Responses built and signed with the SDK's builder.

use chrono::Utc;
use huaweicloud_partner::auth::saml::{
    Certificate, IdentityProvider, ResponseParams, SamlAttribute, SamlResponse, SigningKey,
};
use huaweicloud_partner_sandbox::{
    RegisteredIdp, Sandbox, SandboxConfig, SANDBOX_IDP_ID, SANDBOX_IDP_KEY_PEM,
};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Value};

use crate::common::*;

const FEDERATION: &str = "/v3.0/OS-FEDERATION/tokens";
const CORE_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/saml/");

fn core_fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{CORE_FIXTURES}{name}")).expect(name)
}

fn sandbox_idp() -> IdentityProvider {
    let key = SigningKey::from_pem(SANDBOX_IDP_KEY_PEM).unwrap();
    let cert = Certificate::from_pem(huaweicloud_partner_sandbox::SANDBOX_IDP_CERT_PEM).unwrap();
    IdentityProvider::new("https://idp.sandbox.example", key, cert).unwrap()
}

/// A signed Response (base64) for `fed-user-1` in `domain_id`, naming `idp_id`, issued now.
fn response_b64(sb: &Sandbox, idp: &IdentityProvider, idp_id: &str, domain_id: &str) -> String {
    response(sb, idp, idp_id, domain_id)
        .to_base64()
        .expose()
        .to_owned()
}

fn response(sb: &Sandbox, idp: &IdentityProvider, idp_id: &str, domain_id: &str) -> SamlResponse {
    let mut params = ResponseParams::new(
        format!("{}{FEDERATION}", sb.base_url()),
        "https://iam.myhuaweicloud.com/",
        "fed-user-1",
    );
    params.attributes = vec![
        SamlAttribute::new("IAM_SAML_Attributes_domain_id", domain_id),
        SamlAttribute::new("IAM_SAML_Attributes_idp_id", idp_id),
    ];
    idp.build_response(&params, Utc::now()).unwrap()
}

/// Posts the form; `saml` (base64 or XML) is sent percent-encoded unless `raw_plus`.
async fn post(sb: &Sandbox, idp_id: Option<&str>, saml: Option<&str>, raw_plus: bool) -> Resp {
    let body = match saml {
        Some(s) if raw_plus => format!("SAMLResponse={s}&RelayState=r"),
        Some(s) => format!(
            "SAMLResponse={}&RelayState=r",
            utf8_percent_encode(s, NON_ALPHANUMERIC)
        ),
        None => "RelayState=r".to_owned(),
    };
    let mut rb = reqwest::Client::new()
        .post(format!("{}{FEDERATION}", sb.base_url()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
    if let Some(id) = idp_id {
        rb = rb.header("X-Idp-Id", id);
    }
    let resp = rb.send().await.expect("request");
    let status = resp.status().as_u16();
    let subject_token = resp
        .headers()
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let request_id = resp
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = resp.json().await.unwrap_or(Value::Null);
    Resp {
        status,
        request_id,
        subject_token,
        body,
    }
}

fn assert_iam_error(r: &Resp, status: u16) {
    assert_eq!(r.status, status, "{:?}", r.body);
    assert_eq!(r.body["error"]["code"], status, "{:?}", r.body);
    assert!(r.body["error"]["message"].is_string(), "{:?}", r.body);
}

#[tokio::test]
async fn valid_response_gives_an_unscoped_federated_token() {
    let sb = start().await;
    let saml = response_b64(&sb, &sandbox_idp(), SANDBOX_IDP_ID, sb.domain_id());
    let r = post(&sb, Some(SANDBOX_IDP_ID), Some(&saml), false).await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    let token = r.subject_token.clone().expect("X-Subject-Token");
    let t = &r.body["token"];
    assert_eq!(t["methods"], json!(["mapped"]));
    assert!(t["issued_at"].is_string() && t["expires_at"].is_string());
    let user = &t["user"];
    assert_eq!(user["name"], "fed-user-1");
    assert_eq!(user["domain"]["id"], sb.domain_id());
    assert_eq!(
        user["OS-FEDERATION"]["identity_provider"]["id"],
        SANDBOX_IDP_ID
    );
    assert_eq!(user["OS-FEDERATION"]["protocol"]["id"], "saml");
    assert!(user["OS-FEDERATION"]["groups"].is_array());

    // The unscoped token is accepted for a scoped one, which stays federated.
    let scoped = json!({ "auth": {
        "identity": { "methods": ["token"], "token": { "id": token } },
        "scope": { "project": { "name": "cn-north-4" } } } });
    let r = send(
        &sb,
        &Cred::None,
        "POST",
        "/v3/auth/tokens",
        &[],
        Some(scoped),
    )
    .await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert_eq!(r.body["token"]["project"]["name"], "cn-north-4");
    assert_eq!(
        r.body["token"]["user"]["OS-FEDERATION"]["identity_provider"]["id"],
        SANDBOX_IDP_ID
    );
    assert!(r.subject_token.is_some());
}

#[tokio::test]
async fn customer_domain_and_unencoded_plus_are_accepted_once() {
    let sb = start().await;
    let customer = sb.customer_ids()[0].clone();
    let saml = response_b64(&sb, &sandbox_idp(), SANDBOX_IDP_ID, &customer);
    // A raw `+` arrives as a space after form decoding; the sandbox restores it.
    let r = post(&sb, Some(SANDBOX_IDP_ID), Some(&saml), true).await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert_eq!(r.body["token"]["user"]["domain"]["id"], customer.as_str());
    // Bearer assertions are single-use.
    let again = post(&sb, Some(SANDBOX_IDP_ID), Some(&saml), false).await;
    assert_iam_error(&again, 401);
}

#[tokio::test]
async fn invalid_responses_are_refused() {
    let sb = start().await;
    let idp = sandbox_idp();
    let good = response(&sb, &idp, SANDBOX_IDP_ID, sb.domain_id())
        .xml()
        .to_owned();
    let other_key = SigningKey::from_pem(&core_fixture("other_key.pem")).unwrap();
    let other_cert = Certificate::from_pem(&core_fixture("other_cert.pem")).unwrap();
    let stranger =
        IdentityProvider::new("https://idp.sandbox.example", other_key, other_cert).unwrap();
    let sig_start = good.find("<ds:Signature").unwrap();
    let sig_end = good.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let unsigned = format!("{}{}", &good[..sig_start], &good[sig_end..]);
    let cases = [
        (
            "tampered NameID",
            good.replacen(">fed-user-1<", ">admin<", 1),
        ),
        ("unsigned", unsigned),
        (
            "wrong key",
            response_b64(&sb, &stranger, SANDBOX_IDP_ID, sb.domain_id()),
        ),
        (
            "idp_id attribute of another IdP",
            response_b64(&sb, &idp, "someone_else", sb.domain_id()),
        ),
        (
            "unknown domain",
            response_b64(&sb, &idp, SANDBOX_IDP_ID, "0000"),
        ),
        ("not SAML", "<html/>".to_owned()),
        ("not base64", "%%%".to_owned()),
    ];
    for (what, saml) in &cases {
        let r = post(&sb, Some(SANDBOX_IDP_ID), Some(saml), false).await;
        assert_eq!(r.status, 401, "{what}: {:?}", r.body);
        assert_iam_error(&r, 401);
        assert!(r.subject_token.is_none(), "{what}");
    }
    let saml = good;
    assert_iam_error(
        &post(&sb, Some("unknown_idp"), Some(&saml), false).await,
        404,
    );
    assert_iam_error(&post(&sb, None, Some(&saml), false).await, 400);
    assert_iam_error(&post(&sb, Some(SANDBOX_IDP_ID), None, false).await, 400);

    // Expired on the sandbox clock: an hour later the 5-minute assertion is refused.
    sb.set_clock_offset(3600);
    assert_iam_error(
        &post(&sb, Some(SANDBOX_IDP_ID), Some(&saml), false).await,
        401,
    );
    sb.set_clock_offset(0);
    let r = post(&sb, Some(SANDBOX_IDP_ID), Some(&saml), false).await;
    assert_eq!(r.status, 201, "{:?}", r.body);
}

#[tokio::test]
async fn another_registered_idp_is_accepted_with_its_own_key_only() {
    let other_cert_pem = core_fixture("other_cert.pem");
    let config =
        SandboxConfig::default().idp(RegisteredIdp::from_pem("corp_idp", &other_cert_pem).unwrap());
    let sb = start_with(config).await;
    let key = SigningKey::from_pem(&core_fixture("other_key.pem")).unwrap();
    let corp = IdentityProvider::new(
        "https://corp.example",
        key,
        Certificate::from_pem(&other_cert_pem).unwrap(),
    )
    .unwrap();
    let saml = response_b64(&sb, &corp, "corp_idp", sb.domain_id());
    let r = post(&sb, Some("corp_idp"), Some(&saml), false).await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert_eq!(
        r.body["token"]["user"]["OS-FEDERATION"]["identity_provider"]["id"],
        "corp_idp"
    );
    // The sandbox IdP's certificate does not accept the corp key.
    let saml = response_b64(&sb, &corp, SANDBOX_IDP_ID, sb.domain_id());
    assert_iam_error(
        &post(&sb, Some(SANDBOX_IDP_ID), Some(&saml), false).await,
        401,
    );
}
