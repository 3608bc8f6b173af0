'use strict'
const { inspect } = require('node:util')
const native = require('./native')
const { Client } = require('./client')
const { ConfigError, wrapAsync, wrapSync } = require('./errors')

/**
 * A running offline sandbox of the Partner Center and IAM APIs, for tests. Its credentials
 * are fixed test data. Stop it with `stop()`.
 */
class Sandbox {
  #native

  constructor(handle) {
    this.#native = handle
  }

  /** `http://127.0.0.1:PORT`: BSS (China), IAM, and the International paths. */
  get url() {
    return this.#native.url
  }

  /** Base URL answering as the International site. */
  get intlUrl() {
    return this.#native.intlUrl
  }

  get accessKey() {
    return this.#native.accessKey
  }

  /** The sandbox's secret key (test data). */
  get secretKey() {
    return this.#native.secretKey
  }

  get domainId() {
    return this.#native.domainId
  }

  get domainName() {
    return this.#native.domainName
  }

  get iamUser() {
    return this.#native.iamUser
  }

  /** The IAM user's password (test data). */
  get iamPassword() {
    return this.#native.iamPassword
  }

  get platformId() {
    return this.#native.platformId
  }

  /** The identity provider registered for IdP-initiated federation (`X-Idp-Id`). */
  get idpId() {
    return this.#native.idpId
  }

  /** That identity provider's signing key, PKCS#8 PEM (public test data). */
  get idpKeyPem() {
    return this.#native.idpKeyPem
  }

  /** That identity provider's certificate, PEM. */
  get idpCertificatePem() {
    return this.#native.idpCertificatePem
  }

  get customerIds() {
    return this.#native.customerIds
  }

  get customerDomainNames() {
    return this.#native.customerDomainNames
  }

  get resellerIds() {
    return this.#native.resellerIds
  }

  /**
   * A client pointed at this sandbox with the partner's credentials; `options` override
   * (e.g. `{ site: 'international' }` targets the International paths).
   */
  client(options = {}) {
    const intl = options.site && options.site !== 'china'
    return new Client({
      endpoint: intl ? this.intlUrl : this.url,
      iamEndpoint: this.url,
      accessKey: this.accessKey,
      secretKey: this.secretKey,
      domainId: this.domainId,
      ...options,
    })
  }

  /**
   * Makes the next `count` calls of `operation` (catalogue name, or `*`) fail: answer
   * `status` with `errorCode`, wait `delayMs`, `drop` the connection or `truncate` the body.
   */
  injectFault(fault) {
    if (!fault || typeof fault.operation !== 'string') {
      throw new ConfigError('injectFault needs { operation, ... }', { kind: 'config' })
    }
    const body = {
      operation: fault.operation,
      count: fault.count ?? 1,
      status: fault.status ?? 0,
      delay_ms: fault.delayMs ?? 0,
      drop: Boolean(fault.drop),
      truncate: Boolean(fault.truncate),
      error_code: fault.errorCode ?? null,
    }
    wrapSync(() => this.#native.inject(JSON.stringify(body)))
  }

  /** Removes every pending fault. */
  clearFaults() {
    this.#native.clearFaults()
  }

  /** Requests the sandbox received for a catalogue operation. */
  requestCount(operation) {
    return this.#native.requestCount(operation)
  }

  /** Resets the request counters. */
  resetRequestCounts() {
    this.#native.resetRequestCounts()
  }

  /** Shifts the sandbox clock by `seconds` (token expiry, new record times). */
  setClockOffset(seconds) {
    this.#native.setClockOffset(seconds)
  }

  /** Stops the server. */
  async stop() {
    await wrapAsync(this.#native.stop())
  }

  [inspect.custom]() {
    return `Sandbox { url: '${this.url}' }`
  }
}

/** Starts a sandbox on a free loopback port. */
async function startSandbox(options = {}) {
  const handle = await wrapAsync(native.startSandbox(options))
  return new Sandbox(handle)
}

module.exports = { Sandbox, startSandbox }
