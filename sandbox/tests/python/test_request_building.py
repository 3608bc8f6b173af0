"""The catalogue-driven request builder, checked without the sandbox: for every
emulated operation the official SDK must produce a signed request with the
catalogue's method, path, required query parameters and required body fields.
A tiny loopback HTTP server records what the SDK sends."""

import json
import threading
import typing
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import harness
import values

FAKE_DOMAIN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


class _Recorder(BaseHTTPRequestHandler):
    seen: typing.ClassVar[list] = []

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((self.command, self.path, dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    info = harness.SandboxInfo(
        f"http://127.0.0.1:{server.server_port}", "AKOFFLINE", "SKOFFLINE", FAKE_DOMAIN
    )
    clients = {
        s: harness.build_client(s, info.base_url, harness.partner_credentials(info))
        for s in ("bss", "bssintl")
    }
    yield clients, _Recorder.seen
    server.shutdown()


def fake_world():
    kinds = [
        "customer",
        "indirect_partner",
        "order",
        "order_pending",
        "order_refund",
        "resource",
        "free_resource",
        "usage_resource",
        "quota",
        "issued_quota",
        "issued_coupon",
    ]
    return values.World({k: [f"{k}-a", f"{k}-b"] for k in kinds})


def expected_path(op):
    path = op["path"].replace("{domain_id}", FAKE_DOMAIN)
    for param in op["path_params"]:
        path = path.replace(
            "{" + param["name"] + "}",
            f"{'resource' if 'resource' in param['name'] else 'order'}-a",
        )
    return path


@pytest.mark.parametrize(
    "op",
    harness.emulated_bss_operations(),
    ids=lambda op: f"{op['service']}.{op['operation']}",
)
def test_official_sdk_sends_catalogue_request(recorder, op):
    clients, seen = recorder
    world = fake_world()
    request = harness.RequestBuilder(values.resolver(world)).build(op)
    before = len(seen)
    getattr(clients[op["service"]], op["operation"])(request)
    assert len(seen) == before + 1
    method, raw_path, headers, body = seen[-1]
    parsed = urllib.parse.urlsplit(raw_path)
    assert method == op["method"]
    assert parsed.path == expected_path(op)
    query = urllib.parse.parse_qs(parsed.query)
    for param in op["query_params"]:
        if param["required"]:
            assert param["name"] in query, (
                f"required query parameter {param['name']} not sent"
            )
    assert headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=AKOFFLINE, ")
    assert headers["X-Domain-Id"] == FAKE_DOMAIN
    assert headers["Host"] == harness.SITE_HOSTS[op["service"]]
    assert "host" in headers["Authorization"].split("SignedHeaders=")[1].split(",")[
        0
    ].split(";")
    if op.get("request_body"):
        sent = json.loads(body)
        for field in op["request_body"].get("fields") or []:
            if field["required"]:
                assert field["name"] in sent, (
                    f"required body field {field['name']} not sent"
                )
