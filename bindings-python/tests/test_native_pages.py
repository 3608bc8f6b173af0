"""The native page builder gives exactly what ``from_dict`` gives, or defers to it.

Every generated model is checked against ``Model.from_dict(parse_json(text))``: on a
canonical item, and with each field in turn replaced by values of other shapes (escapes,
numbers where strings are declared, other timestamp forms, bad amounts, unknown keys...).
Results are compared through ``repr`` of ``to_dict()`` (so ``Decimal('1.10')`` and
``Decimal('1.1')`` differ, as do timezones); errors by type and message.
"""

from __future__ import annotations

import inspect
import json
from typing import Any, Callable, Optional

import pytest

import huaweicloud_partner as hp
from huaweicloud_partner import _areas, _base, _native, models
from huaweicloud_partner._convert import parse_json
from huaweicloud_partner.sandbox import Sandbox

MODELS = [getattr(models, name) for name in models.__all__]

CANONICAL: dict[str, Any] = {
    "str": "Zhang Wei 张伟",
    "int": 42,
    "bool": True,
    "decimal": "1234.56780000",
    "datetime": "2024-05-06T07:08:09Z",
    "date": "2024-05-06",
    "any": {"k": [1, "2.50", None]},
}

# Values of other shapes, each put in every field in turn.
VARIANTS: list[Any] = [
    None,
    "",
    "tab\there \"quoted\" \\ slash",
    "  12.50  ",
    "1e3",
    "NaN",
    "x",
    "2024-05-06T07:08:09+08:00",
    "2024-05-06T07:08:09.250Z",
    "2024-02-30T07:08:09Z",
    "2024-05-06 07:08:09Z",
    "2024-05-06",
    "2024-13-06",
    "12",
    0,
    -7,
    2**70,
    1.0,
    2.5,
    True,
    False,
    [],
    ["a", 1],
    {},
    {"unknown": 1},
]


def canonical(cls: type, depth: int = 0) -> dict[str, Any]:
    """An item of ``cls`` with every field set, in the form the core writes."""
    out: dict[str, Any] = {}
    for wire, _attr, kind, arg in cls._FIELDS:  # type: ignore[attr-defined]
        if kind in ("model", "models"):
            nested = canonical(getattr(models, arg), depth + 1) if depth < 3 else None
            out[wire] = nested if kind == "model" else ([nested, nested] if nested else [])
        elif kind == "list":
            out[wire] = [CANONICAL[arg], CANONICAL[arg]]
        else:
            out[wire] = CANONICAL[kind]
    return out


def outcome(build: Callable[[], Any]) -> tuple[str, str]:
    try:
        obj = build()
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return (type(e).__name__, str(e))
    return (type(obj).__name__, repr(obj.to_dict()))


def built(cls: type, texts: list[str]) -> list[Any]:
    spec = _base.native_spec(cls.from_dict)  # type: ignore[attr-defined]
    assert spec is not None, cls.__name__
    page = _native.NativePage(texts, 3, "m")
    return page.build(spec, _base._fallback(cls), parse_json)


def check(cls: type, item: dict[str, Any]) -> None:
    text = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    expected = outcome(lambda: cls.from_dict(parse_json(text)))  # type: ignore[attr-defined]
    got = outcome(lambda: built(cls, [text])[0])
    assert got == expected, (cls.__name__, text)


def test_every_model_has_a_native_spec() -> None:
    for cls in MODELS:
        assert _base.native_spec(cls.from_dict) is not None, cls.__name__


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_builder_matches_from_dict(cls: type) -> None:
    item = canonical(cls)
    check(cls, item)
    # The core's usual forms take the fast path: the fallback is never called.
    spec = _base.native_spec(cls.from_dict)  # type: ignore[attr-defined]

    def refuse(text: str) -> Any:
        raise AssertionError(f"fell back on {text}")

    page = _native.NativePage([json.dumps(item)])
    obj = page.build(spec, refuse, parse_json)[0]
    assert type(obj) is cls and obj._extra == {}
    for wire in item:
        for variant in VARIANTS:
            changed = dict(item)
            changed[wire] = variant
            check(cls, changed)
        missing = {k: v for k, v in item.items() if k != wire}
        check(cls, missing)
    check(cls, {**item, "added_later": {"x": "1.5"}})


