// Every registered operation against the sandbox, plus the shapes of what comes back.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Client } from '../index.mjs'
import { DECIMAL, TIMESTAMP, quickClient, useSandbox } from './helpers.mjs'

const sandbox = useSandbox()
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

describe('resource areas', () => {
  it('every registered operation answers with a plain object', async () => {
    const client = quickClient(sandbox())
    for (const op of Client.operations()) {
      const result = await client[camel(op.area)][camel(op.method)]({})
      assert.equal(Object.getPrototypeOf(result), Object.prototype, op.operation)
      assert.ok(sandbox().requestCount(op.operation) >= 1, op.operation)
    }
  })

  it('customers.list returns the seeded customers with typed fields', async () => {
    const client = quickClient(sandbox())
    const page = await client.customers.list({ limit: 5 })
    assert.equal(page.count, 23)
    assert.equal(page.customer_infos.length, 5)
    const ids = sandbox().customerIds
    assert.deepEqual(page.customer_infos.map((c) => c.customer_id), ids.slice(0, 5))
    for (const c of page.customer_infos) {
      assert.equal(typeof c.account_name, 'string')
      if (c.associated_on !== null) assert.match(c.associated_on, TIMESTAMP)
    }
  })

  it('funding.listAdjustRecords returns amounts as decimal strings', async () => {
    const client = quickClient(sandbox())
    const page = await client.funding.listAdjustRecords({ limit: 10 })
    assert.ok(page.records.length > 0)
    for (const r of page.records) {
      assert.equal(typeof r.amount, 'string')
      assert.match(r.amount, DECIMAL)
      assert.match(r.operation_time, TIMESTAMP)
    }
  })

  it('the International site paths answer through the same client API', async () => {
    const client = quickClient(sandbox(), { site: 'international' })
    const page = await client.customers.list({ limit: 3 })
    assert.equal(page.customer_infos.length, 3)
  })
})
