"""Python suite: this package vs the official huaweicloudsdkbss, paging over loopback.

Starts one ``partner-sandbox`` process, then for each workload runs the measured
clients alternately, each run in a fresh interpreter (``worker.py``), and reads the
child's CPU time with ``wait4``; the child reports its own peak RSS. Writes
``$BENCH_OUT/python.json`` (see bench/README.md).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SMOKE = os.environ.get("BENCH_SMOKE") == "1"
RUNS = int(os.environ.get("BENCH_RUNS") or (1 if SMOKE else 5))
PAGE_SIZE = 100
RECORDS = 300 if SMOKE else 20_000
CUSTOMERS = 150 if SMOKE else 5_000
OUT = Path(os.environ.get("BENCH_OUT", "bench/out"))
BASELINE = "huaweicloudsdkbss"

LISTEN_RE = re.compile(r"^listening on (http://127\.0\.0\.1:\d+)$")
CREDS_RE = re.compile(
    r"^credentials: access_key=(\S+) secret_key=(\S+) domain_id=(\S+)$"
)


def start_sandbox() -> tuple[subprocess.Popen[str], list[str]]:
    """The sandbox in its own process; returns it with URL, AK, SK and domain id."""
    binary = os.environ["PARTNER_SANDBOX_BIN"]
    cmd = [
        binary,
        "--addr",
        "127.0.0.1:0",
        "--records",
        str(RECORDS),
        "--customers",
        str(CUSTOMERS),
        "--rate-limit",
        "off",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first, second = proc.stdout.readline().strip(), proc.stdout.readline().strip()
    url, creds = LISTEN_RE.match(first), CREDS_RE.match(second)
    if not url or not creds:
        proc.kill()
        sys.exit(f"unexpected sandbox start-up lines: {first!r} {second!r}")
    return proc, [url.group(1), *creds.groups()]


def measure(client: str, workload: str, sandbox: list[str]) -> dict[str, float]:
    """One run in a fresh interpreter: whole-process CPU, wall and peak RSS, plus the
    paging-only CPU and wall the child measured itself."""
    cmd = [
        sys.executable,
        str(HERE / "worker.py"),
        client,
        workload,
        *sandbox,
        str(PAGE_SIZE),
    ]
    wall0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - wall0
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{client}/{workload} worker failed with status {proc.returncode}")
    child = json.loads(out)
    return {
        "count": child["count"],
        "cpu": usage.ru_utime + usage.ru_stime,
        "wall": wall,
        # The child's own VmHWM, in KiB (see worker.peak_rss_kib).
        "rss": child["peak_rss_kib"] / 1024,
        "paging_cpu": child["paging_cpu"],
        "paging_wall": child["paging_wall"],
    }


def row(
    benchmark: str,
    metric: str,
    ours: float,
    base: float,
    target: float | None,
    runs: int,
) -> dict[str, object]:
    """A result row; ``target`` is the smallest acceptable baseline/ours ratio (1 means
    "lower than the baseline", so it must be exceeded)."""
    ratio = base / ours if ours > 0 else None
    if target is None or ratio is None:
        met = None
    else:
        met = ratio > 1 if target == 1 else ratio >= target
    target_text = None
    if target is not None:
        target_text = "lower" if target == 1 else f">= {target:g}x less"
    return {
        "benchmark": benchmark,
        "metric": metric,
        "ours": round(ours, 4),
        "baseline": round(base, 4),
        "baseline_name": BASELINE,
        "ratio": None if ratio is None else round(ratio, 2),
        "ratio_text": "n/a" if ratio is None else f"{ratio:.1f}x less",
        "target": target_text,
        "met": met,
        "runs": runs,
    }


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def workload_rows(
    label: str, ours: list[dict[str, float]], official: list[dict[str, float]]
) -> list[dict[str, object]]:
    """CPU (target 5x less), wall (3x less), peak RSS (lower), paging-only CPU."""
    metrics = [
        ("CPU s", "cpu", 5.0),
        ("wall s", "wall", 3.0),
        ("peak RSS MiB", "rss", 1.0),
        ("CPU s, paging only", "paging_cpu", None),
    ]
    return [
        row(label, metric, median(ours, key), median(official, key), target, RUNS)
        for metric, key, target in metrics
    ]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    proc, sandbox = start_sandbox()
    rows: list[dict[str, object]] = []
    try:
        workloads = [
            ("records", f"page {RECORDS:,} adjustment records", RECORDS),
            ("customers", f"page {CUSTOMERS:,} customers", CUSTOMERS),
        ]
        for workload, label, expected in workloads:
            # One unmeasured warm-up of each client (page cache, sandbox first touch).
            if not SMOKE:
                measure("ours", workload, sandbox)
                measure("official", workload, sandbox)
            results: dict[str, list[dict[str, float]]] = {"ours": [], "official": []}
            for _ in range(RUNS):
                for client in ("ours", "official"):
                    results[client].append(measure(client, workload, sandbox))
            for client, runs in results.items():
                counts = {r["count"] for r in runs}
                if counts != {expected}:
                    sys.exit(f"{client}/{workload}: saw {counts}, expected {expected}")
            rows += workload_rows(label, results["ours"], results["official"])
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    version = metadata.version(BASELINE)
    notes = [
        f"Each run is a fresh `{Path(sys.executable).name}` process running one "
        f"client against a separate partner-sandbox (--records {RECORDS} "
        f"--customers {CUSTOMERS}, loopback, http); medians over the runs, clients "
        "alternating.",
        f"Both clients fetch every page (page size {PAGE_SIZE}, the API's maximum) of "
        "list_partner_adjust_records / list_sub_customers and build every item as the "
        "library's model object; both saw the same item counts "
        f"({RECORDS} and {CUSTOMERS}).",
        "CPU s, wall s and peak RSS cover the whole process (interpreter start, "
        "imports, client set-up, paging); peak RSS is the child's own VmHWM; "
        "'paging only' is the child's own CPU time from client construction to the "
        "last page, imports excluded.",
        "Ours: huaweicloud_partner (release wheel) with client-side rate limiting off "
        f"(rate_limit=False); official: {BASELINE} {version} (BssClient, "
        "GlobalCredentials, HttpConfig with retries off).",
    ]
    result = {
        "suite": "python",
        "title": f"Python: this package vs {BASELINE} {version}",
        "rows": rows,
        "notes": notes,
    }
    (OUT / "python.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
