"""Every emulated BSS / BSS-intl operation, driven by the catalogue, through the
official Huawei Cloud Python SDK: the signed request must be accepted and the
response must parse into the SDK's model with its key fields populated and typed
as declared."""

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException

import checks
import harness
import values

# Operations the sandbox does not emulate faithfully yet: (service, operation) →
# reason. Each is an xfail(strict=True), so the suite turns red once fixed.
KNOWN_GAPS = {}


def _params():
    params = []
    for op in harness.emulated_bss_operations():
        key = (op["service"], op["operation"])
        marks = []
        if key in KNOWN_GAPS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[key]))
        params.append(
            pytest.param(op, id=f"{op['service']}.{op['operation']}", marks=marks)
        )
    return params


def call_operation(sdk, world, op, resolve=None):
    """Build the request from the catalogue, send it with the official client and
    return the parsed response; a rejection fails with the exact request.

    Customer-scoped operations (catalogue ``caller``) use the first customer's
    agency keys; everything else the partner's AK/SK."""
    credentials = None
    if harness.is_customer_operation(op):
        if world.customer_credentials is None:
            pytest.fail(
                f"no customer credentials: {world.customer_error}", pytrace=False
            )
        credentials = world.customer_credentials
    request = harness.RequestBuilder(resolve or values.resolver(world)).build(op)
    try:
        return sdk.call(
            op["service"], op["operation"], request, credentials=credentials
        )
    except ServiceResponseException as exc:
        pytest.fail(
            "sandbox rejected the official SDK's request for "
            f"{op['service']}.{op['operation']}: HTTP {exc.status_code} "
            f"{exc.error_code} {exc.error_msg}\n{sdk.recorder.describe()}",
            pytrace=False,
        )


@pytest.mark.parametrize("op", _params())
def test_operation(sdk, worlds, op):
    world = worlds[op["service"]]
    prepare = values.PREPARE.get(op["operation"])
    if prepare:
        prepare(sdk, world, op["service"])
    response = call_operation(sdk, world, op)
    assert 200 <= response.status_code < 300, response.status_code
    problems = checks.response_problems(op, response, values.key_fields(op))
    assert not problems, (
        f"{op['service']}.{op['operation']} response problems:\n  "
        + "\n  ".join(problems)
        + f"\nrequest: {sdk.recorder.describe()}\nbody: {response.raw_content[:2000]!r}"
    )


def customer_id_paths(fields, prefix=""):
    """Dotted paths (``[]`` for lists) of every ``customer_id`` in a response."""
    paths = []
    for field in fields:
        name = field["name"]
        if name == "customer_id" and field["type"] == "string":
            paths.append(prefix + name)
        elif field.get("fields") and not field.get("cycle_ref"):
            step = name + ("[]" if field["type"].startswith("array<") else "")
            paths.extend(customer_id_paths(field["fields"], prefix + step + "."))
    return paths


# (service, operation) → why customer-scoped answers name other customers.
FOREIGN_CUSTOMER_IDS = {}


def _scoped_params():
    params = []
    for op in harness.emulated_bss_operations():
        if not harness.is_customer_operation(op) or not customer_id_paths(
            op["response"]["fields"]
        ):
            continue
        key = (op["service"], op["operation"])
        marks = []
        if key in FOREIGN_CUSTOMER_IDS:
            marks.append(
                pytest.mark.xfail(strict=True, reason=FOREIGN_CUSTOMER_IDS[key])
            )
        params.append(
            pytest.param(op, id=f"{op['service']}.{op['operation']}", marks=marks)
        )
    return params


@pytest.mark.parametrize("op", _scoped_params())
def test_customer_scoped_answers_belong_to_the_caller(sdk, worlds, op):
    """An operation called with a customer's own credentials only reports that
    customer's data."""
    world = worlds[op["service"]]
    prepare = values.PREPARE.get(op["operation"])
    if prepare:
        prepare(sdk, world, op["service"])
    response = call_operation(sdk, world, op)
    caller = world.first("customer")
    foreign = {
        value
        for path in customer_id_paths(op["response"]["fields"])
        for value in checks.get_path(response, path)
        if value not in (None, "", caller)
    }
    assert not foreign, (
        f"{op['operation']} called as {caller} reports {sorted(foreign)}"
    )


def currency_paths(fields, prefix=""):
    paths = []
    for field in fields:
        if field["name"] == "currency" and field["type"] == "string":
            paths.append(prefix + "currency")
        elif field.get("fields") and not field.get("cycle_ref"):
            step = field["name"] + ("[]" if field["type"].startswith("array<") else "")
            paths.extend(currency_paths(field["fields"], prefix + step + "."))
    return paths


SITE_CURRENCY = {"bss": "CNY", "bssintl": "USD"}


@pytest.mark.parametrize(
    "op",
    [
        pytest.param(op, id=f"{op['service']}.{op['operation']}")
        for op in harness.emulated_bss_operations()
        if currency_paths(op["response"]["fields"])
    ],
)
def test_currency_matches_the_site(sdk, worlds, op):
    """China-site answers are in CNY, International-site answers in USD."""
    world = worlds[op["service"]]
    prepare = values.PREPARE.get(op["operation"])
    if prepare:
        prepare(sdk, world, op["service"])
    response = call_operation(sdk, world, op)
    found = {
        value
        for path in currency_paths(op["response"]["fields"])
        for value in checks.get_path(response, path)
        if value
    }
    assert found <= {SITE_CURRENCY[op["service"]]}, found
