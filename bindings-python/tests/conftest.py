"""Fixtures: an API to talk to on 127.0.0.1 and clients pointed at it."""

from __future__ import annotations

from typing import Any, AsyncIterator, Iterator

import pytest

import huaweicloud_partner as hp
from mock_api import MockApi


@pytest.fixture
def api() -> Iterator[MockApi]:
    server = MockApi()
    try:
        yield server
    finally:
        server.close()


def settings(api: MockApi, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict(
        endpoint=api.url,
        access_key=api.access_key,
        secret_key=api.secret_key,
        domain_id=api.domain_id,
        rate_limit=False,
        initial_backoff=0.001,
        max_backoff=0.01,
    )
    base.update(overrides)
    return base


@pytest.fixture
def client(api: MockApi) -> Iterator[hp.Client]:
    with hp.Client(**settings(api)) as c:
        yield c


@pytest.fixture
async def aclient(api: MockApi) -> AsyncIterator[hp.AsyncClient]:
    async with hp.AsyncClient(**settings(api)) as c:
        yield c
