"""IAM token operations through the official ``IamClient``: password token, token
validation, agency (assume_role) token for a customer, scoped token, temporary
access keys; and the tokens / keys used on BSS calls.

The official BSS clients refuse token credentials, so BSS calls made with a token
use plain ``requests`` with ``X-Auth-Token``. Temporary AK/SK + security token
work with the official BSS client through ``GlobalCredentials``."""

import pytest
import requests
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkiam.v3 import (
    AgencyAuth,
    AgencyAuthIdentity,
    AgencyTokenAssumerole,
    AgencyTokenAuth,
    AgencyTokenIdentity,
    AgencyTokenScope,
    AgencyTokenScopeDomain,
    CreateTemporaryAccessKeyByAgencyRequest,
    CreateTemporaryAccessKeyByAgencyRequestBody,
    CreateTemporaryAccessKeyByTokenRequest,
    CreateTemporaryAccessKeyByTokenRequestBody,
    IdentityAssumerole,
    IdentityToken,
    KeystoneCreateAgencyTokenRequest,
    KeystoneCreateAgencyTokenRequestBody,
    KeystoneCreateScopedTokenRequest,
    KeystoneCreateScopedTokenRequestBody,
    KeystoneValidateTokenRequest,
    ScopeDomainOption,
    ScopedToken,
    ScopedTokenAuth,
    ScopedTokenIdentity,
    TokenAuth,
    TokenAuthIdentity,
    TokenSocpeOption,
)
from huaweicloudsdkiam.v3.iam_credentials import IamCredentials

import checks
import harness

AGENCY_NAME = harness.AGENCY_NAME
PARTNER_USER = harness.PARTNER_USER
password_request = harness.password_token_request


# Fields the SDK model marks required that are legitimately absent here.
LEGITIMATELY_ABSENT = {
    # A domain-scoped token has no project.
    "response.token.project: required field missing",
    # Only tokens derived from a federated (SAML) token carry OS-FEDERATION; the
    # scoped-token test starts from a password token.
    "response.token.user.OS-FEDERATION: required field missing",
}


def check(op_name, response, key_paths):
    op = harness.find_operation("iam", op_name)
    problems = checks.response_problems(op, response, key_paths)
    problems = [p for p in problems if p not in LEGITIMATELY_ABSENT]
    assert not problems, f"{op_name}: " + "; ".join(problems)


def token_client(sdk, token):
    return sdk.client("iam", IamCredentials().with_x_auth_token(token))


@pytest.fixture(scope="module")
def partner_token(sdk):
    response = sdk.call(
        "iam", "keystone_create_user_token_by_password", password_request()
    )
    return response


@pytest.fixture(scope="module")
def customer(sdk):
    import huaweicloudsdkbss.v2 as bss

    res = sdk.call(
        "bss",
        "list_sub_customers",
        bss.ListSubCustomersRequest(
            body=bss.QuerySubCustomerListReq(offset=0, limit=10)
        ),
    )
    assert res.customer_infos, "sandbox has no customers"
    return res.customer_infos[0]


def bss_with_token(sandbox, token, method, path, **kwargs):
    headers = {
        "X-Auth-Token": token,
        "Content-Type": "application/json",
        "Host": harness.SITE_HOSTS["bss"],
    }
    return requests.request(
        method, sandbox.base_url + path, headers=headers, timeout=10, **kwargs
    )


def test_password_token_is_issued_and_parsed(partner_token, sandbox):
    check(
        "keystone_create_user_token_by_password",
        partner_token,
        (
            "token.expires_at",
            "token.issued_at",
            "token.methods",
            "token.user.id",
            "token.user.name",
            "token.domain.id",
        ),
    )
    assert partner_token.token.user.name == PARTNER_USER
    assert partner_token.token.domain.id == sandbox.domain_id
    assert partner_token.token.methods == ["password"]


