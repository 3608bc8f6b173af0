#!/usr/bin/env node
// `npm install` hook: builds the native module from source with the napi CLI (release
// profile), so `npm install ./bindings-node` works on a fresh machine with Rust and Node 20.
// Set HUAWEICLOUD_PARTNER_NODE_SKIP_BUILD=1 to skip (the test script builds a debug module
// itself), HUAWEICLOUD_PARTNER_NODE_PROFILE=debug for a quicker unoptimised build.
'use strict'
const { spawnSync } = require('node:child_process')
const { join } = require('node:path')

if (process.env.HUAWEICLOUD_PARTNER_NODE_SKIP_BUILD) process.exit(0)

const pkg = join(__dirname, '..')
let cli
try {
  cli = require.resolve('@napi-rs/cli/package.json', { paths: [pkg] })
} catch {
  console.error('huaweicloud-partner: @napi-rs/cli is missing; run `npm install` in the package')
  process.exit(1)
}
const bin = join(cli, '..', require(cli).bin.napi)
const args = [bin, 'build', '--output-dir', 'native', '--dts', 'native.d.ts']
if (process.env.HUAWEICLOUD_PARTNER_NODE_PROFILE !== 'debug') args.push('--release')
const r = spawnSync(process.execPath, args, { cwd: pkg, stdio: 'inherit' })
process.exit(r.status ?? 1)
