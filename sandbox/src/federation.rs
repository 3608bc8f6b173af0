//! IAM IdP-initiated federation: `create_unscope_token_by_idp_initiated`
//! (`POST /v3.0/OS-FEDERATION/tokens`, form field `SAMLResponse`, header `X-Idp-Id`).
//!
//! The Response must be signed by a registered IdP ([`crate::RegisteredIdp`]) and is checked
//! with the SDK's verifier (signatures, signature wrapping, validity window on the sandbox
//! clock, status). Its assertion must carry `IAM_SAML_Attributes_idp_id` (equal to
//! `X-Idp-Id`) and `IAM_SAML_Attributes_domain_id` (the partner's domain id or a customer's);
//! each assertion is accepted once. The answer is an unscoped token (method `mapped`) for the
//! NameID in that domain, which `keystone_create_scoped_token` accepts.

use huaweicloud_partner::auth::saml::{verify_response, VerifyOptions};
use serde_json::{json, Value};

use crate::call::Call;
use crate::iam::{iam_time, issue};
use crate::reply::{Outcome, Reply};
use crate::rng::{hash_str, Draw};
use crate::state::{Ctx, Federation, Principal};

/// The attribute naming the account (domain) the federated user signs in to.
pub(crate) const ATTR_DOMAIN_ID: &str = "IAM_SAML_Attributes_domain_id";
/// The attribute repeating the IdP name.
pub(crate) const ATTR_IDP_ID: &str = "IAM_SAML_Attributes_idp_id";

/// Answers `create_unscope_token_by_idp_initiated`.
pub(crate) fn idp_initiated(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let idp_id = call
        .headers
        .get("x-idp-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let idp = ctx
        .config
        .idps
        .iter()
        .find(|i| i.name == idp_id)
        .ok_or_else(|| {
            let shown: String = idp_id.chars().take(64).collect();
            Reply::keystone(404, &format!("Could not find identity provider: {shown}."))
        })?;
    let saml = call
        .b("SAMLResponse")
        .ok_or_else(|| Reply::keystone(400, "Request parameter SAMLResponse is invalid."))?;

    // A client that did not percent-encode the base64 `+` sent a space: undo that.
    let saml = if saml.trim_start().starts_with('<') {
        saml.to_owned()
    } else {
        saml.replace(' ', "+")
    };
    let verified = verify_response(
        &saml,
        &idp.certificate,
        ctx.now(),
        &VerifyOptions::default(),
    )
    .map_err(|e| failed(&format!("the SAML response is invalid: {e}")))?;
    if verified.attribute(ATTR_IDP_ID) != Some(idp_id) {
        return Err(failed(&format!(
            "the assertion must carry {ATTR_IDP_ID} equal to X-Idp-Id"
        )));
    }
    let domain_id = verified
        .attribute(ATTR_DOMAIN_ID)
        .ok_or_else(|| failed(&format!("the assertion must carry {ATTR_DOMAIN_ID}")))?;
    let principal = {
        let st = ctx.state();
        if domain_id == ctx.config.domain_id {
            Principal::Partner
        } else {
            let c = ctx
                .customer_by_domain(&st, None, Some(domain_id))
                .ok_or_else(|| failed(&format!("{ATTR_DOMAIN_ID} names no known account")))?;
            Principal::Customer {
                id: c.id.clone(),
                name: c.account_name.clone(),
            }
        }
    };
    if !ctx
        .state()
        .used_assertions
        .insert(verified.assertion_id.clone())
    {
        return Err(failed("the SAML assertion was already used"));
    }

    let federation = Federation {
        idp: idp.name.clone(),
        user_id: Draw::from_key(hash_str(&format!(
            "federated/{}/{}/{}",
            idp.name, domain_id, verified.name_id
        )))
        .hex_id(32),
        user_name: verified.name_id,
    };
    let (token_id, mut token) = issue(ctx, principal, &["mapped"], &Value::Null);
    token.federation = Some(federation.clone());
    ctx.state().tokens.insert(token_id.clone(), token.clone());

    let domain = match &token.principal {
        Principal::Partner => json!({
            "name": crate::config::PARTNER_DOMAIN_NAME,
            "id": ctx.config.domain_id,
        }),
        Principal::Customer { id, name } => json!({ "name": name, "id": id }),
    };
    let body = json!({ "token": {
        "issued_at": iam_time(token.issued),
        "expires_at": iam_time(token.expires),
        "methods": token.methods,
        "user": user(&federation, &domain),
    }});
    let mut reply = Reply::ok(body).header("x-subject-token", token_id);
    reply.status = http::StatusCode::CREATED;
    Ok(reply)
}

/// The `user` object of a federated token.
pub(crate) fn user(f: &Federation, domain: &Value) -> Value {
    json!({
        "domain": domain,
        "id": f.user_id,
        "name": f.user_name,
        "OS-FEDERATION": {
            "groups": [],
            "identity_provider": { "id": f.idp },
            "protocol": { "id": "saml" },
        },
    })
}

/// The fields of an `application/x-www-form-urlencoded` body as a JSON object of strings
/// (the first value of each name).
pub(crate) fn form_fields(raw: &[u8]) -> Value {
    let mut fields = serde_json::Map::new();
    for pair in raw.split(|&b| b == b'&') {
        let mut it = pair.splitn(2, |&b| b == b'=');
        let (Some(name), Some(value)) = (it.next(), it.next()) else {
            continue;
        };
        let decode = |b: &[u8]| {
            let spaced: Vec<u8> = b
                .iter()
                .map(|&c| if c == b'+' { b' ' } else { c })
                .collect();
            percent_encoding::percent_decode(&spaced)
                .decode_utf8_lossy()
                .into_owned()
        };
        fields
            .entry(decode(name))
            .or_insert_with(|| Value::String(decode(value)));
    }
    Value::Object(fields)
}

/// IAM's 401 for a federation request that does not authenticate.
fn failed(why: &str) -> Reply {
    Reply::keystone(401, &format!("Authentication failed: {why}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_decode_plus_and_percent() {
        let v = form_fields(b"SAMLResponse=PHg%2B+KzE%3D&RelayState=a%26b&SAMLResponse=2&x");
        assert_eq!(v["SAMLResponse"], "PHg+ KzE=");
        assert_eq!(v["RelayState"], "a&b");
        assert!(v.get("x").is_none());
        assert_eq!(form_fields(b""), json!({}));
    }
}
