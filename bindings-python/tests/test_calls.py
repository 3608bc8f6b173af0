"""Single calls, typed responses and pagination, sync and async, against the sandbox."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

import huaweicloud_partner as hp
from conftest import CUSTOMERS, RECORDS
from huaweicloud_partner.models import (
    AdjustRecord,
    Customer,
    ListAdjustRecordsResponse,
)
from huaweicloud_partner.sandbox import Sandbox


def test_registry_matches_generated_areas() -> None:
    client = hp.Client(access_key="a", secret_key="b")
    aclient = hp.AsyncClient(access_key="a", secret_key="b")
    assert hp.operations()
    for operation, area, method, pages in hp.operations():
        for c in (client, aclient):
            handler = getattr(c, area)
            assert callable(getattr(handler, method)), (operation, method)
            if pages:
                assert callable(getattr(handler, pages)), (operation, pages)


def test_list_returns_typed_models(client: hp.Client) -> None:
    page = client.funding.list_adjust_records(limit=5)
    assert isinstance(page, ListAdjustRecordsResponse)
    assert page.total_count == RECORDS
    assert len(page.records) == 5
    first = page.records[0]
    assert isinstance(first, AdjustRecord)
    assert isinstance(first.amount, Decimal)
    assert isinstance(first.operation_time, datetime)
    assert first.operation_time.utcoffset() == timedelta(0)
    d = first.to_dict()
    assert d["amount"] == first.amount and d["trans_id"] == first.trans_id
    assert AdjustRecord.from_dict(d) == first
    assert page == ListAdjustRecordsResponse.from_dict(page.to_dict())
    assert repr(first).startswith("AdjustRecord(") and first.trans_id in repr(first)


def test_amounts_keep_every_digit(client: hp.Client) -> None:
    raw = client._native().call("funding", "list_adjust_records", {"limit": 100})
    records = list(client.funding.adjust_records(limit=100))
    assert len(records) == RECORDS
    assert [str(r.amount) for r in records] == [w["amount"] for w in raw["records"]]
    assert any(len(str(r.amount).partition(".")[2]) >= 4 for r in records)


def test_datetime_filters_are_sent_in_utc(client: hp.Client) -> None:
    everyone = client.customers.list_all().collect()
    times = sorted(c.associated_on for c in everyone if c.associated_on is not None)
    middle = times[len(times) // 2]
    shanghai = middle.astimezone(timezone(timedelta(hours=8)))
    as_utc = client.customers.list(associated_on_begin=middle, limit=100)
    as_local = client.customers.list(associated_on_begin=shanghai, limit=100)
    assert as_utc == as_local
    assert as_utc.count == sum(1 for t in times if t >= middle)
    with pytest.raises(TypeError, match="naive"):
        client.customers.list(associated_on_begin=datetime(2024, 6, 1))


def test_sync_pagination_is_lazy_and_complete(client: hp.Client, sb: Sandbox) -> None:
    pager = client.customers.list_all(limit=10)
    assert sb.request_count("list_sub_customers") == 0
    assert pager.total is None
    first = pager.next_page()
    assert first is not None and len(first.items) == 10 and first.total == CUSTOMERS
    assert pager.total == CUSTOMERS
    assert sb.request_count("list_sub_customers") == 1
    rest = [c.customer_id for c in pager]
    assert len(rest) == CUSTOMERS - 10
    assert sb.request_count("list_sub_customers") == 3
    assert pager.next_page() is None

    pages = list(client.customers.list_all(limit=7).pages())
    assert [len(p) for p in pages] == [7, 7, 7, 2]
    everything = client.customers.list_all(limit=4, concurrency=3).collect()
    assert [c.customer_id for c in everything] == sb.customer_ids()
    assert all(isinstance(c, Customer) for c in everything)
    assert all(isinstance(c.associated_on, datetime) for c in everything)


async def test_async_calls_and_pagination(aclient: hp.AsyncClient, sb: Sandbox) -> None:
    page = await aclient.funding.list_adjust_records(limit=3)
    assert page.total_count == RECORDS and len(page.records) == 3
    pager = aclient.funding.adjust_records(limit=5)
    assert sb.request_count("list_partner_adjust_records") == 1
    ids = [r.trans_id async for r in pager]
    assert len(ids) == RECORDS and len(set(ids)) == RECORDS
    assert sb.request_count("list_partner_adjust_records") == 1 + 12
    pages = [p async for p in aclient.customers.list_all(limit=10).pages()]
    assert [len(p.items) for p in pages] == [10, 10, 3]
    one = aclient.customers.list_all(limit=20, concurrency=2)
    first = await one.next_page()
    assert first is not None and len(first.items) == 20
    assert len(await one.collect()) == CUSTOMERS - 20


def test_threads_share_one_client(client: hp.Client, sb: Sandbox) -> None:
    def work(i: int) -> int:
        if i % 2:
            return len(list(client.customers.list_all(limit=5)))
        return client.funding.list_adjust_records(limit=3).total_count or 0

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(32)))
    assert results == [RECORDS if i % 2 == 0 else CUSTOMERS for i in range(32)]
    assert sb.request_count("list_partner_adjust_records") == 16
    assert sb.request_count("list_sub_customers") == 16 * 5


async def test_asyncio_tasks_share_one_client(aclient: hp.AsyncClient, sb: Sandbox) -> None:
    async def one(i: int) -> int:
        page = await aclient.customers.list(limit=1, offset=i)
        return len(page.customer_infos)

    results = await asyncio.gather(*(one(i) for i in range(30)))
    assert results == [1] * CUSTOMERS + [0] * (30 - CUSTOMERS)
    assert sb.request_count("list_sub_customers") == 30


def test_sync_client_inside_asyncio_threads(sb: Sandbox) -> None:
    async def main() -> list[int]:
        with sb.client(**{"rate_limit": False}) as c:
            loop = asyncio.get_running_loop()
            calls = [
                loop.run_in_executor(None, lambda: c.customers.list(limit=2).count or 0)
                for _ in range(6)
            ]
            return list(await asyncio.gather(*calls))

    assert asyncio.run(main()) == [CUSTOMERS] * 6


def test_closed_client_refuses_calls(sb: Sandbox) -> None:
    c = sb.client()
    with c:
        c.customers.list(limit=1)
    assert c.closed and "closed" in repr(c)
    with pytest.raises(hp.ConfigError):
        c.customers.list(limit=1)


async def test_async_context_manager_closes(sb: Sandbox) -> None:
    async with sb.async_client() as c:
        await c.customers.list(limit=1)
    assert c.closed
    with pytest.raises(hp.ConfigError):
        await c.customers.list(limit=1)


def test_secrets_never_in_repr(sb: Sandbox) -> None:
    c = hp.Client(
        endpoint=sb.url,
        access_key="AKVISIBLE",
        secret_key="very-secret-sk",
        security_token="very-secret-token",
    )
    text = repr(c) + str(vars(c)) + repr(c._native())
    assert "AKVISIBLE" not in text or "very-secret" not in text
    assert "very-secret" not in text
    t = hp.Client(endpoint=sb.url, token="secret-iam-token")
    assert "secret-iam-token" not in repr(t) + str(vars(t))
    assert sb.secret_key not in repr(sb)


def test_sandbox_helpers(sb: Sandbox) -> None:
    assert sb.url.startswith("http://127.0.0.1:")
    assert sb.access_key == "HPUASANDBOXPARTNER0001"
    assert sb.platform_id == "sandbox_IDP"
    assert len(sb.customer_ids()) == CUSTOMERS
    with sb.client() as c:
        c.customers.list(limit=1)
    assert sb.request_count("list_sub_customers") == 1
    sb.reset_request_counts()
    assert sb.request_count("list_sub_customers") == 0
    sb.stop()
    sb.stop()
    with pytest.raises(RuntimeError):
        sb.request_count("list_sub_customers")


def test_gil_is_released_while_waiting(client: hp.Client, sb: Sandbox) -> None:
    import threading

    sb.inject_fault("list_partner_adjust_records", delay_ms=1500)
    slow = threading.Thread(target=lambda: client.funding.list_adjust_records(limit=1))
    slow.start()
    try:
        # This call needs the GIL to build its request and read its answer; it can only
        # finish first if the slow call is not holding the GIL while it waits.
        assert client.customers.list(limit=1).count == CUSTOMERS
        assert slow.is_alive()
    finally:
        slow.join()


async def test_event_loop_is_not_blocked(aclient: hp.AsyncClient, sb: Sandbox) -> None:
    sb.inject_fault("list_partner_adjust_records", delay_ms=1500)
    order: list[str] = []

    async def slow() -> None:
        await aclient.funding.list_adjust_records(limit=1)
        order.append("slow")

    async def quick() -> None:
        await aclient.customers.list(limit=1)
        order.append("quick")

    await asyncio.gather(slow(), quick())
    assert order == ["quick", "slow"]


async def test_cancelled_task_leaves_the_client_usable(
    aclient: hp.AsyncClient, sb: Sandbox
) -> None:
    sb.inject_fault("list_partner_adjust_records", delay_ms=1500)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(aclient.funding.list_adjust_records(limit=1), 0.2)
    page = await aclient.funding.list_adjust_records(limit=1)
    assert page.total_count == RECORDS


def test_native_requests_take_json_values_only(client: hp.Client, sb: Sandbox) -> None:
    native = client._native()
    with pytest.raises(TypeError, match="floats are not accepted"):
        native.call("customers", "list", {"limit": 1.5})
    with pytest.raises(TypeError, match="keys must be strings"):
        native.call("customers", "list", {"limit": 1, 2: "x"})
    with pytest.raises(TypeError, match="unsupported type Decimal"):
        native.call("customers", "list", {"limit": Decimal(1)})
    with pytest.raises(ValueError, match="does not fit in 64 bits"):
        native.call("customers", "list", {"limit": 2**64})
    deep: list[object] = []
    deep.append(deep)
    with pytest.raises(ValueError, match="levels deep"):
        native.call("customers", "list", {"limit": 1, "x": deep})
    assert sb.request_count("list_sub_customers") == 0
    page = native.call("customers", "list", {"limit": 2, "offset": 0})
    assert type(page["count"]) is int and len(page["customer_infos"]) == 2
