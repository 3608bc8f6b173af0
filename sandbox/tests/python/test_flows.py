"""Stateful partner flows through the official BSS SDK: funding and reclaiming a
customer's balance, customer creation, pagination."""

import decimal

import huaweicloudsdkbss.v2 as bss
import huaweicloudsdkbssintl.v2 as bssintl
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

import values

D = decimal.Decimal
PKGS = {"bss": bss, "bssintl": bssintl}


def customers(sdk, service, limit=100, offset=0, **filters):
    pkg = PKGS[service]
    return sdk.call(
        service,
        "list_sub_customers",
        pkg.ListSubCustomersRequest(
            body=pkg.QuerySubCustomerListReq(offset=offset, limit=limit, **filters)
        ),
    )


def customer_balance(sdk, customer_id):
    res = sdk.call(
        "bss",
        "list_customers_balances_detail",
        bss.ListCustomersBalancesDetailRequest(
            body=bss.QueryCustomersBalancesReq(
                customer_infos=[bss.CustomerInfoV2(customer_id=customer_id)]
            )
        ),
    )
    matches = [b for b in res.customer_balances or [] if b.customer_id == customer_id]
    assert len(matches) == 1, res
    assert isinstance(matches[0].amount, D)
    return matches[0].amount


def adjust_records(sdk, customer_id):
    return sdk.call(
        "bss",
        "list_partner_adjust_records",
        bss.ListPartnerAdjustRecordsRequest(
            customer_id=customer_id, offset=0, limit=100
        ),
    )


def partner_cash(sdk):
    res = sdk.call("bss", "list_partner_balances", bss.ListPartnerBalancesRequest())
    cash = [b for b in res.account_balances or [] if b.account_type == 1]
    assert len(cash) == 1, res
    return D(str(cash[0].amount))


@pytest.fixture()
def funded_customer(worlds):
    # The second customer, so flows do not disturb the catalogue walk's first one.
    ids = worlds["bss"].ids.get("customer") or []
    assert len(ids) >= 2, "sandbox should seed several customers"
    return ids[1]


def fund(sdk, customer_id, amount):
    return sdk.call(
        "bss",
        "update_customer_account_amount",
        bss.UpdateCustomerAccountAmountRequest(
            body=bss.AdjustAccountReq(customer_id=customer_id, amount=amount)
        ),
    )


def reclaim(sdk, customer_id, amount):
    return sdk.call(
        "bss",
        "reclaim_to_partner_account",
        bss.ReclaimToPartnerAccountRequest(
            body=bss.ReclaimToPartnerAccountBalancesReq(
                customer_id=customer_id, amount=amount
            )
        ),
    )


def test_fund_customer_changes_balance_and_records_adjustment(sdk, funded_customer):
    before = customer_balance(sdk, funded_customer)
    records_before = adjust_records(sdk, funded_customer).total_count
    amount = D("12.34")

    result = fund(sdk, funded_customer, amount)

    assert result.transfer_id
    after = customer_balance(sdk, funded_customer)
    assert after == before + amount
    records = adjust_records(sdk, funded_customer)
    assert records.total_count == records_before + 1
    matching = [
        r
        for r in records.records
        if r.operation_type == "SOURCE_OPERATION_BEADJUST" and D(r.amount) == amount
    ]
    assert matching, records
    assert all(r.customer_id == funded_customer for r in records.records)


def test_funding_comes_out_of_the_partner_account(sdk, funded_customer):
    before = partner_cash(sdk)
    fund(sdk, funded_customer, D("5.00"))
    assert partner_cash(sdk) == before - D("5.00")


def test_reclaim_more_than_balance_fails(sdk, funded_customer):
    balance = customer_balance(sdk, funded_customer)
    with pytest.raises(ClientRequestException) as err:
        reclaim(sdk, funded_customer, balance + D("1000.00"))
    assert err.value.status_code == 400
    assert err.value.error_code == values.RECLAIM_OVER_BALANCE_CODE, str(err.value)
    assert err.value.error_msg
    assert err.value.request_id
    assert customer_balance(sdk, funded_customer) == balance


