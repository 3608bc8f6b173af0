"""Cross-operation consistency seen through the official SDK: a detail lookup
echoes the id it was asked for, and an order looks the same in the list and in
its detail."""

import pytest

import harness

PKGS = {s: harness.sdk_package(s) for s in ("bss", "bssintl")}
COMPARED = (
    "customer_id",
    "service_type_code",
    "status",
    "order_type",
    "official_amount",
    "amount_after_discount",
    "create_time",
    "currency",
)


def customer_orders(sdk, world, service):
    pkg = PKGS[service]
    return sdk.call(
        service,
        "list_customer_orders",
        pkg.ListCustomerOrdersRequest(limit=5),
        credentials=world.customer_credentials,
    ).order_infos


@pytest.mark.xfail(
    strict=True,
    reason="sandbox: show_customer_order_details answers a generated order whose "
    "order_id is not the requested one and whose fields differ from the listed order",
)
@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_order_detail_matches_the_list(sdk, worlds, service):
    world = worlds[service]
    pkg = PKGS[service]
    orders = customer_orders(sdk, world, service)
    assert orders
    for listed in orders[:3]:
        detail = sdk.call(
            service,
            "show_customer_order_details",
            pkg.ShowCustomerOrderDetailsRequest(order_id=listed.order_id),
            credentials=world.customer_credentials,
        )
        info = detail.order_info
        assert info.order_id == listed.order_id
        assert all(i.order_id == listed.order_id for i in detail.order_line_items or [])
        differing = {
            name: (getattr(listed, name), getattr(info, name))
            for name in COMPARED
            if getattr(listed, name) != getattr(info, name)
        }
        assert not differing, f"order {listed.order_id}: list vs detail {differing}"


@pytest.mark.xfail(
    strict=True,
    reason="sandbox: the generated order detail differs with the caller "
    "(customer_id, sub-order customer ids)",
)
@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_partner_and_customer_see_the_same_order(sdk, worlds, service):
    """``show_customer_order_details`` is open to both callers (catalogue
    ``caller``): the partner looking at a customer's order sees what the
    customer sees."""
    world = worlds[service]
    pkg = PKGS[service]
    order = customer_orders(sdk, world, service)[0]
    request = pkg.ShowCustomerOrderDetailsRequest(order_id=order.order_id)
    as_customer = sdk.call(
        service,
        "show_customer_order_details",
        request,
        credentials=world.customer_credentials,
    )
    as_partner = sdk.call(service, "show_customer_order_details", request)
    assert as_partner.order_info.to_dict() == as_customer.order_info.to_dict()


@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_on_demand_resources_belong_to_the_requested_customer(sdk, worlds, service):
    world = worlds[service]
    pkg = PKGS[service]
    customer_id = world.ids["customer"][2]
    op = harness.find_operation(service, "list_customer_on_demand_resources")
    credentials = (
        world.customer_credentials if harness.is_customer_operation(op) else None
    )
    if credentials is not None:
        customer_id = world.first("customer")
    res = sdk.call(
        service,
        "list_customer_on_demand_resources",
        pkg.ListCustomerOnDemandResourcesRequest(
            body=pkg.QueryCustomerOnDemandResourcesReq(
                customer_id=customer_id, limit=10
            )
        ),
        credentials=credentials,
    )
    assert res.resources
    assert {r.customer_id for r in res.resources} == {customer_id}


def test_sub_customer_bill_detail_belongs_to_the_requested_customer(sdk, worlds):
    world = worlds["bss"]
    customer_id = world.ids["customer"][2]
    res = sdk.call(
        "bss",
        "list_sub_customer_bill_detail",
        PKGS["bss"].ListSubCustomerBillDetailRequest(
            bill_cycle=world.bill_month, customer_id=customer_id, limit=10
        ),
    )
    assert res.fee_records
    assert {r.customer_id for r in res.fee_records} == {customer_id}


def code_name_pairs(node, pairs, code="service_type_code", name="service_type_name"):
    """(code, name) pairs from every model in a parsed answer."""
    if isinstance(node, list):
        for item in node:
            code_name_pairs(item, pairs, code, name)
        return
    if not hasattr(node, "attribute_map"):
        return
    values = {attr: getattr(node, attr, None) for attr in node.attribute_map}
    if values.get(code) and values.get(name):
        pairs.setdefault(values[code], set()).add(values[name])
    for value in values.values():
        if isinstance(value, list) or hasattr(value, "attribute_map"):
            code_name_pairs(value, pairs, code, name)


@pytest.mark.xfail(
    strict=True,
    reason="sandbox: generated answers pair service type codes with unrelated names "
    "(e.g. hws.service.type.ebs with 'Object Storage Service')",
)
def test_service_type_codes_have_one_name(sdk, worlds):
    from test_operations import call_operation

    pairs = {}
    for op in harness.emulated_bss_operations():
        # Read-only operations only: this test must not change state.
        if op["service"] != "bss" or not op["operation"].startswith(("list_", "show_")):
            continue
        response = call_operation(sdk, worlds["bss"], op)
        code_name_pairs(response, pairs)
    assert pairs
    conflicts = {code: sorted(names) for code, names in pairs.items() if len(names) > 1}
    assert not conflicts, conflicts
