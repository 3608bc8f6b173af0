"""Per-operation knowledge: valid request values and the response fields that
must be populated.

Values come from the official SDK docstrings (enumerations, formats) and from
the sandbox's own list calls (ids), collected in a ``World``.
"""

import datetime
import decimal
import itertools

from harness import DEFAULT, NESTED, OMIT, sdk_package

_counter = itertools.count(1)


def unique_suffix():
    return f"{datetime.datetime.now(datetime.timezone.utc):%H%M%S}{next(_counter):04d}"


def month_shift(today, months):
    index = today.year * 12 + (today.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class World:
    """Ids that exist in the sandbox (for one service) and the seeded bill month.

    ``ids`` maps a kind (``customer``, ``order_pending``, ``resource``, ...) to a
    list of ids. ``take(kind)`` hands out a different id on each call (cycling)
    so that operations that consume state (pay, cancel, reclaim) do not collide.
    """

    def __init__(self, ids, errors=None):
        self.ids = {k: list(v) for k, v in ids.items()}
        self.errors = dict(errors or {})
        # GlobalCredentials acting as the first customer (agency temporary keys).
        self.customer_credentials = None
        self.customer_error = None
        self._cursor = {}

    def _values(self, kind):
        values = self.ids.get(kind) or []
        if not values:
            why = self.errors.get(kind)
            raise LookupError(
                f"the sandbox returned no {kind} id" + (f" ({why})" if why else "")
            )
        return values

    def first(self, kind):
        return self._values(kind)[0]

    def take(self, kind):
        values = self._values(kind)
        i = self._cursor.get(kind, 0)
        self._cursor[kind] = i + 1
        return values[i % len(values)]

    @property
    def bill_month(self):
        """A seeded bill cycle (the sandbox seeds the twelve cycles of 2025)."""
        return SEEDED_BILL_MONTH

    @property
    def month_start(self):
        year, month = (int(x) for x in self.bill_month.split("-"))
        return datetime.date(year, month, 1)

    @property
    def month_end(self):
        return month_shift(self.month_start, 1) - datetime.timedelta(days=1)


# The sandbox's seeded history is the calendar year 2025 (independent of the wall
# clock); bills and usage exist for its twelve cycles.
SEEDED_BILL_MONTH = "2025-11"


def resolver(world):
    """A ``RequestBuilder`` resolve function bound to a world."""

    def resolve(op, path, node):
        name = op["operation"]
        for key in ((name, path), (op["service"], name, path)):
            if key in OVERRIDES:
                value = OVERRIDES[key]
                return value(world) if callable(value) else value
        leaf = path.rsplit(".", 1)[-1]
        if leaf in BY_NAME and (node.get("required") or leaf in BY_NAME_OPTIONAL_TOO):
            value = BY_NAME[leaf]
            return value(world) if callable(value) else value
        if leaf == "X-Language":
            return "en_US"
        return DEFAULT

    return resolve


D = decimal.Decimal

# Field-name defaults for required fields.
BY_NAME = {
    "customer_id": lambda w: w.first("customer"),
    "customer_ids": lambda w: [w.first("customer")],
    "indirect_partner_id": lambda w: w.first("indirect_partner"),
    "indirect_partner_ids": lambda w: [w.first("indirect_partner")],
    "order_id": lambda w: w.first("order"),
    "resource_id": lambda w: w.first("resource"),
    "resource_ids": lambda w: [w.first("resource")],
    "amount": D("1.00"),
    "balance_type": "BALANCE_TYPE_DEBIT",
    "bill_cycle": lambda w: w.bill_month,
    "cycle": lambda w: w.bill_month,
    "shared_month": lambda w: w.bill_month,
    "xaccount_type": "sandbox_IDP",
    "period_type": 2,
    "period_num": 1,
    "limit": 10,
    "offset": 0,
}
# Names filled even when optional (pagination keeps pages small and explicit).
BY_NAME_OPTIONAL_TOO = {"limit", "offset"}

OVERRIDES = {
    # customers
    ("create_sub_customer", "body.xaccount_id"): lambda w: (
        f"oracle-x-{unique_suffix()}"
    ),
    ("create_sub_customer", "body.domain_name"): lambda w: f"oracle_{unique_suffix()}",
    ("create_sub_customer", "body.domain_area"): "MX",
    ("check_user_identity", "body.search_type"): "email",
    ("check_user_identity", "body.search_value"): "oracle.check@example.com",
    ("send_verification_message_code", "body.receiver_type"): 1,
    ("send_verification_message_code", "body.mobile_phone"): "13800000000",
    ("send_verification_message_code", "body.email"): "oracle.verify@example.com",
    ("create_personal_realname_auth", "body.identify_type"): 0,
    ("create_personal_realname_auth", "body.verified_file_url"): [
        "oracle/a.jpg",
        "oracle/b.jpg",
        "oracle/c.jpg",
    ],
    ("create_personal_realname_auth", "body.name"): "Oracle Person",
    ("create_personal_realname_auth", "body.verified_number"): "110101199001011234",
    ("create_personal_realname_auth", "body.customer_id"): lambda w: w.take("customer"),
    ("create_enterprise_realname_authentication", "body.identify_type"): 1,
    ("create_enterprise_realname_authentication", "body.verified_file_url"): [
        "oracle/license.jpg"
    ],
    ("create_enterprise_realname_authentication", "body.corp_name"): "Oracle Test Corp",
    (
        "create_enterprise_realname_authentication",
        "body.verified_number",
    ): "91110000000000000X",
    ("create_enterprise_realname_authentication", "body.customer_id"): lambda w: w.take(
        "customer"
    ),
    ("change_enterprise_realname_authentication", "body.identify_type"): 1,
    ("change_enterprise_realname_authentication", "body.change_type"): 1,
    ("change_enterprise_realname_authentication", "body.verified_file_url"): [
        "oracle/license.jpg"
    ],
    ("change_enterprise_realname_authentication", "body.corp_name"): "Oracle Test Corp",
    (
        "change_enterprise_realname_authentication",
        "body.verified_number",
    ): "91110000000000000X",
    ("change_enterprise_realname_authentication", "body.customer_id"): lambda w: w.take(
        "customer"
    ),
    # freeze / unfreeze use the last customer so the others stay usable
    ("freeze_sub_customers", "body.customer_ids"): lambda w: [
        w._values("customer")[-1]
    ],
    ("unfreeze_sub_customers", "body.customer_ids"): lambda w: [
        w._values("customer")[-1]
    ],
    ("freeze_sub_customers", "body.reason"): "oracle freeze test",
    ("unfreeze_sub_customers", "body.reason"): "oracle unfreeze test",
    ("list_sub_customer_new_tag", "body.customer_ids"): lambda w: [w.first("customer")],
    # funding
    ("list_customers_balances_detail", "body.customer_infos"): NESTED,
    ("reclaim_to_partner_account", "body.amount"): D("0.01"),
    # bills
    ("list_costs", "body.amount_type"): "PAYMENT_AMOUNT",
    ("list_costs", "body.cost_type"): "ORIGINAL_COST",
    ("list_costs", "body.time_condition.time_measure_id"): 1,
    ("list_costs", "body.time_condition.begin_time"): lambda w: (
        w.month_start.isoformat()
    ),
    ("list_costs", "body.time_condition.end_time"): lambda w: w.month_end.isoformat(),
    ("list_costs", "body.groupby.type"): "dimension",
    ("list_costs", "body.groupby.key"): "CLOUD_SERVICE_TYPE",
    ("list_subcustomer_monthly_bills", "query.charge_mode"): "1",
    ("list_free_resources_usage_records", "query.deduct_time_begin"): lambda w: (
        w.month_start.isoformat()
    ),
    ("list_free_resources_usage_records", "query.deduct_time_end"): lambda w: (
        w.month_end.isoformat()
    ),
    ("list_free_resource_usages", "body.free_resource_ids"): lambda w: [
        w.first("free_resource")
    ],
    ("list_resource_usage", "query.service_type_code"): "hws.service.type.cdn",
    ("list_resource_usage", "query.resource_type_code"): "hws.resource.type.cdn",
    ("list_resource_usage", "query.usage_type"): "95Peak",
    ("list_resource_usage", "query.resource_id"): lambda w: w.first("usage_resource"),
    ("list_resource_usage_summary", "query.service_type_code"): "hws.service.type.cdn",
    (
        "list_resource_usage_summary",
        "query.resource_type_code",
    ): "hws.resource.type.cdn",
    ("list_resource_usage_summary", "query.usage_type"): "95Peak",
    # account records
    (
        "list_customer_coupon_change_records",
        "query.balance_type",
    ): "BALANCE_TYPE_COUPON",
    ("list_stored_value_cards", "query.status"): 1,
    # incentives
    ("list_incentive_discount_policies", "query.time"): lambda w: w.bill_month,
    ("list_business_discount_info", "body.quoting_item_type"): "PRODUCT_ITEM",
    # invoices (intl: offset is a page number)
    ("list_invoices", "query.offset"): 1,
    ("list_invoices", "query.start_time"): "2025-01-01T00:00:00Z",
    ("list_invoices", "query.end_time"): "2025-12-31T23:59:59Z",
    # coupons / resellers
    ("create_partner_coupons", "body.quota_id"): lambda w: w.first("quota"),
    ("create_partner_coupons", "body.face_value"): D("1.00"),
    ("reclaim_partner_coupons", "body.coupon_id"): lambda w: w.take("issued_coupon"),
    ("update_coupon_quotas", "body.quota_id"): lambda w: w.first("quota"),
    ("update_coupon_quotas", "body.quota_amount"): D("1.00"),
    ("reclaim_coupon_quotas", "body.quota_ids"): lambda w: [w.take("issued_quota")],
    ("list_order_coupons_by_order_id", "query.order_id"): lambda w: w.first(
        "order_pending"
    ),
    ("reclaim_indirect_partner_account", "body.amount"): D("0.01"),
    # orders
    ("cancel_customer_order", "body.order_id"): lambda w: w.take("order_pending"),
    ("pay_orders", "body.order_id"): lambda w: w.take("order_pending"),
    ("pay_orders", "body.use_coupon"): "NO",
    ("pay_orders", "body.use_discount"): "NO",
    ("list_order_discounts", "query.order_id"): lambda w: w.first("order_pending"),
    ("show_refund_order_details", "query.order_id"): lambda w: w.first("order_refund"),
    ("show_refund_order_details", "query.customer_id"): lambda w: w.first(
        "order_refund_customer"
    ),
    # resources
    ("cancel_resources_subscription", "body.unsubscribe_type"): 1,
    ("cancel_resources_subscription", "body.resource_ids"): lambda w: [
        w.take("resource")
    ],
    ("update_period_to_on_demand", "body.operation"): "SET_UP",
    ("set_resources_renew_config", "body.config_name"): "DEDUCTION_DATE",
    ("set_resources_renew_config", "body.config_value"): "3",
    ("list_customer_on_demand_resources", "body.customer_id"): lambda w: w.first(
        "customer"
    ),
    ("list_pay_per_use_customer_resources", "body.customer_id"): lambda w: w.first(
        "customer"
    ),
    (
        "list_on_demand_resource_ratings",
        "body.project_id",
    ): "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    ("list_on_demand_resource_ratings", "body.product_infos.id"): "1",
    (
        "list_on_demand_resource_ratings",
        "body.product_infos.cloud_service_type",
    ): "hws.service.type.ebs",
    (
        "list_on_demand_resource_ratings",
        "body.product_infos.resource_type",
    ): "hws.resource.type.volume",
    ("list_on_demand_resource_ratings", "body.product_infos.resource_spec"): "SAS",
    ("list_on_demand_resource_ratings", "body.product_infos.region"): "cn-north-4",
    ("list_on_demand_resource_ratings", "body.product_infos.usage_factor"): "Duration",
    ("list_on_demand_resource_ratings", "body.product_infos.usage_value"): D("1"),
    ("list_on_demand_resource_ratings", "body.product_infos.usage_measure_id"): 4,
    ("list_on_demand_resource_ratings", "body.product_infos.subscription_num"): 1,
    ("list_on_demand_resource_ratings", "body.product_infos.resource_size"): 40,
    ("list_on_demand_resource_ratings", "body.product_infos.size_measure_id"): 17,
    # budgets (intl)
    ("update_sub_customer_budget", "body.budget_amount"): D("100.00"),
}


def issue_quota_to_reseller(sdk, world, service):
    """The sandbox starts with no quota issued to a reseller; issue one through the
    official SDK so that listing and reclaiming issued quotas have something to
    act on, and remember its id."""
    import huaweicloudsdkbss.v2 as bss

    sdk.call(
        service,
        "update_coupon_quotas",
        bss.UpdateCouponQuotasRequest(
            body=bss.AdjustCouponQuotasReq(
                quota_id=world.first("quota"),
                indirect_partner_ids=[world.first("indirect_partner")],
                quota_amount=D("2.00"),
            )
        ),
    )
    listed = sdk.call(
        service,
        "list_issued_coupon_quotas",
        bss.ListIssuedCouponQuotasRequest(limit=100),
    )
    fresh = [q.quota_id for q in listed.quotas or [] if q.quota_id]
    world.ids["issued_quota"] = fresh + [
        q for q in world.ids.get("issued_quota", []) if q not in fresh
    ]


def refresh_pending_orders(sdk, world, service):
    """Paying and cancelling change an order's status, so the orders they act on
    are read again: the world customer's orders still pending come first."""
    pkg = sdk_package(service)
    listed = sdk.call(
        service,
        "list_customer_orders",
        pkg.ListCustomerOrdersRequest(status=6, limit=100),
        credentials=world.customer_credentials,
    )
    live = [o.order_id for o in listed.order_infos or []]
    world.ids["order_pending"] = live + [
        o for o in world.ids.get("order_pending", []) if o not in live
    ]
    world._cursor["order_pending"] = 0


# State set up before an operation runs: operation → fn(sdk, world, service).
PREPARE = {
    "list_issued_coupon_quotas": issue_quota_to_reseller,
    "reclaim_coupon_quotas": issue_quota_to_reseller,
    "pay_orders": refresh_pending_orders,
    "cancel_customer_order": refresh_pending_orders,
}

# Response paths that must be populated, per operation (both services unless a
# (service, operation) key is given), replacing the rule in ``default_key_fields``.
# ``[]`` fans out over list elements.
KEY_FIELDS = {
    # ``id`` is the customer the coupon went to, ``coupon_id`` the coupon.
    "create_partner_coupons": (
        "coupon_infos[]",
        "coupon_infos[].id",
        "coupon_infos[].coupon_id",
    ),
}


def _is_id(name):
    return name == "id" or name.endswith(("_id", "_ids"))


def _is_money(field):
    return field.get("money_like") and field["type"] == "decimal"


def default_key_fields(op):
    """Rule: the pagination total; top-level ids and decimal amounts; the first
    list of models is non-empty and each element carries its first id field and
    its decimal amounts."""
    fields = op["response"]["fields"]
    paths = []
    total = (op.get("pagination") or {}).get("total_field")
    if total and any(f["name"] == total for f in fields):
        paths.append(total)
    for field in fields:
        if (
            _is_id(field["name"]) and field["type"] in ("string", "array<string>")
        ) or _is_money(field):
            paths.append(field["name"])
    lists = [
        f
        for f in fields
        if f["type"].startswith("array<")
        and f.get("fields")
        and not f["name"].startswith(("error", "fail"))
    ]
    if lists:
        primary = lists[0]
        paths.append(f"{primary['name']}[]")
        items = primary["fields"]
        ids = [f for f in items if _is_id(f["name"]) and f["type"] == "string"]
        if ids:
            paths.append(f"{primary['name']}[].{ids[0]['name']}")
        for item in items:
            if _is_money(item):
                paths.append(f"{primary['name']}[].{item['name']}")
    return tuple(paths)


def key_fields(op):
    for key in ((op["service"], op["operation"]), op["operation"]):
        if key in KEY_FIELDS:
            return KEY_FIELDS[key]
    return default_key_fields(op)


__all__ = ["OMIT", "World", "key_fields", "month_shift", "resolver", "unique_suffix"]

# Error code for a reclaim larger than the balance: the ReclaimToPartnerAccount and
# reseller-account pages document 400 CBC.99005003 (insufficient balance).
RECLAIM_OVER_BALANCE_CODE = "CBC.99005003"
