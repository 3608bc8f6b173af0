"""Every resource area answers through the binding, and money moves exactly once."""

from __future__ import annotations

import inspect
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable

import pytest

import huaweicloud_partner as hp
from conftest import settings
from huaweicloud_partner import _areas
from huaweicloud_partner.sandbox import Sandbox


def no_arg_calls() -> list[tuple[str, str]]:
    """(area, method) of every single-call method without required arguments."""
    out = []
    for _, area, method, _ in hp.operations():
        cls = getattr(_areas, "".join(p.title() for p in area.split("_")))
        sig = inspect.signature(getattr(cls, method))
        required = [
            p for p in sig.parameters.values()
            if p.name != "self" and p.default is inspect.Parameter.empty
        ]
        if not required:
            out.append((area, method))
    return out


def test_every_area_answers(sb: Sandbox) -> None:
    china = sb.client(**settings(max_attempts=1))
    intl = sb.client(**settings(max_attempts=1, site="international", endpoint=sb.intl_url))
    answered: dict[str, int] = {}
    failures: list[str] = []
    for area, method in no_arg_calls():
        result: Any = None
        for client in (china, intl):
            try:
                result = getattr(getattr(client, area), method)()
                break
            except hp.UnsupportedError:
                continue
            except hp.ApiError as e:
                # Customer-only operations refuse a partner key pair: still a typed answer.
                assert e.status in (400, 401, 403, 404), (area, method, e)
                result = e
                break
        if result is None:
            failures.append(f"{area}.{method}")
            continue
        if not isinstance(result, hp.ApiError):
            assert type(result).__module__ == "huaweicloud_partner.models", (area, method)
            assert isinstance(result.to_dict(), dict)
            answered[area] = answered.get(area, 0) + 1
    assert not failures, failures

    # Areas whose reads need arguments, or a customer's token.
    partner = sb.client(
        **settings(
            iam_user=sb.iam_user,
            iam_password=sb.iam_password,
            iam_domain=sb.domain_name,
            agency_name=sb.platform_id,
            access_key=None,
            secret_key=None,
            domain_id=None,
        )
    )
    customer = partner.for_customer(domain_name=sb.customer_domain_names()[0])
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    end = datetime(2025, 12, 31, tzinfo=timezone.utc)
    more: dict[str, Callable[[], Any]] = {
        "account_records": lambda: china.account_records.list_partner_changes(
            balance_type="BALANCE_TYPE_DEBIT"
        ),
        "bills": lambda: china.bills.list_customer_monthly_bills(cycle="2025-12", charge_mode="1"),
        "incentives": lambda: china.incentives.list_policies(time="2025-12"),
        "orders": lambda: customer.orders.list(),
        "iam": lambda: customer.iam.list_auth_domains(),
    }
    for area, call in more.items():
        result = call()
        assert type(result).__module__ == "huaweicloud_partner.models", area
        answered[area] = answered.get(area, 0) + 1
    invoices = intl.invoices.list(
        domain_id=sb.domain_id, start_time=start, end_time=end, offset=1, limit=10
    )
    assert type(invoices).__module__ == "huaweicloud_partner.models"
    answered["invoices"] = 1
    with pytest.raises(hp.InvalidInputError, match="offset"):
        intl.invoices.list(
            domain_id=sb.domain_id, start_time=start, end_time=end, offset=0, limit=10
        )
    areas = {a for _, a, _, _ in hp.operations()}
    assert set(answered) == areas, areas - set(answered)


def test_funding_amounts_round_trip(client: hp.Client, sb: Sandbox) -> None:
    customer = sb.customer_ids()[0]
    for amount in (Decimal("12.34"), Decimal("0.07"), Decimal("250000.10")):
        done = client.funding.fund_customer(customer_id=customer, amount=amount)
        assert done.transfer_id
        latest = client.funding.list_adjust_records(customer_id=customer, limit=1).records[0]
        assert latest.amount == amount and isinstance(latest.amount, Decimal)
        assert latest.trans_id == done.transfer_id
    with pytest.raises(TypeError, match="use decimal.Decimal"):
        client.funding.fund_customer(customer_id=customer, amount=12.34)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.funding.fund_customer(customer_id=customer)  # type: ignore[call-arg]
    assert sb.request_count("update_customer_account_amount") == 3


def test_lost_funding_answer_is_outcome_unknown_and_not_retried(sb: Sandbox) -> None:
    customer = sb.customer_ids()[0]
    sb.inject_fault("update_customer_account_amount", drop=True)
    with sb.client(**settings(max_attempts=4)) as c:
        with pytest.raises(hp.OutcomeUnknownError) as info:
            c.funding.fund_customer(customer_id=customer, amount=Decimal("1.50"))
    e = info.value
    assert not e.retryable and e.operation == "update_customer_account_amount"
    assert e.pending is not None and e.pending.sent_at.tzinfo is not None
    assert e.pending.body["amount"] == Decimal("1.50")
    assert isinstance(e.pending.body["amount"], Decimal)
    assert sb.request_count("update_customer_account_amount") == 1


async def test_async_funding(aclient: hp.AsyncClient, sb: Sandbox) -> None:
    customer = sb.customer_ids()[1]
    done = await aclient.funding.fund_customer(customer_id=customer, amount=Decimal("3.21"))
    page = await aclient.funding.list_adjust_records(customer_id=customer, limit=1)
    assert page.records[0].trans_id == done.transfer_id
    assert page.records[0].amount == Decimal("3.21")
