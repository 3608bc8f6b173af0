//! The IAM operations, chained as a partner uses them: password token, agency token and
//! its validation, SAML federation to a scoped token, temporary keys from a token and from
//! the agency (each then used on BSS), and the domain and project lists.

use std::sync::Arc;

use chrono::Utc;
use huaweicloud_partner::auth::saml::{
    Certificate, IdentityProvider, ResponseParams, SamlAttribute, SigningKey,
};
use huaweicloud_partner::credentials::StaticToken;
use huaweicloud_partner::{AccessKey, Client, Credentials, ErrorKind, Token};
use huaweicloud_partner_sandbox::SANDBOX_IDP_KEY_PEM;
use huaweicloud_partner_sandbox::{Sandbox, SANDBOX_IDP_CERT_PEM, SANDBOX_IDP_ID};
use serde_json::{json, Value};

use crate::world::{call, World};

/// Calls an IAM operation and checks it reached the sandbox exactly once.
async fn iam_call(
    sb: &Sandbox,
    client: &Client,
    key: &str,
    operation: &str,
    request: Value,
) -> Result<Value, String> {
    let before = sb.request_count(operation);
    let out = call(client, key, request)
        .await
        .map_err(|e| format!("{operation}: {e}"))?;
    let sent = sb.request_count(operation) - before;
    if sent != 1 {
        return Err(format!("{operation}: {sent} requests reached the sandbox"));
    }
    Ok(out)
}

fn token_of(operation: &str, out: &Value) -> Result<String, String> {
    let token = out["x_subject_token"].as_str().unwrap_or_default();
    let expires = out["token"]["expires_at"].as_str().unwrap_or_default();
    if token.is_empty() || chrono::DateTime::parse_from_rfc3339(expires).is_err() {
        return Err(format!("{operation}: no token or expiry in {out}"));
    }
    Ok(token.to_owned())
}

/// `client` with `token` as its credential.
fn with_token(client: &Client, token: &str) -> Client {
    let token = Token {
        value: token.to_owned().into(),
        expires_at: None,
    };
    client.with_credentials(Credentials::Token(Arc::new(StaticToken(token))))
}

fn keys_of(operation: &str, out: &Value, domain_id: &str) -> Result<AccessKey, String> {
    let text = |k: &str| out[k].as_str().unwrap_or_default().to_owned();
    if text("expires_at").is_empty() {
        return Err(format!("{operation}: no expiry"));
    }
    AccessKey::new(text("access"), text("secret"))
        .map(|k| {
            k.with_security_token(text("securitytoken"))
                .with_domain_id(domain_id)
        })
        .map_err(|e| format!("{operation}: {e}"))
}

fn saml_response(sb: &Sandbox) -> Result<String, String> {
    let key = SigningKey::from_pem(SANDBOX_IDP_KEY_PEM).map_err(|e| e.to_string())?;
    let cert = Certificate::from_pem(SANDBOX_IDP_CERT_PEM).map_err(|e| e.to_string())?;
    let idp = IdentityProvider::new("https://idp.sandbox.example", key, cert)
        .map_err(|e| e.to_string())?;
    let mut params = ResponseParams::new(
        format!("{}/v3.0/OS-FEDERATION/tokens", sb.base_url()),
        "https://iam.myhuaweicloud.com/",
        "rust-fed-user",
    );
    params.attributes = vec![
        SamlAttribute::new("IAM_SAML_Attributes_domain_id", sb.domain_id()),
        SamlAttribute::new("IAM_SAML_Attributes_idp_id", SANDBOX_IDP_ID),
    ];
    let response = idp
        .build_response(&params, Utc::now())
        .map_err(|e| e.to_string())?;
    Ok(response.to_base64().expose().to_owned())
}

