"""Request validation, driven by the catalogue: the official Python SDK does not
check required parameters, so leaving one out reaches the server, which must
answer 400 with CBC.0100 (as the real API does) rather than succeed."""

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

import harness
import values

# (service, operation) → required parameters the sandbox does not insist on.
UNCHECKED_REQUIRED = {}


def required_params(op):
    """(builder path, name) of required top-level query and body parameters."""
    out = [
        (f"query.{p['name']}", p["name"]) for p in op["query_params"] if p["required"]
    ]
    body = op.get("request_body") or {}
    out += [
        (f"body.{f['name']}", f["name"])
        for f in body.get("fields") or []
        if f["required"]
    ]
    return out


def _params():
    out = []
    for op in harness.emulated_bss_operations():
        if not required_params(op):
            continue
        key = (op["service"], op["operation"])
        marks = []
        if key in UNCHECKED_REQUIRED:
            reason = "sandbox: accepts a request without " + ", ".join(
                UNCHECKED_REQUIRED[key]
            )
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(
            pytest.param(op, id=f"{op['service']}.{op['operation']}", marks=marks)
        )
    return out


@pytest.mark.parametrize("op", _params())
def test_missing_required_parameter_is_rejected(sdk, worlds, op):
    world = worlds[op["service"]]
    base = values.resolver(world)
    accepted = []
    for path, name in required_params(op):

        def resolve(op_, p, node, path=path):
            return harness.OMIT if p == path else base(op_, p, node)

        try:
            call_operation_raw(sdk, world, op, resolve)
        except ClientRequestException as exc:
            assert exc.status_code == 400, (name, str(exc))
            assert exc.error_code in ("CBC.0100", "CBC.0101"), (name, str(exc))
            continue
        accepted.append(name)
    assert not accepted, f"{op['operation']} accepted a request without {accepted}"


def call_operation_raw(sdk, world, op, resolve):
    """Send the request with the right credentials; SDK exceptions pass through."""
    credentials = (
        world.customer_credentials if harness.is_customer_operation(op) else None
    )
    request = harness.RequestBuilder(resolve).build(op)
    return sdk.call(op["service"], op["operation"], request, credentials=credentials)
