import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { inspect } from 'node:util'
import { describe, it } from 'node:test'
import * as esm from '../index.mjs'
import { Client, ConfigError, InvalidInputError, PartnerError } from '../index.mjs'

const require = createRequire(import.meta.url)
const SECRET = 'very-secret-sk-0123456789'

describe('package entry points', () => {
  it('CommonJS and ESM expose the same objects', () => {
    const cjs = require('../index.js')
    for (const name of ['Client', 'startSandbox', 'PartnerError', 'OutcomeUnknownError']) {
      assert.equal(typeof cjs[name], 'function', name)
      assert.equal(esm[name], cjs[name], name)
    }
    assert.equal(esm.default, cjs)
  })

  it('the package name resolves through exports for both module systems', async () => {
    const viaRequire = require('huaweicloud-partner')
    const viaImport = await import('huaweicloud-partner')
    assert.equal(viaRequire.Client, viaImport.Client)
  })
})

describe('Client configuration', () => {
  it('lists the registered operations with their areas', () => {
    const ops = Client.operations()
    assert.ok(ops.length >= 2)
    const adjust = ops.find((o) => o.operation === 'list_partner_adjust_records')
    assert.deepEqual(adjust, {
      operation: 'list_partner_adjust_records',
      area: 'funding',
      method: 'list_adjust_records',
      paginated: 'adjust_records',
    })
  })

  it('exposes every registered area and method in camelCase', () => {
    const client = new Client({ accessKey: 'AK', secretKey: SECRET })
    const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
    for (const op of Client.operations()) {
      const area = client[camel(op.area)]
      assert.ok(area, op.area)
      assert.equal(typeof area[camel(op.method)], 'function', `${op.area}.${op.method}`)
      if (op.paginated) assert.equal(typeof area[camel(op.paginated)], 'function')
    }
  })

  it('picks the site endpoints and overrides', () => {
    assert.equal(
      new Client({ site: 'international' }).bssEndpoint,
      'https://bss-intl.myhuaweicloud.com/',
    )
    const c = new Client({ endpoint: 'http://127.0.0.1:9' })
    assert.equal(c.iamEndpoint, 'http://127.0.0.1:9/')
    assert.equal(c.site, 'china')
  })

  it('refuses bad options with ConfigError before any request', () => {
    const bad = [
      { site: 'mars' },
      { endpoint: 'not a url' },
      { secretkey: SECRET },
      { timeoutMs: -1 },
      { timeoutMs: 1.5 },
      { retry: { maxAttempts: 0 } },
      { rateLimit: { perOperation: { x: 0 } } },
      { proxy: 12 },
    ]
    for (const options of bad) {
      assert.throws(
        () => new Client(options),
        (e) => {
          assert.ok(e instanceof ConfigError, `${JSON.stringify(options)}: ${e}`)
          assert.ok(e instanceof PartnerError)
          assert.equal(e.kind, 'config')
          assert.equal(e.code, 'config')
          assert.equal(e.retryable, false)
          return true
        },
      )
    }
  })

  it('refuses half a key pair as invalid input', () => {
    assert.throws(() => new Client({ accessKey: 'AK' }), InvalidInputError)
    assert.throws(() => new Client({ secretKey: SECRET }), InvalidInputError)
  })

  it('never shows secrets in util.inspect', () => {
    const client = new Client({ accessKey: 'AKID', secretKey: SECRET, securityToken: SECRET })
    for (const text of [inspect(client, { showHidden: true, depth: 5 }), JSON.stringify(client)]) {
      assert.ok(!text.includes(SECRET), text)
    }
    assert.match(inspect(client), /site: 'china'/)
  })

  it('never echoes secrets in error messages', () => {
    try {
      new Client({ accessKey: 'AK', secretKey: SECRET, site: 'nowhere' })
      assert.fail('should throw')
    } catch (e) {
      assert.ok(!String(e.message).includes(SECRET))
      assert.ok(!inspect(e).includes(SECRET))
    }
  })
})
