"""The sync and asyncio clients."""

from __future__ import annotations

from datetime import timedelta

from . import _native
from ._areas import AsyncAreas, SyncAreas
from ._base import AsyncPager, Pager
from ._convert import request_fields
from .errors import ConfigError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any, Callable, Mapping, Optional, TypeVar, Union

    T = TypeVar("T")
    B = TypeVar("B", bound="_Base")
    Seconds = Union[int, float, timedelta]

__all__ = ["Client", "AsyncClient"]


def _seconds(name: str, value: Optional[Seconds]) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be seconds (int, float) or a timedelta")
    return float(value)


def _substitution(
    domain_name: Optional[str],
    domain_id: Optional[str],
    scope: Optional[Mapping[str, Any]],
) -> tuple[dict[str, Any], dict[str, Any]]:
    if (domain_name is None) == (domain_id is None):
        raise TypeError("give exactly one of domain_name and domain_id")
    customer: dict[str, Any]
    if domain_name is not None:
        customer = {"domain_name": domain_name}
        default_scope: dict[str, Any] = {"domain": {"name": domain_name}}
    else:
        customer = {"domain_id": domain_id}
        default_scope = {"domain": {"id": domain_id}}
    chosen = default_scope if scope is None else dict(scope)
    return customer, chosen


class _Base:
    _native_client: Optional[_native.NativeClient]
    _description: str

    def __init__(
        self,
        *,
        site: Optional[str] = None,
        endpoint: Optional[str] = None,
        bss_endpoint: Optional[str] = None,
        iam_endpoint: Optional[str] = None,
        access_key: Optional[str] = None,
        secret_key: Optional[str] = None,
        security_token: Optional[str] = None,
        domain_id: Optional[str] = None,
        token: Optional[str] = None,
        iam_user: Optional[str] = None,
        iam_password: Optional[str] = None,
        iam_domain: Optional[str] = None,
        agency_name: Optional[str] = None,
        token_refresh_margin: Optional[Seconds] = None,
        connect_timeout: Optional[Seconds] = None,
        timeout: Optional[Seconds] = None,
        proxy: Optional[str] = None,
        user_agent_suffix: Optional[str] = None,
        max_attempts: Optional[int] = None,
        initial_backoff: Optional[Seconds] = None,
        max_backoff: Optional[Seconds] = None,
        max_elapsed: Optional[Seconds] = None,
        rate_limit: Optional[bool] = None,
        rate_limit_per_second: Optional[int] = None,
        rate_limit_burst: Optional[int] = None,
        rate_limit_per_operation: Optional[Mapping[str, int]] = None,
    ) -> None:
        config: dict[str, Any] = {
            "site": site,
            "endpoint": endpoint,
            "bss_endpoint": bss_endpoint,
            "iam_endpoint": iam_endpoint,
            "access_key": access_key,
            "secret_key": secret_key,
            "security_token": security_token,
            "domain_id": domain_id,
            "token": token,
            "iam_user": iam_user,
            "iam_password": iam_password,
            "iam_domain": iam_domain,
            "agency_name": agency_name,
            "token_refresh_margin": _seconds("token_refresh_margin", token_refresh_margin),
            "connect_timeout": _seconds("connect_timeout", connect_timeout),
            "timeout": _seconds("timeout", timeout),
            "proxy": proxy,
            "user_agent_suffix": user_agent_suffix,
            "max_attempts": max_attempts,
            "initial_backoff": _seconds("initial_backoff", initial_backoff),
            "max_backoff": _seconds("max_backoff", max_backoff),
            "max_elapsed": _seconds("max_elapsed", max_elapsed),
            "rate_limit": rate_limit,
            "rate_limit_per_second": rate_limit_per_second,
            "rate_limit_burst": rate_limit_burst,
            "rate_limit_per_operation": (
                None if rate_limit_per_operation is None else dict(rate_limit_per_operation)
            ),
        }
        settings = {k: v for k, v in config.items() if v is not None}
        # The settings (secrets included) go to the native client and are not kept here.
        self._native_client = _native.NativeClient(settings)
        self._description = (
            f"site={site or 'china'!r}, bss_endpoint={bss_endpoint or endpoint!r}"
        )

    @classmethod
    def _wrap(cls: type[B], native: _native.NativeClient, description: str) -> B:
        obj = cls.__new__(cls)
        obj._native_client = native
        obj._description = description
        return obj

    def _native(self) -> _native.NativeClient:
        native = self._native_client
        if native is None:
            raise ConfigError("the client is closed", kind="config")
        return native

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._native_client is None

    def __repr__(self) -> str:
        state = ", closed" if self.closed else ""
        return f"{type(self).__name__}({self._description}{state})"