def test_password_token_works_on_bss(partner_token, sandbox):
    resp = bss_with_token(
        sandbox,
        partner_token.x_subject_token,
        "POST",
        "/v2/partners/sub-customers/query",
        json={"offset": 0, "limit": 5},
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["customer_infos"], body
    assert isinstance(body["count"], int)


def test_wrong_password_is_rejected(sdk):
    with pytest.raises(ClientRequestException) as err:
        sdk.call(
            "iam",
            "keystone_create_user_token_by_password",
            password_request("wrong-password"),
        )
    assert err.value.status_code == 401


def test_bss_rejects_a_forged_token(sandbox):
    resp = bss_with_token(
        sandbox,
        "not-a-token",
        "POST",
        "/v2/partners/sub-customers/query",
        json={"offset": 0, "limit": 5},
    )
    assert resp.status_code in (401, 403), resp.text
    assert resp.json().get("error_code"), resp.text


def test_validate_token(sdk, partner_token):
    token = partner_token.x_subject_token
    response = token_client(sdk, token).keystone_validate_token(
        KeystoneValidateTokenRequest(x_subject_token=token, nocatalog="true")
    )
    check("keystone_validate_token", response, ("token.expires_at", "token.user.id"))
    assert response.token.expires_at == partner_token.token.expires_at
    assert response.token.user.id == partner_token.token.user.id


def test_validate_rejects_unknown_token(sdk, partner_token):
    with pytest.raises(ClientRequestException) as err:
        token_client(sdk, partner_token.x_subject_token).keystone_validate_token(
            KeystoneValidateTokenRequest(x_subject_token="unknown-token")
        )
    assert err.value.status_code in (401, 404)


def agency_request(customer):
    return KeystoneCreateAgencyTokenRequest(
        nocatalog="true",
        body=KeystoneCreateAgencyTokenRequestBody(
            auth=AgencyTokenAuth(
                identity=AgencyTokenIdentity(
                    methods=["assume_role"],
                    assume_role=AgencyTokenAssumerole(
                        domain_id=customer.customer_id, agency_name=AGENCY_NAME
                    ),
                ),
                scope=AgencyTokenScope(
                    domain=AgencyTokenScopeDomain(id=customer.customer_id)
                ),
            )
        ),
    )


@pytest.fixture(scope="module")
def customer_token(sdk, partner_token, customer):
    return token_client(
        sdk, partner_token.x_subject_token
    ).keystone_create_agency_token(agency_request(customer))


def test_agency_token_for_a_customer(customer_token, customer):
    check(
        "keystone_create_agency_token",
        customer_token,
        (
            "token.expires_at",
            "token.methods",
            "token.user.id",
            "token.domain.id",
            "token.assumed_by.user.id",
        ),
    )
    assert customer_token.token.domain.id == customer.customer_id
    assert customer_token.token.methods == ["assume_role"]


def test_customer_token_works_on_customer_operation(customer_token, sandbox):
    resp = bss_with_token(
        sandbox,
        customer_token.x_subject_token,
        "GET",
        "/v2/accounts/customer-accounts/balances",
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["account_balances"], resp.text


def test_agency_token_for_unknown_customer_is_rejected(sdk, partner_token):
    class Unknown:
        customer_id = "ffffffffffffffffffffffffffffffff"

    with pytest.raises(ClientRequestException) as err:
        token_client(sdk, partner_token.x_subject_token).keystone_create_agency_token(
            agency_request(Unknown)
        )
    assert 400 <= err.value.status_code < 500


def test_scoped_token_from_token(sdk, partner_token, sandbox):
    request = KeystoneCreateScopedTokenRequest(
        body=KeystoneCreateScopedTokenRequestBody(
            auth=ScopedTokenAuth(
                identity=ScopedTokenIdentity(
                    methods=["token"],
                    token=ScopedToken(id=partner_token.x_subject_token),
                ),
                scope=TokenSocpeOption(domain=ScopeDomainOption(id=sandbox.domain_id)),
            )
        )
    )
    response = token_client(
        sdk, partner_token.x_subject_token
    ).keystone_create_scoped_token(request)
    check(
        "keystone_create_scoped_token",
        response,
        ("token.expires_at", "token.user.id", "token.domain.id"),
    )
    assert response.x_subject_token != partner_token.x_subject_token
    assert response.token.domain.id == sandbox.domain_id


def test_temporary_keys_from_token_work_with_official_bss_client(
    sdk, partner_token, sandbox
):
    request = CreateTemporaryAccessKeyByTokenRequest(
        body=CreateTemporaryAccessKeyByTokenRequestBody(
            auth=TokenAuth(
                identity=TokenAuthIdentity(
                    methods=["token"],
                    token=IdentityToken(
                        id=partner_token.x_subject_token, duration_seconds=900
                    ),
                )
            )
        )
    )
    response = token_client(
        sdk, partner_token.x_subject_token
    ).create_temporary_access_key_by_token(request)
    check(
        "create_temporary_access_key_by_token",
        response,
        (
            "credential.access",
            "credential.secret",
            "credential.securitytoken",
            "credential.expires_at",
        ),
    )
    cred = response.credential
    temp = GlobalCredentials(
        cred.access, cred.secret, sandbox.domain_id
    ).with_security_token(cred.securitytoken)
    import huaweicloudsdkbss.v2 as bss

    listed = sdk.call(
        "bss",
        "list_sub_customers",
        bss.ListSubCustomersRequest(
            body=bss.QuerySubCustomerListReq(offset=0, limit=5)
        ),
        credentials=temp,
    )
    assert listed.customer_infos


def test_temporary_keys_by_agency_act_for_the_customer(sdk, partner_token, customer):
    request = CreateTemporaryAccessKeyByAgencyRequest(
        body=CreateTemporaryAccessKeyByAgencyRequestBody(
            auth=AgencyAuth(
                identity=AgencyAuthIdentity(
                    methods=["assume_role"],
                    assume_role=IdentityAssumerole(
                        agency_name=AGENCY_NAME,
                        domain_id=customer.customer_id,
                        duration_seconds=900,
                    ),
                )
            )
        )
    )
    response = token_client(
        sdk, partner_token.x_subject_token
    ).create_temporary_access_key_by_agency(request)
    check(
        "create_temporary_access_key_by_agency",
        response,
        (
            "credential.access",
            "credential.secret",
            "credential.securitytoken",
            "credential.expires_at",
        ),
    )
    cred = response.credential
    temp = GlobalCredentials(
        cred.access, cred.secret, customer.customer_id
    ).with_security_token(cred.securitytoken)
    import huaweicloudsdkbss.v2 as bss

    balances = sdk.call(
        "bss",
        "show_customer_account_balances",
        bss.ShowCustomerAccountBalancesRequest(),
        credentials=temp,
    )
    assert balances.account_balances
    assert all(b.amount is not None for b in balances.account_balances)


def test_token_lasts_24_hours(partner_token):
    from datetime import datetime

    def parse(text):
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    issued = parse(partner_token.token.issued_at)
    expires = parse(partner_token.token.expires_at)
    assert (expires - issued).total_seconds() == 24 * 3600


def test_catalog_only_when_asked_for(sdk):
    request = harness.password_token_request()
    request.nocatalog = None
    with_catalog = sdk.call("iam", "keystone_create_user_token_by_password", request)
    assert with_catalog.token.catalog, "token without nocatalog should carry a catalog"
    without = sdk.call(
        "iam",
        "keystone_create_user_token_by_password",
        harness.password_token_request(),
    )
    assert not without.token.catalog


def test_domain_id_discovered_through_iam(sandbox, admin):
    """Without a domain id, the official core asks IAM (GET /v3/auth/domains)
    before the first BSS call, as it does against production."""
    import huaweicloudsdkbss.v2 as bss
    from huaweicloudsdkcore.region.region import Region

    before = admin.requests_count("keystone_list_auth_domains")
    creds = GlobalCredentials(sandbox.access_key, sandbox.secret_key).with_iam_endpoint(
        sandbox.base_url
    )
    client = (
        bss.BssClient.new_builder()
        .with_credentials(creds)
        .with_region(Region("cn-north-1", sandbox.base_url))
        .with_http_config(harness.http_config())
        .build()
    )
    assert creds.domain_id == sandbox.domain_id
    listed = client.list_sub_customers(
        bss.ListSubCustomersRequest(body=bss.QuerySubCustomerListReq(limit=1))
    )
    assert listed.count >= 1
    after = admin.requests_count("keystone_list_auth_domains")
    assert after == before + 1


def test_project_scoped_agency_token(sdk, customer_token, customer):
    from huaweicloudsdkiam.v3 import (
        AgencyTokenScopeProject,
        KeystoneListProjectsRequest,
    )

    projects = token_client(sdk, customer_token.x_subject_token).keystone_list_projects(
        KeystoneListProjectsRequest()
    )
    assert projects.projects, projects
    assert all(p.domain_id == customer.customer_id for p in projects.projects)
    project = projects.projects[0]

    request = agency_request(customer)
    request.body.auth.scope = AgencyTokenScope(
        project=AgencyTokenScopeProject(id=project.id)
    )
    partner = sdk.call(
        "iam",
        "keystone_create_user_token_by_password",
        harness.password_token_request(),
    )
    response = token_client(sdk, partner.x_subject_token).keystone_create_agency_token(
        request
    )
    check(
        "keystone_create_agency_token",
        response,
        ("token.expires_at", "token.project.id", "token.project.domain.id"),
    )
    assert response.token.project.id == project.id


def test_every_emulated_iam_operation_was_exercised(admin):
    """Coverage guard, last in this file: each IAM operation the sandbox emulates
    reached it at least once through the official client above."""
    missing = [
        op for op in sorted(harness.EMULATED_IAM) if admin.requests_count(op) < 1
    ]
    assert not missing, missing
