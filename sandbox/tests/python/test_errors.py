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
    """With an explicit domain id the official client sends exactly the BSS
    request: no IAM domain discovery, no retry."""
    before = admin.requests_count("list_sub_customers")
    discovery = admin.requests_count("keystone_list_auth_domains")
    list_customers(sdk)
    assert admin.requests_count("list_sub_customers") == before + 1
    assert admin.requests_count("keystone_list_auth_domains") == discovery


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


def replay_last_request(sdk):
    """Send the official client's last signed request again over a raw socket and
    return every byte of the answer (the connection is closed by the server)."""
    import socket
    import urllib.parse

    last = sdk.recorder.last
    url = urllib.parse.urlsplit(last.url)
    body = last.body.encode() if isinstance(last.body, str) else (last.body or b"")
    target = url.path + (f"?{url.query}" if url.query else "")
    lines = [f"{last.method} {target} HTTP/1.1"]
    lines += [f"{k}: {v}" for k, v in last.header_params.items()]
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    with socket.create_connection((url.hostname, url.port), timeout=30) as conn:
        conn.sendall("\r\n".join(lines).encode() + body)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    return data


def test_dropped_connection_reaches_the_sdk(sdk, faults):
    from huaweicloudsdkcore.exceptions.exceptions import ConnectionException

    faults(operation="list_sub_customers", count=1, drop=True)
    with pytest.raises(ConnectionException):
        list_customers(sdk)


@pytest.mark.xfail(
    strict=True,
    reason="sandbox: a truncate fault closes the connection before the status line "
    "and half body are flushed, so it looks exactly like a drop",
)
def test_truncated_answer_has_headers_and_half_a_body(sdk, faults):
    list_customers(sdk)
    faults(operation="list_sub_customers", count=1, truncate=True)
    data = replay_last_request(sdk)
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), data[:200]
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    assert 0 < len(body) < length
