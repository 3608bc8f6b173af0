"""Single calls, typed responses and pagination, sync and async."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from decimal import Decimal

import pytest

import huaweicloud_partner as hp
from huaweicloud_partner.models import (
    AdjustRecordV3,
    CustomerInformation,
    ListPartnerAdjustRecordsResponse,
)
from mock_api import MockApi


def test_registry_matches_generated_areas() -> None:
    for operation, area, method, pages in hp.operations():
        sync_area = getattr(hp.SyncAreas, area)
        assert sync_area is not None, operation
        cls = type(getattr(hp.Client(access_key="a", secret_key="b"), area))
        assert callable(getattr(cls, method)), (area, method)
        if pages:
            assert callable(getattr(cls, pages)), (area, pages)


def test_list_returns_typed_models(client: hp.Client, api: MockApi) -> None:
    page = client.funding.list_adjust_records(limit=5)
    assert isinstance(page, ListPartnerAdjustRecordsResponse)
    assert page.total_count == 57
    assert len(page.records) == 5
    first = page.records[0]
    assert isinstance(first, AdjustRecordV3)
    assert first.amount == Decimal("1.123456789012345678901234567")
    assert first.operation_time == datetime(2024, 6, 1, 2, 15, 44, tzinfo=timezone.utc)
    assert first.measure_id == 1
    d = first.to_dict()
    assert d["amount"] == first.amount and d["trans_id"] == "ADJ000000"
    assert AdjustRecordV3.from_dict(api.data["list_partner_adjust_records"][0]) == first
    assert "ADJ000000" in repr(first)


def test_amounts_keep_every_digit(client: hp.Client, api: MockApi) -> None:
    records = list(client.funding.adjust_records())
    wire = api.data["list_partner_adjust_records"]
    assert [r.amount for r in records] == [Decimal(w["amount"]) for w in wire]
    assert all(isinstance(r.amount, Decimal) for r in records)
    assert str(records[12].amount) == wire[12]["amount"]


def test_datetime_request_fields_are_sent_in_utc(client: hp.Client, api: MockApi) -> None:
    from datetime import timedelta

    begin = datetime(2024, 6, 1, 8, 0, 0, tzinfo=timezone(timedelta(hours=8)))
    client.customers.list(associated_on_begin=begin, limit=1)
    assert api.bodies[-1][1]["associated_on_begin"] == "2024-06-01T00:00:00Z"
    with pytest.raises(TypeError, match="naive"):
        client.customers.list(associated_on_begin=datetime(2024, 6, 1))
    assert api.request_count("list_sub_customers") == 1


def test_sync_pagination_is_lazy_and_complete(client: hp.Client, api: MockApi) -> None:
    pager = client.customers.list_all(limit=10)
    assert api.request_count("list_sub_customers") == 0
    first = pager.next_page()
    assert first is not None and len(first.items) == 10 and first.total == 23
    assert pager.total == 23
    assert api.request_count("list_sub_customers") == 1
    rest = [c.customer_id for c in pager]
    assert len(rest) == 13
    assert api.request_count("list_sub_customers") == 3
    assert pager.next_page() is None

    pages = list(client.customers.list_all(limit=7).pages())
    assert [len(p) for p in pages] == [7, 7, 7, 2]
    everything = client.customers.list_all(limit=4, concurrency=3).collect()
    assert [c.customer_id for c in everything] == [
        c["customer_id"] for c in api.data["list_sub_customers"]
    ]
    assert all(isinstance(c, CustomerInformation) for c in everything)
    assert everything[1].associated_on == datetime(2024, 3, 2, 6, 21, 9, tzinfo=timezone.utc)
    assert everything[0].account_managers[0].account_name == "sales_wang"


async def test_async_calls_and_pagination(aclient: hp.AsyncClient, api: MockApi) -> None:
    page = await aclient.funding.list_adjust_records(limit=3, customer_id=f"{1:032x}")
    assert page.total_count == 12 and len(page.records) == 3
    pager = aclient.funding.adjust_records(limit=5)
    assert api.request_count("list_partner_adjust_records") == 1
    ids = [r.trans_id async for r in pager]
    assert len(ids) == 57 and len(set(ids)) == 57
    pages = [p async for p in aclient.customers.list_all(limit=10).pages()]
    assert [len(p.items) for p in pages] == [10, 10, 3]
    one = aclient.customers.list_all(limit=20)
    first = await one.next_page()
    assert first is not None and len(first.items) == 20
    assert len(await one.collect()) == 3


def test_threads_share_one_client(client: hp.Client, api: MockApi) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(i: int) -> int:
        if i % 2:
            return len(list(client.customers.list_all(limit=5)))
        return client.funding.list_adjust_records(limit=3).total_count or 0

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(32)))
    assert results == [57 if i % 2 == 0 else 23 for i in range(32)]
    assert api.request_count("list_partner_adjust_records") == 16
    assert api.request_count("list_sub_customers") == 16 * 5


async def test_asyncio_tasks_share_one_client(aclient: hp.AsyncClient, api: MockApi) -> None:
    async def one(i: int) -> int:
        page = await aclient.customers.list(limit=1, offset=i)
        return len(page.customer_infos)

    results = await asyncio.gather(*(one(i) for i in range(30)))
    assert results == [1] * 23 + [0] * 7
    assert api.request_count("list_sub_customers") == 30


def test_closed_client_refuses_calls(api: MockApi) -> None:
    c = hp.Client(endpoint=api.url, access_key="ak", secret_key="sk")
    with c:
        c.customers.list(limit=1)
    assert c.closed
    with pytest.raises(hp.ConfigError):
        c.customers.list(limit=1)


async def test_async_context_manager_closes(api: MockApi) -> None:
    async with hp.AsyncClient(endpoint=api.url, access_key="ak", secret_key="sk") as c:
        await c.customers.list(limit=1)
    assert c.closed
    with pytest.raises(hp.ConfigError):
        await c.customers.list(limit=1)


def test_secrets_never_in_repr(api: MockApi) -> None:
    c = hp.Client(
        endpoint=api.url,
        access_key="AKVISIBLE",
        secret_key="very-secret-sk",
        security_token="very-secret-token",
    )
    text = repr(c) + str(vars(c)) + repr(c._native())
    assert "very-secret" not in text
    t = hp.Client(endpoint=api.url, token="secret-iam-token")
    assert "secret-iam-token" not in repr(t) + str(vars(t))
