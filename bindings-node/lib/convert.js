'use strict'
// Request conversion: the only place JS values are turned into the core's JSON. Amounts
// must be exact (decimal strings); Dates become the API's UTC formats.
const { invalidInput } = require('./errors')
const { Secret } = require('./secret')

const pad = (n, w = 2) => String(n).padStart(w, '0')

// Request fields holding secrets: anything but a string is refused here, so that a decoding
// error in the core can never quote the value.
const SECRET_FIELDS = new Set([
  'password',
  'auth_token',
  'subject_token',
  'saml_response',
  'token',
  'secret_key',
  'security_token',
])

/** `YYYY-MM-DDThh:mm:ssZ` (UTC, whole seconds: milliseconds are dropped). */
function formatTimestamp(d) {
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`
  )
}

function formatDate(d, format) {
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`
  if (format === 'month') return day
  if (format === 'date') return `${day}-${pad(d.getUTCDate())}`
  return formatTimestamp(d)
}

function amountTypeError(path, value) {
  return new TypeError(
    `${path}: amounts must be decimal strings such as "12.50", got the number ${value}; ` +
      'a JavaScript number cannot hold money exactly',
  )
}

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * Converts a request object for the core. `formats` maps a format (`amount`, `datetime`,
 * `date`, `month`) to the field paths having it (`a.b`, `items[].amount`).
 */
function convertRequest(request, formats = {}, where = 'request') {
  if (request === undefined || request === null) return {}
  if (!isPlainObject(request)) {
    throw invalidInput(`${where}: the request must be a plain object of options`)
  }
  const byPath = new Map()
  for (const [fmt, paths] of Object.entries(formats)) {
    for (const p of paths) byPath.set(p, fmt)
  }

  const walk = (value, path) => {
    const fmt = byPath.get(path)
    if (value === undefined) return undefined
    if (value === null) return null
    const key = path.slice(path.lastIndexOf('.') + 1)
    if (SECRET_FIELDS.has(key) && typeof value !== 'string' && !(value instanceof Secret)) {
      throw invalidInput(`${path} must be a string`)
    }
    switch (typeof value) {
      case 'number':
        if (fmt === 'amount') throw amountTypeError(path, value)
        if (!Number.isFinite(value)) throw invalidInput(`${path}: ${value} is not a finite number`)
        return value
      case 'bigint':
        if (fmt === 'amount') return value.toString()
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
          throw invalidInput(`${path}: ${value} is out of range`)
        }
        return Number(value)
      case 'string':
      case 'boolean':
        return value
      case 'object':
        break
      default:
        throw invalidInput(`${path}: a ${typeof value} cannot be sent`)
    }
    if (value instanceof Secret) return value.expose()
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw invalidInput(`${path}: invalid Date`)
      if (fmt === 'amount') throw invalidInput(`${path}: a Date is not an amount`)
      return formatDate(value, fmt)
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, `${path}[]`))
    if (fmt === 'amount' && typeof value.toFixed === 'function') {
      // Decimal libraries (decimal.js, big.js): toFixed() without digits is exact.
      return String(value.toFixed())
    }
    if (!isPlainObject(value)) {
      throw invalidInput(`${path}: objects of class ${value.constructor?.name} cannot be sent`)
    }
    const out = {}
    for (const [k, v] of Object.entries(value)) {
      const c = walk(v, path ? `${path}.${k}` : k)
      if (c !== undefined) out[k] = c
    }
    return out
  }
  return walk(request, '')
}

module.exports = { convertRequest, formatTimestamp, formatDate }
