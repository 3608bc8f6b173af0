#!/usr/bin/env python3
"""Generates the typed partner operations from the catalogue.

Reads ``spec/operations.json`` and writes, for every resource area:

* ``core/src/<area>/generated.rs``: request types (validated before sending), response
  models (tolerant of unknown fields, amounts as exact decimals), operation specs, the
  ``Operation`` impls, pagination glue and the area's handler methods;
* the generated block of ``dynamic::REGISTRY`` in ``core/src/dynamic.rs``;
* ``docs/operations.md``: the table of covered operations per area and site.

Usage::

    python3 core/codegen/gen_operations.py           # rewrite the generated files
    python3 core/codegen/gen_operations.py --check   # fail if any of them is stale

Only the catalogue's data is used (names, types, paths, requiredness, format hints); the
doc comments are written here. What the catalogue cannot say (method names, page-size
limits, which operations move money) is in the tables below.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "operations.json"
DYNAMIC = ROOT / "core" / "src" / "dynamic.rs"
DOCS = ROOT / "docs" / "operations.md"

BEGIN_MARK = "    // BEGIN generated entries (core/codegen/gen_operations.py)\n"
END_MARK = "    // END generated entries\n"

# category -> (module, handler type, one-line area description)
AREAS = {
    "customers": ("customers", "Customers", "Customers"),
    "customer_budget": ("budgets", "Budgets", "Customer budgets (International and EU sites)"),
    "customer_resources": ("resources", "Resources", "Customer resources and renewals"),
    "funding_adjustments": ("funding", "Funding", "Funding and reclaiming"),
    "account_records": ("account_records", "AccountRecords", "Account records and balances"),
    "bills": ("bills", "Bills", "Bills and costs"),
    "coupons": ("coupons", "Coupons", "Coupons"),
    "resellers": ("resellers", "Resellers", "Resellers (indirect partners)"),
    "incentives_discounts": ("incentives", "Incentives", "Incentives and discounts"),
    "invoices": ("invoices", "Invoices", "Invoices (International and EU sites)"),
    "orders": ("orders", "Orders", "Orders"),
}

# Operations written by hand (their public names predate the generator).
HANDWRITTEN = {
    "list_sub_customers": ("ListCustomersRequest", "list", "list_all"),
    "list_partner_adjust_records": (
        "ListAdjustRecordsRequest",
        "list_adjust_records",
        "adjust_records",
    ),
}

# Names already taken by hand-written code in an area module.
RESERVED = {
    "customers": {
        "Customers", "Customer", "AccountManager", "AssociationType",
        "ListCustomersRequest", "ListCustomersResponse",
    },
    "funding": {
        "Funding", "AdjustOperationType", "AdjustRecord", "ListAdjustRecordsRequest",
        "ListAdjustRecordsResponse", "Settlement", "SettleOptions",
    },
}

# operation -> (method name on the area, what it does). Our own wording.
OPS = {
    # customers
    "create_sub_customer": ("create", "Creates a customer account bound to the partner"),
    "check_user_identity": (
        "check_identity",
        "Checks whether an account name, mobile number or e-mail address is still free",
    ),
    "freeze_sub_customers": ("freeze", "Freezes customer accounts"),
    "unfreeze_sub_customers": ("unfreeze", "Unfreezes customer accounts"),
    "list_sub_customer_new_tag": (
        "list_new_customer_tags",
        "Tells which customers count as new customers",
    ),
    "send_verification_message_code": (
        "send_verification_code",
        "Sends a verification code by SMS or e-mail",
    ),
    "create_personal_realname_auth": (
        "create_personal_realname_auth",
        "Submits an individual real-name verification for a customer",
    ),
    "create_enterprise_realname_authentication": (
        "create_enterprise_realname_auth",
        "Submits an enterprise real-name verification for a customer",
    ),
    "change_enterprise_realname_authentication": (
        "change_enterprise_realname_auth",
        "Changes an individual verification into an enterprise verification",
    ),
    "show_realname_authentication_review_result": (
        "realname_review_result",
        "Reads the review result of a real-name verification",
    ),
    "show_real_name_auth_qr_code": (
        "realname_auth_qr_code",
        "Gets the QR code a customer scans to verify their real name",
    ),
    "show_real_name_auth_status": (
        "realname_auth_status",
        "Reads the status of a QR-code real-name verification",
    ),
    # budgets
    "list_sub_customer_budget": ("list", "Reads the budgets of several customers"),
    "list_sub_customer_budget_records": (
        "list_records",
        "Lists the changes made to a customer's budget",
    ),
    "show_sub_customer_budget": ("show", "Reads one customer's budget"),
    "update_sub_customer_budget": ("update", "Sets a customer's budget"),
    "show_customer_expenditure_quota": (
        "expenditure_quota",
        "Reads a customer's own expenditure quota",
    ),
    "show_partner_consumption_quota": (
        "partner_consumption_quota",
        "Reads the partner's consumption (credit) quota",
    ),
    # funding
    "update_customer_account_amount": (
        "fund_customer",
        "Grants money from the partner account to a customer account",
    ),
    "reclaim_to_partner_account": (
        "reclaim_from_customer",
        "Takes money back from a customer account into the partner account",
    ),
    "list_customers_balances_detail": (
        "customer_balances",
        "Reads the account balances of several customers",
    ),
    # account records
    "list_partner_account_change_records": (
        "list_partner_changes",
        "Lists the income and expense records of the partner account",
    ),
    "list_customer_account_change_records": (
        "list_customer_changes",
        "Lists a customer's own account change records",
    ),
    "list_stored_value_cards": ("list_stored_value_cards", "Lists a customer's stored-value cards"),
    "show_customer_account_balances": (
        "customer_balances",
        "Reads the caller's own account balances",
    ),
    # bills
    "list_subcustomer_monthly_bills": (
        "list_customer_monthly_bills",
        "Lists the monthly bill of one customer, per resource and cycle",
    ),
    "list_sub_customer_bill_detail": (
        "list_customer_bill_details",
        "Lists the fee records behind a customer's bill",
    ),
    "list_consume_sub_customers": (
        "list_consuming_customers",
        "Lists the customers that consumed in a billing cycle, with amounts",
    ),
    "list_postpaid_bill_sum": (
        "postpaid_bill_summary",
        "Reads the partner's own postpaid bill summary for a cycle",
    ),
    "list_costs": ("list_costs", "Queries cost-analysis data grouped by dimensions"),
    "list_customer_bills_fee_records": (
        "list_fee_records",
        "Lists a customer's own fee records",
    ),
    "list_customer_bills_monthly_break_down": (
        "list_monthly_breakdown",
        "Lists a customer's amortised monthly cost breakdown",
    ),
    "list_customerself_resource_record_details": (
        "list_resource_record_details",
        "Lists a customer's own resource consumption details",
    ),
    "list_customerself_resource_records": (
        "list_resource_records",
        "Lists a customer's own resource consumption records",
    ),
    "list_free_resource_usages": (
        "list_free_resource_usages",
        "Reads the usage of free resource packages",
    ),
    "list_resource_usage": ("list_resource_usage", "Lists a customer's resource usage details"),
    "list_resource_usage_summary": (
        "list_resource_usage_summary",
        "Lists a customer's resource usage summary",
    ),
    "show_customer_monthly_sum": (
        "monthly_summary",
        "Reads a customer's own monthly bill summary",
    ),
    # coupons
    "create_partner_coupons": ("issue", "Issues coupons to customers from the partner's quota"),
    "reclaim_partner_coupons": ("reclaim", "Reclaims coupons issued to customers"),
    "list_issued_partner_coupons": ("list_issued", "Lists the coupons the partner issued"),
    "list_partner_coupons_record": (
        "list_records",
        "Lists the issue and reclaim records of the partner's coupons",
    ),
    "list_quota_coupons": ("list_quotas", "Lists the partner's coupon quotas"),
    "list_sub_customer_coupons": (
        "list_customer_coupons",
        "Lists a customer's coupons",
    ),
    "list_customer_coupon_change_records": (
        "list_customer_change_records",
        "Lists a customer's coupon change records",
    ),
    "list_order_coupons_by_order_id": (
        "list_order_coupons",
        "Lists the coupons usable for an order",
    ),
    # resellers
    "list_indirect_partners": ("list", "Lists the distributor's resellers"),
    "update_indirect_partner_account": (
        "fund_reseller",
        "Grants money from the distributor account to a reseller",
    ),
    "reclaim_indirect_partner_account": (
        "reclaim_from_reseller",
        "Takes money back from a reseller",
    ),
    "list_partner_balances": ("partner_balances", "Reads the partner account's balances"),
    "update_coupon_quotas": ("issue_coupon_quotas", "Grants coupon quotas to resellers"),
    "reclaim_coupon_quotas": ("reclaim_coupon_quotas", "Reclaims coupon quotas from resellers"),
    "list_issued_coupon_quotas": (
        "list_issued_coupon_quotas",
        "Lists the coupon quotas granted to resellers",
    ),
    "list_coupon_quotas_records": (
        "list_coupon_quota_records",
        "Lists the grant and reclaim records of coupon quotas",
    ),
    # incentives
    "list_incentive_discount_policies": (
        "list_policies",
        "Lists the incentive and discount policies per service type",
    ),
    "list_business_discount_info": (
        "business_discounts",
        "Lists the business discounts that apply to products",
    ),
    # invoices
    "list_invoices": ("list", "Lists the partner's invoices"),
    # orders
    "list_customer_orders": ("list", "Lists customer orders"),
    "show_customer_order_details": ("details", "Reads one order with its line items"),
    "pay_orders": ("pay", "Pays a pending order"),
    "cancel_customer_order": ("cancel", "Cancels a pending order"),
    "list_order_discounts": ("list_discounts", "Lists the discounts usable for an order"),
    "show_refund_order_details": ("refund_details", "Reads the refund of an order"),
    # resources
    "list_pay_per_use_customer_resources": (
        "list_customer_resources",
        "Lists customers' yearly/monthly resources",
    ),
    "list_customer_on_demand_resources": (
        "list_on_demand",
        "Lists customers' pay-per-use resources",
    ),
    "auto_renewal_resources": ("enable_auto_renew", "Turns on auto-renewal of a resource"),
    "cancel_auto_renewal_resources": (
        "cancel_auto_renew",
        "Turns off auto-renewal of a resource",
    ),
    "cancel_resources_subscription": (
        "unsubscribe",
        "Unsubscribes yearly/monthly resources (refunds follow)",
    ),
    "list_free_resource_infos": ("list_free_resources", "Lists free resource packages"),
    "list_free_resources_usage_records": (
        "list_free_resource_usage_records",
        "Lists the usage records of free resource packages",
    ),
    "list_on_demand_resource_ratings": (
        "rate_on_demand",
        "Prices pay-per-use products",
    ),
    "list_renew_rate_on_period": ("renewal_price", "Prices the renewal of resources"),
    "renewal_resources": ("renew", "Renews yearly/monthly resources"),
    "set_resources_renew_config": (
        "set_renew_config",
        "Sets what happens to resources when they expire",
    ),
    "update_period_to_on_demand": (
        "to_on_demand",
        "Switches resources from yearly/monthly to pay-per-use at expiry",
    ),
    "update_period_to_on_demand_instantly": (
        "to_on_demand_instantly",
        "Switches resources from yearly/monthly to pay-per-use now",
    ),
}

# Operations that move money: never repeated once they may have reached the server.
MOVES_MONEY = {
    "update_customer_account_amount",
    "reclaim_to_partner_account",
    "create_partner_coupons",
    "reclaim_partner_coupons",
    "update_coupon_quotas",
    "reclaim_coupon_quotas",
    "update_indirect_partner_account",
    "reclaim_indirect_partner_account",
    "pay_orders",
    "renewal_resources",
    "cancel_resources_subscription",
}

# Writes whose name starts with a reading verb but that are queries anyway, and POST
# queries: repeating them changes nothing.
READ_PREFIXES = ("list_", "show_", "check_")

# Largest page size per operation, where it is not the common 100.
MAX_LIMIT = {
    "list_costs": 1000,
    "list_customerself_resource_records": 1000,
    "list_customerself_resource_record_details": 1000,
    "list_customer_bills_fee_records": 1000,
    "list_customer_bills_monthly_break_down": 1000,
    "list_resource_usage": 1000,
    "list_resource_usage_summary": 1000,
    "show_customer_monthly_sum": 1000,
    "list_free_resources_usage_records": 1000,
}
DEFAULT_MAX_LIMIT = 100

# The response list a paginated operation pages through, when not obvious.
PAGE_ITEMS = {
    "list_costs": "cost_data",
    "show_customer_order_details": "order_line_items",
    "list_subcustomer_monthly_bills": "bill_sums",
    "show_customer_monthly_sum": "bill_sums",
    "list_business_discount_info": "product_quoting_items",
}

# Accepted values and ranges of request fields, from the API reference. Checked before
# sending; the field types stay open (text or numbers) so responses keep any value.
VALUE_CHECKS = {
    "pay_orders": [
        'validate::one_of_text("use_coupon", &self.use_coupon, &["YES", "NO"])?;',
        'validate::one_of_text("use_discount", &self.use_discount, &["YES", "NO"])?;',
        'validate::count("coupon_infos", &self.coupon_infos, 0, 3)?;',
        'validate::count("discount_infos", &self.discount_infos, 0, 1)?;',
        'if self.use_coupon.as_deref() == Some("YES") {',
        '    validate::required("coupon_infos", &self.coupon_infos)?;',
        '    validate::count("coupon_infos", &self.coupon_infos, 1, 3)?;',
        "}",
        'if self.use_discount.as_deref() == Some("YES") {',
        '    validate::required("discount_infos", &self.discount_infos)?;',
        '    validate::count("discount_infos", &self.discount_infos, 1, 1)?;',
        "}",
    ],
    "renewal_resources": [
        'validate::count("resource_ids", &self.resource_ids, 1, 10)?;',
        'validate::one_of_int("period_type", self.period_type, &[2, 3])?;',
        'validate::one_of_int("is_auto_pay", self.is_auto_pay, &[0, 1])?;',
        "match self.period_type {",
        '    Some(2) => validate::within("period_num", self.period_num, 1, 11)?,',
        '    Some(3) => validate::within("period_num", self.period_num, 1, 3)?,',
        "    _ => {}",
        "}",
    ],
    "cancel_resources_subscription": [
        'validate::count("resource_ids", &self.resource_ids, 1, 10)?;',
        'validate::one_of_int("unsubscribe_type", self.unsubscribe_type, &[1, 2])?;',
        'validate::within("unsubscribe_reason_type", self.unsubscribe_reason_type, 1, 5)?;',
    ],
    "auto_renewal_resources": [
        'validate::within("auto_renew_times", self.auto_renew_times, 0, 99)?;',
        'validate::one_of_text("period_type", &self.period_type, &["MONTH", "YEAR"])?;',
    ],
    "list_partner_coupons_record": [
        'validate::one_of_int("quota_type", self.quota_type, &[0, 1])?;',
    ],
    "update_sub_customer_budget": [
        'validate::positive("budget_amount", self.budget_amount)?;',
        'validate::one_of_text("budget_type", &self.budget_type, &["MONTHLY", "PACKAGE"])?;',
        'validate::one_of_text("cancel_partner_frozen", &self.cancel_partner_frozen, &["0", "1"])?;',
    ],
}

# Request fields the API reference documents as UTC timestamps although the catalogue has
# no format hint for them.
UTC_FIELDS = {
    ("list_indirect_partners", "associated_on_begin"),
    ("list_indirect_partners", "associated_on_end"),
    ("list_partner_coupons_record", "operation_time_begin"),
    ("list_partner_coupons_record", "operation_time_end"),
    ("list_pay_per_use_customer_resources", "expire_time_begin"),
    ("list_pay_per_use_customer_resources", "expire_time_end"),
}

RUST_KEYWORDS = {
    "type", "ref", "match", "loop", "self", "struct", "enum", "fn", "mod", "use", "move",
    "box", "impl", "trait", "where", "in", "for", "if", "else", "as", "const", "static",
    "mut", "pub", "crate", "super", "return", "async", "await", "dyn", "abstract", "final",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "macro", "become",
    "do", "extern", "let", "true", "false", "while", "break", "continue", "unsafe",
}

UTC_HINT = "utc-datetime"
MONTH_HINT = "month"
DATE_HINT = "date "


def snake(name: str) -> str:
    s = re.sub(r"[^0-9A-Za-z]+", "_", name)
    s = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", s)
    s = s.lower().strip("_")
    return s


def ident(name: str) -> str:
    s = snake(name)
    return f"r#{s}" if s in RUST_KEYWORDS else s


def bare(ident_: str) -> str:
    return ident_[2:] if ident_.startswith("r#") else ident_


def words(name: str) -> str:
    w = snake(name).replace("_", " ")
    return w[:1].upper() + w[1:]


def is_money(f: dict) -> bool:
    return f["type"] in ("decimal", "double") or bool(f.get("money_like"))


def elem_of(t: str) -> str | None:
    m = re.fullmatch(r"array<(.+)>", t)
    return m.group(1) if m else None


# ---------------------------------------------------------------------------------------
# Merging the two sites' variants of an operation.


def merge_fields(a: list | None, b: list | None, sa: str, sb: str) -> list:
    """Union of two field lists; marks fields present on one site only."""
    a = a or []
    b = b or []
    out = []
    bmap = {f["name"]: f for f in b}
    amap = {f["name"]: f for f in a}
    for f in a:
        g = dict(f)
        if f["name"] in bmap:
            o = bmap[f["name"]]
            g["required"] = f["required"] and o["required"]
            if f.get("fields") or o.get("fields"):
                g["fields"] = merge_fields(f.get("fields"), o.get("fields"), sa, sb)
            if f["required"] != o["required"]:
                g["required_on"] = sa if f["required"] else sb
        else:
            g["only_on"] = sa
            if f["required"]:
                g["required_on"] = sa
            g["required"] = False
        out.append(g)
    for f in b:
        if f["name"] not in amap:
            g = dict(f)
            g["only_on"] = sb
            if f["required"]:
                g["required_on"] = sb
            g["required"] = False
            out.append(g)
    return out


def merge_variants(variants: dict) -> dict:
    if len(variants) == 1:
        (svc, op), = variants.items()
        op = dict(op)
        op["sites"] = "ChinaOnly" if svc == "bss" else "InternationalOnly"
        return op
    a, b = variants["bss"], variants["bssintl"]
    assert (a["method"], a["path"]) == (b["method"], b["path"]), a["operation"]
    op = dict(a)
    op["sites"] = "Both"
    for part in ("path_params", "query_params", "header_params"):
        op[part] = merge_fields(a[part], b[part], "bss", "bssintl")
    if a["request_body"] or b["request_body"]:
        body = dict(a["request_body"] or b["request_body"])
        body["fields"] = merge_fields(
            (a["request_body"] or {}).get("fields"),
            (b["request_body"] or {}).get("fields"),
            "bss",
            "bssintl",
        )
        op["request_body"] = body
    resp = dict(a["response"])
    resp["fields"] = merge_fields(a["response"]["fields"], b["response"]["fields"], "bss", "bssintl")
    op["response"] = resp
    return op


SITE_NAME = {"bss": "China site", "bssintl": "International and EU sites"}


# ---------------------------------------------------------------------------------------
# Rust emission.


class Area:
    def __init__(self, category: str):
        self.category = category
        self.module, self.handler, self.title = AREAS[category]
        self.names: dict[str, tuple] = {n: None for n in RESERVED.get(self.module, ())}
        self.models: list[str] = []  # emitted model code, in order
        self.items: list[str] = []
        self.methods: list[str] = []
        self.registry: list[str] = []
        self.uses_paged = False

    # -- models ------------------------------------------------------------------------

    def model(self, name: str, fields: list, ctx: str, owner: str) -> str:
        """Registers a nested model; returns its Rust name."""
        rendered = [self.field(f, ctx, owner) for f in fields]
        sig = (ctx, tuple((f["name"], r[1]) for f, r in zip(fields, rendered)))
        candidates = [name]
        if ctx == "req":
            candidates.append(name + "Input")
        candidates += [f"{name}{i}" for i in range(2, 20)]
        for cand in candidates:
            if cand in self.names:
                if self.names[cand] == sig:
                    return cand
                continue
            self.names[cand] = sig
            self.models.append(self.render_model(cand, fields, rendered, ctx, owner))
            return cand
        raise SystemExit(f"no free name for model {name}")

    def rust_type(self, f: dict, ctx: str, owner: str) -> tuple[str, str]:
        """(Rust type of the value, kind) where kind drives the serde attributes."""
        t = f["type"]
        el = elem_of(t)
        if el is not None:
            g = dict(f)
            g["type"] = el
            inner, _ = self.rust_type(g, ctx, owner)
            return f"Vec<{inner}>", "vec"
        if t.startswith("map<"):
            g = dict(f)
            g["type"] = t[len("map<string,"):-1]
            inner, _ = self.rust_type(g, ctx, owner)
            return f"std::collections::BTreeMap<String, {inner}>", "map"
        hint = f.get("format_hint", "")
        if is_money(f):
            kind = "number" if t in ("decimal", "double") else "string"
            return "Decimal", f"money_{kind}"
        if t == "string":
            if hint.startswith(UTC_HINT):
                return "DateTime<Utc>", "utc"
            if hint.startswith(MONTH_HINT):
                return "BillingCycle", "cycle"
            if hint.startswith(DATE_HINT):
                return "NaiveDate", "date"
            return "String", "plain"
        if t == "int":
            return ("i32" if ctx == "req" else "i64"), "plain"
        if t == "long":
            return "i64", "plain"
        if t == "bool":
            return "bool", "plain"
        if t == "object":
            return "serde_json::Value", "plain"
        if f.get("fields") is not None or f.get("model"):
            return self.model(f.get("model") or t, f.get("fields") or [], ctx, owner), "model"
        raise SystemExit(f"unknown type {t} in {owner}")

    def field(self, f: dict, ctx: str, owner: str) -> tuple[str, str, str]:
        """(Rust field ident, full Rust type, kind)."""
        ty, kind = self.rust_type(f, ctx, owner)
        if kind == "vec" and ctx == "resp":
            return ident(f["name"]), ty, kind
        return ident(f["name"]), f"Option<{ty}>", kind

    def serde_attr(self, f: dict, rname: str, kind: str, ctx: str) -> str:
        parts = []
        if bare(rname) != f["name"]:
            parts.append(f'rename = "{f["name"]}"')
        if ctx == "req":
            parts.append('default, skip_serializing_if = "Option::is_none"')
            if kind == "money_number":
                parts.append('with = "crate::money::input_number_opt"')
            elif kind == "money_string":
                parts.append('with = "crate::money::input_string_opt"')
        else:
            if kind == "vec":
                parts.append('default, deserialize_with = "crate::types::null_as_default"')
            else:
                parts.append("default")
            if kind.startswith("money_"):
                parts.append('with = "crate::money::string_opt"')
            elif kind == "cycle":
                parts.append('with = "crate::types::cycle_opt"')
        if kind == "utc":
            parts.append('with = "crate::types::utc_opt"')
        elif kind == "date":
            parts.append('with = "crate::types::date_opt"')
        return f"    #[serde({', '.join(parts)})]\n"

    def field_doc(self, f: dict, kind: str, ctx: str) -> str:
        text = words(f["name"])
        notes = {
            "money_number": "exact amount",
            "money_string": "exact amount, sent as text",
            "utc": "UTC",
            "cycle": "billing cycle",
            "date": "calendar date",
        }
        if kind in notes:
            text += f" ({notes[kind]})"
        text += "."
        if ctx == "req" and f.get("required"):
            text += " Required."
        if f.get("required_on"):
            text += f" Required on the {SITE_NAME[f['required_on']]}."
        if f.get("only_on"):
            text += f" {SITE_NAME[f['only_on']]} only."
        return f"    /// {text}\n"

    def render_fields(self, fields: list, rendered: list, ctx: str) -> str:
        out = []
        for f, (rname, ty, kind) in zip(fields, rendered):
            out.append(self.field_doc(f, kind, ctx))
            out.append(self.serde_attr(f, rname, kind, ctx))
            out.append(f"    pub {rname}: {ty},\n")
        return "\n".join(out) if False else "".join(out)

    def render_model(self, name, fields, rendered, ctx, owner) -> str:
        side = "request" if ctx == "req" else "response"
        doc = f"/// Part of the `{owner}` {side}.\n"
        body = self.render_fields(fields, rendered, ctx)
        if ctx == "req":
            head = (
                "#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]\n"
                "#[serde(deny_unknown_fields)]\n#[non_exhaustive]\n"
            )
        else:
            head = (
                "#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]\n"
                "#[non_exhaustive]\n"
            )
        code = f"{doc}{head}pub struct {name} {{\n{body}}}\n"
        if ctx == "req":
            code += self.render_setters(name, fields, rendered)
            code += self.render_model_check(name, fields, rendered)
        return code

    def render_setters(self, name, fields, rendered) -> str:
        lines = [f"setters!({name} {{\n"]
        for f, (rname, ty, kind) in zip(fields, rendered):
            inner = ty[len("Option<"):-1]
            lines.append(f"    /// Sets `{f['name']}`.\n    {rname}: {inner},\n")
        lines.append("});\n")
        new = (
            f"\nimpl {name} {{\n    /// An empty value; set at least the required fields.\n"
            f"    pub fn new() -> Self {{\n        Self::default()\n    }}\n}}\n"
        )
        return "".join(lines) + new

    def check_lines(self, fields, rendered, moves_money: bool, indent="        ") -> list[str]:
        out = []
        for f, (rname, ty, kind) in zip(fields, rendered):
            n = f["name"]
            if f.get("required"):
                if ty == "Option<String>":
                    out.append(f'{indent}validate::required_text("{n}", &self.{rname})?;\n')
                else:
                    out.append(f'{indent}validate::required("{n}", &self.{rname})?;\n')
            if n == "limit" and ty == "Option<i32>":
                out.append(f"{indent}validate::limit(self.{rname}, Self::MAX_LIMIT)?;\n")
            if n == "offset" and ty == "Option<i32>":
                out.append(f"{indent}validate::offset(self.{rname}, MIN_OFFSET)?;\n")
            if kind.startswith("money_") and moves_money:
                out.append(f'{indent}validate::positive("{n}", self.{rname})?;\n')
            if kind == "model":
                out.append(f"{indent}if let Some(v) = &self.{rname} {{\n{indent}    v.check()?;\n{indent}}}\n")
            if kind == "vec" and self.is_model_vec(ty):
                out.append(
                    f"{indent}for v in self.{rname}.iter().flatten() {{\n"
                    f"{indent}    v.check()?;\n{indent}}}\n"
                )
        # begin/end pairs of comparable values
        by = {f["name"]: (f, r) for f, r in zip(fields, rendered)}
        for f, (rname, ty, kind) in zip(fields, rendered):
            if kind not in ("utc", "cycle", "date"):
                continue
            n = f["name"]
            for a, b in (("begin", "end"), ("start", "end")):
                if a in n.split("_"):
                    other = "_".join(b if p == a else p for p in n.split("_"))
                    if other in by and by[other][1][2] == kind:
                        orn = by[other][1][0]
                        out.append(
                            f'{indent}validate::ordered("{n}", self.{rname}, "{other}", '
                            f"self.{orn})?;\n"
                        )
        return out

    def is_model_vec(self, ty: str) -> bool:
        inner = re.sub(r"^Option<Vec<(.+)>>$", r"\1", ty)
        return inner in self.names and self.names[inner] is not None and self.names[inner][0] == "req"

    def render_model_check(self, name, fields, rendered) -> str:
        lines = self.check_lines(fields, rendered, False)
        body = "".join(lines) + "        Ok(())\n"
        return (
            f"\nimpl {name} {{\n    pub(crate) fn check(&self) -> Result<()> {{\n{body}"
            f"    }}\n}}\n"
        )

    # -- operations --------------------------------------------------------------------

    def operation(self, op: dict) -> None:
        name = op["operation"]
        method_name, gloss = OPS[name]
        const = name.upper()
        req_name = op["request_model"]
        resp_name = op["response"]["model"]
        for n in (req_name, resp_name):
            if n in self.names:
                raise SystemExit(f"{n} is taken in {self.module}")
            self.names[n] = None
        moves = name in MOVES_MONEY
        if moves:
            idem = "MovesMoney"
        elif name.startswith(READ_PREFIXES) or op["method"] == "GET":
            idem = "Idempotent"
        else:
            idem = "NotIdempotent"
        pg = op["pagination"]
        page_numbers = bool(pg and "page number" in pg["offset_semantics"])

        # request fields: path, query, header, body
        groups = []
        # Placeholders of the path the catalogue does not list as parameters (the official
        # SDKs fill `domain_id` from the credentials): the caller gives them.
        listed = {p["name"] for p in op["path_params"]}
        for ph in re.findall(r"\{(\w+)\}", op["path"]):
            if ph not in listed:
                groups.append(("path", {"name": ph, "type": "string", "required": True}))
        for where, key in (("path", "path_params"), ("query", "query_params"),
                           ("header", "header_params")):
            for f in op[key]:
                groups.append((where, f))
        if op["request_body"]:
            for f in op["request_body"].get("fields") or []:
                groups.append(("body", f))
        names_seen = set()
        for _, f in groups:
            if f["name"] in names_seen:
                raise SystemExit(f"duplicate request field {f['name']} in {name}")
            names_seen.add(f["name"])
        fields = []
        for where, f in groups:
            g = dict(f)
            if where in ("path",):
                g["required"] = True
            if (name, g["name"]) in UTC_FIELDS:
                g["format_hint"] = "utc-datetime YYYY-MM-DDThh:mm:ssZ"
            fields.append(g)
        rendered = [self.field(f, "req", name) for f in fields]
        wheres = [w for w, _ in groups]

        site_phrase = {
            "Both": "both sites",
            "ChinaOnly": "China site",
            "InternationalOnly": "International and EU sites",
        }[op["sites"]]
        out = []
        out.append(
            f"pub(crate) static {const}: OperationSpec = OperationSpec {{\n"
            f'    name: "{name}",\n    service: Service::Bss,\n'
            f'    method: "{op["method"]}",\n    path: "{op["path"]}",\n'
            f"    idempotency: Idempotency::{idem},\n    sites: SiteSupport::{op['sites']},\n}};\n"
        )
        # request struct
        doc = (
            f"/// {gloss}.\n///\n/// The request of `{name}`: `{op['method']} {op['path']}`, "
            f"{site_phrase}.\n"
        )
        if moves:
            doc += (
                "///\n/// Moves money: it is sent at most once. A lost answer is reported as\n"
                "/// [`crate::ErrorKind::OutcomeUnknown`]; settle it before trying again.\n"
            )
        out.append(
            doc
            + "#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]\n"
            "#[serde(deny_unknown_fields)]\n#[non_exhaustive]\n"
            f"pub struct {req_name} {{\n{self.render_fields(fields, rendered, 'req')}}}\n"
        )
        if fields:
            out.append(self.render_setters(req_name, fields, rendered).split("\nimpl")[0])
        limit_max = MAX_LIMIT.get(name, DEFAULT_MAX_LIMIT)
        check = self.check_lines(fields, rendered, moves)
        check += [f"        {line}\n" for line in VALUE_CHECKS.get(name, [])]
        site_checks = self.site_check_lines(fields, rendered)
        uses_limit = any("MAX_LIMIT" in c for c in check)
        uses_offset = any("MIN_OFFSET" in c for c in check)
        impl = [f"\nimpl {req_name} {{\n"]
        impl.append("    /// A request with nothing set yet.\n    pub fn new() -> Self {\n"
                    "        Self::default()\n    }\n\n")
        if uses_limit:
            impl.append(f"    /// Largest page size the API serves.\n"
                        f"    pub const MAX_LIMIT: i32 = {limit_max};\n\n")
        impl.append("    fn check(&self) -> Result<()> {\n")
        if uses_offset:
            impl.append(f"        const MIN_OFFSET: i32 = {1 if page_numbers else 0};\n")
        impl += check
        impl.append("        Ok(())\n    }\n\n")
        impl.append(
            "    /// Checks what differs between the sites: fields only one site knows, and\n"
            "    /// fields only one site requires.\n    ///\n    /// # Errors\n"
            "    /// [`crate::ErrorKind::InvalidInput`] naming the field.\n"
            "    pub fn check_site(&self, site: Site) -> Result<()> {\n"
        )
        if site_checks:
            impl.append("        let intl = site.is_international();\n")
            impl += site_checks
        else:
            impl.append("        let _ = site;\n")
        impl.append("        Ok(())\n    }\n\n")
        impl.append(self.render_parts(fields, rendered, wheres, req_name))
        impl.append("}\n")
        out.append("".join(impl))
        body_struct = self.render_body_struct(fields, rendered, wheres, req_name)
        if body_struct:
            out.append(body_struct)

        # response
        rfields = op["response"]["fields"] or []
        rrendered = [self.field(f, "resp", name) for f in rfields]
        out.append(
            f"/// The answer of `{name}`.\n"
            "#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]\n"
            "#[non_exhaustive]\n"
            f"pub struct {resp_name} {{\n{self.render_fields(rfields, rrendered, 'resp')}}}\n"
        )
        out.append(
            f"json_operation!(\n    {req_name} => {resp_name},\n    {const},\n"
            f"    validate = {req_name}::check,\n    parts = {req_name}::parts,\n"
            f"    site = {req_name}::check_site\n);\n"
        )

        # pagination
        paged = None
        if pg:
            paged = self.render_paged(op, fields, rendered, rfields, rrendered, req_name,
                                      resp_name, page_numbers)
            if paged:
                out.append(paged[0])
        self.items.append("\n".join(out))

        # handler methods
        where_ = {"Both": "", "ChinaOnly": " China site only.",
                  "InternationalOnly": " International and EU sites only."}[op["sites"]]
        money_note = ""
        if moves:
            money_note = (
                "    ///\n    /// Moves money and is never sent twice: when the answer is lost the\n"
                "    /// error is [`crate::ErrorKind::OutcomeUnknown`] with\n"
                "    /// [`crate::Error::pending`] set.\n"
            )
        self.methods.append(
            f"    /// {gloss} (`{name}`).{where_}\n{money_note}    ///\n    /// # Errors\n"
            "    /// Invalid input before anything is sent; API errors.\n"
            f"    pub async fn {method_name}(&self, request: &{req_name}) -> Result<{resp_name}> {{\n"
            "        request.check_site(self.client.site())?;\n"
            "        self.client.execute(request).await\n    }\n"
        )
        if paged:
            item_ty, pages = paged[1], paged[2]
            self.methods.append(
                f"    /// Every item of `{name}` matching `request`, fetched lazily page by\n"
                "    /// page.\n"
                f"    pub fn {pages}(&self, request: {req_name}) -> Paginator<{item_ty}> {{\n"
                "        crate::paged::paginate(self.client.clone(), request)\n    }\n"
            )
            self.registry.append(
                f"    Entry::paged::<crate::{self.module}::{req_name}>(\n"
                f'        "{self.module}",\n        "{method_name}",\n        "{pages}",\n'
                f'        "{name}",\n    ),\n'
            )
        else:
            self.registry.append(
                f"    Entry::call::<crate::{self.module}::{req_name}>(\n"
                f'        "{self.module}",\n        "{method_name}",\n        "{name}",\n    ),\n'
            )
        self.doc_rows.append((name, method_name, op["sites"], idem,
                              paged[2] if paged else None))

    def site_check_lines(self, fields, rendered) -> list[str]:
        out = []
        for f, (rname, ty, kind) in zip(fields, rendered):
            n = f["name"]
            if f.get("only_on"):
                cond = "intl" if f["only_on"] == "bss" else "!intl"
                site = SITE_NAME[f["only_on"]]
                out.append(
                    f"        if {cond} && self.{rname}.is_some() {{\n"
                    f"            return Err(Error::invalid_input(\n"
                    f'                "`{n}` exists only on the {site}",\n'
                    "            ));\n        }\n"
                )
            if f.get("required_on"):
                cond = "!intl" if f["required_on"] == "bss" else "intl"
                out.append(f'        if {cond} {{\n            validate::required("{n}", &self.{rname})?;\n        }}\n')
        return out

    def query_value(self, rname: str, ty: str, kind: str) -> str:
        if kind == "utc":
            return f"self.{rname}.as_ref().map(format_utc)"
        if ty == "Option<String>":
            return f"self.{rname}.as_ref()"
        return f"self.{rname}.as_ref()"

    def render_parts(self, fields, rendered, wheres, req_name) -> str:
        out = ["    fn parts(&self) -> Result<RequestParts> {\n"]
        body_fields = [i for i, w in enumerate(wheres) if w == "body"]
        others = [i for i, w in enumerate(wheres) if w != "body"]
        if not fields:
            return "    fn parts(&self) -> Result<RequestParts> {\n        Ok(RequestParts::default())\n    }\n"
        out.append("        let mut p = RequestParts::default();\n")
        for i in others:
            f, (rname, ty, kind), w = fields[i], rendered[i], wheres[i]
            n = f["name"]
            if w == "path":
                out.append(
                    f"        if let Some(v) = &self.{rname} {{\n"
                    f'            p.path_params.push(("{n}", v.to_string()));\n        }}\n'
                )
            elif w == "query":
                if kind == "vec":
                    out.append(
                        f"        for v in self.{rname}.iter().flatten() {{\n"
                        f'            p.query.push(("{n}".to_owned(), v.to_string()));\n'
                        "        }\n"
                    )
                else:
                    out.append(f'        p.query_opt("{n}", {self.query_value(rname, ty, kind)});\n')
            else:
                out.append(
                    f"        if let Some(v) = &self.{rname} {{\n"
                    f'            p.headers.push(("{n}".to_owned(), v.to_string()));\n        }}\n'
                )
        if body_fields:
            if others:
                out.append(f"        p.json_body(&self.body())?;\n")
            else:
                out.append("        p.json_body(self)?;\n")
        elif self_has_body_marker(fields, wheres):
            pass
        out.append("        Ok(p)\n    }\n")
        if body_fields and others:
            wire = req_name + "Body"
            copy = ("Option<i32>", "Option<i64>", "Option<bool>", "Option<Decimal>",
                    "Option<DateTime<Utc>>", "Option<NaiveDate>", "Option<BillingCycle>")
            inits = "".join(
                f"            {rendered[i][0]}: self.{rendered[i][0]}"
                f"{'' if rendered[i][1] in copy else '.clone()'},\n"
                for i in body_fields
            )
            out.append(
                f"\n    fn body(&self) -> {wire} {{\n        {wire} {{\n{inits}        }}\n    }}\n"
            )
        return "".join(out)

    def render_body_struct(self, fields, rendered, wheres, req_name) -> str | None:
        body_fields = [i for i, w in enumerate(wheres) if w == "body"]
        others = [i for i, w in enumerate(wheres) if w != "body"]
        if not (body_fields and others):
            return None
        lines = []
        for i in body_fields:
            f, (rname, ty, kind) = fields[i], rendered[i]
            attr = self.serde_attr(f, rname, kind, "req")
            lines.append(attr + f"    {rname}: {ty},\n")
        return (
            "/// The JSON body of the request (the other fields travel in the path, query or\n"
            "/// headers).\n#[derive(Serialize)]\n"
            f"struct {req_name}Body {{\n{''.join(lines)}}}\n"
        )

    def render_paged(self, op, fields, rendered, rfields, rrendered, req_name, resp_name,
                     page_numbers):
        name = op["operation"]
        fmap = {f["name"]: r for f, r in zip(fields, rendered)}
        if "limit" not in fmap or "offset" not in fmap:
            return None
        if fmap["limit"][1] != "Option<i32>" or fmap["offset"][1] != "Option<i32>":
            return None
        lists = [(f, r) for f, r in zip(rfields, rrendered) if r[2] == "vec"]
        item_field = PAGE_ITEMS.get(name)
        if item_field is None:
            if len(lists) != 1:
                raise SystemExit(f"{name}: cannot tell the page items among {[f['name'] for f, _ in lists]}")
            item_field = lists[0][0]["name"]
        (item_f, item_r), = [(f, r) for f, r in zip(rfields, rrendered) if f["name"] == item_field]
        item_ty = item_r[1][len("Vec<"):-1]
        total = op["pagination"]["total_field"]
        tmap = {f["name"]: r for f, r in zip(rfields, rrendered)}
        if total and total in tmap:
            total_expr = f"out.{tmap[total][0]}.and_then(|t| u64::try_from(t).ok())"
        else:
            total_expr = "None"
        method_name = OPS[name][0]
        pages = "list_all" if method_name == "list" else f"{method_name}_all"
        self.uses_paged = True
        code = (
            f"impl crate::paged::OffsetPaged for {req_name} {{\n"
            f"    type Item = {item_ty};\n\n"
            f"    const MAX_LIMIT: i32 = {req_name}::MAX_LIMIT;\n"
            f"    const PAGE_NUMBERS: bool = {'true' if page_numbers else 'false'};\n\n"
            "    fn page_params(&self) -> (Option<i32>, Option<i32>) {\n"
            "        (self.offset, self.limit)\n    }\n\n"
            "    fn set_page_params(&mut self, offset: i32, limit: i32) {\n"
            "        self.offset = Some(offset);\n        self.limit = Some(limit);\n    }\n\n"
            f"    fn into_page(out: {resp_name}) -> Page<{item_ty}> {{\n"
            f"        Page {{\n            total: {total_expr},\n"
            f"            items: out.{item_r[0]},\n            next_marker: None,\n        }}\n    }}\n\n"
            "    fn check_for_site(&self, site: Site) -> Result<()> {\n"
            "        self.check_site(site)\n    }\n}\n\n"
            f"impl crate::dynamic::Paginated for {req_name} {{\n    type Item = {item_ty};\n\n"
            f"    fn paginate(self, client: Client) -> Paginator<{item_ty}> {{\n"
            "        crate::paged::paginate(client, self)\n    }\n}\n"
        )
        return code, item_ty, pages

    def render(self) -> str:
        head = (
            "// @generated by core/codegen/gen_operations.py from spec/operations.json.\n"
            "// Do not edit: change the generator or the catalogue and run it again.\n\n"
            f"//! Generated operations of the {self.title.lower()} area.\n\n"
            "#![allow(clippy::doc_markdown, clippy::too_many_lines)]\n\n"
        )
        code = "\n".join(self.items) + "\n" + "\n".join(self.models)
        uses = []
        want = [
            ("chrono::{DateTime, Utc}", ["DateTime<Utc>"]),
            ("chrono::NaiveDate", ["NaiveDate"]),
            ("rust_decimal::Decimal", ["Decimal"]),
            ("serde::{Deserialize, Serialize}", ["Serialize"]),
            ("crate::client::Client", ["Client"]),
            ("crate::config::{Service, Site}", ["Service::"]),
            ("crate::error::{Error, Result}", ["Error::invalid_input"]),
            ("crate::macros::setters", ["setters!"]),
            ("crate::operation::{json_operation, Idempotency, OperationSpec, RequestParts, SiteSupport}",
             ["json_operation!"]),
            ("crate::pagination::{Page, Paginator}", ["Page {", "Paginator<"]),
            ("crate::types::BillingCycle", ["BillingCycle"]),
            ("crate::types::format_utc", ["format_utc"]),
            ("crate::validate", ["validate::"]),
        ]
        methods = (
            f"impl super::{self.handler} {{\n" + "\n".join(self.methods) + "}\n"
            if self.methods else ""
        )
        full = code + "\n" + methods
        for path, keys in want:
            if any(k in full for k in keys):
                if path == "crate::error::{Error, Result}" :
                    uses.append("crate::error::{Error, Result}" if "Error::invalid_input" in full else "crate::error::Result")
                    continue
                if path == "crate::pagination::{Page, Paginator}":
                    if "Page {" in full:
                        uses.append(path)
                    else:
                        uses.append("crate::pagination::Paginator")
                    continue
                uses.append(path)
        if "crate::error::Result" not in uses and "crate::error::{Error, Result}" not in uses:
            uses.append("crate::error::Result")
        ext = [u for u in uses if not u.startswith("crate::")]
        own = [u for u in uses if u.startswith("crate::")]
        use_lines = "".join(f"use {u};\n" for u in ext) + "\n" + "".join(
            f"use {u};\n" for u in own
        )
        return head + use_lines + "\n" + code + "\n" + methods


def self_has_body_marker(fields, wheres) -> bool:
    return False


Area.doc_rows = None  # set per instance in build()


def build(spec: dict) -> tuple[dict, str, str]:
    by_name: dict[str, dict] = {}
    for op in spec["operations"]:
        if op["category"] not in AREAS:
            continue
        by_name.setdefault(op["operation"], {})[op["service"]] = op
    areas: dict[str, Area] = {}
    for cat in AREAS:
        a = Area(cat)
        a.doc_rows = []
        areas[cat] = a
    handwritten_rows = []
    for name in sorted(by_name):
        op = merge_variants(by_name[name])
        area = areas[op["category"]]
        if name in HANDWRITTEN:
            _, method, pages = HANDWRITTEN[name]
            idem = "Idempotent"
            area.doc_rows.append((name, method, op["sites"], idem, pages))
            continue
        if name not in OPS:
            raise SystemExit(f"no method name for {name}")
        area.operation(op)
    files = {}
    for cat, a in areas.items():
        files[ROOT / "core" / "src" / a.module / "generated.rs"] = rustfmt(wrap_docs(a.render()))
    registry = "".join(r for a in areas.values() for r in a.registry)
    docs = render_docs(areas, spec)
    return files, registry, docs


def render_docs(areas: dict, spec: dict) -> str:
    site_cols = {"Both": ("yes", "yes"), "ChinaOnly": ("yes", "—"),
                 "InternationalOnly": ("—", "yes")}
    lines = [
        "# Covered operations\n\n",
        "Generated by `core/codegen/gen_operations.py` from `spec/operations.json`; do not edit.\n\n",
        "Every operation below has a typed request (checked before sending) and a typed\n",
        "response (amounts are exact decimals). `China` is the `bss` API; `Intl/EU` is the\n",
        "`bssintl` API of the International and European sites. Where both sites offer an\n",
        "operation, one method serves both and the client's site decides. In the *retry*\n",
        "column, `safe` operations are retried on timeouts and 5xx; `never` ones are not\n",
        "repeated once they may have reached the server, and `never (money)` ones move\n",
        "money: a lost answer becomes `OutcomeUnknown`\n",
        "with the pending request. A funding or reclaim (customers or resellers) of unknown\n",
        "outcome is settled with `client.funding().settle(..)` / `settle_error(..)`, which\n",
        "reads the adjustment records. *All pages* names the method returning a paginator.\n",
        "The same names are reachable from the bindings as `area.method`.\n\n",
    ]
    for cat, a in areas.items():
        lines.append(f"## {a.title}: `client.{a.module}()`\n\n")
        lines.append("| operation | method | all pages | China | Intl/EU | retry |\n")
        lines.append("| --- | --- | --- | --- | --- | --- |\n")
        for name, method, sites, idem, pages in sorted(a.doc_rows, key=lambda r: r[1]):
            cn, intl = site_cols[sites]
            retry = {"Idempotent": "safe", "NotIdempotent": "never", "MovesMoney": "never (money)"}[idem]
            lines.append(f"| `{name}` | `{method}` | {f'`{pages}`' if pages else ''} | {cn} | {intl} | {retry} |\n")
        lines.append("\n")
    lines.append(NO_API)
    return "".join(lines)


NO_API = """## Partner Center features without a public API

