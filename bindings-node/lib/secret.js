'use strict'
// A secret value in a result (IAM tokens, temporary secret keys). It prints as redacted in
// util.inspect, String() and JSON; `expose()` gives the text. Pass it back into requests as
// is.
const { inspect } = require('node:util')

class Secret {
  #value

  constructor(value) {
    this.#value = String(value)
  }

  /** The secret text. Do not log it. */
  expose() {
    return this.#value
  }

  toString() {
    return '[redacted]'
  }

  toJSON() {
    return '[redacted]'
  }

  [inspect.custom]() {
    return 'Secret([redacted])'
  }
}

const SECRET_KEYS = new Set(['x_subject_token', 'secret', 'securitytoken', 'security_token'])

/** Wraps the secret fields of a parsed result, in place. */
function wrapSecrets(value) {
  if (Array.isArray(value)) {
    value.forEach(wrapSecrets)
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k) && typeof v === 'string') value[k] = new Secret(v)
      else wrapSecrets(v)
    }
  }
  return value
}

module.exports = { Secret, wrapSecrets }
