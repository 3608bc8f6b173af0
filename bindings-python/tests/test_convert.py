"""Request and response conversions (pure Python, no server)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import huaweicloud_partner as hp
from huaweicloud_partner import _convert as c
from huaweicloud_partner.models import AdjustRecord


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (Decimal("0.1234567890123456789012345678"), "0.1234567890123456789012345678"),
        (Decimal("12345678901234567890.12345678"), "12345678901234567890.12345678"),
        (Decimal("-0.000000000000000000000000001"), "-0.000000000000000000000000001"),
        (Decimal("1E+2"), "100"),
        (Decimal("1.500"), "1.500"),
    ],
)
def test_decimals_go_out_exactly(value: Decimal, wire: str) -> None:
    assert c.to_wire(value) == wire
    assert Decimal(wire) == value
    back = AdjustRecord.from_dict({"amount": wire}).amount
    assert back == value and back is not None and format(back, "f") == wire


def test_response_numbers_never_become_floats() -> None:
    data = c.parse_json('{"amount": 0.1000000000000000055511151231257827, "n": 3}')
    assert isinstance(data["amount"], Decimal)
    assert data["amount"] == Decimal("0.1000000000000000055511151231257827")
    assert AdjustRecord.from_dict(data).amount == data["amount"]
    assert isinstance(data["n"], int)


def test_request_values() -> None:
    tz = timezone(timedelta(hours=-5))
    body = c.request_fields(
        {
            "when": datetime(2024, 1, 31, 22, 30, 15, 999, tzinfo=tz),
            "day": date(2024, 2, 29),
            "flag": True,
            "n": 7,
            "skip": None,
            "nested": {"amounts": [Decimal("1.10"), Decimal("2")]},
        }
    )
    assert body == {
        "when": "2024-02-01T03:30:15Z",
        "day": "2024-02-29",
        "flag": True,
        "n": 7,
        "nested": {"amounts": ["1.10", "2"]},
    }


@pytest.mark.parametrize("bad", [1.5, [Decimal(1), 0.1], {"deep": {"x": 2.0}}])
def test_floats_are_refused_anywhere(bad: object) -> None:
    with pytest.raises(TypeError, match="floats are not accepted: use decimal.Decimal"):
        c.request_fields({"amount": bad})


def test_non_finite_and_unknown_values() -> None:
    with pytest.raises(hp.InvalidInputError):
        c.to_wire(Decimal("NaN"))
    with pytest.raises(hp.InvalidInputError):
        c.to_wire(Decimal("Infinity"))
    with pytest.raises(TypeError, match="naive"):
        c.to_wire(datetime(2024, 1, 1))
    with pytest.raises(TypeError, match="unsupported type"):
        c.to_wire(object())


def test_models_round_trip_and_keep_unknown_fields() -> None:
    wire = {
        "amount": "1.000000000000000000000000001",
        "operation_time": "2024-06-01T00:00:00Z",
        "new_field_from_the_api": {"x": 1},
    }
    r = AdjustRecord.from_dict(wire)
    assert r.amount == Decimal("1.000000000000000000000000001")
    assert r.operation_time == datetime(2024, 6, 1, tzinfo=timezone.utc)
    d = r.to_dict()
    assert d["new_field_from_the_api"] == {"x": 1}
    assert AdjustRecord.from_dict(d) == r
    assert r != AdjustRecord.from_dict({"amount": "1"})
    with pytest.raises(hp.DecodeError):
        AdjustRecord.from_dict(["not", "an", "object"])  # type: ignore[arg-type]
