"""Error paths as the official SDK sees them: the sandbox's error bodies must map
onto the SDK's exceptions with status, error code and request id, and the
admin fault injection must look like the real gateway's failures."""

import huaweicloudsdkbss.v2 as bss
import pytest
import requests
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import (
    ClientRequestException,
    ServerResponseException,
)

import harness


def list_customers(sdk, credentials=None):
    return sdk.call(
        "bss",
        "list_sub_customers",
        bss.ListSubCustomersRequest(
            body=bss.QuerySubCustomerListReq(offset=0, limit=1)
        ),
        credentials=credentials,
    )


@pytest.fixture()
def faults(admin):
    yield admin.inject_fault
    admin.clear_faults()


def test_wrong_secret_key_is_rejected(sdk, sandbox):
    wrong = GlobalCredentials(sandbox.access_key, "not-the-secret", sandbox.domain_id)
    with pytest.raises(ClientRequestException) as err:
        list_customers(sdk, wrong)
    assert err.value.status_code == 401
    assert err.value.error_code == "APIG.0301"
    assert err.value.request_id


def test_unknown_access_key_is_rejected(sdk, sandbox):
    wrong = GlobalCredentials("HPUAUNKNOWNKEY000000", "whatever", sandbox.domain_id)
    with pytest.raises(ClientRequestException) as err:
        list_customers(sdk, wrong)
    assert err.value.status_code == 401
    assert err.value.error_code == "APIG.0301"


def test_bad_parameter_format_is_cbc_0100(sdk):
    request = bss.ListSubcustomerMonthlyBillsRequest(cycle="2025/11", charge_mode="1")
    with pytest.raises(ClientRequestException) as err:
        sdk.call("bss", "list_subcustomer_monthly_bills", request)
    assert err.value.status_code == 400
    assert err.value.error_code == "CBC.0100"
    assert err.value.error_msg


def test_missing_required_parameter_is_cbc_0100(sdk):
    request = bss.ListSubcustomerMonthlyBillsRequest(charge_mode="1")
    with pytest.raises(ClientRequestException) as err:
        sdk.call("bss", "list_subcustomer_monthly_bills", request)
    assert err.value.status_code == 400
    assert err.value.error_code == "CBC.0100"


def test_customer_operation_with_partner_credentials_is_refused(sdk):
    with pytest.raises(ClientRequestException) as err:
        sdk.call(
            "bss",
            "show_customer_monthly_sum",
            bss.ShowCustomerMonthlySumRequest(bill_cycle="2025-11"),
        )
    assert err.value.status_code == 403
    assert err.value.error_code == "CBC.0151"


def test_injected_server_error_reaches_the_sdk(sdk, faults):
    faults(operation="list_sub_customers", count=1, status=503, error_code="CBC.0999")
    with pytest.raises(ServerResponseException) as err:
        list_customers(sdk)
    assert err.value.status_code == 503
    assert err.value.error_code == "CBC.0999"
    assert list_customers(sdk).count >= 1


def test_injected_throttling_reaches_the_sdk(sdk, faults):
    faults(operation="list_sub_customers", count=1, status=429, error_code="APIG.0308")
    with pytest.raises(ClientRequestException) as err:
        list_customers(sdk)
    assert err.value.status_code == 429
    assert err.value.error_code == "APIG.0308"


def test_one_sdk_call_is_one_request(sdk, admin):
    def count():
        return admin.requests_count("list_sub_customers")

    before = count()
    list_customers(sdk)
    after = count()
    assert after == before + 1, (before, after)


def test_expired_token_is_refused(sdk, sandbox):
    token = sdk.call(
        "iam",
        "keystone_create_user_token_by_password",
        harness.password_token_request(),
    ).x_subject_token
    clock = f"{sandbox.base_url}/__sandbox/clock"
    requests.post(
        clock, json={"offset_seconds": 25 * 3600}, timeout=10
    ).raise_for_status()
    try:
        resp = requests.post(
            sandbox.base_url + "/v2/partners/sub-customers/query",
            headers={"X-Auth-Token": token, "Content-Type": "application/json"},
            json={"offset": 0, "limit": 1},
            timeout=10,
        )
    finally:
        requests.post(clock, json={"offset_seconds": 0}, timeout=10).raise_for_status()
    assert resp.status_code == 401, resp.text
    assert resp.json()["error_code"], resp.text


def test_partner_operation_with_customer_credentials_is_refused(sdk, worlds):
    with pytest.raises(ClientRequestException) as err:
        list_customers(sdk, worlds["bss"].customer_credentials)
    assert err.value.status_code == 403
    assert err.value.error_code == "CBC.0151"


def test_page_size_above_the_documented_maximum_is_rejected(sdk):
    request = bss.ListSubCustomersRequest(
        body=bss.QuerySubCustomerListReq(offset=0, limit=101)
    )
    with pytest.raises(ClientRequestException) as err:
        sdk.call("bss", "list_sub_customers", request)
    assert err.value.status_code == 400
    assert err.value.error_code in ("CBC.0100", "CBC.0101")
