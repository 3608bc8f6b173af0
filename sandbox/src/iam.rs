//! IAM: password tokens, agency (`assume_role`) tokens for customer accounts, scoped tokens,
//! token validation, temporary AK/SK, and the caller's domains and projects.
//!
//! Tokens live 24 hours on the sandbox clock. Agency tokens need the partner platform id as
//! agency name and a customer of the partner as domain.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::call::Call;
use crate::config::{IAM_PASSWORD, IAM_USER, PARTNER_DOMAIN_NAME, PLATFORM_ID};
use crate::reply::{Outcome, Reply};
use crate::rng::{hash_str, Draw};
use crate::state::{Ctx, Principal, TempKey, Token};

/// Token lifetime.
const TOKEN_HOURS: i64 = 24;
const PROJECTS: &[&str] = &[
    "cn-north-4",
    "cn-east-3",
    "cn-south-1",
    "ap-southeast-1",
    "MOS",
];

pub(crate) fn iam_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

fn hex_of(s: &str) -> String {
    Draw::from_key(hash_str(s)).hex_id(32)
}

/// Dispatches an IAM operation.
pub(crate) fn handle(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    match call.op.name.as_str() {
        "keystone_create_user_token_by_password" => password_token(ctx, call),
        "keystone_create_agency_token" => agency_token(ctx, call),
        "keystone_create_scoped_token" => scoped_token(ctx, call),
        "keystone_validate_token" => validate_token(ctx, call),
        "create_temporary_access_key_by_token" => temp_key_by_token(ctx, call),
        "create_temporary_access_key_by_agency" => temp_key_by_agency(ctx, call),
        "keystone_list_auth_domains" => Ok(list_domains(ctx, call)),
        "keystone_list_projects" => Ok(list_projects(ctx, call)),
        "create_unscope_token_by_idp_initiated" => crate::federation::idp_initiated(ctx, call),
        _ => Err(Reply::keystone(404, "The resource could not be found.")),
    }
}

pub(crate) fn issue(
    ctx: &Ctx,
    principal: Principal,
    methods: &[&str],
    scope: &Value,
) -> (String, Token) {
    let mut d = ctx.next_draw("token");
    let id: String = (0..6).map(|_| d.hex_id(32)).collect();
    let token_id = format!("MIIsandbox{id}");
    let now = ctx.now();
    let domain = match &principal {
        Principal::Partner => ctx.config.domain_id.clone(),
        Principal::Customer { id, .. } => id.clone(),
    };
    let project = scope.get("project").and_then(|p| {
        let name = p.get("name").and_then(Value::as_str).map(str::to_owned);
        let pid = p.get("id").and_then(Value::as_str).map(str::to_owned);
        match (name, pid) {
            (Some(n), Some(i)) => Some((n, i)),
            (Some(n), None) => Some((n.clone(), hex_of(&format!("{domain}/{n}")))),
            (None, Some(i)) => Some(("cn-north-4".to_owned(), i)),
            (None, None) => None,
        }
    });
    let token = Token {
        principal,
        issued: now,
        expires: now + Duration::hours(TOKEN_HOURS),
        methods: methods.iter().map(|m| (*m).to_owned()).collect(),
        project,
        federation: None,
    };
    ctx.state().tokens.insert(token_id.clone(), token.clone());
    (token_id, token)
}

fn partner_user(ctx: &Ctx) -> Value {
    json!({
        "name": IAM_USER,
        "id": hex_of(&format!("user/{}", ctx.config.domain_id)),
        "password_expires_at": "",
        "domain": { "name": PARTNER_DOMAIN_NAME, "id": ctx.config.domain_id },
    })
}

/// The service catalogue of a token: IAM and BSS on the production hosts.
fn catalog(project_id: &str) -> Value {
    let entry = |kind: &str, name: &str, url: &str| {
        json!({
            "type": kind,
            "id": hex_of(&format!("service/{name}")),
            "name": name,
            "endpoints": [{
                "url": url,
                "region": "*",
                "region_id": "*",
                "interface": "public",
                "id": hex_of(&format!("endpoint/{name}/{project_id}")),
            }],
        })
    };
    json!([
        entry("identity", "iam", "https://iam.myhuaweicloud.com/v3"),
        entry("bss", "bss", "https://bss.myhuaweicloud.com"),
        entry("bssintl", "bssintl", "https://bss-intl.myhuaweicloud.com"),
    ])
}