class Client(_Base, SyncAreas):
    """A Partner Center client with blocking calls. Safe to share between threads.

    Resource areas are properties (``client.customers``, ``client.funding``, ...); their
    methods take keyword arguments named as the API's request fields.

    Args:
        site: ``"china"`` (default), ``"international"`` or ``"europe"``.
        endpoint: One base URL for BSS and IAM (e.g. the sandbox's).
        bss_endpoint: Overrides the BSS endpoint.
        iam_endpoint: Overrides the IAM endpoint.
        access_key: Access key id; with ``secret_key``. Without any credential the
            environment (``HUAWEICLOUD_SDK_AK``/``SK``) and profile file are used.
        secret_key: Secret access key (never shown in ``repr``).
        security_token: Security token of temporary keys.
        domain_id: The account id sent as ``X-Domain-Id``.
        token: An IAM token to send instead of signing with a key pair.
        iam_user: With ``iam_password`` and ``iam_domain``: authenticate with IAM tokens
            obtained from the password of this IAM user, renewed before they expire.
        iam_password: That user's password (never shown in ``repr``).
        iam_domain: The account (domain) name the user belongs to.
        agency_name: The agency :meth:`for_customer` assumes in customer accounts (the
            partner platform id, ``xaccountType``).
        token_refresh_margin: Renew tokens when less than this is left (default 1 hour).
        connect_timeout: Seconds (or timedelta) to connect; default 10.
        timeout: Seconds (or timedelta) for a whole attempt; default 60.
        proxy: HTTP(S) proxy URL.
        user_agent_suffix: Appended to the User-Agent header.
        max_attempts: Attempts in all, including the first (1 disables retries).
        initial_backoff: Delay before the first retry.
        max_backoff: Longest delay between attempts.
        max_elapsed: Give up when the next attempt would start later than this.
        rate_limit: ``False`` turns client-side pacing off.
        rate_limit_per_second: Default quota per operation, requests per second.
        rate_limit_burst: Requests that may go at once before pacing starts.
        rate_limit_per_operation: Quotas by catalogue operation name.

    Raises:
        ConfigError: a setting is invalid.
        AuthError: a credential is malformed.
    """

    def _call(self, area: str, method: str, fields: Mapping[str, Any]) -> Any:
        return self._native().call(area, method, request_fields(fields))

    def _paginate(
        self,
        area: str,
        method: str,
        fields: Mapping[str, Any],
        concurrency: int,
        item: Callable[[Any], T],
    ) -> Pager[T]:
        native = self._native().paginate(area, method, request_fields(fields), concurrency)
        return Pager(native, item)

    def for_customer(
        self,
        *,
        domain_name: Optional[str] = None,
        domain_id: Optional[str] = None,
        scope: Optional[Mapping[str, Any]] = None,
        agency_name: Optional[str] = None,
    ) -> Client:
        """A client acting in a customer's account (token substitution).

        The partner's credentials obtain an agency token (``assume_role``) in the
        customer's account through ``agency_name`` (default: the client's); the returned
        client sends it and renews it before it expires. Tokens are cached per customer
        and scope, so asking again costs no request.

        Args:
            domain_name: The customer's account name; or
            domain_id: the customer's account id.
            scope: The token scope, from :mod:`huaweicloud_partner.iam` (default: the
                customer's account).
            agency_name: Overrides the client's ``agency_name``.

        Raises:
            ConfigError: no agency name is configured.
            NotFoundError, PermissionDeniedError: no such customer or agency.
        """
        customer, scope = _substitution(domain_name, domain_id, scope)
        native = self._native().for_customer(customer, scope, agency_name)
        return Client._wrap(native, f"customer={domain_name or domain_id!r}")

    def close(self) -> None:
        """Releases the client; later calls raise :class:`ConfigError`. Pagers already
        handed out keep working."""
        self._native_client = None

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncClient(_Base, AsyncAreas):
    """Like :class:`Client` with ``async`` methods, for asyncio; use ``async with``.

    Takes the same arguments as :class:`Client`.
    """

    async def _call(self, area: str, method: str, fields: Mapping[str, Any]) -> Any:
        return await self._native().call_async(area, method, request_fields(fields))

    def _paginate(
        self,
        area: str,
        method: str,
        fields: Mapping[str, Any],
        concurrency: int,
        item: Callable[[Any], T],
    ) -> AsyncPager[T]:
        native = self._native().paginate(area, method, request_fields(fields), concurrency)
        return AsyncPager(native, item)

    async def for_customer(
        self,
        *,
        domain_name: Optional[str] = None,
        domain_id: Optional[str] = None,
        scope: Optional[Mapping[str, Any]] = None,
        agency_name: Optional[str] = None,
    ) -> AsyncClient:
        """Like :meth:`Client.for_customer`."""
        customer, scope = _substitution(domain_name, domain_id, scope)
        native = await self._native().for_customer_async(customer, scope, agency_name)
        return AsyncClient._wrap(native, f"customer={domain_name or domain_id!r}")

    async def aclose(self) -> None:
        """Releases the client; later calls raise :class:`ConfigError`."""
        self._native_client = None

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.aclose()
