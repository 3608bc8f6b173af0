'use strict'
// SAML single sign-on with the partner platform as identity provider (core `auth::saml`).
const { inspect } = require('node:util')
const native = require('./native')
const { formatTimestamp } = require('./convert')
const { invalidInput, wrapSync } = require('./errors')

/** The IAM URL that starts a customer's SSO login. */
function samlLoginUrl(options) {
  return wrapSync(() => native.samlLoginUrl(options))
}

/** A decoded AuthnRequest from IAM, its signature checked. */
class AuthnRequest {
  #native

  constructor(handle) {
    this.#native = handle
    Object.assign(this, JSON.parse(handle.toJson()))
  }

  /** @internal */
  static native(req) {
    return req.#native
  }
}

/**
 * Decodes an HTTP-Redirect `SAMLRequest` (the query or the whole URL) and checks its
 * signature with IAM's SP certificate (PEM).
 */
function decodeSamlRequest(queryOrUrl, spCertificatePem) {
  return new AuthnRequest(wrapSync(() => native.samlDecodeRedirect(queryOrUrl, spCertificatePem)))
}

/** A signed SAML Response. It is a bearer credential: never log it. */
class SamlResponse {
  #parts

  constructor(parts) {
    this.#parts = parts
  }

  get xml() {
    return this.#parts.xml
  }

  /** The `SAMLResponse` form value. */
  get base64() {
    return this.#parts.base64
  }

  /** An HTML page that posts the response to IAM; serve it as text/html. */
  get postFormHtml() {
    return this.#parts.postFormHtml
  }

  get destination() {
    return this.#parts.destination
  }

  get relayState() {
    return this.#parts.relayState ?? null
  }

  get responseId() {
    return this.#parts.responseId
  }

  get assertionId() {
    return this.#parts.assertionId
  }

  [inspect.custom]() {
    return `SamlResponse { destination: '${this.destination}', responseId: '${this.responseId}' }`
  }
}

/** The partner platform as SAML identity provider. Holds the private key natively. */
class IdentityProvider {
  #native

  constructor(entityId, keyPem, certificatePem, options) {
    this.#native = wrapSync(
      () => new native.NativeIdentityProvider(entityId, keyPem, certificatePem, options),
    )
    this.entityId = entityId
  }

  /** The IdP metadata XML to upload in Partner Center. */
  metadataXml(ssoUrl) {
    return wrapSync(() => this.#native.metadataXml(ssoUrl))
  }

  /** A signed Response to `request` for `user`, issued at `now` (default: the clock). */
  respond(request, user, now) {
    if (!(request instanceof AuthnRequest)) {
      throw invalidInput('respond() needs the AuthnRequest returned by decodeSamlRequest()')
    }
    let at = now
    if (at instanceof Date) at = formatTimestamp(at)
    const parts = wrapSync(() => this.#native.respond(AuthnRequest.native(request), user, at))
    return new SamlResponse(parts)
  }

  /**
   * A signed Response not answering a request (IdP-initiated sign-on): `{ destination,
   * audience, nameId, nameIdFormat?, inResponseTo?, attributes?, relayState? }`.
   */
  buildResponse(params, now) {
    const at = now instanceof Date ? formatTimestamp(now) : now
    return new SamlResponse(wrapSync(() => this.#native.buildResponse(params, at)))
  }

  [inspect.custom]() {
    return `IdentityProvider { entityId: '${this.entityId}' }`
  }
}

/**
 * Verifies a received SAML Response (XML or base64) with the IdP's certificate (PEM): the
 * signature, validity window and the expectations in `options`. Returns its fields.
 */
function verifySamlResponse(xmlOrBase64, certificatePem, options = {}) {
  const o = { ...options }
  if (o.now instanceof Date) o.now = formatTimestamp(o.now)
  return JSON.parse(wrapSync(() => native.samlVerifyResponse(xmlOrBase64, certificatePem, o)))
}

module.exports = {
  samlLoginUrl,
  verifySamlResponse,
  decodeSamlRequest,
  AuthnRequest,
  IdentityProvider,
  SamlResponse,
}
