"""Response checks: parsed official SDK models and the wire JSON compared with the
catalogue (types, required fields, keys, formats) and with the enumerations the
official SDK documents."""

import decimal
import inspect
import json
import re

from harness import PRIMITIVE_TYPES, attr_name, element_type, model_class, sdk_package


def _model_attr(model, json_name):
    """Attribute of an SDK model by its JSON name (models map attr → JSON key)."""
    for attr, key in (getattr(model, "attribute_map", None) or {}).items():
        if key == json_name:
            return getattr(model, attr, None)
    return getattr(model, json_name, None)


def get_path(model, dotted):
    """Values at a dotted path; ``[]`` after a name fans out over a list."""
    current = [model]
    for part in dotted.split("."):
        fan = part.endswith("[]")
        name = part[:-2] if fan else part
        nxt = []
        for item in current:
            if item is None:
                continue
            value = (
                item.get(name) if isinstance(item, dict) else _model_attr(item, name)
            )
            if fan:
                if value:
                    nxt.extend(value)
            else:
                nxt.append(value)
        current = nxt
    return current


def check_types(pkg, fields, model, where, problems):
    """Every populated attribute has its declared type; required ones are present."""
    for field in fields:
        attr = attr_name(field)
        value = (
            model.get(field["name"])
            if isinstance(model, dict)
            else getattr(model, attr, None)
        )
        label = f"{where}.{field['name']}"
        if value is None:
            if field.get("required"):
                problems.append(f"{label}: required field missing")
            continue
        check_value(pkg, field, field["type"], value, label, problems)


def check_value(pkg, field, type_name, value, label, problems):
    if type_name in PRIMITIVE_TYPES:
        expected = PRIMITIVE_TYPES[type_name]
        ok = isinstance(value, expected) and not (
            type_name in ("int", "long", "double", "decimal")
            and isinstance(value, bool)
        )
        if (
            type_name == "double"
            and isinstance(value, int)
            and not isinstance(value, bool)
        ):
            ok = True
        if not ok:
            problems.append(
                f"{label}: declared {type_name}, "
                f"parsed as {type(value).__name__} ({value!r})"
            )
        return
    if type_name == "object":
        return
    inner = element_type(type_name)
    if type_name.startswith("array<"):
        if not isinstance(value, list):
            problems.append(
                f"{label}: declared {type_name}, parsed as {type(value).__name__}"
            )
            return
        for i, item in enumerate(value):
            if item is None:
                problems.append(f"{label}[{i}]: null element")
                continue
            check_value(pkg, field, inner, item, f"{label}[{i}]", problems)
        return
    if type_name.startswith("map<"):
        if not isinstance(value, dict):
            problems.append(
                f"{label}: declared {type_name}, parsed as {type(value).__name__}"
            )
            return
        for k, item in value.items():
            check_value(pkg, field, inner, item, f"{label}[{k}]", problems)
        return
    cls = getattr(pkg, type_name, None)
    if cls is None or not isinstance(value, cls):
        problems.append(
            f"{label}: declared model {type_name}, parsed as {type(value).__name__}"
        )
        return
    if field.get("cycle_ref"):
        return
    check_types(pkg, field.get("fields") or [], value, label, problems)


JSON_KINDS = {
    "string": (str,),
    "int": (int,),
    "long": (int,),
    "double": (int, decimal.Decimal),
    "decimal": (int, decimal.Decimal),
    "bool": (bool,),
}


def raw_json_problems(fields, data, where, problems):
    """The wire JSON uses the declared JSON kinds and only catalogue keys.

    The SDK converts scalars with ``klass(value)``, so a number sent for a string
    field (or a string sent for a decimal) would parse silently; this catches it.
    Unknown keys would be dropped silently by the SDK, so they are reported too.
    """
    if not isinstance(data, dict):
        problems.append(f"{where}: expected a JSON object, got {type(data).__name__}")
        return
    by_name = {f["name"]: f for f in fields}
    for key, value in data.items():
        field = by_name.get(key)
        if field is None:
            problems.append(f"{where}.{key}: key not in the catalogue")
            continue
        if value is None:
            continue
        raw_json_value(field, field["type"], value, f"{where}.{key}", problems)


# Formats the catalogue declares on string fields (``format_hint`` prefix).
FORMATS = {
    "utc-datetime": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"),
    "month": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "date": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-\d{2}$"),
}


