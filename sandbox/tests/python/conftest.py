"""Session fixtures: one sandbox process, official SDK clients pointed at it, and a
``World`` of ids read back from the sandbox through the official SDK."""

import json

import pytest
import requests
from huaweicloudsdkcore.http.http_handler import HttpHandler

import checks
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
            k: (
                "<redacted>"
                if k.lower() in ("authorization", "x-auth-token", "x-security-token")
                else v
            )
            for k, v in req.header_params.items()
        }
        body = req.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        shown = json.dumps(headers, sort_keys=True)
        return f"{req.method} {req.url}\nheaders: {shown}\nbody: {body}"


class Sdk:
    """Official SDK clients for one sandbox, with a shared request recorder."""

    def __init__(self, info):
        self.info = info
        self.recorder = RequestRecorder()
        self._clients = {}

    def client(self, service, credentials=None):
        """A client with the partner's AK/SK, or with ``credentials``; cached per
        credentials object (the cache keeps it alive, so ``id`` stays unique)."""
        key = (service, id(credentials))
        if key not in self._clients:
            client = harness.build_client(
                service,
                self.info.base_url,
                credentials or harness.partner_credentials(self.info),
                HttpHandler().add_request_handler(self.recorder),
            )
            self._clients[key] = (client, credentials)
        return self._clients[key][0]

    def customer_credentials(self, customer_id):
        """Temporary AK/SK for a customer: partner password token, then the agency
        (assume_role) keys — how a partner acts in a customer's account with the
        official SDK, which has no token credentials for BSS."""
        from huaweicloudsdkcore.auth.credentials import GlobalCredentials
        from huaweicloudsdkiam.v3.iam_credentials import IamCredentials

        token = self.call(
            "iam",
            "keystone_create_user_token_by_password",
            harness.password_token_request(),
        )
        keys = self.call(
            "iam",
            "create_temporary_access_key_by_agency",
            harness.agency_keys_request(customer_id),
            credentials=IamCredentials().with_x_auth_token(token.x_subject_token),
        ).credential
        return GlobalCredentials(
            keys.access, keys.secret, customer_id
        ).with_security_token(keys.securitytoken)

    def call(self, service, operation, request, credentials=None):
        return getattr(self.client(service, credentials), operation)(request)


class Admin:
    """The sandbox's unauthenticated loopback admin endpoints."""

    def __init__(self, base_url):
        self.base = base_url + "/__sandbox"

    def requests_count(self, operation):
        resp = requests.get(
            f"{self.base}/requests", params={"operation": operation}, timeout=10
        )
        resp.raise_for_status()
        answer = resp.json()
        assert answer["operation"] == operation, answer
        return answer["count"]

    def inject_fault(self, **fault):
        requests.post(f"{self.base}/faults", json=fault, timeout=10).raise_for_status()

    def clear_faults(self):
        requests.delete(f"{self.base}/faults", timeout=10).raise_for_status()


@pytest.fixture(scope="session")
def catalogue():
    return harness.load_catalogue()


@pytest.fixture(scope="session")
def sandbox():
    proc = harness.SandboxProcess(
        harness.sandbox_binary(), extra_args=["--rate-limit", "off"]
    )
    info = proc.start()
    yield info
    code = proc.stop()
    assert code == 0, (
        f"sandbox exited with {code} on SIGTERM (expected a clean shutdown)"
    )


@pytest.fixture(scope="session")
def sdk(sandbox):
    return Sdk(sandbox)


@pytest.fixture(scope="session")
def admin(sandbox):
    return Admin(sandbox.base_url)


def _main_customer(sdk, service, customers, taken=()):
    """The first customer, other than ``taken``, with two pending orders (so that
    paying and cancelling in the catalogue walk act on different orders), else
    the first customer; with its agency keys. The sites share the sandbox's state,
    so each site's walk acts as a different customer."""
    pkg = harness.sdk_package(service)
    for customer_id in customers:
        if customer_id in taken:
            continue
        creds = sdk.customer_credentials(customer_id)
        pending = sdk.call(
            service,
            "list_customer_orders",
            pkg.ListCustomerOrdersRequest(status=6, limit=10),
            credentials=creds,
        )
        if len(pending.order_infos or []) >= 2:
            return customer_id, creds
    if not customers:
        raise LookupError("the sandbox returned no customer")
    return customers[0], sdk.customer_credentials(customers[0])