These exist only in the Partner Center console; the SDK has nothing to call for them.

| feature | console area | API |
| --- | --- | --- |
| Contracts (offline and online) | Contracts > Contract management | none |
| Performance reconciliation | Sales > Incentives > Performance | none |
| Incentive payouts (applying, invoicing, details) | Sales > Incentives > Incentive management | none |
| Invoice return (Huawei Cloud and marketplace invoices) | Sales > Finance > Invoices | none (International site: only `invoices.list`, read-only) |
| Invoices on the China site | Sales > Finance > Invoices | none |
| Opportunities (registration, progress, sharing) | Sales > Opportunities | none |
| FH staff incentive payment application | Benefits | none |
| Indicator / metric information | — | none |
| Marketing / sales expansion tasks, leads | Sales | none |
| Role and capability certification | Capabilities | none |
| Savings plans of customers | Customer overview | none (yearly/monthly and pay-per-use resources are covered) |
| O&M on behalf of customers | Customer overview | none in the console sense; use a customer token (assume_role) with cloud-service APIs |
"""


def rustfmt(text: str) -> str:
    """Formats Rust source with the workspace's rustfmt settings."""
    out = subprocess.run(
        ["rustfmt", "--edition", "2021", "--emit", "stdout"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"rustfmt failed:\n{out.stderr}")
    return out.stdout


def wrap_docs(text: str) -> str:
    """Wraps `///` lines longer than 100 columns."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"^(\s*)/// (.*)$", line)
        if m and len(line) > 100:
            width = 100 - len(m.group(1)) - 4
            for part in textwrap.wrap(m.group(2), width, break_on_hyphens=False,
                                      break_long_words=False):
                out.append(f"{m.group(1)}/// {part}")
        else:
            out.append(line)
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if generated files are stale")
    args = ap.parse_args()
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    files, registry, docs = build(spec)
    dyn = DYNAMIC.read_text(encoding="utf-8")
    start = dyn.index(BEGIN_MARK) + len(BEGIN_MARK)
    end = dyn.index(END_MARK)
    new_dyn = dyn[:start] + registry + dyn[end:]
    files[DYNAMIC] = rustfmt(new_dyn)
    files[DOCS] = docs
    stale = []
    for path, text in files.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
