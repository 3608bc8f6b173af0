// Requests with every required field filled in, built from the catalogue, so that each
// registered operation can be called against the sandbox.
import { readFileSync } from 'node:fs'

const catalogue = JSON.parse(
  readFileSync(new URL('../../spec/operations.json', import.meta.url), 'utf8'),
)

function value(f, sb) {
  const arr = /^array<(.+)>$/.exec(f.type)
  if (arr) return [value({ ...f, type: arr[1] }, sb)]
  if (f.money_like || ['decimal', 'double', 'float'].includes(f.type)) return '1.00'
  if (f.fields) return object(f.fields, sb)
  const hint = f.format_hint || ''
  if (['int', 'integer', 'long'].includes(f.type)) return 1
  if (['bool', 'boolean'].includes(f.type)) return false
  if (hint.startsWith('utc-datetime')) return '2025-06-01T00:00:00Z'
  if (hint.startsWith('date ')) return '2025-06-01'
  if (hint.startsWith('month ')) return '2025-06'
  if (/customer_id$/.test(f.name)) return sb.customerIds[0]
  if (/(^|_)id$/.test(f.name)) return '0123456789abcdef0123456789abcdef'
  return 'x'
}

function object(fields, sb) {
  const out = {}
  for (const f of fields || []) if (f.required) out[f.name] = value(f, sb)
  return out
}

/** A request for catalogue operation `name` with its required fields set. */
export function sampleRequest(name, sb) {
  const entry = catalogue.operations.find((o) => o.operation === name)
  if (!entry) return {}
  return object(
    [
      ...(entry.path_params || []),
      ...(entry.query_params || []),
      ...((entry.request_body && entry.request_body.fields) || []),
    ],
    sb,
  )
}

/** Whether catalogue operation `name` exists only on the International site. */
export function internationalOnly(name) {
  const services = new Set(
    catalogue.operations.filter((o) => o.operation === name).map((o) => o.service),
  )
  return services.size > 0 && !services.has('bss') && !services.has('iam')
}
