"""Exports one month of adjustment records (money granted to and reclaimed from
customers) and of customer bills to CSV, with per-customer totals, for reconciliation.

    python examples/python/reconcile_csv.py --month 2025-12 --out-dir reports/

writes ``adjustments-2025-12.csv`` and ``customer-bills-2025-12.csv``.

Amounts are written exactly as the API reports them (``Decimal``, no float rounding).
Without ``HUAWEICLOUD_SDK_AK`` / ``HUAWEICLOUD_SDK_SK`` it runs against the sandbox.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Optional

import huaweicloud_partner as hp
from huaweicloud_partner import sandbox
from huaweicloud_partner.models import AdjustRecord, BillSumInfoV2

# Records that take money back count negative in the net total.
RECLAIMS = {"SOURCE_OPERATION_BERETRIEVE", "SOURCE_OPERATION_BEUNBIND"}
COLUMNS = [
    "operation_time",
    "customer_id",
    "customer_name",
    "operation_type",
    "amount",
    "currency",
    "trans_id",
    "memo",
]


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The first and last second of ``YYYY-MM`` in UTC."""
    start = datetime.strptime(month, "%Y-%m").replace(tzinfo=timezone.utc)
    nxt = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start, datetime.fromtimestamp(nxt.timestamp() - 1, tz=timezone.utc)


def export(client: hp.Client, month: str, out: Path) -> dict[str, Decimal]:
    """Writes the month's records to ``out``; returns the net amount per customer."""
    begin, end = month_bounds(month)
    net: dict[str, Decimal] = defaultdict(Decimal)
    records = client.funding.adjust_records(
        operation_time_begin=begin, operation_time_end=end, limit=100, concurrency=4
    )
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for r in records:
            writer.writerow(row(r))
            if r.amount is not None and r.customer_id:
                sign = -1 if r.operation_type in RECLAIMS else 1
                net[r.customer_id] += sign * r.amount
    return dict(net)


def row(r: AdjustRecord) -> list[str]:
    def text(v: Optional[object]) -> str:
        return "" if v is None else str(v)

    when = r.operation_time.strftime("%Y-%m-%dT%H:%M:%SZ") if r.operation_time else ""
    return [
        when,
        text(r.customer_id),
        text(r.customer_name),
        text(r.operation_type),
        # format(..., "f") keeps every digit and never switches to exponent notation.
        "" if r.amount is None else format(r.amount, "f"),
        text(r.currency),
        text(r.trans_id),
        text(r.memo),
    ]


# Charge modes of customer bills: yearly/monthly and pay-per-use.
CHARGE_MODES = ("1", "3")
BILL_COLUMNS = [
    "customer_id",
    "cloud_service_type",
    "resource_type_code",
    "charge_mode",
    "bill_type",
    "amount",
    "debt_amount",
    "adjustment_amount",
    "discount_amount",
]


def export_bills(client: hp.Client, month: str, out: Path) -> dict[str, Decimal]:
    """Writes the month's customer bills to ``out``; returns the amount per customer."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(BILL_COLUMNS)
        for mode in CHARGE_MODES:
            for bill in client.bills.list_customer_monthly_bills_all(
                cycle=month, charge_mode=mode, limit=100
            ):
                writer.writerow(bill_row(bill))
                if bill.amount is not None and bill.customer_id:
                    totals[bill.customer_id] += bill.amount
    return dict(totals)


def bill_row(b: BillSumInfoV2) -> list[str]:
    def amount(v: Optional[Decimal]) -> str:
        return "" if v is None else format(v, "f")

    return [
        b.customer_id or "",
        b.cloud_service_type or "",
        b.resource_type_code or "",
        b.charge_mode or "",
        b.bill_type or "",
        amount(b.amount),
        amount(b.debt_amount),
        amount(b.adjustment_amount),
        amount(b.discount_amount),
    ]


def run(client: hp.Client, month: str, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    adjustments = out_dir / f"adjustments-{month}.csv"
    bills = out_dir / f"customer-bills-{month}.csv"
    net = export(client, month, adjustments)
    billed = export_bills(client, month, bills)
    print(f"wrote {adjustments} and {bills}")
    print(f"{'customer':<34} {'net funding':>20} {'billed':>20}")
    for customer in sorted(set(net) | set(billed))[:10]:
        funded = format(net.get(customer, Decimal(0)), "f")
        spent = format(billed.get(customer, Decimal(0)), "f")
        print(f"{customer:<34} {funded:>20} {spent:>20}")
    print(
        f"{len(net)} customers funded, net {format(sum(net.values(), Decimal(0)), 'f')}; "
        f"{len(billed)} billed, {format(sum(billed.values(), Decimal(0)), 'f')}"
    )


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month", help="YYYY-MM (default: last month)")
    parser.add_argument("--out-dir", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    month = args.month
    if month is None:
        today = datetime.now(timezone.utc)
        month = f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"

    if os.environ.get("HUAWEICLOUD_SDK_AK") and os.environ.get("HUAWEICLOUD_SDK_SK"):
        with hp.Client(site=os.environ.get("HUAWEICLOUD_SITE", "china")) as client:
            run(client, month, args.out_dir)
        return 0
    with sandbox.start() as sb:
        print(f"No credentials in the environment: using the sandbox at {sb.url}.")
        # The sandbox's records end at the end of its last full month; use that by default.
        with sb.client() as client:
            if args.month is None:
                latest = client.funding.list_adjust_records(limit=1).records
                if latest and latest[0].operation_time is not None:
                    month = latest[0].operation_time.strftime("%Y-%m")
            run(client, month, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
