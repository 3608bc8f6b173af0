"""A small in-process stand-in for the Partner Center, used until the tests run against
the Rust sandbox. It answers the operations the binding exposes, counts requests per
operation and can inject faults, with the sandbox's vocabulary."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qs, urlparse

ACCESS_KEY = "HPUASANDBOXPARTNER0001"
SECRET_KEY = "sandbox-secret-key-do-not-use-in-production"
DOMAIN_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

ROUTES = {
    ("GET", "/v3/accounts/partner-accounts/adjust-records"): "list_partner_adjust_records",
    ("POST", "/v2/partners/sub-customers/query"): "list_sub_customers",
}


@dataclass
class Fault:
    operation: str
    count: int
    status: int
    error_code: str
    delay_ms: int
    drop: bool


def customers(n: int) -> list[dict[str, Any]]:
    return [
        {
            "customer": f"Customer {i}",
            "account_name": f"cust_{i:03d}",
            "customer_id": f"{i:032x}",
            "associated_on": f"2024-03-{1 + i % 28:02d}T06:21:09Z",
            "association_type": "2" if i % 2 else "1",
            "label": "",
            "customer_type": 1,
            "account_managers": [{"account_name": "sales_wang"}],
        }
        for i in range(n)
    ]


def adjust_records(n: int) -> list[dict[str, Any]]:
    return [
        {
            "customer_id": f"{i % 5:032x}",
            "customer_name": f"Customer {i % 5}",
            "operation_type": "SOURCE_OPERATION_BEADJUST" if i % 3 else "SOURCE_OPERATION_BERETRIEVE",
            # 28 significant digits: the most an exact decimal carries end to end.
            "amount": f"{i + 1}.{'1234567890' * 3}"[:29],
            "currency": "CNY",
            "apply_scene": "",
            "operation_time": f"2024-06-{1 + i % 28:02d}T02:15:44Z",
            "measure_id": 1,
            "trans_id": f"ADJ{i:06d}",
            "memo": "",
        }
        for i in range(n)
    ]


class MockApi:
    def __init__(self, n_customers: int = 23, n_records: int = 57) -> None:
        self.data = {
            "list_sub_customers": customers(n_customers),
            "list_partner_adjust_records": adjust_records(n_records),
        }
        self.counts: dict[str, int] = {}
        self.faults: list[Fault] = []
        self.bodies: list[tuple[str, Any]] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.access_key = ACCESS_KEY
        self.secret_key = SECRET_KEY
        self.domain_id = DOMAIN_ID
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def inject_fault(
        self,
        operation: str,
        count: int = 1,
        status: int = 503,
        error_code: str = "CBC.0999",
        delay_ms: int = 0,
        drop: bool = False,
    ) -> None:
        with self.lock:
            self.faults.append(Fault(operation, count, status, error_code, delay_ms, drop))

    def request_count(self, operation: str) -> int:
        with self.lock:
            return self.counts.get(operation, 0)

    def _take_fault(self, operation: str) -> Optional[Fault]:
        with self.lock:
            for f in self.faults:
                if f.operation == operation and f.count > 0:
                    f.count -= 1
                    return f
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.send_header("X-Request-Id", f"req-{time.monotonic_ns()}")
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(raw)

            def _handle(self, method: str) -> None:
                url = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null") if length else None
                op = ROUTES.get((method, url.path))
                if op is None:
                    self._send(404, {"error_code": "CBC.0404", "error_msg": "no route"}, {})
                    return
                with api.lock:
                    api.counts[op] = api.counts.get(op, 0) + 1
                    api.bodies.append((op, body))
                if "Authorization" not in self.headers:
                    self._send(401, {"error_code": "APIG.0301", "error_msg": "unsigned"}, {})
                    return
                fault = api._take_fault(op)
                if fault is not None:
                    if fault.delay_ms:
                        time.sleep(fault.delay_ms / 1000)
                    if fault.drop:
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    if fault.status != 200:
                        msg = f"injected fault {fault.error_code}"
                        self._send(
                            fault.status,
                            {"error_code": fault.error_code, "error_msg": msg},
                            {"Retry-After": "0"} if fault.status == 429 else {},
                        )
                        return
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                if isinstance(body, dict):
                    params.update(body)
                offset = int(params.get("offset", 0))
                limit = int(params.get("limit", 10))
                items = api.data[op]
                if params.get("customer_id"):
                    items = [i for i in items if i["customer_id"] == params["customer_id"]]
                page = items[offset : offset + limit]
                if op == "list_sub_customers":
                    self._send(200, {"customer_infos": page, "count": len(items)}, {})
                else:
                    self._send(200, {"records": page, "total_count": len(items)}, {})

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

        return Handler