def test_builder_reads_escapes_keys_and_duplicates_like_json() -> None:
    cls = models.Customer
    texts = [
        '{"customer":"a\\u00e9\\n\\"b\\"","customer_id":"x"}',
        '{"customer":"first","customer":"second"}',
        '{"cust\\u006fmer":"escaped key"}',
        '{"customer_type":-0,"is_frozen":1}',
        '{"customer_type":1.0}',
        '{"associated_on":null,"account_managers":null}',
        "{}",
    ]
    expected = [outcome(lambda t=t: cls.from_dict(parse_json(t))) for t in texts]
    got = [outcome(lambda o=o: o) for o in built(cls, texts)]
    assert got == expected


def test_builder_errors_are_from_dicts() -> None:
    with pytest.raises(hp.DecodeError, match="AdjustRecord.amount"):
        built(models.AdjustRecord, ['{"amount":"12,50"}'])
    with pytest.raises(hp.DecodeError, match="Customer: expected an object"):
        built(models.Customer, ["[1]"])


def page_texts(pager: Any) -> list[list[str]]:
    out = []
    while True:
        page: Optional[_native.NativePage] = pager._native.next_page()
        if page is None:
            return out
        out.append([json.dumps(i) for i in parse_json(page.items_json())])


def test_sandbox_pages_build_as_from_dict(client: hp.Client, sb: Sandbox) -> None:
    cases: list[tuple[type, Any]] = [
        (models.Customer, client.customers.list_all(limit=10)),
        (models.AdjustRecord, client.funding.adjust_records(limit=25)),
    ]
    for cls, pager in cases:
        assert pager._spec is not None
        for texts in page_texts(pager):
            fast = built(cls, texts)
            slow = [cls.from_dict(parse_json(t)) for t in texts]  # type: ignore[attr-defined]
            assert [repr(o.to_dict()) for o in fast] == [repr(o.to_dict()) for o in slow]
    # Through the pager, items come out typed.
    records = client.funding.adjust_records(limit=25).collect()
    assert records and all(type(r) is models.AdjustRecord for r in records)


def typed_pagers(sb: Sandbox) -> list[tuple[str, Any]]:
    """A pager for every list operation the sandbox answers without arguments, on the
    site that serves it, plus those whose reads need arguments."""
    china = sb.client(rate_limit=False)
    intl = sb.client(rate_limit=False, site="international", endpoint=sb.intl_url)
    out: list[tuple[str, Any]] = []
    for _, area, _, pages in hp.operations():
        if pages is None:
            continue
        cls = getattr(_areas, "".join(p.title() for p in area.split("_")))
        sig = inspect.signature(getattr(cls, pages))
        if any(
            p.name != "self" and p.default is inspect.Parameter.empty
            for p in sig.parameters.values()
        ):
            continue
        for client in (china, intl):
            pager = getattr(getattr(client, area), pages)(limit=7)
            try:
                page = pager._native.next_page()
            except (hp.UnsupportedError, hp.ApiError):
                continue
            if page is not None and len(page) > 0:
                out.append((f"{area}.{pages}", getattr(getattr(client, area), pages)(limit=7)))
                break
    out.append(
        (
            "account_records.list_partner_changes_all",
            china.account_records.list_partner_changes_all(
                balance_type="BALANCE_TYPE_DEBIT", limit=7
            ),
        )
    )
    out.append(("incentives.list_policies_all", china.incentives.list_policies_all(time="2025-12")))
    return out


def test_typed_pages_build_as_from_dict(sb: Sandbox) -> None:
    """Pages the core fetched hold typed items, which the builder serializes straight into
    models: the same models as from_dict over the items' JSON, with no fallback."""

    def refuse(text: str) -> Any:
        raise AssertionError(f"fell back on {text}")

    pagers = typed_pagers(sb)
    assert len(pagers) >= 12, [name for name, _ in pagers]
    for name, pager in pagers:
        cls = pager._spec[0]
        items = 0
        while True:
            page: Optional[_native.NativePage] = pager._native.next_page()
            if page is None:
                break
            fast = page.build(pager._spec, refuse, parse_json)
            slow = [cls.from_dict(i) for i in parse_json(page.items_json())]
            assert [repr(o.to_dict()) for o in fast] == [repr(o.to_dict()) for o in slow], name
            assert all(type(o) is cls and o._extra == {} for o in fast), name
            items += len(fast)
        assert items > 0, name


def test_native_page_reports_total_and_marker() -> None:
    page = _native.NativePage(['{"a":1}', "[2]"], 9, "next")
    assert (page.total, page.next_marker, len(page)) == (9, "next", 2)
    assert json.loads(page.items_json()) == [{"a": 1}, [2]]
    assert _native.NativePage([]).items_json() == "[]"
