// Node suite driver (issue #8): starts the sandbox as its own process, runs every workload
// BENCH_RUNS times for each client, each run in a fresh Node process (client-ours.mjs,
// client-official.mjs), and writes the medians to $BENCH_OUT/node.json (BENCH_CONTRACT.md).
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const env = process.env
const SMOKE = env.BENCH_SMOKE === '1'
const RUNS = SMOKE ? 1 : Number(env.BENCH_RUNS || 5)
const OUT = env.BENCH_OUT
const SANDBOX_BIN = env.PARTNER_SANDBOX_BIN
if (!OUT || !SANDBOX_BIN) throw new Error('BENCH_OUT and PARTNER_SANDBOX_BIN must be set')

// The sandbox's partner IAM user (HELPER_RULES.md, sandbox README).
const IAM = { user: 'sandbox_partner', password: 'Sandbox@Passw0rd1', domain: 'sandbox_partner' }

const SIZES = SMOKE
  ? { tokens: 5, projects: 5, records: 250, customers: 120 }
  : { tokens: 1000, projects: 1000, records: 20000, customers: 5000 }

const version = (pkg) =>
  JSON.parse(readFileSync(join(HERE, 'node_modules', pkg, 'package.json'), 'utf8')).version
const IAM_SDK = `@huaweicloud/huaweicloud-sdk-iam ${version('@huaweicloud/huaweicloud-sdk-iam')}`
const CORE_SDK = `@huaweicloud/huaweicloud-sdk-core ${version('@huaweicloud/huaweicloud-sdk-core')}`

const fmt = (n) => n.toLocaleString('en-US')
const WORKLOADS = [
  {
    name: 'tokens',
    title: `${fmt(SIZES.tokens)} IAM password tokens`,
    baseline: IAM_SDK,
    targets: true,
  },
  {
    name: 'projects',
    title: `${fmt(SIZES.projects)} AK/SK-signed IAM list projects`,
    baseline: IAM_SDK,
    targets: true,
  },
  {
    name: 'records',
    title: `page ${fmt(SIZES.records)} adjustment records`,
    baseline: `${CORE_SDK} (hand-written calls; no Node BSS SDK)`,
    targets: false,
  },
  {
    name: 'customers',
    title: `page ${fmt(SIZES.customers)} customers`,
    baseline: `${CORE_SDK} (hand-written calls; no Node BSS SDK)`,
    targets: false,
  },
]