/// The `token` object of a token answer; `with_catalog` unless `nocatalog=true` was asked.
fn token_body(ctx: &Ctx, t: &Token, with_catalog: bool) -> Value {
    let (domain_name, domain_id) = match &t.principal {
        Principal::Partner => (PARTNER_DOMAIN_NAME.to_owned(), ctx.config.domain_id.clone()),
        Principal::Customer { id, name } => (name.clone(), id.clone()),
    };
    let domain = json!({ "name": domain_name, "id": domain_id });
    let project_id = t.project.as_ref().map_or("", |p| p.1.as_str());
    let mut body = json!({
        "catalog": if with_catalog { catalog(project_id) } else { json!([]) },
        "expires_at": iam_time(t.expires),
        "issued_at": iam_time(t.issued),
        "methods": t.methods,
    });
    match &t.principal {
        Principal::Partner => {
            body["user"] = partner_user(ctx);
            body["roles"] =
                json!([{ "name": "te_admin", "id": "0" }, { "name": "secu_admin", "id": "0" }]);
        }
        Principal::Customer { .. } => {
            body["user"] = json!({
                "name": format!("{PARTNER_DOMAIN_NAME}/{PLATFORM_ID}"),
                "id": hex_of(&format!("agency-user/{domain_id}")),
                "domain": domain.clone(),
            });
            body["assumed_by"] = json!({ "user": partner_user(ctx) });
            body["roles"] = json!([{ "name": "op_service", "id": "0" }]);
        }
    }
    if let Some(f) = &t.federation {
        body["user"] = crate::federation::user(f, &domain);
        if let Some(b) = body.as_object_mut() {
            b.remove("assumed_by");
        }
    }
    match &t.project {
        Some((name, id)) => body["project"] = json!({ "name": name, "id": id, "domain": domain }),
        None => body["domain"] = domain,
    }
    json!({ "token": body })
}

fn token_reply(ctx: &Ctx, call: &Call<'_>, id: String, t: &Token, status: u16) -> Reply {
    let with_catalog = call.q("nocatalog") != Some("true");
    let mut r = Reply::ok(token_body(ctx, t, with_catalog)).header("x-subject-token", id);
    r.status = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    r
}

fn password_token(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let auth = &call.body["auth"];
    let user = &auth["identity"]["password"]["user"];
    let methods = &auth["identity"]["methods"];
    if !methods
        .as_array()
        .is_some_and(|m| m.iter().any(|x| x == "password"))
    {
        return Err(Reply::keystone(
            400,
            "Request parameter methods is invalid.",
        ));
    }
    let ok = user["name"] == IAM_USER
        && user["password"] == IAM_PASSWORD
        && user["domain"]["name"] == PARTNER_DOMAIN_NAME;
    if !ok {
        return Err(Reply::keystone(401, "The username or password is wrong."));
    }
    let scope = &auth["scope"];
    if let Some(d) = scope.get("domain") {
        let name_ok = d.get("name").map_or(true, |n| n == PARTNER_DOMAIN_NAME);
        let id_ok = d
            .get("id")
            .map_or(true, |i| *i == ctx.config.domain_id.as_str());
        if !(name_ok && id_ok) {
            return Err(Reply::keystone(
                401,
                "The request you have made requires authentication.",
            ));
        }
    }
    let (id, t) = issue(ctx, Principal::Partner, &["password"], scope);
    Ok(token_reply(ctx, call, id, &t, 201))
}

/// Resolves an `assume_role` object to the customer it acts for.
fn assume(ctx: &Ctx, call: &Call<'_>, role: &Value) -> Result<Principal, Reply> {
    if call.principal != Some(Principal::Partner) {
        return Err(Reply::keystone(
            403,
            "You are not authorized to perform the requested action.",
        ));
    }
    if role["agency_name"] != PLATFORM_ID {
        return Err(Reply::code(
            400,
            "IAM.0007",
            "Request parameter agency_name is invalid.",
        ));
    }
    let name = role["domain_name"].as_str().filter(|s| !s.is_empty());
    let id = role["domain_id"].as_str().filter(|s| !s.is_empty());
    if name.is_none() && id.is_none() {
        return Err(Reply::code(
            400,
            "IAM.0007",
            "Request parameter domain_name is invalid.",
        ));
    }
    let st = ctx.state();
    let c = ctx.customer_by_domain(&st, name, id).ok_or_else(|| {
        let which = name.or(id).unwrap_or_default();
        Reply::keystone(404, &format!("Could not find domain: {which}."))
    })?;
    Ok(Principal::Customer {
        id: c.id.clone(),
        name: c.account_name.clone(),
    })
}

fn agency_token(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let auth = &call.body["auth"];
    let principal = assume(ctx, call, &auth["identity"]["assume_role"])?;
    let (id, t) = issue(ctx, principal, &["assume_role"], &auth["scope"]);
    Ok(token_reply(ctx, call, id, &t, 201))
}

