'use strict'
const { inspect } = require('node:util')
const native = require('./native')
const { convertRequest } = require('./convert')
const { ConfigError, invalidInput, wrapAsync, wrapSync } = require('./errors')
const { Paginator } = require('./paginator')
const { wrapSecrets } = require('./secret')
const { AREAS, FIELD_FORMATS } = require('../generated/areas')

const OPTION_KEYS = {
  site: 'string',
  endpoint: 'string',
  bssEndpoint: 'string',
  iamEndpoint: 'string',
  accessKey: 'string',
  secretKey: 'string',
  securityToken: 'string',
  domainId: 'string',
  passwordAuth: { userName: 'string', password: 'string', domainName: 'string' },
  agencyName: 'string',
  tokenRefreshMarginMs: 'ms',
  connectTimeoutMs: 'ms',
  timeoutMs: 'ms',
  proxy: 'string',
  userAgentSuffix: 'string',
  retry: { maxAttempts: 'count', initialBackoffMs: 'ms', maxBackoffMs: 'ms', maxElapsedMs: 'ms' },
  rateLimit: { enabled: 'boolean', perSecond: 'count', perOperation: 'record', burst: 'count' },
}

function configError(message) {
  return new ConfigError(message, { kind: 'config' })
}

// Checks option names and types before anything reaches the native side, so a typo such as
// `secretkey` is an error rather than a silently ignored setting.
function checkOptions(options, spec, where) {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw configError(`${where} must be an object`)
  }
  const out = {}
  for (const [key, value] of Object.entries(options)) {
    const kind = spec[key]
    const name = `${where}.${key}`
    if (kind === undefined) throw configError(`unknown option ${name}`)
    if (value === undefined || value === null) continue
    if (typeof kind === 'object') {
      out[key] = checkOptions(value, kind, name)
    } else if (kind === 'ms' || kind === 'count') {
      if (!Number.isInteger(value) || value < (kind === 'count' ? 1 : 0) || value > 2 ** 32 - 1) {
        throw configError(
          `${name} must be a ${kind === 'ms' ? 'whole number of milliseconds' : 'positive integer'}`,
        )
      }
      out[key] = value
    } else if (kind === 'object') {
      if (typeof value !== 'object') throw configError(`${name} must be an object`)
      out[key] = value
    } else if (kind === 'record') {
      if (typeof value !== 'object') throw configError(`${name} must be an object`)
      for (const [op, n] of Object.entries(value)) {
        if (!Number.isInteger(n) || n < 1)
          throw configError(`${name}.${op} must be a positive integer`)
      }
      out[key] = { ...value }
    } else if (typeof value !== kind) {
      throw configError(`${name} must be a ${kind}`)
    } else {
      out[key] = value
    }
  }
  return out
}

function one(obj, keys, what) {
  const present = keys.filter((k) => typeof obj?.[k] === 'string' && obj[k].trim() !== '')
  if (present.length !== 1) throw invalidInput(`${what} needs exactly one of ${keys.join(', ')}`)
  return present[0]
}

// `{ domainName }` or `{ domainId }` -> the core's CustomerRef JSON.
function customerRef(c) {
  const k = one(c, ['domainName', 'domainId'], 'customer')
  return k === 'domainName' ? { domain_name: c.domainName } : { domain_id: c.domainId }
}

// `{ domainName | domainId | projectName | projectId }` -> the core's Scope JSON.
function scopeRef(s) {
  const k = one(s, ['domainName', 'domainId', 'projectName', 'projectId'], 'scope')
  const level = k.startsWith('domain') ? 'domain' : 'project'
  return { [level]: k.endsWith('Name') ? { name: s[k] } : { id: s[k] } }
}

/**
 * A Partner Center client. Configure it like the Rust core: site, endpoints, credentials
 * (else `HUAWEICLOUD_SDK_AK`/`_SK`/... or the profile file), timeouts, retries, rate limits.
 * Resource areas hang off it (`client.customers`, `client.funding`...); every call returns
 * a Promise and runs off the event loop.
 */
class Client {
  #native

  constructor(options = {}) {
    if (options instanceof native.NativeClient) {
      this.#native = options // from forCustomer()
    } else {
      const opts = checkOptions(options, OPTION_KEYS, 'options') || {}
      const pw = opts.passwordAuth
      if (pw && !(pw.userName && pw.password && pw.domainName)) {
        throw configError('options.passwordAuth needs userName, password and domainName')
      }
      this.#native = wrapSync(() => new native.NativeClient(opts))
    }
    const invoker = {
      _call: (area, method, request) => this.#call(area, method, request),
      _paginate: (area, method, request, options) => this.#paginate(area, method, request, options),
    }
    for (const [name, Area] of Object.entries(AREAS)) {
      Object.defineProperty(this, name, { value: new Area(invoker), enumerable: true })
    }
  }

  /** `china`, `international` or `europe`. */
  get site() {
    return this.#native.site
  }

  /** The BSS base URL in use. */
  get bssEndpoint() {
    return this.#native.bssEndpoint
  }

  /** The IAM base URL in use. */
  get iamEndpoint() {
    return this.#native.iamEndpoint
  }

  /**
   * A client acting in a customer's account (token substitution): the partner's token is
   * exchanged for one of the agency the customer granted (`agencyName` option, the partner
   * platform id, unless `options.agencyName` is given). The token is obtained now, cached
   * and renewed.
   */
  async forCustomer(customer, options = {}) {
    const o = checkOptions(options, { scope: 'object', agencyName: 'string' }, 'options') || {}
    const c = customerRef(customer)
    const scope = o.scope
      ? scopeRef(o.scope)
      : { domain: c.domain_name ? { name: c.domain_name } : { id: c.domain_id } }
    const handle = await wrapAsync(
      this.#native.forCustomer(JSON.stringify(c), JSON.stringify(scope), o.agencyName),
    )
    return new Client(handle)
  }

  async #call(area, method, request) {
    const body = convertRequest(request, FIELD_FORMATS[`${area}.${method}`], `${area}.${method}`)
    const text = await wrapAsync(this.#native.call(area, method, JSON.stringify(body)))
    return wrapSecrets(JSON.parse(text))
  }

  #paginate(area, method, request, options = {}) {
    const body = convertRequest(request, FIELD_FORMATS[`${area}.${method}`], `${area}.${method}`)
    const { concurrency } = checkOptions(options, { concurrency: 'count' }, 'options') || {}
    const p = wrapSync(() => this.#native.paginate(area, method, JSON.stringify(body), concurrency))
    return new Paginator(p)
  }

  [inspect.custom]() {
    return `Client { site: '${this.site}', bssEndpoint: '${this.bssEndpoint}' }`
  }

  /** Every operation this build can call: `{ operation, area, method, paginated }`. */
  static operations() {
    return native.operations().map((o) => ({ ...o, paginated: o.paginated ?? null }))
  }
}

module.exports = { Client }