def test_reclaim_within_balance(sdk, funded_customer):
    fund(sdk, funded_customer, D("3.00"))
    before = customer_balance(sdk, funded_customer)
    result = reclaim(sdk, funded_customer, D("2.50"))
    assert result.trans_id
    assert customer_balance(sdk, funded_customer) == before - D("2.50")
    records = adjust_records(sdk, funded_customer).records
    assert any(
        r.operation_type == "SOURCE_OPERATION_BERETRIEVE" and D(r.amount) == D("2.50")
        for r in records
    ), records


def test_fund_unknown_customer_fails(sdk):
    with pytest.raises(ClientRequestException) as err:
        fund(sdk, "ffffffffffffffffffffffffffffffff", D("1.00"))
    assert 400 <= err.value.status_code < 500
    assert err.value.error_code.startswith("CBC.")


@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_created_customer_is_listed(sdk, service):
    pkg = PKGS[service]
    suffix = values.unique_suffix()
    fields = {
        "domain_name": f"oracle_new_{suffix}",
        "xaccount_id": f"oracle-new-{suffix}",
        "xaccount_type": "sandbox_IDP",
    }
    if service == "bssintl":
        fields["domain_area"] = "MX"
    count_before = customers(sdk, service, limit=1).count

    created = sdk.call(
        service,
        "create_sub_customer",
        pkg.CreateSubCustomerRequest(body=pkg.CreateCustomerV2Req(**fields)),
    )

    assert created.domain_id
    assert created.domain_name == fields["domain_name"]
    found = customers(sdk, service, customer_id=created.domain_id)
    assert found.count == 1
    info = found.customer_infos[0]
    assert info.customer_id == created.domain_id
    assert info.account_name == fields["domain_name"]
    assert info.xaccount_id == fields["xaccount_id"]
    assert info.xaccount_type == "sandbox_IDP"
    assert customers(sdk, service, limit=1).count == count_before + 1


@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_customer_pages_are_disjoint_and_complete(sdk, service):
    total = customers(sdk, service, limit=1).count
    assert total >= 3
    seen = []
    offset = 0
    while offset < total:
        page = customers(sdk, service, limit=2, offset=offset)
        assert page.count == total
        assert 1 <= len(page.customer_infos) <= 2
        seen.extend(c.customer_id for c in page.customer_infos)
        offset += 2
    assert len(seen) == total
    assert len(set(seen)) == total


@pytest.mark.parametrize("amount", ["1.001", "0", "-5.00"])
def test_invalid_funding_amount_is_rejected(sdk, funded_customer, amount):
    before = customer_balance(sdk, funded_customer)
    with pytest.raises(ClientRequestException) as err:
        fund(sdk, funded_customer, D(amount))
    assert err.value.status_code == 400
    assert err.value.error_code in ("CBC.0100", "CBC.0101"), str(err.value)
    assert customer_balance(sdk, funded_customer) == before


def test_customer_sees_the_balance_the_partner_funded(sdk, worlds):
    world = worlds["bss"]
    customer_id = world.first("customer")
    fund(sdk, customer_id, D("4.56"))
    partner_view = customer_balance(sdk, customer_id)
    own = sdk.call(
        "bss",
        "show_customer_account_balances",
        bss.ShowCustomerAccountBalancesRequest(),
        credentials=world.customer_credentials,
    )
    cash = [b for b in own.account_balances if b.account_type == 1]
    assert len(cash) == 1, own
    assert cash[0].amount == partner_view


def quota(sdk, quota_id):
    res = sdk.call(
        "bss",
        "list_quota_coupons",
        bss.ListQuotaCouponsRequest(
            body=bss.QueryCouponQuotasReqExt(offset=0, limit=100)
        ),
    )
    found = [q for q in res.quotas if q.quota_id == quota_id]
    assert len(found) == 1, res
    return found[0]


def issued_coupon(sdk, coupon_id):
    res = sdk.call(
        "bss",
        "list_issued_partner_coupons",
        bss.ListIssuedPartnerCouponsRequest(coupon_id=coupon_id, limit=10),
    )
    assert res.total_count == 1, res
    return res.user_coupons[0]


