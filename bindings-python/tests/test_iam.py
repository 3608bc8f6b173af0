"""IAM tokens and token substitution against the sandbox."""

from __future__ import annotations

from datetime import datetime

import pytest

import huaweicloud_partner as hp
from conftest import settings
from huaweicloud_partner import iam
from huaweicloud_partner.models import IssuedToken
from huaweicloud_partner.sandbox import Sandbox


def test_password_token(client: hp.Client, sb: Sandbox) -> None:
    token = client.iam.create_token_by_password(
        user_name=sb.iam_user, password=sb.iam_password, domain_name=sb.domain_name
    )
    assert isinstance(token, IssuedToken)
    assert token.x_subject_token
    assert token.token is not None
    assert isinstance(token.token.expires_at, datetime) and token.token.expires_at.tzinfo
    assert token.x_subject_token not in repr(token)
    assert sb.iam_password not in repr(token)

    checked = client.iam.validate_token(subject_token=token.x_subject_token)
    assert checked.token is not None and checked.token.expires_at == token.token.expires_at


def test_wrong_password_is_an_auth_error(client: hp.Client, sb: Sandbox) -> None:
    with pytest.raises(hp.AuthError) as info:
        client.iam.create_token_by_password(
            user_name=sb.iam_user, password="Wr0ng-S3cret!", domain_name=sb.domain_name
        )
    assert info.value.status == 401
    assert "Wr0ng-S3cret!" not in str(info.value) + repr(info.value)


def test_token_authenticated_client(sb: Sandbox) -> None:
    with hp.Client(
        endpoint=sb.url,
        iam_user=sb.iam_user,
        iam_password=sb.iam_password,
        iam_domain=sb.domain_name,
        **settings(),
    ) as c:
        assert c.customers.list(limit=2).count == 23
        assert c.customers.list(limit=2).count == 23
    assert sb.request_count("keystone_create_user_token_by_password") == 1
    assert sb.iam_password not in repr(c)
    with pytest.raises(hp.ConfigError):
        hp.Client(iam_user="only-user")


def test_token_substitution(sb: Sandbox) -> None:
    customer = sb.customer_domain_names()[0]
    with hp.Client(
        endpoint=sb.url,
        iam_user=sb.iam_user,
        iam_password=sb.iam_password,
        iam_domain=sb.domain_name,
        agency_name=sb.platform_id,
        **settings(),
    ) as partner:
        as_customer = partner.for_customer(domain_name=customer)
        domains = as_customer.iam.list_auth_domains()
        assert [d.name for d in domains.domains] == [customer]
        again = partner.for_customer(domain_name=customer)
        again.iam.list_auth_domains()
    assert sb.request_count("keystone_create_agency_token") == 1

    with hp.Client(**settings(endpoint=sb.url, access_key="a", secret_key="b")) as plain:
        with pytest.raises(hp.ConfigError):
            plain.for_customer(domain_name=customer)
    with pytest.raises(TypeError):
        partner.for_customer()


async def test_async_token_substitution(sb: Sandbox) -> None:
    customer = sb.customer_domain_names()[1]
    async with hp.AsyncClient(
        endpoint=sb.url,
        iam_user=sb.iam_user,
        iam_password=sb.iam_password,
        iam_domain=sb.domain_name,
        **settings(),
    ) as partner:
        as_customer = await partner.for_customer(
            domain_name=customer,
            scope=iam.domain_scope(name=customer),
            agency_name=sb.platform_id,
        )
        domains = await as_customer.iam.list_auth_domains()
        assert [d.name for d in domains.domains] == [customer]


def test_agency_token_and_temporary_keys(client: hp.Client, sb: Sandbox) -> None:
    customer = sb.customer_domain_names()[0]
    partner_token = client.iam.create_token_by_password(
        user_name=sb.iam_user, password=sb.iam_password, domain_name=sb.domain_name
    )
    assert partner_token.x_subject_token
    token_client = hp.Client(**settings(endpoint=sb.url, token=partner_token.x_subject_token))
    agency = token_client.iam.create_agency_token(
        customer=iam.customer_ref(domain_name=customer),
        agency_name=sb.platform_id,
        scope=iam.domain_scope(name=customer),
    )
    assert agency.x_subject_token and agency.token is not None
    keys = token_client.iam.create_temporary_access_key_by_token()
    assert keys.access and keys.secret and keys.securitytoken
    assert keys.secret not in repr(keys) and keys.securitytoken not in repr(keys)
