"""Conversions between Python values and the core's JSON.

Requests: ``Decimal`` becomes a decimal string, an aware ``datetime`` becomes
``YYYY-MM-DDThh:mm:ssZ`` in UTC (fractions of a second are dropped: the API counts whole
seconds), a ``date`` becomes ``YYYY-MM-DD``. Binary floats are refused anywhere in a
request, so an amount can never be rounded on its way in.

Responses: the core writes amounts as decimal strings and timestamps as
``YYYY-MM-DDThh:mm:ssZ``; JSON numbers are read as ``int`` or ``Decimal``, never ``float``.

Importing the package stays cheap: ``typing``, ``json`` and ``enum`` (and ``re``, which
they import) are not imported here; annotations are for type checkers only.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date, datetime, timezone
from decimal import Decimal

from .errors import DecodeError, InvalidInputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, Optional

FLOAT_REFUSED = "floats are not accepted: use decimal.Decimal for amounts"


def to_wire(value: Any, where: str = "request") -> Any:
    """Turns a request value into JSON-compatible data, checking types on the way."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, float):
        raise TypeError(f"{where}: {FLOAT_REFUSED}")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError(
                f"{where}: {value} is not a finite amount", kind="invalid_input"
            )
        return format(value, "f")
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError(
                f"{where}: naive datetime {value.isoformat()}; give a timezone-aware "
                "datetime (e.g. datetime(..., tzinfo=timezone.utc))"
            )
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    # No value can be an enum member unless `enum` was imported by someone.
    enum = sys.modules.get("enum")
    if enum is not None and isinstance(value, enum.Enum):
        return to_wire(value.value, where)
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{where}: keys must be strings, got {k!r}")
            out[k] = to_wire(v, f"{where}.{k}")
        return out
    if isinstance(value, (list, tuple)):
        return [to_wire(v, f"{where}[{i}]") for i, v in enumerate(value)]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_wire(to_dict(), where)
    raise TypeError(f"{where}: unsupported type {type(value).__name__}")


def request_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A request's fields as the native client takes them (JSON-compatible values only);
    ``None`` values are left out."""
    return {k: to_wire(v, k) for k, v in fields.items() if v is not None}


def parse_json(text: str) -> Any:
    """Parses core JSON, reading non-integral numbers as ``Decimal``."""
    import json  # only list items of unusual shapes come this way

    return json.loads(text, parse_float=Decimal)


def to_decimal(value: Any, field: str) -> Optional[Decimal]:
    """A response amount."""
    if type(value) is str:
        # The common case first: the core writes every amount as a decimal string.
        # (Decimal ignores surrounding whitespace, as the general path below does.)
        try:
            return Decimal(value)
        except ArithmeticError:
            raise DecodeError(f"{field}: {value!r} is not an amount", kind="decode") from None
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            return Decimal(value.strip() if isinstance(value, str) else value)
        except ArithmeticError:
            pass
    raise DecodeError(f"{field}: {value!r} is not an amount", kind="decode")


def to_datetime(value: Any, field: str) -> Optional[datetime]:
    """A response timestamp, always timezone-aware."""
    if type(value) is str and value[-1:] == "Z":
        # The core's own format (YYYY-MM-DDThh:mm:ssZ) first, parsed as the general path
        # below parses it; anything this cannot read goes that way.
        try:
            return datetime.fromisoformat(value[:-1] + "+00:00")
        except ValueError:
            pass
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            return parsed
    raise DecodeError(f"{field}: {value!r} is not a timestamp", kind="decode")


def to_date(value: Any, field: str) -> Optional[date]:
    """A response date (``YYYY-MM-DD``)."""
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise DecodeError(f"{field}: {value!r} is not a date", kind="decode")


def to_int(value: Any, field: str) -> Optional[int]:
    """A response integer."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise DecodeError(f"{field}: {value!r} is not an integer", kind="decode")


def to_str(value: Any, field: str) -> Optional[str]:
    """A response string (numbers sent where the catalogue says string are kept exact)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    raise DecodeError(f"{field}: {value!r} is not a string", kind="decode")


def to_bool(value: Any, field: str) -> Optional[bool]:
    """A response boolean."""
    if value is None or isinstance(value, bool):
        return value
    raise DecodeError(f"{field}: {value!r} is not a boolean", kind="decode")


def to_any(value: Any, field: str) -> Any:
    """A response value with no fixed shape, returned as parsed."""
    return value


def plain(value: Any) -> Any:
    """``to_dict`` helper: models become dicts, lists are copied, scalars kept."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return value


def check_mapping(data: Any, model: str) -> None:
    """Fails unless ``data`` is a JSON object."""
    if not isinstance(data, Mapping):
        raise DecodeError(f"{model}: expected an object, got {data!r}", kind="decode")


def seq(value: Any, field: str) -> list[Any]:
    """A response list (``None`` reads as empty)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise DecodeError(f"{field}: {value!r} is not a list", kind="decode")


def opt_model(cls: Any, value: Any, field: str) -> Any:
    """A nested model, or ``None``."""
    if value is None:
        return None
    return cls.from_dict(value)


def to_any_item(value: Any) -> Any:
    """Items of list operations whose item shape the catalogue does not give."""
    return value


def model_repr(obj: Any, secret: frozenset[str]) -> str:
    """``Name(attr=value, ...)`` with unset attributes left out and secrets masked."""
    parts = []
    for name in type(obj).__slots__:
        if name == "_extra":
            continue
        value = getattr(obj, name)
        if value is None or value == []:
            continue
        shown = "'***'" if name in secret else repr(value)
        parts.append(f"{name}={shown}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def each(convert: Callable[[Any, str], Any], value: Any, field: str) -> list[Any]:
    """A response list of scalars, each converted (``None`` reads as empty)."""
    return [convert(v, field) for v in seq(value, field)]
