// Exports every funding adjustment record to CSV, amounts written exactly as the API sent
// them.
//
//   node export_csv.mjs [--sandbox] [--out records.csv] [--since 2024-01-01]
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { Client, startSandbox } from "huaweicloud-partner";

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sandbox = process.argv.includes("--sandbox")
  ? await startSandbox()
  : null;
const client = sandbox ? sandbox.client() : new Client();
const out = arg("--out") ? createWriteStream(arg("--out")) : process.stdout;

const COLUMNS = [
  "operation_time",
  "customer_id",
  "customer_name",
  "operation_type",
  "amount",
  "currency",
  "trans_id",
  "memo",
];
const cell = (v) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const write = async (line) => {
  if (!out.write(line + "\n")) await once(out, "drain");
};

try {
  const since = arg("--since");
  await write(COLUMNS.join(","));
  let n = 0;
  const records = client.funding.adjustRecords(
    { limit: 100, ...(since ? { operation_time_begin: new Date(since) } : {}) },
    { concurrency: 4 },
  );
  for await (const r of records) {
    await write(COLUMNS.map((c) => cell(r[c])).join(","));
    n++;
  }
  console.error(`exported ${n} records`);
} finally {
  if (out !== process.stdout) out.end();
  await sandbox?.stop();
}
