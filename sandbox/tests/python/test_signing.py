"""Signature canonicalisation edge cases as the official SDK produces them: the
sandbox must rebuild the same canonical request (percent-encoded path segments,
sorted and repeated query parameters, non-ASCII text, empty bodies) or it
would reject requests the real gateway accepts."""

import huaweicloudsdkbss.v2 as bss
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException


def call(sdk, operation, request, credentials=None):
    try:
        return sdk.call("bss", operation, request, credentials=credentials)
    except ServiceResponseException as exc:
        if exc.error_code == "APIG.0301" or exc.status_code == 401:
            pytest.fail(
                f"signature rejected: {exc.error_code} {exc.error_msg}\n"
                f"{sdk.recorder.describe()}",
                pytrace=False,
            )
        return exc


@pytest.mark.parametrize(
    "value",
    ["云盘 数据 1", "a+b=c&d", "100%~_.-", "quote'\"<>", "slash/and\\back"],
    ids=["cjk-space", "plus-equals-amp", "percent-unreserved", "quotes", "slashes"],
)
def test_query_values_needing_encoding(sdk, worlds, value):
    world = worlds["bss"]
    request = bss.ListCustomerBillsMonthlyBreakDownRequest(
        shared_month=world.bill_month, resource_name=value, limit=5
    )
    result = call(
        sdk,
        "list_customer_bills_monthly_break_down",
        request,
        world.customer_credentials,
    )
    assert not isinstance(result, ServiceResponseException), result


@pytest.mark.parametrize(
    "order_id",
    ["CS2024 01", "订单-0001", "A+B", "a%2Fb"],
    ids=["space", "cjk", "plus", "encoded-slash"],
)
def test_path_parameters_needing_encoding(sdk, worlds, order_id):
    result = call(
        sdk,
        "show_customer_order_details",
        bss.ShowCustomerOrderDetailsRequest(order_id=order_id),
    )
    # The order may not exist; any answer but an authentication failure will do.
    if isinstance(result, ServiceResponseException):
        assert result.status_code in (400, 404), result


def test_repeated_query_parameters(sdk):
    request = bss.ListPartnerCouponsRecordRequest(
        operation_types=["3", "1", "2"], coupon_ids=["b-coupon", "a-coupon"], limit=5
    )
    result = call(sdk, "list_partner_coupons_record", request)
    assert not isinstance(result, ServiceResponseException), result


def test_non_ascii_json_body(sdk):
    request = bss.ListSubCustomersRequest(
        body=bss.QuerySubCustomerListReq(customer="杭州云帆科技", offset=0, limit=5)
    )
    result = call(sdk, "list_sub_customers", request)
    assert not isinstance(result, ServiceResponseException), result


def test_body_less_delete(sdk, worlds):
    world = worlds["bss"]
    result = call(
        sdk,
        "cancel_auto_renewal_resources",
        bss.CancelAutoRenewalResourcesRequest(resource_id=world.first("resource")),
        world.customer_credentials,
    )
    assert not isinstance(result, ServiceResponseException), result