def test_coupon_issue_and_reclaim(sdk, worlds, funded_customer):
    quota_id = worlds["bss"].first("quota")
    balance_before = quota(sdk, quota_id).balance
    face = D("10.00")

    created = sdk.call(
        "bss",
        "create_partner_coupons",
        bss.CreatePartnerCouponsRequest(
            body=bss.CreatePartnerCouponsReq(
                quota_id=quota_id, customer_ids=[funded_customer], face_value=face
            )
        ),
    )

    assert not created.error_details, created
    assert len(created.coupon_infos) == 1
    # CouponSimpleInfo: ``id`` is the customer, ``coupon_id`` the coupon.
    assert created.coupon_infos[0].id == funded_customer
    coupon_id = created.coupon_infos[0].coupon_id
    coupon = issued_coupon(sdk, coupon_id)
    assert coupon.customer_id == funded_customer
    assert coupon.face_value == face
    assert coupon.status == 2
    assert quota(sdk, quota_id).balance == balance_before - face

    sdk.call(
        "bss",
        "reclaim_partner_coupons",
        bss.ReclaimPartnerCouponsRequest(
            body=bss.ReclaimPartnerCouponsReq(coupon_id=coupon_id)
        ),
    )

    assert issued_coupon(sdk, coupon_id).status == 5
    assert quota(sdk, quota_id).balance == balance_before


def reseller_cash(sdk, reseller_id):
    res = sdk.call(
        "bss",
        "list_partner_balances",
        bss.ListPartnerBalancesRequest(indirect_partner_id=reseller_id),
    )
    cash = [b for b in res.account_balances if b.account_type == 1]
    assert len(cash) == 1, res
    return D(str(cash[0].amount))


def test_reseller_funding_and_reclaim(sdk, worlds):
    reseller = worlds["bss"].first("indirect_partner")
    before = reseller_cash(sdk, reseller)

    funded = sdk.call(
        "bss",
        "update_indirect_partner_account",
        bss.UpdateIndirectPartnerAccountRequest(
            body=bss.AdjustToIndirectPartnerReq(
                indirect_partner_id=reseller, amount=D("7.00")
            )
        ),
    )
    assert funded.transfer_id
    assert reseller_cash(sdk, reseller) == before + D("7.00")

    reclaimed = sdk.call(
        "bss",
        "reclaim_indirect_partner_account",
        bss.ReclaimIndirectPartnerAccountRequest(
            body=bss.ReclaimIndirectPartnerAccountReq(
                indirect_partner_id=reseller, amount=D("3.00")
            )
        ),
    )
    assert reclaimed.trans_id
    assert reseller_cash(sdk, reseller) == before + D("4.00")

    with pytest.raises(ClientRequestException) as err:
        sdk.call(
            "bss",
            "reclaim_indirect_partner_account",
            bss.ReclaimIndirectPartnerAccountRequest(
                body=bss.ReclaimIndirectPartnerAccountReq(
                    indirect_partner_id=reseller, amount=before + D("1000.00")
                )
            ),
        )
    assert err.value.status_code == 400
    assert err.value.error_code == values.RECLAIM_OVER_BALANCE_CODE, str(err.value)
    assert reseller_cash(sdk, reseller) == before + D("4.00")


def test_freeze_and_unfreeze_customer(sdk):
    pkg = bssintl
    suffix = values.unique_suffix()
    created = sdk.call(
        "bssintl",
        "create_sub_customer",
        pkg.CreateSubCustomerRequest(
            body=pkg.CreateCustomerV2Req(
                domain_name=f"oracle_frz_{suffix}",
                domain_area="MX",
                xaccount_id=f"oracle-frz-{suffix}",
                xaccount_type="sandbox_IDP",
            )
        ),
    )
    cid = created.domain_id

    def frozen():
        return customers(sdk, "bssintl", customer_id=cid).customer_infos[0].is_frozen

    assert frozen() == 0
    sdk.call(
        "bssintl",
        "freeze_sub_customers",
        pkg.FreezeSubCustomersRequest(
            body=pkg.FreezeSubCustomersReq(customer_ids=[cid], reason="oracle")
        ),
    )
    assert frozen() == 1
    sdk.call(
        "bssintl",
        "unfreeze_sub_customers",
        pkg.UnfreezeSubCustomersRequest(
            body=pkg.UnfreezeSubCustomersReq(customer_ids=[cid], reason="oracle")
        ),
    )
    assert frozen() == 0


