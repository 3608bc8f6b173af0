"""Fixtures: the Rust sandbox on 127.0.0.1 and clients pointed at it."""

from __future__ import annotations

from typing import Any, AsyncIterator, Iterator

import pytest

import huaweicloud_partner as hp
from huaweicloud_partner import sandbox

CUSTOMERS = 23
RECORDS = 57


@pytest.fixture
def sb() -> Iterator[sandbox.Sandbox]:
    with sandbox.start(customers=CUSTOMERS, records=RECORDS, seed=7) as s:
        yield s


def settings(**overrides: Any) -> dict[str, Any]:
    """Client settings for tests: no pacing, quick retries."""
    base: dict[str, Any] = dict(rate_limit=False, initial_backoff=0.001, max_backoff=0.01)
    base.update(overrides)
    return base


@pytest.fixture
def client(sb: sandbox.Sandbox) -> Iterator[hp.Client]:
    with sb.client(**settings()) as c:
        yield c


@pytest.fixture
async def aclient(sb: sandbox.Sandbox) -> AsyncIterator[hp.AsyncClient]:
    async with sb.async_client(**settings()) as c:
        yield c