/// Runs every IAM operation on `world`'s site; returns the operations exercised.
pub(crate) async fn run(sb: &Sandbox, world: &World) -> Result<Vec<&'static str>, String> {
    let partner = &world.partner;
    let domain = sb.customer_domain_names()[0].clone();
    let customer = json!({ "domain_name": domain });
    let mut done = Vec::new();

    let op = "keystone_create_user_token_by_password";
    let login = json!({
        "user_name": sb.iam_user(),
        "password": sb.iam_password(),
        "domain_name": sb.domain_name(),
    });
    let out = iam_call(sb, partner, "iam.create_token_by_password", op, login).await?;
    let partner_token = token_of(op, &out)?;
    done.push(op);

    let op = "keystone_create_agency_token";
    let request = json!({
        "customer": customer,
        "agency_name": sb.platform_id(),
        "scope": { "domain": { "name": domain } },
        "auth_token": partner_token,
    });
    let out = iam_call(sb, partner, "iam.create_agency_token", op, request).await?;
    let agency_token = token_of(op, &out)?;
    // The agency token acts as the customer: a customer operation works, a partner one
    // is refused.
    let acting = with_token(partner, &agency_token);
    call(&acting, "account_records.customer_balances", json!({}))
        .await
        .map_err(|e| format!("{op}: the token does not act as the customer: {e}"))?;
    let refused = call(&acting, "customers.list", json!({})).await;
    if !matches!(&refused, Err(e) if e.kind() == ErrorKind::PermissionDenied) {
        return Err(format!(
            "{op}: the customer token listed customers: {refused:?}"
        ));
    }
    done.push(op);

    let op = "keystone_validate_token";
    let request = json!({ "subject_token": agency_token, "auth_token": partner_token });
    let out = iam_call(sb, partner, "iam.validate_token", op, request).await?;
    token_of(op, &out)?;
    done.push(op);

    let op = "create_unscope_token_by_idp_initiated";
    let request = json!({ "idp_id": SANDBOX_IDP_ID, "saml_response": saml_response(sb)? });
    let key = "iam.create_unscoped_token_by_idp_initiated";
    let out = iam_call(sb, partner, key, op, request).await?;
    let unscoped = token_of(op, &out)?;
    done.push(op);

    let op = "keystone_create_scoped_token";
    let request = json!({ "token": unscoped, "scope": { "domain": { "id": sb.domain_id() } } });
    let out = iam_call(sb, partner, "iam.create_scoped_token", op, request).await?;
    let scoped = token_of(op, &out)?;
    // The federated user's domain-scoped token is a partner credential.
    call(
        &with_token(partner, &scoped),
        "customers.list",
        json!({ "limit": 1 }),
    )
    .await
    .map_err(|e| format!("{op}: the scoped token does not work on BSS: {e}"))?;
    done.push(op);

    // Keys from the federated partner token work as partner credentials on BSS.
    let op = "create_temporary_access_key_by_token";
    let key = "iam.create_temporary_access_key_by_token";
    let out = iam_call(sb, partner, key, op, json!({ "token": scoped })).await?;
    let keys = keys_of(op, &out, sb.domain_id())?;
    let temp = partner.with_credentials(Credentials::AccessKey(keys));
    call(&temp, "customers.list", json!({ "limit": 1 }))
        .await
        .map_err(|e| format!("{op}: the keys do not work as partner keys: {e}"))?;
    done.push(op);

    // Keys through the agency act as the customer: customer operations work, partner
    // operations are refused.
    let op = "create_temporary_access_key_by_agency";
    let agent = crate::world::password_client(sb, world.site);
    let request = json!({ "customer": customer, "agency_name": sb.platform_id() });
    let key = "iam.create_temporary_access_key_by_agency";
    let out = iam_call(sb, &agent, key, op, request).await?;
    let keys = keys_of(op, &out, &sb.customer_ids()[0])?;
    let temp = partner.with_credentials(Credentials::AccessKey(keys));
    call(&temp, "account_records.customer_balances", json!({}))
        .await
        .map_err(|e| format!("{op}: the keys do not act as the customer: {e}"))?;
    let refused = call(&temp, "customers.list", json!({})).await;
    if !matches!(&refused, Err(e) if e.kind() == ErrorKind::PermissionDenied) {
        return Err(format!("{op}: customer keys listed customers: {refused:?}"));
    }
    done.push(op);

    let op = "keystone_list_auth_domains";
    let out = iam_call(sb, partner, "iam.list_auth_domains", op, json!({})).await?;
    let names: Vec<&str> = out["domains"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["name"].as_str())
        .collect();
    if !names.contains(&sb.domain_name()) {
        return Err(format!("{op}: the partner domain is not listed: {out}"));
    }
    done.push(op);

    let op = "keystone_list_projects";
    let out = iam_call(sb, partner, "iam.list_projects", op, json!({})).await?;
    let projects = out["projects"].as_array().map_or(0, Vec::len);
    if projects == 0 || out["projects"][0]["id"].as_str().unwrap_or("").is_empty() {
        return Err(format!("{op}: no projects in {out}"));
    }
    done.push(op);

    Ok(done)
}
