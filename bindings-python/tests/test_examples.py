"""The Python examples run against the sandbox and produce what they promise."""

from __future__ import annotations

import csv
import importlib.util
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import huaweicloud_partner as hp

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean_env() -> dict[str, str]:
    env = dict(os.environ)
    for k in ("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"):
        env.pop(k, None)
    return env


def test_quickstart_runs_against_the_sandbox() -> None:
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        env=clean_env(),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "using the sandbox" in out and "adjustment records for" in out


def test_reconcile_csv_exports_the_month_exactly(
    client: hp.Client, tmp_path: Path
) -> None:
    reconcile = load("reconcile_csv")
    latest = client.funding.list_adjust_records(limit=1).records[0].operation_time
    assert latest is not None
    month = latest.strftime("%Y-%m")
    out = tmp_path / "adjustments.csv"
    net = reconcile.export(client, month, out)

    begin, end = reconcile.month_bounds(month)
    expected = [
        r
        for r in client.funding.adjust_records()
        if r.operation_time is not None and begin <= r.operation_time <= end
    ]
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(expected) > 0
    assert sorted(r["trans_id"] for r in rows) == sorted(str(r.trans_id) for r in expected)
    assert sum(Decimal(r["amount"]) for r in rows) == sum(
        (r.amount for r in expected if r.amount is not None), Decimal(0)
    )
    assert set(net) == {r.customer_id for r in expected}


def test_reconcile_csv_main_defaults(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "reconcile_csv.py"), "--out", str(out)],
        env=clean_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert out.read_text(encoding="utf-8").startswith("operation_time,customer_id")
