"""Extract the integer codes the official Python SDK documents for response fields.

Writes ``sandbox/src/enums.json``: ``{"<service>.<operation>": {"<path>": [codes]}}`` where
``<path>`` is the dotted JSON path of an ``int`` field (``[]`` marks array elements), for
every field whose SDK docstring lists at least two codes written ``code：label``. The
sandbox draws generated values for those fields from the list.

Usage: python3 sandbox/tools/extract_enums.py  (needs huaweicloudsdkbss, huaweicloudsdkbssintl)
"""

import importlib
import inspect
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
CODE_RE = re.compile(r"(?<![0-9A-Za-z.])(-?\d+)\s*(?:：|\s:\s)")
PACKAGES = {"bss": "huaweicloudsdkbss.v2", "bssintl": "huaweicloudsdkbssintl.v2"}


def codes(pkg, model, attr):
    cls = getattr(pkg, model, None)
    if cls is None:
        return None
    doc = re.search(r":param %s: (.*)" % re.escape(attr), inspect.getsource(cls.__init__))
    if not doc:
        return None
    found = sorted({int(v) for v in CODE_RE.findall(doc.group(1))})
    return found if len(found) >= 2 else None


def walk(pkg, model, fields, prefix, out):
    for f in fields:
        name = f["name"]
        attr = f.get("sdk_attr") or name
        if f["type"] == "int":
            found = codes(pkg, model, attr)
            if found:
                out[prefix + name] = found
        elif f.get("fields") and not f.get("cycle_ref"):
            inner = f.get("model") or f["type"]
            step = name + ("[]" if f["type"].startswith("array<") else "")
            walk(pkg, inner, f["fields"], prefix + step + ".", out)


def main():
    catalogue = json.loads((ROOT / "spec" / "operations.json").read_text())
    result = {}
    for op in catalogue["operations"]:
        if op["service"] not in PACKAGES:
            continue
        pkg = importlib.import_module(PACKAGES[op["service"]])
        found = {}
        resp = op["response"]
        walk(pkg, resp["model"], resp["fields"], "", found)
        if found:
            result[f"{op['service']}.{op['operation']}"] = found
    out = ROOT / "sandbox" / "src" / "enums.json"
    out.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"{out}: {len(result)} operations")


if __name__ == "__main__":
    main()
