"""Plumbing shared by the fidelity suite: the catalogue, the sandbox process, the
official SDK clients and a request-model builder driven by the catalogue.

Nothing here knows about a particular operation; per-operation knowledge (valid
values, key response fields) lives in ``values.py``, response checks in
``checks.py``.
"""

import decimal
import json
import os
import re
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig

REPO_ROOT = Path(__file__).resolve().parents[3]
CATALOGUE_PATH = REPO_ROOT / "spec" / "operations.json"

# Catalogue categories the sandbox emulates for both BSS flavours.
EMULATED_CATEGORIES = frozenset(
    {
        "customers",
        "customer_budget",
        "customer_resources",
        "funding_adjustments",
        "account_records",
        "bills",
        "coupons",
        "resellers",
        "incentives_discounts",
        "invoices",
        "orders",
    }
)

# IAM operations the sandbox emulates (token issuance, validation, temporary keys).
EMULATED_IAM = frozenset(
    {
        "keystone_create_user_token_by_password",
        "keystone_create_agency_token",
        "keystone_create_scoped_token",
        "keystone_validate_token",
        "create_temporary_access_key_by_token",
        "create_temporary_access_key_by_agency",
    }
)

LISTEN_RE = re.compile(r"^listening on (http://127\.0\.0\.1:\d+)$")
CREDS_RE = re.compile(
    r"^credentials: access_key=(\S+) secret_key=(\S+) domain_id=(\S+)$"
)


def load_catalogue():
    """The catalogue's operation list."""
    with open(CATALOGUE_PATH, encoding="utf-8") as fh:
        return json.load(fh)["operations"]


def emulated_bss_operations(catalogue=None):
    """Every BSS / BSS-intl operation in an emulated category, catalogue order."""
    ops = catalogue if catalogue is not None else load_catalogue()
    return [
        op
        for op in ops
        if op["service"] in ("bss", "bssintl") and op["category"] in EMULATED_CATEGORIES
    ]


def find_operation(service, name, catalogue=None):
    """One catalogue entry by service and operation name."""
    ops = catalogue if catalogue is not None else load_catalogue()
    for op in ops:
        if op["service"] == service and op["operation"] == name:
            return op
    raise KeyError(f"{service}.{name} is not in the catalogue")


# ---------------------------------------------------------------------------
# The sandbox process


@dataclass
class SandboxInfo:
    """What the sandbox printed on start-up."""

    base_url: str
    access_key: str
    secret_key: str
    domain_id: str


def sandbox_binary():
    """The sandbox binary: $PARTNER_SANDBOX_BIN, else target/debug/partner-sandbox."""
    env = os.environ.get("PARTNER_SANDBOX_BIN")
    if env:
        return Path(env)
    return REPO_ROOT / "target" / "debug" / "partner-sandbox"


