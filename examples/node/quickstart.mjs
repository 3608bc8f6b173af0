// Quickstart: list customers, then page through a customer's funding adjustments.
//
//   node quickstart.mjs             uses HUAWEICLOUD_SDK_AK / _SK (or the profile file)
//   node quickstart.mjs --sandbox   runs against a local sandbox instead
import { Client, PartnerError, startSandbox } from "huaweicloud-partner";

const sandbox = process.argv.includes("--sandbox")
  ? await startSandbox()
  : null;
const client = sandbox
  ? sandbox.client()
  : new Client({ site: process.env.HCP_SITE || "china" });

try {
  // One page of customers.
  const page = await client.customers.list({ limit: 5 });
  console.log(
    `${page.count} customers; the first ${page.customer_infos.length}:`,
  );
  for (const c of page.customer_infos)
    console.log(`  ${c.customer_id}  ${c.account_name}`);

  // Every adjustment of the first customer since June 2024, fetched lazily page by page.
  const customer = page.customer_infos[0];
  if (customer) {
    const records = client.funding.adjustRecords({
      customer_id: customer.customer_id,
      operation_time_begin: new Date("2024-06-01T00:00:00Z"),
      limit: 100,
    });
    for await (const r of records) {
      // Amounts are exact decimal strings: never parseFloat money.
      console.log(
        `  ${r.operation_time}  ${r.operation_type}  ${r.amount} ${r.currency ?? ""}`,
      );
    }
  }
} catch (e) {
  if (e instanceof PartnerError) {
    console.error(
      `failed: ${e.code} (HTTP ${e.status}, request ${e.requestId}): ${e.message}`,
    );
    process.exitCode = 1;
  } else {
    throw e;
  }
} finally {
  await sandbox?.stop();
}
