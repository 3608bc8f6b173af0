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
