// Shared test helpers: one sandbox per test file.
import { after, before } from 'node:test'
import { startSandbox } from '../index.mjs'

/** Starts a sandbox before the file's tests and stops it after; returns a getter. */
export function useSandbox(options = {}) {
  let sandbox
  before(async () => {
    sandbox = await startSandbox({ customers: 23, records: 40, ...options })
  })
  after(async () => {
    await sandbox.stop()
  })
  return () => sandbox
}

/** A client with no retries and no client-side pacing, for fast, exact request counts. */
export function quickClient(sandbox, options = {}) {
  return sandbox.client({ retry: { maxAttempts: 1 }, rateLimit: { enabled: false }, ...options })
}

export const DECIMAL = /^-?\d+(\.\d+)?$/
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
