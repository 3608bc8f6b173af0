"""One measured run: a single client pages through one list operation of the sandbox.

Run as its own process by ``suite.py`` (one process per run and per client), so that
the CPU time and peak RSS the parent reads with ``wait4`` belong to this client alone.

    python worker.py {ours|official} {records|customers} URL AK SK DOMAIN_ID PAGE_SIZE

Prints one JSON line: the number of records seen, this process's own CPU and wall time
spent paging (after the interpreter started and the client library was imported), and its
peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time

# The official client sends the China site's production host, as the oracle suite does
# (the sandbox tells the sites apart by Host; a loopback host is the China site too).
BSS_HOST = "bss.myhuaweicloud.com"


def peak_rss_kib() -> int:
    """This process's own peak RSS (VmHWM). Not ru_maxrss: a forked child's ru_maxrss
    starts from the parent's resident size at fork time, so it would count the harness."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def official(
    workload: str, url: str, ak: str, sk: str, domain_id: str, limit: int
) -> int:
    """Every page through the official SDK; each record becomes its model object."""
    from huaweicloudsdkbss.v2 import (
        BssClient,
        ListPartnerAdjustRecordsRequest,
        ListSubCustomersRequest,
        QuerySubCustomerListReq,
    )
    from huaweicloudsdkcore.auth.credentials import GlobalCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig

    def client() -> BssClient:
        # As the oracle suite does: explicit endpoint and no region, so the builder
        # never calls IAM for the domain id; plain http on loopback, no retries.
        config = HttpConfig.get_default_config()
        config.ignore_ssl_verification = True
        config.retry_times = 0
        config.timeout = (5, 60)
        built = (
            BssClient.new_builder()
            .with_credentials(GlobalCredentials(ak, sk, domain_id))
            .with_endpoints([url])
            .with_http_config(config)
            .build()
        )
        built.preset_headers["Host"] = BSS_HOST
        return built

    bss = client()
    count = 0
    offset = 0
    while True:
        if workload == "records":
            page = bss.list_partner_adjust_records(
                ListPartnerAdjustRecordsRequest(offset=offset, limit=limit)
            )
            items = page.records or []
            total = page.total_count
        else:
            page = bss.list_sub_customers(
                ListSubCustomersRequest(
                    body=QuerySubCustomerListReq(offset=offset, limit=limit)
                )
            )
            items = page.customer_infos or []
            total = page.count
        count += len(items)
        offset += limit
        if not items or len(items) < limit or (total is not None and offset >= total):
            break
    return count


def ours(workload: str, url: str, ak: str, sk: str, domain_id: str, limit: int) -> int:
    """Every page through this package's pager; each record becomes its model object."""
    import huaweicloud_partner as hp

    # Client-side pacing off (the official SDK has none, and the sandbox runs without
    # quotas): this measures the library, not the API's 10 requests/s quota.
    settings = {"access_key": ak, "secret_key": sk, "domain_id": domain_id}
    with hp.Client(endpoint=url, rate_limit=False, **settings) as c:
        if workload == "records":
            pager = c.funding.adjust_records(limit=limit)
        else:
            pager = c.customers.list_all(limit=limit)
        count = 0
        for page in pager.pages():
            count += len(page.items)
    return count


def main() -> None:
    client, workload, url, ak, sk, domain_id, limit = sys.argv[1:8]
    run = {"ours": ours, "official": official}[client]
    # Import the library before the clock starts, so "paging" excludes import time.
    if client == "ours":
        import huaweicloud_partner  # noqa: F401
    else:
        import huaweicloudsdkbss.v2  # noqa: F401
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    count = run(workload, url, ak, sk, domain_id, int(limit))
    cpu1, wall1 = cpu_seconds(), time.perf_counter()
    print(
        json.dumps(
            {
                "count": count,
                "paging_cpu": cpu1 - cpu0,
                "paging_wall": wall1 - wall0,
                "peak_rss_kib": peak_rss_kib(),
            }
        )
    )


if __name__ == "__main__":
    main()