class SandboxProcess:
    """The sandbox binary run as a child process on an ephemeral loopback port."""

    def __init__(self, binary, extra_args=()):
        self.binary = Path(binary)
        self.extra_args = list(extra_args)
        self.proc = None
        self.info = None
        self.stderr_lines = []
        self._stderr_thread = None

    def start(self, timeout=30.0):
        if not self.binary.exists():
            raise FileNotFoundError(
                f"sandbox binary not found at {self.binary}; build it with "
                "`cargo build -p huaweicloud-partner-sandbox --bin partner-sandbox` "
                "or set PARTNER_SANDBOX_BIN"
            )
        cmd = [str(self.binary), "--addr", "127.0.0.1:0", *self.extra_args]
        self.proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_thread.start()
        lines = []
        reader = threading.Thread(
            target=lambda: lines.extend(self._read_two_lines()), daemon=True
        )
        reader.start()
        reader.join(timeout)
        if len(lines) < 2:
            code = self.stop()
            raise RuntimeError(
                f"sandbox did not print its two start-up lines within {timeout}s "
                f"(exit status {code}); got {lines!r}; "
                f"stderr: {''.join(self.stderr_lines[-20:])}"
            )
        url = LISTEN_RE.match(lines[0])
        creds = CREDS_RE.match(lines[1])
        if not url or not creds:
            self.stop()
            raise RuntimeError(f"unexpected sandbox start-up lines: {lines!r}")
        self.info = SandboxInfo(
            url.group(1), creds.group(1), creds.group(2), creds.group(3)
        )
        # Keep draining stdout so the child never blocks on a full pipe.
        threading.Thread(target=self._drain_stdout, daemon=True).start()
        return self.info

    def _read_two_lines(self):
        out = []
        for _ in range(2):
            line = self.proc.stdout.readline()
            if not line:
                break
            out.append(line.rstrip("\r\n"))
        return out

    def _drain_stdout(self):
        for _ in self.proc.stdout:
            pass

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line)
            if len(self.stderr_lines) > 2000:
                del self.stderr_lines[:1000]

    def stop(self, timeout=10.0):
        """SIGTERM, then wait; SIGKILL only if it does not exit."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout)


# ---------------------------------------------------------------------------
# Official SDK plumbing


def sdk_package(service):
    """The official SDK package (models + client) for a catalogue service."""
    if service == "bss":
        import huaweicloudsdkbss.v2 as pkg
    elif service == "bssintl":
        import huaweicloudsdkbssintl.v2 as pkg
    elif service == "iam":
        import huaweicloudsdkiam.v3 as pkg
    else:
        raise KeyError(service)
    return pkg


def sdk_client_class(service):
    pkg = sdk_package(service)
    return {"bss": "BssClient", "bssintl": "BssintlClient", "iam": "IamClient"}[
        service
    ], pkg


def http_config():
    """HttpConfig for a plain-http loopback endpoint: no TLS, no retries."""
    cfg = HttpConfig.get_default_config()
    cfg.ignore_ssl_verification = True
    cfg.retry_times = 0
    cfg.timeout = (5, 30)
    return cfg


# The production host of each BSS flavour. China and International share most
# paths; the sandbox (like production) tells them apart by the Host header, so the
# clients connect to 127.0.0.1 but send (and sign) the production host name.
SITE_HOSTS = {"bss": "bss.myhuaweicloud.com", "bssintl": "bss-intl.myhuaweicloud.com"}


def build_client(service, base_url, credentials, http_handler=None):
    """An official SDK client pointed at the sandbox.

    With an explicit endpoint and no region, the builder never calls IAM/STS to
    discover the domain id (``process_auth_params`` only runs with a region).
    """
    name, pkg = sdk_client_class(service)
    builder = (
        getattr(pkg, name)
        .new_builder()
        .with_credentials(credentials)
        .with_endpoints([base_url])
        .with_http_config(http_config())
    )
    if http_handler is not None:
        builder = builder.with_http_handler(http_handler)
    client = builder.build()
    if service in SITE_HOSTS:
        client.preset_headers["Host"] = SITE_HOSTS[service]
    return client


def partner_credentials(info):
    return GlobalCredentials(info.access_key, info.secret_key, info.domain_id)


# Sandbox constants shared by every helper (see the sandbox README).
PARTNER_DOMAIN_NAME = "sandbox_partner"
PARTNER_USER = "sandbox_partner"
PARTNER_PASSWORD = "Sandbox@Passw0rd1"
AGENCY_NAME = "sandbox_IDP"


def password_token_request(password=PARTNER_PASSWORD):
    """The partner IAM user's domain-scoped password token request."""
    from huaweicloudsdkiam.v3 import (
        AuthScope,
        AuthScopeDomain,
        KeystoneCreateUserTokenByPasswordRequest,
        KeystoneCreateUserTokenByPasswordRequestBody,
        PwdAuth,
        PwdIdentity,
        PwdPassword,
        PwdPasswordUser,
        PwdPasswordUserDomain,
    )

    return KeystoneCreateUserTokenByPasswordRequest(
        nocatalog="true",
        body=KeystoneCreateUserTokenByPasswordRequestBody(
            auth=PwdAuth(
                identity=PwdIdentity(
                    methods=["password"],
                    password=PwdPassword(
                        user=PwdPasswordUser(
                            domain=PwdPasswordUserDomain(name=PARTNER_DOMAIN_NAME),
                            name=PARTNER_USER,
                            password=password,
                        )
                    ),
                ),
                scope=AuthScope(domain=AuthScopeDomain(name=PARTNER_DOMAIN_NAME)),
            )
        ),
    )


def agency_keys_request(customer_id, duration_seconds=3600):
    """Temporary AK/SK acting in a customer's account through the partner agency."""
    from huaweicloudsdkiam.v3 import (
        AgencyAuth,
        AgencyAuthIdentity,
        CreateTemporaryAccessKeyByAgencyRequest,
        CreateTemporaryAccessKeyByAgencyRequestBody,
        IdentityAssumerole,
    )

    return CreateTemporaryAccessKeyByAgencyRequest(
        body=CreateTemporaryAccessKeyByAgencyRequestBody(
            auth=AgencyAuth(
                identity=AgencyAuthIdentity(
                    methods=["assume_role"],
                    assume_role=IdentityAssumerole(
                        agency_name=AGENCY_NAME,
                        domain_id=customer_id,
                        duration_seconds=duration_seconds,
                    ),
                )
            )
        )
    )


