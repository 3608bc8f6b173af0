"""Prints the benchmark results table; with ``--write`` also rewrites BENCHMARKS.md.

Reads every ``*.json`` result file in the output directory (one per suite, in the order
the suites wrote them), checks its shape (see bench/README.md) and renders one Markdown
table per suite. ``--write`` replaces the part of BENCHMARKS.md between the
``bench:begin`` and ``bench:end`` markers with the tables and the machine they ran on;
the rest of the file is kept. Exits 1 on a missing or invalid result file, and with
``--strict`` on a missed target.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
# Shown for a value that is absent.
DASH = "-"
COMMAND = "bench/run --write"


class Invalid(Exception):
    """A result file that does not follow the contract."""


def number(value: Any, where: str, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"{where}: expected a number, got {value!r}")
    if not math.isfinite(value):
        raise Invalid(f"{where}: not a finite number: {value!r}")


def validate(doc: Any, name: str) -> dict[str, Any]:
    """The result document, or ``Invalid`` saying what is wrong with it."""
    if not isinstance(doc, dict):
        raise Invalid(f"{name}: the top level is not an object")
    for key in ("suite", "title"):
        if not isinstance(doc.get(key), str) or not doc[key]:
            raise Invalid(f"{name}: '{key}' must be a non-empty string")
    rows = doc.get("rows")
    if not isinstance(rows, list) or not rows:
        raise Invalid(f"{name}: 'rows' must be a non-empty list")
    for i, row in enumerate(rows):
        where = f"{name}: rows[{i}]"
        if not isinstance(row, dict):
            raise Invalid(f"{where} is not an object")
        for key in ("benchmark", "metric"):
            if not isinstance(row.get(key), str) or not row[key]:
                raise Invalid(f"{where}.{key} must be a non-empty string")
        number(row.get("ours"), f"{where}.ours")
        number(row.get("baseline"), f"{where}.baseline", nullable=True)
        number(row.get("ratio"), f"{where}.ratio", nullable=True)
        if row.get("met") not in (True, False, None):
            raise Invalid(f"{where}.met must be true, false or null")
        for key in ("baseline_name", "ratio_text", "target"):
            if row.get(key) is not None and not isinstance(row[key], str):
                raise Invalid(f"{where}.{key} must be a string or null")
        runs = row.get("runs")
        if runs is not None and (isinstance(runs, bool) or not isinstance(runs, int)):
            raise Invalid(f"{where}.runs must be an integer")
    notes = doc.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise Invalid(f"{name}: 'notes' must be a list of strings")
    return doc


def load(out: Path) -> list[dict[str, Any]]:
    """Every result file, in the order the suites wrote them."""
    files = sorted(out.glob("*.json"), key=lambda p: (p.stat().st_mtime_ns, p.name))
    if not files:
        raise Invalid(f"no result file in {out}")
    docs = []
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise Invalid(f"{path.name}: not valid JSON ({e})") from e
        docs.append(validate(doc, path.name))
    return docs


def fmt(value: float | None) -> str:
    """A measurement with about three significant digits, thousands separated."""
    if value is None:
        return DASH
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(doc: dict[str, Any]) -> list[str]:
    lines = [
        f"### {doc['title']}",
        "",
        "| Benchmark | Metric | Ours | Baseline | Ratio | Target | Met | Runs |",
        "|---|---|--:|--:|---|---|:-:|--:|",
    ]
    for row in doc["rows"]:
        baseline = fmt(row.get("baseline"))
        if row.get("baseline") is not None and row.get("baseline_name"):
            baseline = f"{baseline} ({row['baseline_name']})"
        ratio = row.get("ratio_text") or (
            DASH if row.get("ratio") is None else f"{row['ratio']:.2f}"
        )
        met = {True: "yes", False: "**no**", None: DASH}[row.get("met")]
        lines.append(
            "| "
            + " | ".join(
                cell(c)
                for c in (
                    row["benchmark"],
                    row["metric"],
                    fmt(row["ours"]),
                    baseline,
                    ratio,
                    row.get("target") or DASH,
                    met,
                    row.get("runs", DASH),
                )
            )
            + " |"
        )
    notes = doc.get("notes") or []
    if notes:
        lines.append("")
        lines.extend(f"- {cell(n)}" for n in notes)
    lines.append("")
    return lines


def output(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if done.returncode == 0 and text else "not found"


def machine() -> list[tuple[str, str]]:
    """Facts about the machine and toolchain the numbers came from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError, ValueError):
        pass
    system = f"{platform.system()} {platform.release()}"
    try:
        release = Path("/etc/os-release").read_text()
        pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', release, re.M)
        if pretty:
            system = f"{pretty.group(1)} (kernel {platform.release()})"
    except OSError:
        pass
    return [
        ("CPU", cpu),
        ("Cores available", str(len(os.sched_getaffinity(0)))),
        ("RAM", ram),
        ("OS", system),
        ("rustc", output(["rustc", "--version"])),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Node", output(["node", "--version"])),
    ]


def render(docs: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for doc in docs:
        lines.extend(table(doc))
    return lines


def published(docs: list[dict[str, Any]], started: str | None) -> str:
    """The generated part of BENCHMARKS.md."""
    lines = [BEGIN, "", f"Command: `{COMMAND}` (from the repository root)", ""]
    if started:
        lines += [f"Run started: {started}", ""]
    lines += ["| Machine | |", "|---|---|"]
    lines += [f"| {k} | {cell(v)} |" for k, v in machine()]
    lines.append("")
    lines += render(docs)
    lines.append(END)
    return "\n".join(lines)


def write(path: Path, block: str) -> None:
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            path.write_text(head + block + tail, encoding="utf-8")
            return
    intro = (
        "# Benchmarks\n\nGenerated by `bench/run --write`; see bench/README.md for "
        "what each suite measures.\n\n"
    )
    path.write_text(intro + block + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    ap.add_argument("--started", help="when the run started (UTC), for BENCHMARKS.md")
    ap.add_argument("--write", action="store_true", help="rewrite BENCHMARKS.md")
    ap.add_argument(
        "--strict", action="store_true", help="fail when a target is missed"
    )
    ap.add_argument("--file", type=Path, default=REPO / "BENCHMARKS.md")
    args = ap.parse_args()
    try:
        docs = load(args.out)
    except Invalid as e:
        print(f"report: {e}", file=sys.stderr)
        return 1
    print("\n".join(render(docs)))
    missed = [
        f"{d['suite']}: {r['benchmark']} ({r['metric']})"
        for d in docs
        for r in d["rows"]
        if r.get("met") is False
    ]
    if missed:
        print("targets missed:\n  " + "\n  ".join(missed))
    if args.write:
        write(args.file, published(docs, args.started))
        print(f"wrote {args.file}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
