// Async iteration, page-at-a-time access, concurrency, and the event loop staying free.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Paginator } from '../index.mjs'
import { quickClient, useSandbox } from './helpers.mjs'

const sandbox = useSandbox()

describe('pagination', () => {
  it('for await walks every customer exactly once, in order', async () => {
    const client = quickClient(sandbox())
    const ids = []
    for await (const c of client.customers.listAll({ limit: 5 })) ids.push(c.customer_id)
    assert.deepEqual(ids, sandbox().customerIds)
  })

  it('pages() and nextPage() give pages of the requested size and the total', async () => {
    const client = quickClient(sandbox())
    const paginator = client.customers.listAll({ limit: 10 })
    assert.ok(paginator instanceof Paginator)
    const sizes = []
    for await (const page of paginator.pages()) sizes.push(page.items.length)
    assert.deepEqual(sizes, [10, 10, 3])
    assert.equal(paginator.total, 23)
    assert.equal(await paginator.nextPage(), null)

    const p2 = client.funding.adjustRecords({ limit: 7 })
    const first = await p2.nextPage()
    assert.equal(first.items.length, 7)
    assert.equal(typeof first.total, 'number')
  })

  it('stops fetching when the loop breaks', async () => {
    const sb = sandbox()
    sb.resetRequestCounts()
    const client = quickClient(sb)
    let n = 0
    for await (const c of client.customers.listAll({ limit: 5 })) {
      assert.ok(c.customer_id)
      if (++n === 6) break
    }
    assert.equal(sb.requestCount('list_sub_customers'), 2)
  })

  it('concurrent page fetching yields the same items in the same order', async () => {
    const client = quickClient(sandbox())
    const serial = await client.funding.adjustRecords({ limit: 5 }).collectAll()
    const fanned = await client.funding.adjustRecords({ limit: 5 }, { concurrency: 4 }).collectAll()
    assert.deepEqual(fanned, serial)
    assert.ok(serial.length > 10)
  })

  it('an error mid-way rejects the iteration with the typed error', async () => {
    const sb = sandbox()
    const client = quickClient(sb)
    const paginator = client.customers.listAll({ limit: 5 })
    await paginator.nextPage()
    sb.injectFault({ operation: 'list_sub_customers', status: 403, errorCode: 'CBC.0151' })
    await assert.rejects(
      async () => {
        for await (const c of paginator) assert.ok(c)
      },
      { code: 'CBC.0151', status: 403 },
    )
    sb.clearFaults()
  })
})

describe('concurrency', () => {
  it('many concurrent calls all succeed with their own results', async () => {
    const sb = sandbox()
    sb.resetRequestCounts()
    const client = quickClient(sb)
    const offsets = Array.from({ length: 60 }, (_, i) => i % 23)
    const pages = await Promise.all(
      offsets.map((offset) => client.customers.list({ offset, limit: 1 })),
    )
    pages.forEach((p, i) => {
      assert.equal(p.customer_infos[0].customer_id, sb.customerIds[offsets[i]])
    })
    assert.equal(sb.requestCount('list_sub_customers'), 60)
  })

  it('calls do not block the event loop while they wait', async () => {
    const sb = sandbox()
    sb.clearFaults()
    sb.injectFault({ operation: 'list_sub_customers', delayMs: 300 })
    const client = quickClient(sb)
    const order = []
    const pending = client.customers.list({ limit: 1 }).then(() => order.push('call'))
    setImmediate(() => order.push('immediate'))
    await pending
    // A blocking call would have settled first (its callbacks are microtasks).
    assert.deepEqual(order, ['immediate', 'call'])
  })

  it('clients share nothing mutable: parallel clients with different sites', async () => {
    const sb = sandbox()
    const china = quickClient(sb)
    const intl = quickClient(sb, { site: 'international' })
    const [a, b] = await Promise.all([
      china.customers.list({ limit: 2 }),
      intl.customers.list({ limit: 2 }),
    ])
    assert.equal(a.customer_infos.length, 2)
    assert.equal(b.customer_infos.length, 2)
  })
})