def is_customer_operation(op):
    """The catalogue says the customer's own credential is expected."""
    return op["caller"].startswith("customer")


# ---------------------------------------------------------------------------
# Catalogue types → Python types


def attr_name(node):
    """Python attribute name of a catalogue field or parameter."""
    return node.get("sdk_attr") or node["name"]


def element_type(type_name):
    if type_name.startswith("array<") and type_name.endswith(">"):
        return type_name[len("array<") : -1]
    if type_name.startswith("map<string,") and type_name.endswith(">"):
        return type_name[len("map<string,") : -1]
    return None


PRIMITIVE_TYPES = {
    "string": (str,),
    "int": (int,),
    "long": (int,),
    "double": (float,),
    "decimal": (decimal.Decimal,),
    "bool": (bool,),
}


def model_class(pkg, type_name):
    cls = getattr(pkg, type_name, None)
    if cls is None:
        raise KeyError(f"model {type_name} not in {pkg.__name__}")
    return cls


# ---------------------------------------------------------------------------
# Request construction


class RequestBuilder:
    """Builds an official SDK request model from a catalogue entry.

    ``resolve(op, path, node)`` returns the value for a parameter or body field,
    ``OMIT`` to leave it out, or ``DEFAULT`` to let the builder synthesise a value
    from the declared type (only for required fields). ``path`` is dotted, e.g.
    ``body.customer_infos.customer_id`` or ``query.limit``.
    """

    def __init__(self, resolve):
        self.resolve = resolve

    def build(self, op):
        pkg = sdk_package(op["service"])
        kwargs = {}
        for where, key in (
            ("path", "path_params"),
            ("query", "query_params"),
            ("header", "header_params"),
        ):
            for param in op[key]:
                value = self._value(op, f"{where}.{param['name']}", param, pkg)
                if value is not OMIT:
                    kwargs[attr_name(param)] = value
        body = op.get("request_body")
        if body:
            kwargs["body"] = self._model(
                op, "body", body["model"], body.get("fields") or [], pkg
            )
        return model_class(pkg, op["request_model"])(**kwargs)

    def _value(self, op, path, node, pkg):
        value = self.resolve(op, path, node)
        if value is DEFAULT:
            if not node.get("required"):
                return OMIT
            return self._synthesise(op, path, node, pkg)
        if value is NESTED:
            return self._synthesise(op, path, node, pkg)
        return value

    def _synthesise(self, op, path, node, pkg):
        type_name = node["type"]
        inner = element_type(type_name)
        if type_name.startswith("array<"):
            if inner in PRIMITIVE_TYPES:
                return [synthesise_primitive(inner, node)]
            return [self._model(op, path, inner, node.get("fields") or [], pkg)]
        if type_name in PRIMITIVE_TYPES:
            return synthesise_primitive(type_name, node)
        if type_name == "object":
            return {}
        return self._model(
            op, path, node.get("model") or type_name, node.get("fields") or [], pkg
        )

    def _model(self, op, path, type_name, fields, pkg):
        kwargs = {}
        for field in fields:
            value = self._value(op, f"{path}.{field['name']}", field, pkg)
            if value is not OMIT:
                kwargs[attr_name(field)] = value
        return model_class(pkg, type_name)(**kwargs)


class _Marker:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


OMIT = _Marker("OMIT")
DEFAULT = _Marker("DEFAULT")
# Fill this (possibly optional) model field from its declared sub-fields.
NESTED = _Marker("NESTED")


def synthesise_primitive(type_name, node):
    hint = node.get("format_hint") or ""
    if type_name == "string":
        if hint.startswith("month"):
            return "2026-01"
        if hint.startswith("date"):
            return "2026-01-01"
        if hint.startswith("utc-datetime"):
            return "2026-01-01T00:00:00Z"
        return "sandbox-value"
    if type_name in ("int", "long"):
        return 1
    if type_name == "double":
        return 1.0
    if type_name == "decimal":
        return decimal.Decimal("1.00")
    if type_name == "bool":
        return False
    raise KeyError(type_name)