def raw_json_value(field, type_name, value, label, problems):
    hint = (field.get("format_hint") or "").split(" ")[0]
    if type_name == "string" and hint in FORMATS and isinstance(value, str) and value:
        if not FORMATS[hint].match(value):
            problems.append(f"{label}: {value!r} is not {field['format_hint']}")
    if type_name in JSON_KINDS:
        kinds = JSON_KINDS[type_name]
        if not isinstance(value, kinds) or (
            type_name != "bool" and isinstance(value, bool)
        ):
            problems.append(
                f"{label}: declared {type_name}, "
                f"JSON has {type(value).__name__} {value!r}"
            )
        return
    if type_name == "object":
        return
    inner = element_type(type_name)
    if type_name.startswith("array<"):
        if not isinstance(value, list):
            problems.append(
                f"{label}: declared {type_name}, JSON has {type(value).__name__}"
            )
            return
        for i, item in enumerate(value):
            raw_json_value(field, inner, item, f"{label}[{i}]", problems)
        return
    if type_name.startswith("map<"):
        if not isinstance(value, dict):
            problems.append(
                f"{label}: declared {type_name}, JSON has {type(value).__name__}"
            )
            return
        for k, item in value.items():
            raw_json_value(field, inner, item, f"{label}[{k}]", problems)
        return
    if field.get("cycle_ref"):
        return
    raw_json_problems(field.get("fields") or [], value, label, problems)


def response_problems(op, response, key_paths):
    """Type errors, wire-format errors, and key paths that are missing or empty."""
    pkg = sdk_package(op["service"])
    problems = []
    spec = op["response"]
    expected_cls = model_class(pkg, spec["model"])
    if not isinstance(response, expected_cls):
        return [f"response is {type(response).__name__}, expected {spec['model']}"]
    check_types(pkg, spec["fields"], response, "response", problems)
    raw = getattr(response, "raw_content", None)
    if raw:
        try:
            data = json.loads(raw, parse_float=decimal.Decimal)
        except ValueError as exc:
            problems.append(f"response body is not JSON: {exc}")
        else:
            raw_json_problems(spec["fields"], data, "json", problems)
    elif spec["fields"]:
        problems.append("response body is empty but the catalogue declares fields")
    for header in spec.get("headers") or []:
        if getattr(response, attr_name(header), None) in (None, ""):
            problems.append(f"response header {header['name']} missing")
    for path in key_paths:
        values = get_path(response, path)
        if not values:
            problems.append(f"{path}: empty (no element reached)")
        elif any(v is None or v == "" or v == [] for v in values):
            problems.append(
                f"{path}: missing in {sum(v in (None, '', []) for v in values)} "
                f"of {len(values)}"
            )
    return problems


# ---------------------------------------------------------------------------
# Documented enumerations


# A code followed by a full-width colon (U+FF1A) or " : ", as in the SDK's
# "1<U+FF1A>yearly/monthly 3<U+FF1A>on-demand" descriptions.
ENUM_CODE_RE = re.compile(r"(?<![0-9A-Za-z.])(-?\d+)\s*(?:\uff1a|\s:\s)")
_ENUM_CACHE = {}


def documented_enum(pkg, model_name, attr):
    """The integer codes an official SDK model's docstring lists for ``attr``
    (None when the docstring lists fewer than two)."""
    key = (pkg.__name__, model_name, attr)
    if key not in _ENUM_CACHE:
        codes = None
        cls = getattr(pkg, model_name, None)
        if cls is not None:
            doc = re.search(
                rf":param {re.escape(attr)}: (.*)", inspect.getsource(cls.__init__)
            )
            if doc:
                found = {int(v) for v in ENUM_CODE_RE.findall(doc.group(1))}
                codes = found if len(found) >= 2 else None
        _ENUM_CACHE[key] = codes
    return _ENUM_CACHE[key]


def enum_fields(pkg, model_name, fields, prefix=""):
    """(dotted path with ``[]``, codes) for every documented integer enumeration
    reachable in a response."""
    out = []
    for field in fields:
        name = field["name"]
        if field["type"] == "int":
            codes = documented_enum(pkg, model_name, attr_name(field))
            if codes:
                out.append((prefix + name, codes))
        elif field.get("fields") and not field.get("cycle_ref"):
            inner = field.get("model") or element_type(field["type"]) or field["type"]
            step = name + ("[]" if field["type"].startswith("array<") else "")
            out.extend(enum_fields(pkg, inner, field["fields"], prefix + step + "."))
    return out


def enum_problems(op, response):
    """Integer codes outside the enumeration the official SDK documents."""
    pkg = sdk_package(op["service"])
    spec = op["response"]
    problems = []
    for path, codes in enum_fields(pkg, spec["model"], spec["fields"]):
        bad = sorted(
            {v for v in get_path(response, path) if v is not None and v not in codes}
        )
        if bad:
            problems.append(f"{path}: {bad} not in documented {sorted(codes)}")
    return problems
