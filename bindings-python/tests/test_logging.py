"""The core's log records reach Python's logging, without secrets."""

from __future__ import annotations

import logging

import pytest

import huaweicloud_partner as hp
from conftest import settings
from huaweicloud_partner.sandbox import Sandbox


def test_core_records_reach_python_logging(sb: Sandbox, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="huaweicloud_partner")
    hp.refresh_logging()
    try:
        sb.inject_fault("list_sub_customers", status=503)
        with sb.client(**settings()) as c:
            c.customers.list(limit=1)
    finally:
        caplog.set_level(logging.WARNING, logger="huaweicloud_partner")
        hp.refresh_logging()
    ours = [r for r in caplog.records if r.name.startswith("huaweicloud_partner")]
    assert any("list_sub_customers" in r.getMessage() for r in ours)
    assert any("attempt=2" in r.getMessage() for r in ours)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert sb.secret_key not in text
    assert "Signature=" not in text
