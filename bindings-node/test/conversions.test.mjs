// Amounts as decimal strings both ways; Dates and ISO strings for timestamps.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Client, InvalidInputError } from '../index.mjs'
import { convertRequest } from '../lib/convert.js'
import { DECIMAL, quickClient, useSandbox } from './helpers.mjs'

const sandbox = useSandbox()
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

describe('request conversion', () => {
  const formats = {
    amount: ['amount', 'items[].amount'],
    datetime: ['begin'],
    date: ['day'],
    month: ['cycle'],
  }

  it('refuses a JS number as an amount with a TypeError naming the field', () => {
    for (const req of [{ amount: 12.5 }, { amount: 100 }, { items: [{ amount: 0.1 }] }]) {
      assert.throws(
        () => convertRequest(req, formats),
        (e) => {
          assert.equal(e.constructor, TypeError)
          assert.match(e.message, /amount/)
          assert.match(e.message, /decimal string/)
          return true
        },
      )
    }
  })

  it('passes decimal strings, bigints and decimal objects through exactly', () => {
    const dec = { toFixed: () => '0.30000000000000000001' }
    const out = convertRequest(
      { amount: '12345678901234567.89', items: [{ amount: 5n }, { amount: dec }] },
      formats,
    )
    assert.deepEqual(out, {
      amount: '12345678901234567.89',
      items: [{ amount: '5' }, { amount: '0.30000000000000000001' }],
    })
  })

  it('formats Dates by field: timestamp, date, month (UTC)', () => {
    const d = new Date(Date.UTC(2024, 0, 31, 23, 59, 58, 765))
    assert.deepEqual(convertRequest({ begin: d, day: d, cycle: d, other: d }, formats), {
      begin: '2024-01-31T23:59:58Z',
      day: '2024-01-31',
      cycle: '2024-01',
      other: '2024-01-31T23:59:58Z',
    })
  })

  it('refuses what JSON cannot carry, as invalid input', () => {
    for (const req of [
      { begin: new Date('nope') },
      { n: Number.NaN },
      { f: () => 1 },
      { m: new Map() },
    ]) {
      assert.throws(() => convertRequest(req, formats), InvalidInputError)
    }
    assert.throws(() => convertRequest([1, 2], formats), InvalidInputError)
    assert.deepEqual(convertRequest(undefined, formats), {})
  })

  it('drops undefined fields and keeps nulls', () => {
    assert.deepEqual(convertRequest({ a: undefined, b: null, c: 1 }), { b: null, c: 1 })
  })
})

describe('conversions against the sandbox', () => {
  it('Date and ISO string filters select the same records', async () => {
    const client = quickClient(sandbox())
    const all = await client.funding.adjustRecords({ limit: 100 }).collectAll()
    assert.ok(all.length > 2)
    const times = all.map((r) => r.operation_time).sort()
    const mid = times[Math.floor(times.length / 2)]
    const byDate = await client.funding
      .adjustRecords({ operation_time_begin: new Date(mid), limit: 100 })
      .collectAll()
    const byIso = await client.funding
      .adjustRecords({ operation_time_begin: mid.replace('Z', '+00:00'), limit: 100 })
      .collectAll()
    assert.deepEqual(byDate, byIso)
    assert.ok(byDate.length > 0 && byDate.length < all.length)
    for (const r of byDate) assert.ok(r.operation_time >= mid)
  })

  it('amounts come back as decimal strings whose digits survive a round trip', async () => {
    const client = quickClient(sandbox())
    const records = await client.funding.adjustRecords({ limit: 100 }).collectAll()
    for (const r of records) {
      assert.match(r.amount, DECIMAL)
      assert.equal(JSON.parse(JSON.stringify(r)).amount, r.amount)
    }
  })

  it('rejects before sending: bad values never reach the sandbox', async () => {
    const client = quickClient(sandbox())
    sandbox().resetRequestCounts()
    await assert.rejects(client.funding.listAdjustRecords({ limit: 0 }), InvalidInputError)
    await assert.rejects(client.funding.listAdjustRecords({ limitt: 10 }), (e) => {
      assert.ok(e instanceof InvalidInputError)
      assert.equal(e.code, 'invalid_input')
      assert.match(e.message, /limitt/)
      return true
    })
    await assert.rejects(
      client.funding.listAdjustRecords({ operation_time_begin: new Date('x') }),
      InvalidInputError,
    )
    assert.equal(sandbox().requestCount('list_partner_adjust_records'), 0)
  })
})

describe('money round trip', () => {
  it('an amount sent as a string comes back with the same value, exactly', async (t) => {
    const op = Client.operations().find((o) => o.operation === 'update_customer_account_amount')
    if (!op) {
      t.skip('this build has no funding operation registered yet')
      return
    }
    const sb = sandbox()
    const client = quickClient(sb)
    const area = client[camel(op.area)]
    const customer_id = sb.customerIds[1]
    const amount = '1234567.89'
    await assert.rejects(area[camel(op.method)]({ customer_id, amount: 1234567.89 }), TypeError)
    assert.equal(sb.requestCount(op.operation), 0)
    await area[camel(op.method)]({ customer_id, amount })
    const page = await client.funding.listAdjustRecords({ customer_id, limit: 100 })
    const amounts = page.records.map((r) => r.amount)
    assert.ok(
      amounts.some((a) => a.replace(/0+$/, '').replace(/\.$/, '') === '1234567.89'),
      `${amount} in ${amounts.join(', ')}`,
    )
  })
})
