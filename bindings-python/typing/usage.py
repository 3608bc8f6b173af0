"""Typed use of the public API, checked with ``mypy --strict`` (never executed)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from decimal import Decimal
from typing import Optional

import huaweicloud_partner as hp
from huaweicloud_partner.models import AdjustRecord, ListCustomersResponse


def sync_use(client: hp.Client) -> Decimal:
    page: ListCustomersResponse = client.customers.list(limit=10)
    names: list[Optional[str]] = [c.account_name for c in page.customer_infos]
    assert names is not None
    total = Decimal(0)
    pager: hp.Pager[AdjustRecord] = client.funding.adjust_records(
        operation_time_begin=datetime(2024, 6, 1, tzinfo=timezone.utc), concurrency=2
    )
    for record in pager:
        if record.amount is not None:
            total += record.amount
        when: Optional[datetime] = record.operation_time
        assert when is None or when.tzinfo is not None
    first: Optional[hp.Page[AdjustRecord]] = client.funding.adjust_records().next_page()
    if first is not None:
        count: Optional[int] = first.total
        assert count is None or count >= 0
    return total


async def async_use(client: hp.AsyncClient) -> int:
    page = await client.customers.list(limit=1)
    n: Optional[int] = page.count
    assert n is None or n >= 0
    ids = [c.customer_id async for c in client.customers.list_all(limit=50)]
    async for p in client.funding.adjust_records().pages():
        ids.extend(r.customer_id for r in p.items)
    return len(ids)


def errors_use(client: hp.Client) -> None:
    try:
        client.customers.list()
    except hp.RateLimitedError as e:
        after: Optional[float] = e.retry_after
        assert after is None or after >= 0
    except hp.ApiError as e:
        status: Optional[int] = e.status
        code: Optional[str] = e.code
        rid: Optional[str] = e.request_id
        assert (status, code, rid) != (0, "", "")
    except hp.OutcomeUnknownError as e:
        if e.pending is not None:
            sent: datetime = e.pending.sent_at
            assert sent.tzinfo is not None
    except hp.PartnerError as e:
        retry: bool = e.retryable
        assert retry in (True, False)


async def main() -> None:
    async with hp.AsyncClient(site="international", rate_limit=False) as ac:
        await async_use(ac)
    with hp.Client(timeout=30, max_attempts=2) as c:
        sync_use(c)
        errors_use(c)


if __name__ == "__main__":
    asyncio.run(main())
