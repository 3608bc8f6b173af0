"""Typed, money-safe client for the Huawei Cloud Partner Center (BSS) and IAM APIs.

Logging: the Rust core's records go to Python's :mod:`logging`, under loggers named after
the Rust modules (``huaweicloud_partner.http`` logs one DEBUG line per attempt, retries at
DEBUG, giving up at WARNING; no secret is ever logged). Logger levels are cached: call
:func:`refresh_logging` after changing them at run time.

A thin binding of the Rust SDK: requests are validated, signed, retried and rate limited
by the Rust core; this package converts values (``Decimal`` amounts, aware ``datetime``
timestamps, ``date`` dates) and maps errors to :mod:`huaweicloud_partner.errors`.

>>> from huaweicloud_partner import Client
>>> with Client(access_key="AK", secret_key="SK") as client:  # doctest: +SKIP
...     for record in client.funding.adjust_records(customer_id="..."):
...         print(record.trans_id, record.amount)
"""

from __future__ import annotations

from . import errors, iam, models
from ._areas import AsyncAreas, SyncAreas
from ._base import AsyncPager, Page, Pager
from ._client import AsyncClient, Client
from ._native import __version__, operations, refresh_logging
from .errors import (
    ApiError,
    AuthError,
    ConfigError,
    DecodeError,
    InvalidInputError,
    NetworkError,
    NotFoundError,
    OutcomeUnknownError,
    PartnerError,
    PendingRequest,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    TimeoutError,
    UnsupportedError,
)

__all__ = [
    "__version__",
    "operations",
    "refresh_logging",
    "errors",
    "iam",
    "models",
    "Client",
    "AsyncClient",
    "SyncAreas",
    "AsyncAreas",
    "Page",
    "Pager",
    "AsyncPager",
    "PartnerError",
    "ConfigError",
    "InvalidInputError",
    "ApiError",
    "AuthError",
    "PermissionDeniedError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "TimeoutError",
    "NetworkError",
    "DecodeError",
    "OutcomeUnknownError",
    "UnsupportedError",
    "PendingRequest",
]