def _collect(sdk, service, taken=()):
    """Ids the sandbox knows, read through the official SDK's list calls: partner
    lists with the partner's AK/SK, customer lists with the first customer's
    agency keys (which the customer-scoped operations then use too)."""
    pkg = harness.sdk_package(service)
    ids = {}
    errors = {}

    def grab(kind, operation, request, path, credentials=None, keep=None):
        try:
            response = sdk.call(service, operation, request, credentials=credentials)
        except Exception as exc:
            errors.setdefault(kind, f"{operation}: {exc}")
            return
        items = checks.get_path(response, path.rsplit(".", 1)[0]) if keep else None
        if keep:
            found = [getattr(i, path.rsplit(".", 1)[1]) for i in items if keep(i)]
        else:
            found = checks.get_path(response, path)
        bucket = ids.setdefault(kind, [])
        bucket.extend(v for v in found if v and v not in bucket)

    grab(
        "customer",
        "list_sub_customers",
        pkg.ListSubCustomersRequest(
            body=pkg.QuerySubCustomerListReq(offset=0, limit=100)
        ),
        "customer_infos[].customer_id",
    )
    grab(
        "indirect_partner",
        "list_indirect_partners",
        pkg.ListIndirectPartnersRequest(
            body=pkg.QueryIndirectPartnersReq(offset=0, limit=100)
        ),
        "indirect_partners[].indirect_partner_id",
    )
    if service == "bss":
        grab(
            "quota",
            "list_quota_coupons",
            pkg.ListQuotaCouponsRequest(
                body=pkg.QueryCouponQuotasReqExt(offset=0, limit=100)
            ),
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

    world = values.World(ids, errors=errors)
    try:
        main, creds = _main_customer(
            sdk, service, world.ids.get("customer") or [], taken
        )
    except Exception as exc:
        world.customer_error = f"customer agency keys: {exc}"
        return world
    # The main customer goes first: customer-scoped calls use its keys and
    # partner calls that name a customer use ``first("customer")``.
    ids["customer"] = [main] + [c for c in ids["customer"] if c != main]
    world.ids["customer"] = list(ids["customer"])
    world.customer_credentials = creds

    grab(
        "order",
        "list_customer_orders",
        pkg.ListCustomerOrdersRequest(limit=100),
        "order_infos[].order_id",
        creds,
    )
    grab(
        "order_pending",
        "list_customer_orders",
        pkg.ListCustomerOrdersRequest(limit=100, status=6),
        "order_infos[].order_id",
        creds,
    )
    # Unsubscribe (refund) orders, from whichever customers have some; the partner
    # looks them up with the owner's customer_id.
    for customer_id in ids["customer"][:10]:
        grab(
            "order_refund",
            "list_customer_orders",
            pkg.ListCustomerOrdersRequest(limit=100, order_type="4"),
            "order_infos[].order_id",
            sdk.customer_credentials(customer_id),
        )
        if ids.get("order_refund"):
            ids["order_refund_customer"] = [customer_id]
            break
    grab(
        "resource",
        "list_pay_per_use_customer_resources",
        pkg.ListPayPerUseCustomerResourcesRequest(
            body=pkg.QueryResourcesReq(
                customer_id=world.first("customer"), offset=0, limit=100
            )
        ),
        "data[].resource_id",
        keep=lambda r: r.is_main_resource in (1, None),
    )
    grab(
        "free_resource",
        "list_free_resource_infos",
        pkg.ListFreeResourceInfosRequest(
            body=pkg.ListFreeResourceInfosReq(offset=0, limit=100)
        ),
        "free_resource_packages[].free_resources[].free_resource_id",
        creds,
    )
    if service == "bss":
        grab(
            "usage_resource",
            "list_resource_usage_summary",
            pkg.ListResourceUsageSummaryRequest(
                bill_cycle=world.bill_month,
                service_type_code="hws.service.type.cdn",
                resource_type_code="hws.resource.type.cdn",
                usage_type="95Peak",
            ),
            "summary_usage_info_list[].resource_id",
            creds,
        )
    world.ids.update(ids)
    world.errors.update(errors)
    return world


@pytest.fixture(scope="session")
def worlds(sdk):
    worlds = {}
    for service in ("bss", "bssintl"):
        taken = [w.ids["customer"][0] for w in worlds.values() if w.ids.get("customer")]
        worlds[service] = _collect(sdk, service, taken)
    return worlds
