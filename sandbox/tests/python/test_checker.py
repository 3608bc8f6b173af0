"""Self-test of the response checker, without the sandbox: the shared sample
bodies parse cleanly through the official SDK, and typical fidelity mistakes
(a number sent as a string, a misspelled key, a missing key field) are caught."""

import copy
import decimal
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import checks
import harness
import values

SAMPLES = Path("/work/shared/api/samples")
if not SAMPLES.is_dir():
    SAMPLES = harness.REPO_ROOT / "spec" / "samples"

BSS_SAMPLES = sorted(
    p
    for p in SAMPLES.glob("*.response.json")
    if p.name.split(".")[0] in ("bss", "bssintl")
)


class _Canned(BaseHTTPRequestHandler):
    body = b"{}"

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def canned():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    info = harness.SandboxInfo(
        f"http://127.0.0.1:{server.server_port}", "AK", "SK", "d" * 32
    )
    clients = {
        s: harness.build_client(s, info.base_url, harness.partner_credentials(info))
        for s in ("bss", "bssintl")
    }

    def call(op, body):
        _Canned.body = json.dumps(body).encode()
        world = values.World({k: ["x"] for k in ("customer", "order", "resource")})
        request = harness.RequestBuilder(values.resolver(world)).build(op)
        return getattr(clients[op["service"]], op["operation"])(request)

    yield call
    server.shutdown()


def sample_op(path):
    service, operation = path.name.split(".")[:2]
    return harness.find_operation(service, operation)


def load(path):
    return json.loads(path.read_text(), parse_float=decimal.Decimal)


def _decimal_default(obj):
    if isinstance(obj, decimal.Decimal):
        return float(obj)
    raise TypeError(obj)


@pytest.mark.skipif(not BSS_SAMPLES, reason="no shared samples on this machine")
@pytest.mark.parametrize("path", BSS_SAMPLES, ids=lambda p: p.name)
def test_samples_pass_the_checker(canned, path):
    op = sample_op(path)
    body = json.loads(json.dumps(load(path), default=_decimal_default))
    response = canned(op, body)
    assert checks.response_problems(op, response, values.key_fields(op)) == []


def first_leaf(data, kinds):
    """Path (list of keys/indices) to the first scalar of one of ``kinds``."""
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return [] if isinstance(data, kinds) and not isinstance(data, bool) else None
    for key, value in items:
        found = first_leaf(value, kinds)
        if found is not None:
            return [key, *found]
    return None


def set_at(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@pytest.mark.skipif(not BSS_SAMPLES, reason="no shared samples on this machine")
def test_checker_catches_number_sent_as_string(canned):
    path = SAMPLES / "bss.list_sub_customers.response.json"
    op = sample_op(path)
    body = load(path)
    set_at(body, ["count"], str(body["count"]))
    problems = checks.response_problems(op, canned(op, body), values.key_fields(op))
    assert any("json.count" in p and "declared int" in p for p in problems), problems


@pytest.mark.skipif(not BSS_SAMPLES, reason="no shared samples on this machine")
def test_checker_catches_unknown_key_and_missing_id(canned):
    path = SAMPLES / "bss.list_sub_customers.response.json"
    op = sample_op(path)
    body = copy.deepcopy(load(path))
    body["customer_infos"][0]["customerId"] = body["customer_infos"][0].pop(
        "customer_id"
    )
    problems = checks.response_problems(op, canned(op, body), values.key_fields(op))
    assert any("customerId: key not in the catalogue" in p for p in problems), problems
    assert any(
        p.startswith("customer_infos[].customer_id: missing") for p in problems
    ), problems


@pytest.mark.skipif(not BSS_SAMPLES, reason="no shared samples on this machine")
def test_checker_catches_decimal_sent_as_string(canned):
    path = SAMPLES / "bss.list_subcustomer_monthly_bills.response.json"
    op = sample_op(path)
    body = load(path)
    leaf = ["bill_sums", 0, "amount"]
    set_at(body, leaf, "12.30")
    body = json.loads(json.dumps(body, default=_decimal_default))
    problems = checks.response_problems(op, canned(op, body), values.key_fields(op))
    assert any(
        "bill_sums[0].amount: declared decimal, JSON has str" in p for p in problems
    ), problems


@pytest.mark.skipif(not BSS_SAMPLES, reason="no shared samples on this machine")
def test_checker_catches_badly_formatted_time(canned):
    path = SAMPLES / "bss.list_sub_customers.response.json"
    op = sample_op(path)
    body = load(path)
    body["customer_infos"][0]["associated_on"] = "2024-03-18 06:21:09"
    problems = checks.response_problems(op, canned(op, body), values.key_fields(op))
    assert any("associated_on: '2024-03-18 06:21:09' is not" in p for p in problems), (
        problems
    )


def test_enumerations_are_read_from_sdk_docstrings():
    pkg = harness.sdk_package("bss")
    assert checks.documented_enum(pkg, "CustomerOrderV2", "status") == {
        1,
        2,
        3,
        4,
        5,
        6,
        9,
        10,
        11,
        12,
        13,
    }
    # This description mixes " : " and the full-width colon.
    assert checks.documented_enum(pkg, "MonthlyBillRes", "charge_mode") == {
        1,
        3,
        10,
        11,
    }
    assert checks.documented_enum(pkg, "CustomerOrderV2", "measure_id") is None


@pytest.mark.skipif(not BSS_SAMPLES, reason="no shared samples on this machine")
def test_checker_catches_undocumented_code(canned):
    path = SAMPLES / "bss.list_sub_customers.response.json"
    op = sample_op(path)
    body = load(path)
    assert checks.enum_problems(op, canned(op, body)) == []
    body["customer_infos"][0]["is_frozen"] = 7
    problems = checks.enum_problems(op, canned(op, body))
    assert problems == ["customer_infos[].is_frozen: [7] not in documented [0, 1, 2]"]
