// Shared by the two measured clients: times one workload inside this process and prints one
// JSON line with what bench.mjs needs. CPU is process.cpuUsage() (getrusage RUSAGE_SELF, so
// every thread: the event loop, libuv and, for our binding, the Rust worker threads); peak
// RSS is the process's own VmHWM (see peakRssKib).

import { readFileSync } from 'node:fs'

/** The sandbox and workload settings bench.mjs passes to every client process. */
export function settings() {
  const env = process.env
  const need = (name) => {
    const v = env[name]
    if (!v) throw new Error(`${name} is not set (bench.mjs sets it)`)
    return v
  }
  return {
    workload: need('NODE_BENCH_WORKLOAD'),
    n: Number(need('NODE_BENCH_N')),
    url: need('NODE_BENCH_URL'),
    accessKey: need('NODE_BENCH_AK'),
    secretKey: need('NODE_BENCH_SK'),
    domainId: need('NODE_BENCH_DOMAIN_ID'),
    iamUser: need('NODE_BENCH_IAM_USER'),
    iamPassword: need('NODE_BENCH_IAM_PASSWORD'),
    iamDomain: need('NODE_BENCH_IAM_DOMAIN'),
  }
}

/**
 * Runs `workloads[s.workload](s)` once and prints `{cpu_s, wall_s, maxrss_kib, load_cpu_s,
 * items, checked}`. `load_cpu_s` is the CPU spent before the workload (Node start-up and
 * importing the client library); the workload's window includes building the client.
 */
export async function measure(workloads) {
  const load = process.cpuUsage()
  const s = settings()
  const run = workloads[s.workload]
  if (!run) throw new Error(`unknown workload ${s.workload}`)

  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const { items, checked } = await run(s)
  const cpu = process.cpuUsage(c0)
  const wall = (performance.now() - t0) / 1000

  if (items !== s.n) throw new Error(`${s.workload}: ${items} items, expected ${s.n}`)
  const out = {
    cpu_s: (cpu.user + cpu.system) / 1e6,
    wall_s: wall,
    maxrss_kib: peakRssKib(),
    load_cpu_s: (load.user + load.system) / 1e6,
    items,
    checked,
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}

/**
 * This process's own peak RSS (VmHWM) in KiB. Not `resourceUsage().maxRSS`: a spawned
 * child's ru_maxrss starts from the parent's resident size at fork time.
 */
function peakRssKib() {
  const line = readFileSync('/proc/self/status', 'ascii')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'))
  if (!line) throw new Error('no VmHWM in /proc/self/status')
  return Number(line.split(/\s+/)[1])
}

/** Throws unless `token` is a non-empty string and `expiresAt` a future ISO-8601 time. */
export function checkToken(token, expiresAt) {
  if (typeof token !== 'string' || token.length < 20) throw new Error('empty token')
  const at = Date.parse(expiresAt)
  if (!(at > Date.now())) throw new Error(`bad token expiry ${expiresAt}`)
  return at
}
