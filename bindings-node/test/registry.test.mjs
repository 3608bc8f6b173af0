// The generated areas agree with the native registry and the core's request types.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Client, PartnerError } from '../index.mjs'
import { AREAS, FIELD_FORMATS, REQUEST_FIELDS } from '../generated/areas.js'

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

describe('generated areas', () => {
  it('cover exactly the registered operations', () => {
    const registered = Client.operations()
      .map((o) => `${o.area}.${o.method}`)
      .sort()
    assert.deepEqual(Object.keys(REQUEST_FIELDS).sort(), registered)
    assert.deepEqual(Object.keys(FIELD_FORMATS).sort(), registered)
    const areas = [...new Set(Client.operations().map((o) => camel(o.area)))].sort()
    assert.deepEqual(Object.keys(AREAS).sort(), areas)
  })

  it('name only request fields the core accepts', async () => {
    // Nothing listens on port 9: a request that decodes fails later, at validation or on
    // connecting; a field the core does not know fails with "unknown field".
    const client = new Client({
      endpoint: 'http://127.0.0.1:9',
      accessKey: 'AK',
      secretKey: 'SK',
      retry: { maxAttempts: 1 },
      rateLimit: { enabled: false },
    })
    const unknown = []
    for (const op of Client.operations()) {
      const method = client[camel(op.area)][camel(op.method)]
      for (const field of REQUEST_FIELDS[`${op.area}.${op.method}`]) {
        try {
          await method.call(client[camel(op.area)], { [field]: null })
        } catch (e) {
          assert.ok(e instanceof PartnerError, String(e))
          if (/unknown field/.test(e.message)) unknown.push(`${op.operation}.${field}`)
        }
      }
    }
    assert.deepEqual(unknown, [])
  })
})
