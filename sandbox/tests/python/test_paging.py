"""Paging, driven by the catalogue: for every emulated list operation with
offset/limit paging, two consecutive pages of two items must together equal one
page of four, every page must report the same total, and a page must hold
``min(limit, total - offset)`` items. SDK pagination helpers depend on all three."""

import pytest

import checks
import harness
import values
from test_filters import primary_items
from test_operations import call_operation

# (service, operation) → reason, for list operations whose paging is not faithful.
PAGING_GAPS = {}


def paged_ops():
    out = []
    for op in harness.emulated_bss_operations():
        paging = op.get("pagination") or {}
        if paging.get("style") != "offset_limit" or primary_items(op) is None:
            continue
        key = (op["service"], op["operation"])
        marks = []
        if key in PAGING_GAPS:
            marks.append(pytest.mark.xfail(strict=True, reason=PAGING_GAPS[key]))
        out.append(
            pytest.param(op, id=f"{op['service']}.{op['operation']}", marks=marks)
        )
    return out


def page(sdk, world, op, offset, limit):
    where = (op.get("pagination") or {}).get("in", "query")
    overrides = {f"{where}.offset": offset, f"{where}.limit": limit}
    base = values.resolver(world)

    def resolve(op_, path, node):
        if path in overrides:
            return overrides[path]
        return base(op_, path, node)

    response = call_operation(sdk, world, op, resolve)
    items = getattr(response, harness.attr_name(primary_items(op))) or []
    total_field = op["pagination"].get("total_field")
    total = checks.get_path(response, total_field)[0] if total_field else None
    return [i.to_dict() for i in items], total


@pytest.mark.parametrize("op", paged_ops())
def test_pages_are_consistent(sdk, worlds, op):
    world = worlds[op["service"]]
    prepare = values.PREPARE.get(op["operation"])
    if prepare:
        prepare(sdk, world, op["service"])
    by_page = op["pagination"].get("offset_semantics", "").startswith("page")
    first = 1 if by_page else 0
    second = first + (1 if by_page else 2)

    four, total = page(sdk, world, op, first, 4)
    one, total_one = page(sdk, world, op, first, 2)
    two, total_two = page(sdk, world, op, second, 2)

    if total is not None:
        assert total == total_one == total_two, (total, total_one, total_two)
        assert len(one) == min(2, total)
        assert len(two) == max(0, min(2, total - 2))
        assert len(four) == min(4, total)
    assert one + two == four[: len(one) + len(two)]
