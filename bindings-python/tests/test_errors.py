"""Every exception type, raised from real failures."""

from __future__ import annotations

import builtins
from decimal import Decimal

import pytest

import huaweicloud_partner as hp
from conftest import settings
from huaweicloud_partner.sandbox import Sandbox


@pytest.mark.parametrize(
    ("status", "code", "cls", "retryable"),
    [
        (400, "CBC.0100", hp.ApiError, False),
        (401, "APIG.0301", hp.AuthError, False),
        (403, "CBC.0150", hp.PermissionDeniedError, False),
        (404, "CBC.0404", hp.NotFoundError, False),
        (429, "APIG.0308", hp.RateLimitedError, True),
        (503, "CBC.0999", hp.ServerError, True),
    ],
)
def test_api_errors_map_to_classes(
    sb: Sandbox, status: int, code: str, cls: type, retryable: bool
) -> None:
    sb.inject_fault("list_sub_customers", count=1, status=status, error_code=code)
    with sb.client(**settings(max_attempts=1)) as c:
        with pytest.raises(cls) as info:
            c.customers.list(limit=1)
    e = info.value
    assert isinstance(e, hp.PartnerError)
    assert isinstance(e, hp.ApiError)
    assert e.status == status and e.code == code
    assert e.message
    assert e.request_id
    assert e.retryable is retryable
    assert e.operation == "list_sub_customers"
    assert code in str(e) and "PartnerError" not in str(e)


def test_retryable_errors_are_retried(client: hp.Client, sb: Sandbox) -> None:
    sb.inject_fault("list_sub_customers", count=2, status=503)
    page = client.customers.list(limit=2)
    assert len(page.customer_infos) == 2
    assert sb.request_count("list_sub_customers") == 3


async def test_async_errors_carry_the_same_fields(sb: Sandbox) -> None:
    sb.inject_fault("list_partner_adjust_records", status=429, error_code="APIG.0308")
    async with sb.async_client(**settings(max_attempts=1)) as c:
        with pytest.raises(hp.RateLimitedError) as info:
            await c.funding.list_adjust_records()
    assert info.value.code == "APIG.0308" and info.value.retryable


async def test_async_pager_error_stops(sb: Sandbox) -> None:
    sb.inject_fault("list_sub_customers", count=5, status=500)
    async with sb.async_client(**settings(max_attempts=1)) as c:
        pager = c.customers.list_all(limit=5)
        with pytest.raises(hp.ServerError):
            await pager.next_page()
        assert await pager.next_page() is None


def test_timeout_is_also_builtin_timeout(sb: Sandbox) -> None:
    sb.inject_fault("list_sub_customers", delay_ms=1500)
    with sb.client(**settings(timeout=0.2, max_attempts=1)) as c:
        with pytest.raises(hp.TimeoutError) as info:
            c.customers.list(limit=1)
    assert isinstance(info.value, builtins.TimeoutError)
    assert isinstance(info.value, hp.PartnerError)
    assert info.value.kind == "timeout" and info.value.retryable


def test_dropped_connection_is_a_network_error(sb: Sandbox) -> None:
    sb.inject_fault("list_sub_customers", drop=True)
    with sb.client(**settings(max_attempts=1)) as c:
        with pytest.raises(hp.NetworkError) as info:
            c.customers.list()
    assert info.value.retryable


def test_truncated_body_is_retried(sb: Sandbox) -> None:
    # A body cut short of its Content-Length is a broken connection: safe to repeat for a
    # query, so the client retries it.
    sb.inject_fault("list_sub_customers", truncate=True)
    with sb.client(**settings(max_attempts=2)) as c:
        assert c.customers.list(limit=2).count == 23
    assert sb.request_count("list_sub_customers") == 2


def test_network_error() -> None:
    with hp.Client(
        endpoint="http://127.0.0.1:9", access_key="a", secret_key="b", max_attempts=1
    ) as c:
        with pytest.raises(hp.NetworkError) as info:
            c.customers.list()
    assert info.value.kind == "connection" and info.value.status is None


def test_invalid_input_is_a_value_error(client: hp.Client, sb: Sandbox) -> None:
    with pytest.raises(hp.InvalidInputError) as info:
        client.funding.list_adjust_records(limit=1000)
    assert isinstance(info.value, ValueError)
    assert "limit" in info.value.message
    with pytest.raises(ValueError):
        client.customers.list(limit="ten")  # type: ignore[arg-type]
    assert sb.request_count("list_partner_adjust_records") == 0
    assert sb.request_count("list_sub_customers") == 0


def test_floats_are_refused_before_sending(client: hp.Client, sb: Sandbox) -> None:
    with pytest.raises(TypeError, match="use decimal.Decimal"):
        client.customers.list(limit=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="floats are not accepted"):
        hp._convert.request_fields({"nested": {"amount": [Decimal("1"), 2.5]}})
    assert sb.request_count("list_sub_customers") == 0


def test_config_and_auth_errors_at_construction() -> None:
    with pytest.raises(hp.ConfigError):
        hp.Client(site="mars")
    with pytest.raises(hp.ConfigError):
        hp.Client(endpoint="not a url")
    with pytest.raises(hp.ConfigError):
        hp.Client(access_key="only-ak")
    with pytest.raises(hp.AuthError):
        hp.Client(access_key=" ", secret_key="sk")
    with pytest.raises(TypeError):
        hp.Client(timeout="ten")  # type: ignore[arg-type]


def test_unsupported_error_for_unknown_operations(client: hp.Client) -> None:
    with pytest.raises(hp.UnsupportedError) as info:
        client._call("funding", "no_such_method", {})
    assert info.value.kind == "unsupported"


def test_decode_error_for_malformed_responses() -> None:
    with pytest.raises(hp.DecodeError):
        hp.models.AdjustRecord.from_dict({"amount": "twelve"})
    with pytest.raises(hp.DecodeError):
        hp.models.AdjustRecord.from_dict({"operation_time": "yesterday"})


def test_outcome_unknown_from_native() -> None:
    # No money-moving operation is exposed yet: build it the way the native module does.
    e = hp.errors._from_native(
        "outcome_unknown",
        "update_customer_account_amount may or may not have been applied",
        None,
        None,
        None,
        False,
        "update_customer_account_amount",
        None,
        None,
        ("update_customer_account_amount", "2024-06-01T00:00:00Z", '{"amount": "1.50"}'),
    )
    assert isinstance(e, hp.OutcomeUnknownError) and not e.retryable
    assert e.pending is not None
    assert e.pending.body == {"amount": "1.50"}
    assert e.pending.sent_at.tzinfo is not None


def test_every_core_kind_has_a_class() -> None:
    from huaweicloud_partner import _native

    for kind in _native.error_kinds():
        e = hp.errors._from_native(kind, "m", None, None, None, False, None, None, None, None)
        assert type(e) is not hp.PartnerError, kind
        assert e.kind == kind
