"""Exceptions raised by the SDK.

Every error derives from :class:`PartnerError` and carries what the API said (HTTP
``status``, error ``code``, ``message``, ``request_id``) and whether sending the same
request again is safe (``retryable``). The classes mirror the core's error kinds; ``kind``
holds the core's identifier (``"rate_limited"``, ``"outcome_unknown"``, ...).
"""

from __future__ import annotations

import builtins
from collections import namedtuple
from datetime import datetime, timezone
from decimal import Decimal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple, Optional

__all__ = [
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


class PartnerError(Exception):
    """Base class of every error raised by the SDK.

    Attributes:
        kind: The core's error kind, e.g. ``"server"``.
        message: The human-readable message (the API's ``error_msg`` for API errors).
        status: The HTTP status, when a response arrived.
        code: The API's error code (``CBC.0100``, ``APIG.0308``, ...), when given.
        request_id: The response's ``X-Request-Id`` (quote it to Huawei support).
        retryable: Whether sending the same request again is safe and may succeed.
        operation: The catalogue name of the operation that failed, when known.
        retry_after: Seconds the server asked to wait, when it said so.
        body_excerpt: The start of the response body, when there was one.
    """

    kind: str
    message: str
    status: Optional[int]
    code: Optional[str]
    request_id: Optional[str]
    retryable: bool
    operation: Optional[str]
    retry_after: Optional[float]
    body_excerpt: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        kind: str = "unexpected",
        status: Optional[int] = None,
        code: Optional[str] = None,
        request_id: Optional[str] = None,
        retryable: bool = False,
        operation: Optional[str] = None,
        retry_after: Optional[float] = None,
        body_excerpt: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.retryable = retryable
        self.operation = operation
        self.retry_after = retry_after
        self.body_excerpt = body_excerpt

    def __str__(self) -> str:
        head = f"{self.operation}: " if self.operation else ""
        extra = []
        if self.status is not None:
            extra.append(f"status {self.status}")
        if self.code:
            extra.append(f"code {self.code}")
        if self.request_id:
            extra.append(f"request id {self.request_id}")
        tail = f" ({', '.join(extra)})" if extra else ""
        return f"{head}{self.kind}: {self.message}{tail}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(kind={self.kind!r}, status={self.status!r}, "
            f"code={self.code!r}, message={self.message!r}, "
            f"request_id={self.request_id!r}, retryable={self.retryable!r})"
        )


class ConfigError(PartnerError):
    """The client is misconfigured (bad endpoint, unknown site, unusable proxy)."""


class InvalidInputError(PartnerError, ValueError):
    """The input was refused before anything was sent."""


class ApiError(PartnerError):
    """The API answered with an error (HTTP 4xx other than the cases below)."""


class AuthError(ApiError):
    """A credential is missing or malformed, or the API rejected it (HTTP 401)."""


class PermissionDeniedError(ApiError):
    """The caller lacks permission for the operation or the customer (HTTP 403)."""


class NotFoundError(ApiError):
    """The addressed object does not exist (HTTP 404)."""


class RateLimitedError(ApiError):
    """The API or its gateway throttled the caller (HTTP 429, ``CBC.0250``, ...)."""


class ServerError(ApiError):
    """The server failed (HTTP 5xx)."""


class TimeoutError(PartnerError, builtins.TimeoutError):
    """No answer within the configured timeout. Also a built-in ``TimeoutError``."""

    # OSError would otherwise render as "[Errno ...]" and keep args of its own.
    __str__ = PartnerError.__str__


class NetworkError(PartnerError):
    """The connection could not be made or broke."""


class DecodeError(PartnerError):
    """The response could not be decoded."""


class UnsupportedError(PartnerError):
    """The operation is not available on the configured site or in this SDK."""


_PENDING_DOC = """What is known of a request whose outcome is unknown, to settle it later.

Attributes:
    operation: The catalogue name, e.g. ``update_customer_account_amount``.
    sent_at: When the (last) attempt was sent, in UTC.
    body: The JSON body that was sent (it holds no secrets).
"""

if TYPE_CHECKING:

    class PendingRequest(NamedTuple):
        operation: str
        sent_at: datetime
        body: Optional[Any]

else:
    # A plain named tuple: `typing.NamedTuple` would import `typing` (and `re`) with the
    # package, `dataclasses` even more; type checkers read the class above.
    PendingRequest = namedtuple(
        "PendingRequest", ("operation", "sent_at", "body"), module=__name__
    )
    PendingRequest.__doc__ = _PENDING_DOC
    PendingRequest.operation.__doc__ = "The catalogue name."
    PendingRequest.sent_at.__doc__ = "When the (last) attempt was sent, in UTC."
    PendingRequest.body.__doc__ = "The JSON body that was sent (it holds no secrets)."


class OutcomeUnknownError(PartnerError):
    """A request that moves money may or may not have been applied.

    It is never retried automatically: settle it from the records first. ``pending``
    says what was sent and when.
    """

    pending: Optional[PendingRequest]

    def __init__(
        self, message: str, *, pending: Optional[PendingRequest] = None, **kw: Any
    ) -> None:
        super().__init__(message, **kw)
        self.pending = pending


_BY_KIND: dict[str, type[PartnerError]] = {
    "config": ConfigError,
    "auth": AuthError,
    "permission_denied": PermissionDeniedError,
    "not_found": NotFoundError,
    "invalid_input": InvalidInputError,
    "api": ApiError,
    "rate_limited": RateLimitedError,
    "server": ServerError,
    "timeout": TimeoutError,
    "connection": NetworkError,
    "decode": DecodeError,
    "outcome_unknown": OutcomeUnknownError,
    "unsupported": UnsupportedError,
}


def _from_native(
    kind: str,
    message: str,
    status: Optional[int],
    code: Optional[str],
    request_id: Optional[str],
    retryable: bool,
    operation: Optional[str],
    retry_after: Optional[float],
    body_excerpt: Optional[str],
    pending: Optional[tuple[str, str, Optional[str]]],
) -> PartnerError:
    """Builds the exception for a core error (called by the native module)."""
    cls = _BY_KIND.get(kind, PartnerError)
    kw: dict[str, Any] = dict(
        kind=kind,
        status=status,
        code=code,
        request_id=request_id,
        retryable=retryable,
        operation=operation,
        retry_after=retry_after,
        body_excerpt=body_excerpt,
    )
    if cls is OutcomeUnknownError:
        info = None
        if pending is not None:
            op, sent_at, body = pending
            when = datetime.strptime(sent_at, "%Y-%m-%dT%H:%M:%SZ")
            if body is not None:
                import json  # error path only

                body = json.loads(body, parse_float=Decimal)
            info = PendingRequest(
                operation=op, sent_at=when.replace(tzinfo=timezone.utc), body=body
            )
        return OutcomeUnknownError(message, pending=info, **kw)
    return cls(message, **kw)
