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
function resolveCli() {
  try {
    return require.resolve('@napi-rs/cli/package.json', { paths: [pkg] })
  } catch {
    return null
  }
}

let cli = resolveCli()
if (!cli) {
  // `npm install ./bindings-node` links the folder without installing its dependencies:
  // fetch the pinned build tools (package-lock.json) from the npm registry first.
  const npm = process.env.npm_execpath
  const cmd = npm ? process.execPath : 'npm'
  const args = [...(npm ? [npm] : []), 'ci', '--ignore-scripts', '--no-audit', '--no-fund']
  const r = spawnSync(cmd, args, { cwd: pkg, stdio: 'inherit' })
  cli = r.status === 0 ? resolveCli() : null
  if (!cli) {
    console.error('huaweicloud-partner: could not install @napi-rs/cli; run `npm ci` in ' + pkg)
    process.exit(1)
  }
}
const bin = join(cli, '..', require(cli).bin.napi)
const args = [bin, 'build', '--output-dir', 'native', '--dts', 'native.d.ts']
if (process.env.HUAWEICLOUD_PARTNER_NODE_PROFILE !== 'debug') args.push('--release')
const r = spawnSync(process.execPath, args, { cwd: pkg, stdio: 'inherit' })
process.exit(r.status ?? 1)