fn scoped_token(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let auth = &call.body["auth"];
    let src = auth["identity"]["token"]["id"].as_str().unwrap_or_default();
    let t = crate::auth::check_token(ctx, src)
        .map_err(|_| Reply::keystone(401, "The request you have made requires authentication."))?;
    let federation = t.federation;
    let (id, mut t) = issue(ctx, t.principal, &["token"], &auth["scope"]);
    if federation.is_some() {
        t.federation = federation;
        ctx.state().tokens.insert(id.clone(), t.clone());
    }
    Ok(token_reply(ctx, call, id, &t, 201))
}

fn validate_token(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let subject = call
        .headers
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let t = crate::auth::check_token(ctx, subject).map_err(|_| {
        Reply::code(
            404,
            "IAM.0009",
            "X-Subject-Token is invalid or expired in the request.",
        )
    })?;
    Ok(token_reply(ctx, call, subject.to_owned(), &t, 200))
}

fn duration(v: &Value) -> Result<i64, Reply> {
    let secs = v.as_i64().unwrap_or(900);
    if !(900..=86_400).contains(&secs) {
        return Err(Reply::keystone(
            400,
            "Request parameter duration_seconds is invalid.",
        ));
    }
    Ok(secs)
}

fn temp_key(ctx: &Ctx, principal: Principal, secs: i64) -> Reply {
    let mut d = ctx.next_draw("temp-key");
    let access = format!("HST{}", d.hex_id(17).to_ascii_uppercase());
    let secret = format!("{}{}", d.hex_id(32), d.hex_id(8));
    let token: String = (0..5).map(|_| d.hex_id(32)).collect();
    let security_token = format!("gQpjbi1ub3J0aC00{token}");
    let expires = ctx.now() + Duration::seconds(secs);
    ctx.state().temp_keys.insert(
        access.clone(),
        TempKey {
            secret: secret.clone(),
            security_token: security_token.clone(),
            principal,
            expires,
        },
    );
    let mut r = Reply::ok(json!({ "credential": {
        "expires_at": iam_time(expires),
        "access": access,
        "secret": secret,
        "securitytoken": security_token,
    }}));
    r.status = http::StatusCode::CREATED;
    r
}

fn temp_key_by_token(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let identity = &call.body["auth"]["identity"];
    let principal = match (&call.principal, identity["token"]["id"].as_str()) {
        (_, Some(id)) if !id.is_empty() => {
            crate::auth::check_token(ctx, id)
                .map_err(|_| {
                    Reply::keystone(401, "The request you have made requires authentication.")
                })?
                .principal
        }
        (Some(p), _) => p.clone(),
        (None, _) => {
            return Err(Reply::keystone(
                401,
                "The request you have made requires authentication.",
            ))
        }
    };
    Ok(temp_key(
        ctx,
        principal,
        duration(&identity["token"]["duration_seconds"])?,
    ))
}

fn temp_key_by_agency(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let role = &call.body["auth"]["identity"]["assume_role"];
    let principal = assume(ctx, call, role)?;
    Ok(temp_key(
        ctx,
        principal,
        duration(&role["duration_seconds"])?,
    ))
}

fn caller_domain(ctx: &Ctx, call: &Call<'_>) -> (String, String) {
    match &call.principal {
        Some(Principal::Customer { id, name }) => (id.clone(), name.clone()),
        _ => (ctx.config.domain_id.clone(), PARTNER_DOMAIN_NAME.to_owned()),
    }
}

fn list_domains(ctx: &Ctx, call: &Call<'_>) -> Reply {
    let (id, name) = caller_domain(ctx, call);
    let base = "https://iam.myhuaweicloud.com/v3";
    Reply::ok(json!({
        "domains": [{
            "enabled": true,
            "id": id,
            "name": name,
            "links": { "self": format!("{base}/domains/{id}") },
            "description": "",
        }],
        "links": { "self": format!("{base}/auth/domains") },
    }))
}

fn list_projects(ctx: &Ctx, call: &Call<'_>) -> Reply {
    let (domain, _) = caller_domain(ctx, call);
    let base = "https://iam.myhuaweicloud.com/v3/projects";
    let all: Vec<Value> = PROJECTS
        .iter()
        .filter(|n| call.q("name").map_or(true, |want| want == **n))
        .map(|n| {
            let id = hex_of(&format!("{domain}/{n}"));
            json!({
                "is_domain": false,
                "description": "",
                "links": { "self": format!("{base}/{id}"), "previous": "", "next": "" },
                "enabled": true,
                "id": id,
                "parent_id": domain,
                "domain_id": domain,
                "name": n,
            })
        })
        .collect();
    let (offset, limit) = call.page();
    let page: Vec<Value> = all
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .cloned()
        .collect();
    Reply::ok(json!({
        "links": { "self": base, "previous": "", "next": "" },
        "projects": page,
    }))
}
