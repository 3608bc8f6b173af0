"""List filters, driven by the catalogue: for every emulated list operation whose
request has a scalar filter named like a field of the listed items, filtering
by a value taken from an unfiltered answer must return only matching items
(and at least the one the value came from)."""

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException

import harness
import values

NOT_FILTERS = {"offset", "limit", "marker", "page", "per_page", "X-Language"}

# (service, operation) → filters the sandbox does not honour yet (mostly
# schema-generated answers). Each operation is an xfail(strict=True), so a fix
# turns the suite red until its entry is removed.
IGNORED_FILTERS = {
    ("bss", "list_sub_customer_coupons"): ["promotion_plan_id"],
    ("bssintl", "list_sub_customer_coupons"): ["promotion_plan_id"],
}


def primary_items(op):
    for field in op["response"]["fields"]:
        if (
            field["type"].startswith("array<")
            and field.get("fields")
            and not field["name"].startswith(("error", "fail"))
        ):
            return field
    return None


def filters_of(op):
    """(where, name) of request filters that name a scalar field of the items."""
    listed = primary_items(op)
    if not op.get("pagination") or listed is None:
        return []
    scalars = {f["name"] for f in listed["fields"] if f["type"] in ("string", "int")}
    params = [("query", p) for p in op["query_params"]]
    if op.get("request_body"):
        params += [("body", f) for f in op["request_body"].get("fields") or []]
    return [
        (where, p["name"])
        for where, p in params
        if p["name"] in scalars
        and p["name"] not in NOT_FILTERS
        and p["type"] in ("string", "int")
        and not p.get("format_hint")
    ]


def _params():
    out = []
    for op in harness.emulated_bss_operations():
        if not filters_of(op):
            continue
        key = (op["service"], op["operation"])
        marks = []
        if key in IGNORED_FILTERS:
            reason = "sandbox: ignores filter(s) " + ", ".join(IGNORED_FILTERS[key])
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(
            pytest.param(op, id=f"{op['service']}.{op['operation']}", marks=marks)
        )
    return out


def _call(sdk, world, op, extra=None):
    base = values.resolver(world)
    extra = extra or {}

    def resolve(op_, path, node):
        if path in extra:
            return extra[path]
        return base(op_, path, node)

    credentials = (
        world.customer_credentials if harness.is_customer_operation(op) else None
    )
    request = harness.RequestBuilder(resolve).build(op)
    try:
        return sdk.call(
            op["service"], op["operation"], request, credentials=credentials
        )
    except ServiceResponseException as exc:
        pytest.fail(
            f"{op['operation']} with {extra}: HTTP {exc.status_code} {exc.error_code} "
            f"{exc.error_msg}\n{sdk.recorder.describe()}",
            pytrace=False,
        )


def _matches(expected, actual):
    if isinstance(expected, str) and isinstance(actual, str):
        return actual == expected
    return str(actual) == str(expected)


@pytest.mark.parametrize("op", _params())
def test_list_filters_are_honoured(sdk, worlds, op):
    world = worlds[op["service"]]
    prepare = values.PREPARE.get(op["operation"])
    if prepare:
        prepare(sdk, world, op["service"])
    listed = primary_items(op)
    attr = {f["name"]: harness.attr_name(f) for f in listed["fields"]}
    unfiltered = getattr(_call(sdk, world, op), harness.attr_name(listed)) or []
    assert unfiltered, f"{op['operation']}: unfiltered list is empty"
    ignored = []
    for where, name in filters_of(op):
        value = next(
            (
                getattr(i, attr[name])
                for i in unfiltered
                if getattr(i, attr[name]) not in (None, "")
            ),
            None,
        )
        if value is None:
            continue
        param_type = next(
            p["type"]
            for p in (
                op["query_params"] if where == "query" else op["request_body"]["fields"]
            )
            if p["name"] == name
        )
        sent = str(value) if param_type == "string" else int(value)
        response = _call(sdk, world, op, {f"{where}.{name}": sent})
        items = getattr(response, harness.attr_name(listed)) or []
        if not items or not all(_matches(value, getattr(i, attr[name])) for i in items):
            ignored.append(f"{name}={sent!r}")
    assert not ignored, (
        f"{op['service']}.{op['operation']} ignores filters: {', '.join(ignored)}"
    )
