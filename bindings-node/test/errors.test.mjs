// Every error kind, as the classes and fields JS callers see.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inspect } from 'node:util'
import * as hcp from '../index.mjs'
import { quickClient, useSandbox } from './helpers.mjs'

const sandbox = useSandbox()
const OP = 'list_partner_adjust_records'

async function expectError(promise, Cls, check = () => {}) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof Cls, `expected ${Cls.name}, got ${e && e.constructor.name}: ${e}`)
    assert.ok(e instanceof hcp.PartnerError)
    assert.ok(e instanceof Error)
    assert.equal(e.name, Cls.name)
    check(e)
    return true
  })
}

describe('API errors from injected faults', () => {
  const cases = [
    [401, 'APIG.0301', hcp.AuthError, 'auth', false],
    [403, 'CBC.0151', hcp.PermissionDeniedError, 'permission_denied', false],
    [404, 'CBC.0404', hcp.NotFoundError, 'not_found', false],
    [400, 'CBC.0100', hcp.ApiError, 'api', false],
    [429, 'APIG.0308', hcp.RateLimitedError, 'rate_limited', true],
    [503, 'CBC.0999', hcp.ServerError, 'server', true],
  ]
  for (const [status, code, Cls, kind, retryable] of cases) {
    it(`${status} ${code} is a ${Cls.name}`, async () => {
      const sb = sandbox()
      const client = quickClient(sb)
      sb.clearFaults()
      sb.injectFault({ operation: OP, status, errorCode: code })
      await expectError(client.funding.listAdjustRecords({}), Cls, (e) => {
        assert.equal(e.code, code)
        assert.equal(e.kind, kind)
        assert.equal(e.status, status)
        assert.equal(e.retryable, retryable)
        assert.equal(e.operation, OP)
        assert.equal(typeof e.requestId, 'string')
        assert.ok(e.requestId.length > 0)
      })
    })
  }

  it('retries a 503 by itself when retries are on, without an error', async () => {
    const sb = sandbox()
    sb.clearFaults()
    sb.resetRequestCounts()
    const client = sb.client({ retry: { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 5 } })
    sb.injectFault({ operation: OP, status: 503, count: 2 })
    const page = await client.funding.listAdjustRecords({ limit: 1 })
    assert.equal(page.records.length, 1)
    assert.equal(sb.requestCount(OP), 3)
  })
})

describe('transport errors', () => {
  it('a slow answer is a TimeoutError', async () => {
    const sb = sandbox()
    sb.clearFaults()
    sb.injectFault({ operation: OP, delayMs: 2000 })
    const client = quickClient(sb, { timeoutMs: 100 })
    await expectError(client.funding.listAdjustRecords({}), hcp.TimeoutError, (e) => {
      assert.equal(e.code, 'timeout')
      assert.equal(e.retryable, true)
    })
    sb.clearFaults()
  })

  it('a dropped connection is a ConnectionError', async () => {
    const sb = sandbox()
    sb.clearFaults()
    sb.injectFault({ operation: OP, drop: true })
    await expectError(quickClient(sb).funding.listAdjustRecords({}), hcp.ConnectionError, (e) =>
      assert.equal(e.kind, 'connection'),
    )
  })

  it('a truncated body is a DecodeError or ConnectionError, never a result', async () => {
    const sb = sandbox()
    sb.clearFaults()
    sb.injectFault({ operation: OP, truncate: true })
    await assert.rejects(quickClient(sb).funding.listAdjustRecords({}), (e) => {
      assert.ok(e instanceof hcp.DecodeError || e instanceof hcp.ConnectionError, String(e))
      return true
    })
  })

  it('nothing listening is a ConnectionError', async () => {
    const client = new hcp.Client({
      endpoint: 'http://127.0.0.1:9',
      accessKey: 'AK',
      secretKey: 'SK',
      retry: { maxAttempts: 1 },
    })
    await expectError(client.customers.list({}), hcp.ConnectionError)
  })
})