/** Starts the sandbox and resolves to `{ child, url, ak, sk, domainId }` once it listens. */
function startSandbox() {
  const args = ['--addr', '127.0.0.1:0', '--records', String(SIZES.records)]
  args.push('--customers', String(SIZES.customers), '--rate-limit', 'off')
  const child = spawn(SANDBOX_BIN, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  return new Promise((resolve, reject) => {
    const got = []
    child.once('exit', (code) => reject(new Error(`the sandbox exited early (${code})`)))
    lines.on('line', (line) => {
      got.push(line)
      if (got.length !== 2) return
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(got[0])
      const creds = /^credentials: access_key=(\S+) secret_key=(\S+) domain_id=(\S+)$/.exec(got[1])
      if (!url || !creds) return reject(new Error(`unexpected sandbox output: ${got}`))
      resolve({ child, url: url[1], ak: creds[1], sk: creds[2], domainId: creds[3] })
    })
  })
}

// CPU seconds the sandbox has used so far (utime + stime from /proc, in clock ticks).
function sandboxCpu(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** Runs one client process for one workload; resolves to its JSON report. */
function runClient(script, workload, sb) {
  const childEnv = {
    ...env,
    NODE_BENCH_WORKLOAD: workload,
    NODE_BENCH_N: String(SIZES[workload]),
    NODE_BENCH_URL: sb.url,
    NODE_BENCH_AK: sb.ak,
    NODE_BENCH_SK: sb.sk,
    NODE_BENCH_DOMAIN_ID: sb.domainId,
    NODE_BENCH_IAM_USER: IAM.user,
    NODE_BENCH_IAM_PASSWORD: IAM.password,
    NODE_BENCH_IAM_DOMAIN: IAM.domain,
  }
  const before = sandboxCpu(sb.child.pid)
  const child = spawn(process.execPath, [join(HERE, script)], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} ${workload} exited with ${code}`))
      const report = JSON.parse(out.trim().split('\n').pop())
      report.sandbox_cpu_s = sandboxCpu(sb.child.pid) - before
      resolve(report)
    })
  })
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const round = (x, digits = 4) => Number(x.toPrecision(digits))

function row(benchmark, metric, ours, baseline, baselineName, target) {
  const ratio = baseline / ours
  const ratioText = ratio >= 1 ? `${ratio.toFixed(1)}x less` : `${(1 / ratio).toFixed(1)}x more`
  const need = target === null ? null : target === 'lower' ? 1 : Number(/[\d.]+/.exec(target)[0])
  const met = need === null ? null : target === 'lower' ? ratio > 1 : ratio >= need
  return {
    benchmark,
    metric,
    ours: round(ours),
    baseline: round(baseline),
    baseline_name: baselineName,
    ratio: round(ratio, 3),
    ratio_text: ratioText,
    target,
    met,
    runs: RUNS,
  }
}

const sb = await startSandbox()
const rows = []
const notes = []
try {
  for (const w of WORKLOADS) {
    const results = { ours: [], official: [] }
    const scripts = { ours: 'client-ours.mjs', official: 'client-official.mjs' }
    if (!SMOKE) {
      // One untimed run each, so both start with the files in the page cache.
      for (const side of ['ours', 'official']) await runClient(scripts[side], w.name, sb)
    }
    for (let i = 0; i < RUNS; i++) {
      // Alternate who goes first, so neither always runs on the warmer machine.
      const order = i % 2 ? ['official', 'ours'] : ['ours', 'official']
      for (const side of order) results[side].push(await runClient(scripts[side], w.name, sb))
    }
    const med = (side, key) => median(results[side].map((r) => r[key]))
    const add = (benchmark, metric, key, target, scale = 1) => {
      const [ours, official] = [med('ours', key) / scale, med('official', key) / scale]
      rows.push(row(benchmark, metric, ours, official, w.baseline, w.targets ? target : null))
    }
    add(w.title, 'CPU s', 'cpu_s', '>= 5x less')
    add(w.title, 'wall s', 'wall_s', '>= 3x less')
    add(w.title, 'peak RSS MiB', 'maxrss_kib', 'lower', 1024)
    if (w.name === 'tokens') add('start-up: node + import the client', 'CPU s', 'load_cpu_s', null)
    const sbCpu = (side) => med(side, 'sandbox_cpu_s').toFixed(3)
    notes.push(
      `${w.title}: sandbox CPU per run (median) ${sbCpu('ours')} s with ours, ` +
        `${sbCpu('official')} s with the official client.`,
    )
  }
} finally {
  sb.child.kill()
}

notes.unshift(
  'Each run is a fresh Node process per client against one sandbox process (--rate-limit off);' +
    ' CPU and wall cover building the client and the workload (imports excluded, shown in the' +
    ' start-up row); CPU is process.cpuUsage() (all threads); peak RSS is the process\'s' +
    ' own VmHWM.',
  'IAM token calls are sequential; both sides read the token and its expiry and check them.' +
    ' Ours sends the password request unsigned; the official client signs it with AK/SK' +
    ' (it cannot be built without them).',
  'Our client runs with rateLimit disabled (the official SDK has no client-side pacing).',
  'No official Node BSS SDK exists on npm (@huaweicloud/huaweicloud-sdk-bss: 404), so the' +
    ' paging rows compare against hand-written requests through the official core client' +
    ' (its signing, transport and JSON decoding, nothing typed: a record is whatever' +
    ' JSON.parse made of it, while ours checks and converts every field); no target' +
    ' applies to them.',
)
const title = `Node: this package vs ${IAM_SDK} (${CORE_SDK})`
const report = { suite: 'node', title, rows, notes }
writeFileSync(join(OUT, 'node.json'), JSON.stringify(report, null, 2) + '\n')
for (const r of rows) {
  const line = `${r.benchmark} | ${r.metric} | ours ${r.ours} | official ${r.baseline} | ${r.ratio_text}`
  console.log(r.met === null ? line : `${line} | ${r.met ? 'met' : 'NOT met'}`)
}