def order_status(sdk, service, credentials, order_id):
    pkg = PKGS[service]
    res = sdk.call(
        service,
        "list_customer_orders",
        pkg.ListCustomerOrdersRequest(order_id=order_id, limit=1),
        credentials=credentials,
    )
    assert res.total_count == 1, res
    return res.order_infos[0].status


def order_detail(sdk, service, credentials, order_id):
    pkg = PKGS[service]
    return sdk.call(
        service,
        "show_customer_order_details",
        pkg.ShowCustomerOrderDetailsRequest(order_id=order_id),
        credentials=credentials,
    ).order_info


def pending_orders(sdk, worlds, service, wanted):
    """(customer credentials, order id) for ``wanted`` pending orders (status 6),
    taken from as many customers as needed. The customers the catalogue walk acts
    as are left alone: it pays and cancels their pending orders."""
    pkg = PKGS[service]
    walking = {w.ids["customer"][0] for w in worlds.values() if w.ids.get("customer")}
    found = []
    for customer_id in worlds[service].ids["customer"]:
        if customer_id in walking:
            continue
        credentials = sdk.customer_credentials(customer_id)
        res = sdk.call(
            service,
            "list_customer_orders",
            pkg.ListCustomerOrdersRequest(status=6, limit=100),
            credentials=credentials,
        )
        assert all(o.status == 6 for o in res.order_infos)
        found += [(credentials, o.order_id) for o in res.order_infos]
        if len(found) >= wanted:
            return found[:wanted]
    pytest.fail(f"fewer than {wanted} pending orders among the customers")


def expect_refusal(call, code):
    with pytest.raises(ClientRequestException) as err:
        call()
    assert err.value.status_code == 400, str(err.value)
    assert err.value.error_code == code, str(err.value)
    assert err.value.request_id


OTHER_SITE = {"bss": "bssintl", "bssintl": "bss"}


@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_paying_a_pending_order_completes_it(sdk, worlds, service):
    """Paying sets status 5 (completed) and a payment time, on both sites; paying
    again is refused with CBC.99003106 (the order status has changed)."""
    pkg = PKGS[service]
    ((credentials, order_id),) = pending_orders(sdk, worlds, service, 1)
    pay = pkg.PayOrdersRequest(
        body=pkg.PayCustomerOrderV3Req(
            order_id=order_id, use_coupon="NO", use_discount="NO"
        )
    )
    sdk.call(service, "pay_orders", pay, credentials=credentials)
    assert order_status(sdk, service, credentials, order_id) == 5
    detail = order_detail(sdk, service, credentials, order_id)
    assert detail.status == 5
    assert detail.payment_time
    other = OTHER_SITE[service]
    assert order_status(sdk, other, credentials, order_id) == 5
    expect_refusal(
        lambda: sdk.call(service, "pay_orders", pay, credentials=credentials),
        "CBC.99003106",
    )
    cancel = pkg.CancelCustomerOrderRequest(
        body=pkg.CancelCustomerOrderReq(order_id=order_id)
    )
    expect_refusal(
        lambda: sdk.call(
            service, "cancel_customer_order", cancel, credentials=credentials
        ),
        "CBC.99005010",
    )
    assert order_status(sdk, service, credentials, order_id) == 5


@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_cancelling_a_pending_order(sdk, worlds, service):
    """Cancelling sets status 4; cancelling again is refused with the documented
    CBC.99005010 (the order status does not allow cancelling), paying with
    CBC.99003106."""
    pkg = PKGS[service]
    ((credentials, order_id),) = pending_orders(sdk, worlds, service, 1)
    cancel = pkg.CancelCustomerOrderRequest(
        body=pkg.CancelCustomerOrderReq(order_id=order_id)
    )
    sdk.call(service, "cancel_customer_order", cancel, credentials=credentials)
    assert order_status(sdk, service, credentials, order_id) == 4
    assert order_detail(sdk, service, credentials, order_id).status == 4
    assert order_status(sdk, OTHER_SITE[service], credentials, order_id) == 4
    pending = sdk.call(
        service,
        "list_customer_orders",
        pkg.ListCustomerOrdersRequest(status=6, limit=100),
        credentials=credentials,
    )
    assert order_id not in [o.order_id for o in pending.order_infos]
    expect_refusal(
        lambda: sdk.call(
            service, "cancel_customer_order", cancel, credentials=credentials
        ),
        "CBC.99005010",
    )
    pay = pkg.PayOrdersRequest(
        body=pkg.PayCustomerOrderV3Req(
            order_id=order_id, use_coupon="NO", use_discount="NO"
        )
    )
    expect_refusal(
        lambda: sdk.call(service, "pay_orders", pay, credentials=credentials),
        "CBC.99003106",
    )


