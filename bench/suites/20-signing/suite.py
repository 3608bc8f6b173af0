"""Signing suite: signatures/s of the core Rust signer vs the official Python signer.

Both sign the same requests (checked: the two Authorization values must be equal before
anything is timed), each signing a fresh copy of the request per iteration. Writes
``$BENCH_OUT/signing.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

SMOKE = os.environ.get("BENCH_SMOKE") == "1"
RUNS = int(os.environ.get("BENCH_RUNS") or (1 if SMOKE else 5))
SECONDS = 0.2 if SMOKE else 2.0
OUT = Path(os.environ.get("BENCH_OUT", "bench/out"))
BASELINE = "huaweicloudsdkcore"
TARGET = 20

AK = "HPUASANDBOXPARTNER0001"
SK = "sandbox-secret-key-do-not-use-in-production"
DOMAIN_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
HOST = "bss.myhuaweicloud.com"


def headers() -> list[list[str]]:
    """Headers as the official BssClient has set them when it calls the signer."""
    return [
        ["Content-Type", "application/json"],
        ["User-Agent", "huaweicloud-usdk-python/3.0"],
        ["X-Sdk-Date", "20261203T120000Z"],
        ["X-Domain-Id", DOMAIN_ID],
    ]


# Two representative partner calls: a paged GET with a query, a POST with a JSON body.
CASES: list[dict[str, Any]] = [
    {
        "name": "GET list_partner_adjust_records (query)",
        "method": "GET",
        "path": "/v3/accounts/partner-accounts/adjust-records",
        "query": [["offset", "200"], ["limit", "100"]],
        "body": "",
    },
    {
        "name": "POST list_sub_customers (JSON body)",
        "method": "POST",
        "path": "/v2/partners/sub-customers/query",
        "query": [],
        "body": '{"offset":200,"limit":100}',
    },
]


class Creds:
    """What the official Signer reads from a credentials object."""

    ak = AK
    sk = SK


def official_request(case: dict[str, Any]) -> SdkRequest:
    return SdkRequest(
        method=case["method"],
        schema="https",
        host=HOST,
        resource_path=case["path"],
        query_params=[tuple(p) for p in case["query"]],
        header_params=dict(headers()),
        body=case["body"],
    )


def official_rate(case: dict[str, Any]) -> tuple[float, str]:
    """Signatures/s of the official signer, and the Authorization it produced."""
    signer = Signer(Creds())
    auth = signer.sign(official_request(case)).header_params["Authorization"]
    count = 0
    started = time.perf_counter()
    while True:
        for _ in range(64):
            signer.sign(official_request(case))
        count += 64
        elapsed = time.perf_counter() - started
        if elapsed >= SECONDS:
            return count / elapsed, auth


def ours_rate(binary: str, case: dict[str, Any]) -> tuple[float, str]:
    """Signatures/s of the core signer (`partner-bench sign`, built by the run script)."""
    spec = {
        "ak": AK,
        "sk": SK,
        "method": case["method"],
        "host": HOST,
        "path": case["path"],
        "query": case["query"],
        "headers": headers(),
        "body": case["body"],
        "seconds": SECONDS,
    }
    out = subprocess.run(
        [binary, "sign"], input=json.dumps(spec), capture_output=True, text=True, check=True
    ).stdout
    answer = json.loads(out)
    return answer["per_second"], answer["authorization"]


def main() -> None:
    binary = sys.argv[1]
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for case in CASES:
        ours_runs, official_runs = [], []
        for _ in range(RUNS):
            rate, ours_auth = ours_rate(binary, case)
            ours_runs.append(rate)
            rate, official_auth = official_rate(case)
            official_runs.append(rate)
            if ours_auth != official_auth:
                sys.exit(
                    f"{case['name']}: the signatures differ\n ours:     {ours_auth}\n"
                    f" official: {official_auth}"
                )
        ours, base = statistics.median(ours_runs), statistics.median(official_runs)
        ratio = ours / base
        rows.append(
            {
                "benchmark": f"sign {case['name']}",
                "metric": "signatures/s",
                "ours": round(ours, 1),
                "baseline": round(base, 1),
                "baseline_name": f"{BASELINE} Signer",
                "ratio": round(ratio, 2),
                "ratio_text": f"{ratio:.1f}x more",
                "target": f">= {TARGET}x more",
                "met": ratio >= TARGET,
                "runs": RUNS,
            }
        )
    version = metadata.version(BASELINE)
    result = {
        "suite": "signing",
        "title": f"Signing: core Rust signer vs {BASELINE} {version} Signer",
        "rows": rows,
        "notes": [
            "SDK-HMAC-SHA256 over the same request on both sides (headers "
            "Content-Type, User-Agent, X-Sdk-Date, X-Domain-Id; Host added by the "
            "signer); the two Authorization values were compared and are identical.",
            "Each iteration signs a fresh copy of the request (the signers add headers "
            f"in place); {SECONDS:g} s of signing per run, single thread, median of "
            "the runs.",
            "Ours: huaweicloud_partner::signer::sign_with in a release binary "
            "(partner-bench sign, bench/rust), with the SigningKey (the secret's HMAC "
            "state) derived once, as the client derives it once per secret key; the "
            "first signature is made with signer::sign from the raw secret and must "
            "match. Official: huaweicloudsdkcore.signer.signer.Signer.sign (one Signer, "
            "as its client keeps) on CPython "
            f"{sys.version.split()[0]}.",
        ],
    }
    (OUT / "signing.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
