"""The offline Partner Center sandbox, for your own tests.

It answers every catalogue operation (BSS, BSS-intl and IAM) on one loopback port, checks
AK/SK signatures and tokens, keeps state for the central partner operations and can
inject faults::

    from huaweicloud_partner import sandbox

    with sandbox.start(customers=10) as sb:
        with sb.client() as client:
            print(client.customers.list(limit=5).count)
        sb.inject_fault("list_sub_customers", status=503)
        assert sb.request_count("list_sub_customers") == 1

As a pytest fixture::

    @pytest.fixture
    def sb():
        with sandbox.start() as s:
            yield s
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Optional

from . import _native
from ._client import AsyncClient, Client

__all__ = ["start", "Sandbox"]


class Sandbox:
    """A running sandbox. Use :func:`start`; it stops when the ``with`` block ends.

    Attributes:
        url: Base URL of BSS, BSS-intl and IAM (``http://127.0.0.1:PORT``).
        intl_url: Base URL answering as the International site.
        access_key: The partner access key it accepts.
        secret_key: The partner secret key (test data, not shown in ``repr``).
        domain_id: The partner account id.
        domain_name: The partner account name (also the IAM user's domain).
        iam_user: IAM user accepted for password tokens.
        iam_password: That user's password (test data).
        platform_id: The partner platform id (``xaccount_type``, agency name).
        idp_id: The identity provider registered for IAM federation.
        idp_key_pem: Its signing key (test-only, public in this package).
        idp_cert_pem: Its certificate.
    """

    def __init__(
        self,
        *,
        seed: Optional[int] = None,
        customers: Optional[int] = None,
        records: Optional[int] = None,
        rate_limit: Optional[bool] = None,
        access_key: Optional[str] = None,
        secret_key: Optional[str] = None,
        domain_id: Optional[str] = None,
    ) -> None:
        settings = {
            "seed": seed,
            "customers": customers,
            "records": records,
            "rate_limit": rate_limit,
            "access_key": access_key,
            "secret_key": secret_key,
            "domain_id": domain_id,
        }
        self._native = _native.NativeSandbox(
            json.dumps({k: v for k, v in settings.items() if v is not None})
        )
        self.url: str = self._native.base_url()
        self.intl_url: str = self._native.intl_base_url()
        (
            self.access_key,
            self.secret_key,
            self.domain_id,
            self.domain_name,
            self.iam_user,
            self.iam_password,
            self.platform_id,
        ) = self._native.identity()
        self.idp_id, self.idp_key_pem, self.idp_cert_pem = _native.NativeSandbox.federation_idp()

    def __repr__(self) -> str:
        state = ", stopped" if self._native.stopped() else ""
        return f"Sandbox(url={self.url!r}, access_key={self.access_key!r}{state})"

    @property
    def federation_url(self) -> str:
        """Where IAM IdP-initiated federation Responses are posted."""
        return f"{self.url}/v3.0/OS-FEDERATION/tokens"

    def _client_settings(self, overrides: dict[str, Any]) -> dict[str, Any]:
        settings: dict[str, Any] = {
            "endpoint": self.url,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "domain_id": self.domain_id,
        }
        if "token" in overrides:
            for key in ("access_key", "secret_key", "domain_id"):
                settings.pop(key)
        settings.update(overrides)
        return settings

    def client(self, **settings: Any) -> Client:
        """A :class:`Client` pointed at the sandbox with the partner's key pair; keyword
        arguments override any :class:`Client` setting."""
        return Client(**self._client_settings(settings))

    def async_client(self, **settings: Any) -> AsyncClient:
        """Like :meth:`client` for :class:`AsyncClient`."""
        return AsyncClient(**self._client_settings(settings))

    def customer_ids(self) -> list[str]:
        """Ids of the seeded customers, in list order."""
        return self._native.customer_ids()

    def customer_domain_names(self) -> list[str]:
        """Account names of the seeded customers (usable as ``assume_role`` domains)."""
        return self._native.customer_domain_names()

    def reseller_ids(self) -> list[str]:
        """Ids of the seeded resellers (indirect partners)."""
        return self._native.reseller_ids()

    def inject_fault(
        self,
        operation: str = "*",
        *,
        count: int = 1,
        status: int = 0,
        error_code: Optional[str] = None,
        delay_ms: int = 0,
        drop: bool = False,
        truncate: bool = False,
    ) -> None:
        """Makes the next ``count`` calls of ``operation`` (a catalogue name, ``"*"`` for
        all) fail: an error answer with ``status`` (>= 400) and ``error_code``, a delay of
        ``delay_ms`` first, a dropped connection or a truncated body."""
        fault = {
            "operation": operation,
            "count": count,
            "status": status,
            "error_code": error_code,
            "delay_ms": delay_ms,
            "drop": drop,
            "truncate": truncate,
        }
        self._native.inject(json.dumps(fault))

    def clear_faults(self) -> None:
        """Removes every pending fault."""
        self._native.clear_faults()

    def request_count(self, operation: str) -> int:
        """How many requests for ``operation`` (a catalogue name) were received."""
        return self._native.request_count(operation)

    def reset_request_counts(self) -> None:
        """Sets every request counter back to zero."""
        self._native.reset_request_counts()

    def set_clock_offset(self, seconds: int) -> None:
        """Shifts the sandbox clock (token expiry, new record times) by ``seconds``."""
        self._native.set_clock_offset(seconds)

    def stop(self) -> None:
        """Stops the server (idempotent)."""
        self._native.stop()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()


@contextmanager
def start(
    *,
    seed: Optional[int] = None,
    customers: Optional[int] = None,
    records: Optional[int] = None,
    rate_limit: Optional[bool] = None,
    access_key: Optional[str] = None,
    secret_key: Optional[str] = None,
    domain_id: Optional[str] = None,
) -> Iterator[Sandbox]:
    """Starts a sandbox on a free loopback port and stops it when the block ends.

    Args:
        seed: Seed of the generated data (default 1).
        customers: Seeded customers (default 50).
        records: Seeded adjustment records (default 2,000).
        rate_limit: Enforce the documented per-API rate limits (default off).
        access_key: Partner access key to accept (default the shared sandbox key).
        secret_key: Its secret key; give both or neither.
        domain_id: The partner account id.
    """
    sb = Sandbox(
        seed=seed,
        customers=customers,
        records=records,
        rate_limit=rate_limit,
        access_key=access_key,
        secret_key=secret_key,
        domain_id=domain_id,
    )
    try:
        yield sb
    finally:
        sb.stop()