def test_orders_of_other_customers_cannot_be_paid(sdk, worlds):
    """An order id the caller does not own is an invalid order (CBC.30000010)."""
    ((_, order_id),) = pending_orders(sdk, worlds, "bss", 1)
    world = worlds["bss"]
    pay = bss.PayOrdersRequest(
        body=bss.PayCustomerOrderV3Req(
            order_id=order_id, use_coupon="NO", use_discount="NO"
        )
    )
    expect_refusal(
        lambda: sdk.call(
            "bss", "pay_orders", pay, credentials=world.customer_credentials
        ),
        "CBC.30000010",
    )
    unknown = bss.PayOrdersRequest(
        body=bss.PayCustomerOrderV3Req(
            order_id="CS0000000000999999", use_coupon="NO", use_discount="NO"
        )
    )
    expect_refusal(
        lambda: sdk.call(
            "bss", "pay_orders", unknown, credentials=world.customer_credentials
        ),
        "CBC.30000010",
    )


def budget(sdk, customer_id):
    return sdk.call(
        "bssintl",
        "show_sub_customer_budget",
        bssintl.ShowSubCustomerBudgetRequest(customer_id=customer_id),
    )


def set_budget(sdk, customer_id, amount, **extra):
    return sdk.call(
        "bssintl",
        "update_sub_customer_budget",
        bssintl.UpdateSubCustomerBudgetRequest(
            body=bssintl.ModSubCustomerBudgetReq(
                customer_id=customer_id, budget_amount=amount, **extra
            )
        ),
    )


def test_budget_set_is_the_budget_shown(sdk, worlds):
    pkg = bssintl
    customer_id = worlds["bssintl"].ids["customer"][1]
    used = budget(sdk, customer_id).used_amount
    amount = D("321.00")
    set_budget(sdk, customer_id, amount, budget_type="PACKAGE")
    shown = budget(sdk, customer_id)
    assert shown.budget_amount == amount
    assert shown.budget_type == "PACKAGE"
    assert shown.used_amount == used
    assert shown.currency == "USD"
    listed = sdk.call(
        "bssintl",
        "list_sub_customer_budget",
        pkg.ListSubCustomerBudgetRequest(
            body=pkg.ListSubCustomerBudgetReq(customer_ids=[customer_id])
        ),
    )
    assert [b.budget_amount for b in listed.budget_infos] == [amount]
    assert [b.customer_id for b in listed.budget_infos] == [customer_id]
    # Without a budget type the API sets a monthly budget.
    set_budget(sdk, customer_id, D("322.50"))
    shown = budget(sdk, customer_id)
    assert (shown.budget_amount, shown.budget_type) == (D("322.50"), "MONTHLY")


@pytest.mark.parametrize("amount", ["0", "-1.00", "1.001", "2147483648"])
def test_invalid_budget_is_refused(sdk, worlds, amount):
    customer_id = worlds["bssintl"].ids["customer"][1]
    before = budget(sdk, customer_id).budget_amount
    with pytest.raises(ClientRequestException) as err:
        set_budget(sdk, customer_id, D(amount))
    assert err.value.status_code == 400
    assert err.value.error_code in ("CBC.0100", "CBC.0101"), str(err.value)
    assert budget(sdk, customer_id).budget_amount == before


def test_budget_of_an_unknown_customer_is_refused(sdk):
    unknown = "ffffffffffffffffffffffffffffffff"
    expect_refusal(lambda: set_budget(sdk, unknown, D("10.00")), "CBC.99000035")
    expect_refusal(lambda: budget(sdk, unknown), "CBC.99000035")


def customer_resources(sdk, world, service, **filters):
    pkg = PKGS[service]
    return sdk.call(
        service,
        "list_pay_per_use_customer_resources",
        pkg.ListPayPerUseCustomerResourcesRequest(
            body=pkg.QueryResourcesReq(limit=100, **filters)
        ),
        credentials=world.customer_credentials,
    )


