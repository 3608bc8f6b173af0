"""What importing and using the package costs a process, and logging that starts late.

Each check runs a fresh interpreter: importing the package must not import the standard
modules it avoids on purpose (``typing``, ``re``, ``json``, ``logging``, ``enum``,
``dataclasses``), paging must not import them either, and the core's log records must
still reach :mod:`logging` as they would if it had been imported from the start.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from huaweicloud_partner.sandbox import Sandbox

AVOIDED = ["typing", "re", "json", "logging", "enum", "dataclasses", "inspect"]


def run(sb: Sandbox, body: str) -> subprocess.CompletedProcess[str]:
    """Runs ``body`` in a fresh interpreter; ``SETTINGS`` holds a client's settings for
    the sandbox and ``BASELINE`` the modules loaded before ``body`` ran."""
    settings = {
        "endpoint": sb.url,
        "access_key": sb.access_key,
        "secret_key": sb.secret_key,
        "domain_id": sb.domain_id,
        "rate_limit": False,
        "initial_backoff": 0.001,
        "max_backoff": 0.01,
    }
    prelude = f"import sys\nBASELINE = set(sys.modules)\nSETTINGS = {settings!r}\n"
    code = prelude + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )


def new_modules(out: str) -> set[str]:
    return set(json.loads(out.splitlines()[-1]))


def test_import_leaves_heavy_modules_out(sb: Sandbox) -> None:
    out = run(
        sb,
        """
        import huaweicloud_partner
        ADDED = sorted(set(sys.modules) - BASELINE)
        import json
        print(json.dumps(ADDED))
        """,
    ).stdout
    loaded = new_modules(out)
    assert "huaweicloud_partner.models" in loaded
    assert not loaded & set(AVOIDED), sorted(loaded & set(AVOIDED))
    # No model class is built before it is used.
    assert not [m for m in loaded if m.startswith("huaweicloud_partner._models.")]


def test_calls_and_paging_leave_heavy_modules_out(sb: Sandbox) -> None:
    out = run(
        sb,
        """
        import huaweicloud_partner as hp
        with hp.Client(**SETTINGS) as c:
            assert len(c.funding.adjust_records(limit=10).collect()) > 10
            assert len(c.customers.list_all(limit=5).collect()) > 5
            assert c.customers.list(limit=2).count is not None
        ADDED = sorted(set(sys.modules) - BASELINE)
        import json
        print(json.dumps(ADDED))
        """,
    ).stdout
    loaded = new_modules(out)
    assert not loaded & set(AVOIDED), sorted(loaded & set(AVOIDED))
    # Only the modules of the classes these calls return.
    homes = {m.rpartition(".")[2] for m in loaded if m.startswith("huaweicloud_partner._models.")}
    assert homes == {"funding", "customers"}, homes


def test_models_load_on_first_use() -> None:
    import pickle

    from huaweicloud_partner import models

    assert sorted(models.__all__) == sorted(set(models.__all__))
    assert set(models.__all__) <= set(dir(models))
    for name in models.__all__:
        cls = getattr(models, name)
        assert cls.__name__ == name and cls.__module__ == "huaweicloud_partner.models"
    record = models.AdjustRecord.from_dict({"amount": "1.10", "trans_id": "t", "new": 1})
    again = pickle.loads(pickle.dumps(record))
    assert again == record and again.to_dict() == record.to_dict()
    try:
        models.NoSuchModel  # noqa: B018
    except AttributeError as e:
        assert "NoSuchModel" in str(e)
    else:
        raise AssertionError("an unknown name did not raise AttributeError")


def test_warnings_reach_stderr_without_logging_set_up(sb: Sandbox) -> None:
    # Python's last-resort handler prints WARNING and above when nobody configured logging;
    # the bridge imports `logging` for such a record and hands it over.
    sb.inject_fault("list_sub_customers", status=503, count=5)
    done = run(
        sb,
        """
        import huaweicloud_partner as hp
        with hp.Client(**SETTINGS, max_attempts=2) as c:
            try:
                c.customers.list(limit=1)
            except hp.ServerError:
                pass
            else:
                raise AssertionError("the fault was not seen")
        print("logging" in sys.modules)
        """,
    )
    assert done.stdout.splitlines()[-1] == "True"
    assert "list_sub_customers" in done.stderr
    assert sb.secret_key not in done.stderr


def test_logging_configured_after_the_first_call(sb: Sandbox) -> None:
    done = run(
        sb,
        """
        import huaweicloud_partner as hp
        with hp.Client(**SETTINGS) as c:
            c.customers.list(limit=1)
            assert "logging" not in sys.modules
            import logging
            logging.basicConfig(level=logging.DEBUG, format="%(name)s %(message)s")
            c.funding.adjust_records(limit=1).next_page()
        """,
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("huaweicloud_partner")]
    assert any("list_partner_adjust_records" in line for line in lines), done.stderr
    assert not any("list_sub_customers" in line for line in lines), done.stderr
