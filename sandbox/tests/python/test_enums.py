"""Documented codes, driven by the official SDK's own docstrings: every integer
field whose description enumerates its codes (code, full-width colon, label)
must hold one of them in the sandbox's answers."""

import pytest

import checks
import harness
import values
from test_operations import call_operation

# (service, operation) → fields answered with codes the SDK does not document.
UNDOCUMENTED_CODES = {}


def _params():
    out = []
    for op in harness.emulated_bss_operations():
        pkg = harness.sdk_package(op["service"])
        spec = op["response"]
        if not checks.enum_fields(pkg, spec["model"], spec["fields"]):
            continue
        key = (op["service"], op["operation"])
        marks = []
        if key in UNDOCUMENTED_CODES:
            fields = ", ".join(UNDOCUMENTED_CODES[key])
            reason = f"sandbox: undocumented codes in {fields}"
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(
            pytest.param(op, id=f"{op['service']}.{op['operation']}", marks=marks)
        )
    return out


@pytest.mark.parametrize("op", _params())
def test_codes_are_documented(sdk, worlds, op):
    world = worlds[op["service"]]
    prepare = values.PREPARE.get(op["operation"])
    if prepare:
        prepare(sdk, world, op["service"])
    response = call_operation(sdk, world, op)
    problems = checks.enum_problems(op, response)
    assert not problems, f"{op['service']}.{op['operation']}: " + "; ".join(problems)
