"""Shared plumbing of the Rust bench suites (30-rust-floor, 40-quota, 50-memory).

Reads the harness environment (see BENCH_CONTRACT in the issue note), builds
`partner-bench`, runs the sandbox as a separate process and writes the result file.
Runnable by hand: every variable has a default (release profile, the repo's target dir).
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(os.environ.get("REPO") or Path(__file__).resolve().parents[2])
SMOKE = os.environ.get("BENCH_SMOKE", "0") == "1"
RUNS = 1 if SMOKE else max(1, int(os.environ.get("BENCH_RUNS") or 5))
PROFILE = os.environ.get("BENCH_PROFILE") or "release"
TARGET_DIR = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
OUT = Path(os.environ.get("BENCH_OUT") or REPO / "bench" / "out")


def log(msg: str) -> None:
    """Progress goes to stderr; stdout is left to the harness."""
    print(f"[rust-bench] {msg}", file=sys.stderr, flush=True)


def _cargo_profile() -> tuple[str, str]:
    """The cargo `--profile` name and the target subdirectory of PROFILE."""
    if PROFILE in ("debug", "dev"):
        return "dev", "debug"
    return PROFILE, PROFILE


def build(package: str, binary: str) -> Path:
    """Builds `package` (incremental: cheap when up to date); returns its binary."""
    profile, subdir = _cargo_profile()
    cmd = ["cargo", "build", "--profile", profile, "-p", package]
    log(" ".join(cmd))
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET_DIR))
    subprocess.run(cmd, cwd=REPO, env=env, check=True, stdout=sys.stderr)
    path = TARGET_DIR / subdir / binary
    if not path.exists():
        raise SystemExit(f"built {package} but {path} is missing")
    return path


def bench_binary() -> Path:
    """The `partner-bench` binary of the selected profile."""
    return build("huaweicloud-partner-bench", "partner-bench")


def sandbox_binary() -> Path:
    """`$PARTNER_SANDBOX_BIN`, or the sandbox built here when the variable is unset."""
    given = os.environ.get("PARTNER_SANDBOX_BIN")
    if given:
        return Path(given)
    return build("huaweicloud-partner-sandbox", "partner-sandbox")


class Sandbox:
    """`partner-sandbox` as a child process; a context manager that stops it on exit."""

    def __init__(self, records: int, rate_limit: bool) -> None:
        self.args = [
            str(sandbox_binary()),
            "--addr",
            "127.0.0.1:0",
            "--records",
            str(records),
            "--rate-limit",
            "on" if rate_limit else "off",
        ]
        self.proc: subprocess.Popen[str] | None = None
        self.env: dict[str, str] = {}

    def __enter__(self) -> Sandbox:
        log(" ".join(self.args))
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, text=True)
        first, second = self._line(), self._line()
        url = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)", first)
        creds = re.fullmatch(
            r"credentials: access_key=(\S+) secret_key=(\S+) domain_id=(\S+)", second
        )
        if not url or not creds:
            self.__exit__(None, None, None)
            raise SystemExit(f"unexpected sandbox banner: {first!r} {second!r}")
        self.env = {
            "BENCH_SANDBOX_URL": url.group(1),
            "BENCH_ACCESS_KEY": creds.group(1),
            "BENCH_SECRET_KEY": creds.group(2),
            "BENCH_DOMAIN_ID": creds.group(3),
        }
        return self

    def _line(self, timeout: float = 30.0) -> str:
        """The next banner line (read in a thread: a stuck sandbox cannot hang us)."""
        assert self.proc is not None and self.proc.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(
            target=lambda: lines.put(self.proc.stdout.readline()), daemon=True
        )
        reader.start()
        try:
            return lines.get(timeout=timeout).strip()
        except queue.Empty:
            self.__exit__(None, None, None)
            raise SystemExit(
                f"the sandbox did not start within {timeout:.0f} s"
            ) from None

    def __exit__(self, *exc: object) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def measure(binary: Path, sandbox: Sandbox, command: str, *args: str) -> dict:
    """Runs `partner-bench COMMAND ARGS` against `sandbox` and returns its JSON line."""
    cmd = [str(binary), command, *args]
    log(" ".join(cmd))
    started = time.monotonic()
    done = subprocess.run(
        cmd,
        env=dict(os.environ, **sandbox.env),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    log(
        f"{command} finished in {time.monotonic() - started:.1f} s: "
        f"{json.dumps(result)}"
    )
    return result


def median(values: list[float]) -> float:
    """The median (mean of the middle two for an even count)."""
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def write(suite: str, title: str, rows: list[dict], notes: list[str]) -> None:
    """Writes `$BENCH_OUT/<suite>.json` and echoes the rows to stderr."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{suite}.json"
    doc = {"suite": suite, "title": title, "rows": rows, "notes": notes}
    path.write_text(json.dumps(doc, indent=2) + "\n")
    for row in rows:
        log(
            f"{row['benchmark']}: ours {row['ours']} {row['metric']}, "
            f"{row.get('ratio_text')}, target {row.get('target')}, met {row.get('met')}"
        )
    log(f"wrote {path}")


def machine_note() -> str:
    """A line describing the machine the numbers come from."""
    load = os.getloadavg()[0]
    mode = "smoke" if SMOKE else "full"
    return (
        f"{os.cpu_count()} CPUs, load average {load:.2f} at the end; "
        f"profile {PROFILE}; "
        f"{mode} mode, {RUNS} run(s)"
    )
