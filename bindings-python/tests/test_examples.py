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

    bills_csv = tmp_path / "bills.csv"
    billed = reconcile.export_bills(client, month, bills_csv)
    with bills_csv.open(encoding="utf-8") as fh:
        bill_rows = list(csv.DictReader(fh))
    direct = [
        b
        for mode in reconcile.CHARGE_MODES
        for b in client.bills.list_customer_monthly_bills_all(cycle=month, charge_mode=mode)
    ]
    assert len(bill_rows) == len(direct) > 0
    assert sum(billed.values(), Decimal(0)) == sum(
        (b.amount for b in direct if b.amount is not None), Decimal(0)
    )
    assert sum(Decimal(r["amount"]) for r in bill_rows if r["amount"]) == sum(billed.values())


def test_reconcile_csv_main_defaults(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(EXAMPLES / "reconcile_csv.py"), "--out-dir", str(tmp_path)],
        env=clean_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )
    (adjustments,) = tmp_path.glob("adjustments-*.csv")
    (bills,) = tmp_path.glob("customer-bills-*.csv")
    assert adjustments.read_text(encoding="utf-8").startswith("operation_time,customer_id")
    assert bills.read_text(encoding="utf-8").startswith("customer_id,cloud_service_type")