describe('SDK errors', () => {
  it('a wrong secret key is an AuthError from the sandbox, without the key in it', async () => {
    const secret = 'wrong-secret-key-abcdef'
    const client = quickClient(sandbox(), { secretKey: secret })
    await expectError(client.customers.list({}), hcp.AuthError, (e) => {
      assert.equal(e.status, 401)
      assert.ok(!e.message.includes(secret))
      assert.ok(!inspect(e).includes(secret))
    })
  })

  it('an operation missing on the site is an UnsupportedError, sent nowhere', async () => {
    const sb = sandbox()
    sb.resetRequestCounts()
    const client = quickClient(sb, { site: 'international' })
    await expectError(client.funding.listAdjustRecords({}), hcp.UnsupportedError, (e) =>
      assert.equal(e.code, 'unsupported'),
    )
    assert.equal(sb.requestCount(OP), 0)
  })

  it('invalid input is rejected before any request', async () => {
    const sb = sandbox()
    sb.resetRequestCounts()
    await expectError(quickClient(sb).customers.list({ limit: 'ten' }), hcp.InvalidInputError)
    assert.equal(sb.requestCount('list_sub_customers'), 0)
  })

  it('bad config is a ConfigError', () => {
    assert.throws(() => new hcp.Client({ site: 'moon' }), hcp.ConfigError)
  })

  it('money movements whose answer is lost are OutcomeUnknownError, never retried', async (t) => {
    const op = hcp.Client.operations().find((o) => o.operation === 'update_customer_account_amount')
    if (!op) {
      t.skip('this build has no money-moving operation registered yet')
      return
    }
    const sb = sandbox()
    sb.clearFaults()
    sb.resetRequestCounts()
    sb.injectFault({ operation: op.operation, drop: true })
    const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
    const client = sb.client({ retry: { maxAttempts: 4, initialBackoffMs: 1 } })
    const request = { customer_id: sb.customerIds[0], amount: '10.00' }
    await expectError(
      client[camel(op.area)][camel(op.method)](request),
      hcp.OutcomeUnknownError,
      (e) => {
        assert.equal(e.code, 'outcome_unknown')
        assert.equal(e.retryable, false)
        assert.equal(e.pending.operation, op.operation)
      },
    )
    assert.equal(sb.requestCount(op.operation), 1)
  })
})

describe('error decoding', () => {
  it('maps every SDK kind to its class and keeps the fields', async () => {
    const { fromNative } = await import('../lib/errors.js')
    const kinds = {
      config: hcp.ConfigError,
      auth: hcp.AuthError,
      permission_denied: hcp.PermissionDeniedError,
      not_found: hcp.NotFoundError,
      invalid_input: hcp.InvalidInputError,
      api: hcp.ApiError,
      rate_limited: hcp.RateLimitedError,
      server: hcp.ServerError,
      timeout: hcp.TimeoutError,
      connection: hcp.ConnectionError,
      decode: hcp.DecodeError,
      outcome_unknown: hcp.OutcomeUnknownError,
      unsupported: hcp.UnsupportedError,
    }
    for (const [kind, Cls] of Object.entries(kinds)) {
      const fields = {
        kind,
        message: 'm',
        code: kind === 'api' ? 'CBC.0100' : null,
        status: 400,
        requestId: 'rid',
        operation: 'update_customer_account_amount',
        retryable: kind === 'server',
        retryAfterMs: 1500,
        pending: {
          operation: 'update_customer_account_amount',
          sentAt: '2026-12-03T08:00:00Z',
          body: { amount: '1.00' },
        },
      }
      const e = fromNative(new Error(`HCP_ERROR:${JSON.stringify(fields)}`))
      assert.ok(e instanceof Cls, kind)
      assert.equal(e.code, kind === 'api' ? 'CBC.0100' : kind)
      assert.equal(e.requestId, 'rid')
      assert.equal(e.retryAfterMs, 1500)
      assert.equal(e.retryable, kind === 'server')
      if (Cls === hcp.OutcomeUnknownError) assert.equal(e.pending.body.amount, '1.00')
    }
    const other = new Error('plain')
    assert.equal(fromNative(other), other)
  })
})
