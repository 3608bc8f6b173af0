'use strict'
// Error classes. Every SDK failure is a PartnerError subclass carrying `code` (the API's
// error code, else the stable SDK kind), `kind`, `status`, `requestId` and `retryable`.

const MARKER = 'HCP_ERROR:'

class PartnerError extends Error {
  constructor(message, fields = {}) {
    super(message)
    this.name = new.target.name
    /** API error code (`CBC.0100`...) or the SDK kind (`invalid_input`...). */
    this.code = fields.code || fields.kind || 'unexpected'
    /** Stable SDK kind. */
    this.kind = fields.kind || 'unexpected'
    /** HTTP status, when there was a response. */
    this.status = fields.status ?? null
    /** `X-Request-Id` of the response. */
    this.requestId = fields.requestId ?? null
    /** Whether sending the same request again is safe and may succeed. */
    this.retryable = Boolean(fields.retryable)
    /** Catalogue operation name, when known. */
    this.operation = fields.operation ?? null
    /** Delay the server asked for, in milliseconds. */
    this.retryAfterMs = fields.retryAfterMs ?? null
    /** Whether the API rejected an expired or invalid token. */
    this.tokenExpired = Boolean(fields.tokenExpired)
  }
}

class ConfigError extends PartnerError {}
class AuthError extends PartnerError {}
class PermissionDeniedError extends PartnerError {}
class NotFoundError extends PartnerError {}
class InvalidInputError extends PartnerError {}
class ApiError extends PartnerError {}
class RateLimitedError extends PartnerError {}
class ServerError extends PartnerError {}
class TimeoutError extends PartnerError {}
class ConnectionError extends PartnerError {}
class DecodeError extends PartnerError {}
class UnsupportedError extends PartnerError {}

/** A money-moving request may or may not have been applied; settle it from the records. */
class OutcomeUnknownError extends PartnerError {
  constructor(message, fields = {}) {
    super(message, fields)
    /** What was sent and when: `{ operation, sentAt, body }`. */
    this.pending = fields.pending ?? null
  }
}

const BY_KIND = {
  config: ConfigError,
  auth: AuthError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  invalid_input: InvalidInputError,
  api: ApiError,
  rate_limited: RateLimitedError,
  server: ServerError,
  timeout: TimeoutError,
  connection: ConnectionError,
  decode: DecodeError,
  outcome_unknown: OutcomeUnknownError,
  unsupported: UnsupportedError,
}

/** The error for decoded fields. */
function fromFields(fields) {
  const Cls = BY_KIND[fields.kind] || PartnerError
  return new Cls(fields.message || fields.kind, fields)
}

/** Turns a rejection of the native module into a PartnerError (others pass through). */
function fromNative(e) {
  if (e && typeof e.message === 'string' && e.message.startsWith(MARKER)) {
    let fields
    try {
      fields = JSON.parse(e.message.slice(MARKER.length))
    } catch {
      return e
    }
    return fromFields(fields)
  }
  return e
}

/** Runs `fn`, rethrowing native errors as PartnerErrors (sync). */
function wrapSync(fn) {
  try {
    return fn()
  } catch (e) {
    throw fromNative(e)
  }
}

/** Awaits `promise`, rethrowing native errors as PartnerErrors. */
async function wrapAsync(promise) {
  try {
    return await promise
  } catch (e) {
    throw fromNative(e)
  }
}

function invalidInput(message) {
  return new InvalidInputError(message, { kind: 'invalid_input' })
}

module.exports = {
  PartnerError,
  ConfigError,
  AuthError,
  PermissionDeniedError,
  NotFoundError,
  InvalidInputError,
  ApiError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ConnectionError,
  DecodeError,
  UnsupportedError,
  OutcomeUnknownError,
  fromNative,
  wrapSync,
  wrapAsync,
  invalidInput,
}
