"""Session fixtures: one sandbox process, official SDK clients pointed at it, and a
``World`` of ids read back from the sandbox through the official SDK."""

import json

import pytest
import requests
from huaweicloudsdkcore.http.http_handler import HttpHandler

import harness
import values


class RequestRecorder:
    """Keeps the last request an official client sent, for failure messages."""

    def __init__(self):
        self.last = None

    def __call__(self, **kwargs):
        self.last = kwargs.get("request")

    def describe(self):
        req = self.last
        if req is None:
            return "(no request sent)"
        headers = {
            k: ("<redacted>" if k.lower() in ("authorization", "x-auth-token", "x-security-token") else v)
            for k, v in req.header_params.items()
        }
        body = req.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        return f"{req.method} {req.url}\nheaders: {json.dumps(headers, sort_keys=True)}\nbody: {body}"


class Sdk:
    """Official SDK clients for one sandbox, with a shared request recorder."""

    def __init__(self, info):
        self.info = info
        self.recorder = RequestRecorder()
        self._clients = {}

    def client(self, service, credentials=None):
        """A client with the partner's AK/SK (cached) or with ``credentials``."""
        if credentials is None and service in self._clients:
            return self._clients[service]
        client = harness.build_client(
            service,
            self.info.base_url,
            credentials or harness.partner_credentials(self.info),
            HttpHandler().add_request_handler(self.recorder),
        )
        if credentials is None:
            self._clients[service] = client
        return client

    def call(self, service, operation, request, credentials=None):
        return getattr(self.client(service, credentials), operation)(request)


class Admin:
    """The sandbox's unauthenticated loopback admin endpoints."""

    def __init__(self, base_url):
        self.base = base_url + "/__sandbox"

    def requests_count(self, operation):
        resp = requests.get(f"{self.base}/requests", params={"operation": operation}, timeout=10)
        resp.raise_for_status()
        return resp.json()

    def clear_faults(self):
        requests.delete(f"{self.base}/faults", timeout=10).raise_for_status()


@pytest.fixture(scope="session")
def catalogue():
    return harness.load_catalogue()


@pytest.fixture(scope="session")
def sandbox():
    proc = harness.SandboxProcess(harness.sandbox_binary(), extra_args=["--rate-limit", "off"])
    info = proc.start()
    yield info
    proc.stop()


@pytest.fixture(scope="session")
def sdk(sandbox):
    return Sdk(sandbox)


@pytest.fixture(scope="session")
def admin(sandbox):
    return Admin(sandbox.base_url)


def _collect(sdk, service, catalogue):
    """Ids the sandbox knows, read through the official SDK's list calls."""
    pkg = harness.sdk_package(service)
    ids = {}
    errors = {}

    def grab(kind, operation, request, path):
        try:
            response = sdk.call(service, operation, request)
        except Exception as exc:  # noqa: BLE001 - remembered and reported on use
            errors[kind] = f"{operation}: {exc}"
            return []
        found = [v for v in harness.get_path(response, path) if v]
        ids.setdefault(kind, [])
        ids[kind].extend(v for v in found if v not in ids[kind])
        return found

    grab(
        "customer",
        "list_sub_customers",
        pkg.ListSubCustomersRequest(body=pkg.QuerySubCustomerListReq(offset=0, limit=100)),
        "customer_infos[].customer_id",
    )
    grab(
        "indirect_partner",
        "list_indirect_partners",
        pkg.ListIndirectPartnersRequest(body=pkg.QueryIndirectPartnersReq(offset=0, limit=100)),
        "indirect_partners[].indirect_partner_id",
    )
    grab("order", "list_customer_orders", pkg.ListCustomerOrdersRequest(limit=100), "order_infos[].order_id")
    grab(
        "order_pending",
        "list_customer_orders",
        pkg.ListCustomerOrdersRequest(limit=100, status=6),
        "order_infos[].order_id",
    )
    try:
        orders = sdk.call(service, "list_customer_orders", pkg.ListCustomerOrdersRequest(limit=100))
        ids["order_refund"] = [o.order_id for o in orders.order_infos or [] if o.order_type == 4]
    except Exception as exc:  # noqa: BLE001
        errors["order_refund"] = str(exc)
    for customer in ids.get("customer", [])[:5]:
        try:
            res = sdk.call(
                service,
                "list_pay_per_use_customer_resources",
                pkg.ListPayPerUseCustomerResourcesRequest(
                    body=pkg.QueryResourcesReq(customer_id=customer, offset=0, limit=100)
                ),
            )
        except Exception as exc:  # noqa: BLE001
            errors["resource"] = str(exc)
            break
        for item in res.data or []:
            if item.is_main_resource in (1, None) and item.resource_id:
                ids.setdefault("resource", []).append(item.resource_id)
    grab(
        "free_resource",
        "list_free_resource_infos",
        pkg.ListFreeResourceInfosRequest(body=pkg.ListFreeResourceInfosReq(offset=0, limit=100)),
        "free_resource_packages[].free_resources[].free_resource_id",
    )
    if service == "bss":
        grab(
            "usage_resource",
            "list_resource_usage_summary",
            pkg.ListResourceUsageSummaryRequest(
                bill_cycle=values.World({}).bill_month,
                service_type_code="hws.service.type.cdn",
                resource_type_code="hws.resource.type.cdn",
                usage_type="95Peak",
            ),
            "summary_usage_info_list[].resource_id",
        )
        grab(
            "quota",
            "list_quota_coupons",
            pkg.ListQuotaCouponsRequest(body=pkg.QueryCouponQuotasReqExt(offset=0, limit=100)),
            "quotas[].quota_id",
        )
        grab(
            "issued_quota",
            "list_issued_coupon_quotas",
            pkg.ListIssuedCouponQuotasRequest(limit=100),
            "quotas[].quota_id",
        )
        grab(
            "issued_coupon",
            "list_issued_partner_coupons",
            pkg.ListIssuedPartnerCouponsRequest(limit=100, status=2),
            "user_coupons[].coupon_id",
        )
    return values.World(ids, errors=errors)


@pytest.fixture(scope="session")
def worlds(sdk, catalogue):
    return {service: _collect(sdk, service, catalogue) for service in ("bss", "bssintl")}
