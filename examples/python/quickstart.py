"""A partner's first steps: list customers, read one customer's adjustment records and
total them exactly.

With ``HUAWEICLOUD_SDK_AK`` / ``HUAWEICLOUD_SDK_SK`` in the environment (optionally
``HUAWEICLOUD_SDK_DOMAIN_ID`` and ``HUAWEICLOUD_SITE=intl|eu``) it talks to the real
Partner Center; otherwise it starts the offline sandbox in-process.

    python examples/python/quickstart.py
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from decimal import Decimal

import huaweicloud_partner as hp
from huaweicloud_partner import sandbox


@contextlib.contextmanager
def partner_client() -> Iterator[hp.Client]:
    """A client for the real API when credentials are set, else for a sandbox."""
    if os.environ.get("HUAWEICLOUD_SDK_AK") and os.environ.get("HUAWEICLOUD_SDK_SK"):
        site = os.environ.get("HUAWEICLOUD_SITE", "china")
        print(f"Using the real Partner Center ({site} site).")
        # Credentials come from the environment (or the profile file).
        with hp.Client(site=site) as client:
            yield client
        return
    with sandbox.start() as sb:
        print(f"No credentials in the environment: using the sandbox at {sb.url}.")
        with sb.client() as client:
            yield client


def main() -> None:
    with partner_client() as client:
        # 1. Customers, fetched page by page as the loop runs.
        customers = list(client.customers.list_all(limit=100))
        print(f"{len(customers)} customers")
        for c in customers[:5]:
            print(f"  {c.customer_id:<34} {c.customer or c.account_name}")
        if not customers:
            print("No customers yet.")
            return
        first = customers[0]

        # 2. That customer's adjustment records; amounts are exact Decimals.
        try:
            records = list(client.funding.adjust_records(customer_id=first.customer_id))
        except hp.UnsupportedError as e:
            print(f"Adjustment records are not available here: {e.message}")
            return
        except hp.PartnerError as e:
            print(f"Could not read the records ({e.code or e.kind}, request {e.request_id})")
            raise
        total = sum((r.amount for r in records if r.amount is not None), Decimal(0))
        print(f"{len(records)} adjustment records for {first.account_name}, {total} in all")
        for r in records[:3]:
            when = r.operation_time.isoformat() if r.operation_time else "?"
            print(f"  {when}  {r.operation_type:<28} {r.amount} {r.currency}")


if __name__ == "__main__":
    main()