def resource_expire_policy(sdk, world, service, resource_id):
    res = customer_resources(sdk, world, service, resource_ids=[resource_id])
    assert [r.resource_id for r in res.data or []] == [resource_id], res
    assert res.total_count == 1
    return res.data[0].expire_policy


def auto_renew(sdk, world, service, resource_id, on):
    pkg = PKGS[service]
    if on:
        operation = "auto_renewal_resources"
        request = pkg.AutoRenewalResourcesRequest(resource_id=resource_id)
    else:
        operation = "cancel_auto_renewal_resources"
        request = pkg.CancelAutoRenewalResourcesRequest(resource_id=resource_id)
    return sdk.call(service, operation, request, credentials=world.customer_credentials)


@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_auto_renewal_shows_on_the_resource(sdk, worlds, service):
    """Expire policy 3 is "renew automatically" in the SDK's OrderInstanceV2; the
    change is seen on both sites."""
    world = worlds[service]
    resource_id = world.ids["resource"][-1]
    auto_renew(sdk, world, service, resource_id, True)
    assert resource_expire_policy(sdk, world, service, resource_id) == 3
    other = OTHER_SITE[service]
    assert resource_expire_policy(sdk, world, other, resource_id) == 3
    auto_renew(sdk, world, service, resource_id, False)
    assert resource_expire_policy(sdk, world, service, resource_id) != 3
    assert resource_expire_policy(sdk, world, other, resource_id) != 3


def test_auto_renewal_covers_attached_resources(sdk, worlds):
    """Setting auto-renewal on a main resource sets it on the resources attached
    to it (an ECS server and its disk renew together)."""
    world = worlds["bss"]
    listed = customer_resources(sdk, world, "bss").data
    attached = [r for r in listed if r.is_main_resource == 0]
    assert attached, listed
    disk = attached[0]
    assert disk.parent_resource_id in [r.resource_id for r in listed]
    auto_renew(sdk, world, "bss", disk.parent_resource_id, True)
    assert resource_expire_policy(sdk, world, "bss", disk.resource_id) == 3
    auto_renew(sdk, world, "bss", disk.resource_id, False)
    assert resource_expire_policy(sdk, world, "bss", disk.parent_resource_id) != 3


def test_resource_filters_are_honoured(sdk, worlds):
    world = worlds["bss"]
    everything = customer_resources(sdk, world, "bss")
    assert everything.total_count == len(everything.data) >= 4
    ids = [r.resource_id for r in everything.data]
    picked = customer_resources(sdk, world, "bss", resource_ids=[ids[2], ids[0]])
    assert sorted(r.resource_id for r in picked.data) == sorted([ids[0], ids[2]])
    main = customer_resources(sdk, world, "bss", only_main_resource=1)
    assert main.data and all(r.is_main_resource == 1 for r in main.data)
    assert main.total_count < everything.total_count
    status = everything.data[0].status
    by_status = customer_resources(sdk, world, "bss", status_list=[status])
    assert by_status.data and all(r.status == status for r in by_status.data)
    unknown = customer_resources(
        sdk, world, "bss", resource_ids=["00000000-0000-0000-0000-000000000000"]
    )
    assert (unknown.total_count, unknown.data) == (0, [])


@pytest.mark.parametrize("service", ["bss", "bssintl"])
def test_auto_renewal_of_an_unknown_resource_is_refused(sdk, worlds, service):
    """Unknown ids and other customers' resources are refused with CBC.99003016
    (documented for renewals as "expired and deleted, or does not exist")."""
    world = worlds[service]
    for resource_id in (
        "00000000-0000-0000-0000-000000000000",
        worlds[service].ids["resource"][0][:-1] + "x",
    ):
        expect_refusal(
            lambda rid=resource_id: auto_renew(sdk, world, service, rid, True),
            "CBC.99003016",
        )
    other_customer = [
        r.resource_id
        for r in sdk.call(
            service,
            "list_pay_per_use_customer_resources",
            PKGS[service].ListPayPerUseCustomerResourcesRequest(
                body=PKGS[service].QueryResourcesReq(
                    customer_id=world.ids["customer"][1], limit=1
                )
            ),
        ).data
    ]
    assert other_customer
    expect_refusal(
        lambda: auto_renew(sdk, world, service, other_customer[0], False),
        "CBC.99003016",
    )
