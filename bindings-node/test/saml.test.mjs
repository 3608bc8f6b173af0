// SAML SSO helpers: login URL, decoding IAM's signed request, signed responses, metadata.
import assert from 'node:assert/strict'
import { createSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { deflateRawSync } from 'node:zlib'
import { describe, it } from 'node:test'
import {
  AuthnRequest,
  IdentityProvider,
  InvalidInputError,
  decodeSamlRequest,
  samlLoginUrl,
  verifySamlResponse,
} from '../index.mjs'

const fixture = (name) =>
  readFileSync(new URL(`../../core/tests/fixtures/saml/${name}`, import.meta.url), 'utf8')
const ACS = 'https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer'
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'

// An AuthnRequest as IAM sends it: deflated, base64, URL-encoded, signed with the SP key.
function redirectQuery({
  id = '_a1b2c3d4e5f60718293a4b5c6d7e8f90',
  relay,
  key = 'sp_key.pem',
} = {}) {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
    `xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" ` +
    `IssueInstant="2026-12-03T08:30:12Z" AssertionConsumerServiceURL="${ACS}">` +
    '<saml:Issuer>https://auth.huaweicloud.com/</saml:Issuer></samlp:AuthnRequest>'
  const parts = [`SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`]
  if (relay !== undefined) parts.push(`RelayState=${encodeURIComponent(relay)}`)
  parts.push(`SigAlg=${encodeURIComponent(RSA_SHA256)}`)
  const signer = createSign('RSA-SHA256')
  signer.update(parts.join('&'))
  const sig = signer.sign(fixture(key)).toString('base64')
  return `${parts.join('&')}&Signature=${encodeURIComponent(sig)}`
}

const idp = () =>
  new IdentityProvider(
    'https://idp.partner.example.com',
    fixture('idp_key.pkcs8.pem'),
    fixture('idp_cert.pem'),
  )

describe('SAML', () => {
  it('builds the IAM login URL with encoded values', () => {
    const url = samlLoginUrl({
      xAccountType: 'sandbox_IDP',
      service: 'https://console.huaweicloud.com/?a=b c',
    })
    assert.equal(
      url,
      'https://auth.huaweicloud.com/authui/saml/login?xAccountType=sandbox_IDP&isFirstLogin=false' +
        '&service=https%3A%2F%2Fconsole.huaweicloud.com%2F%3Fa%3Db%20c',
    )
    assert.throws(() => samlLoginUrl({ xAccountType: ' ' }), InvalidInputError)
  })

  it('decodes a signed redirect request and answers it with a signed response', () => {
    const relay = 'https://console.huaweicloud.com/iam/?region=cn-north-4'
    const request = decodeSamlRequest(
      `https://idp.partner.example.com/sso?${redirectQuery({ relay })}`,
      fixture('sp_cert.pem'),
    )
    assert.ok(request instanceof AuthnRequest)
    assert.equal(request.id, '_a1b2c3d4e5f60718293a4b5c6d7e8f90')
    assert.equal(request.acsUrl, ACS)
    assert.equal(request.relayState, relay)
    assert.equal(request.issueInstant, '2026-12-03T08:30:12Z')

    const response = idp().respond(
      request,
      { userId: 'user-42', accountId: 'acct-42', extra: { dept: 'ops' } },
      new Date(Date.UTC(2026, 11, 3, 8, 30, 13)),
    )
    assert.equal(response.destination, ACS)
    assert.equal(response.relayState, relay)
    const xml = Buffer.from(response.base64, 'base64').toString('utf8')
    assert.equal(xml, response.xml)
    assert.match(xml, /InResponseTo="_a1b2c3d4e5f60718293a4b5c6d7e8f90"/)
    assert.match(xml, /<ds:SignatureValue>/)
    assert.match(xml, /IssueInstant="2026-12-03T08:30:13Z"/)
    assert.match(xml, /user-42/)
    assert.match(
      response.postFormHtml,
      /<form[^>]+action="https:\/\/auth\.huaweicloud\.com\/authui\/saml\/SAMLAssertionConsumer"/,
    )
    assert.ok(
      !inspect(response).includes(response.base64.slice(0, 40)),
      'inspect hides the assertion',
    )
  })

  it('verifies its own responses, and refuses them when the expectations fail', () => {
    const request = decodeSamlRequest(redirectQuery(), fixture('sp_cert.pem'))
    const at = new Date(Date.UTC(2026, 11, 3, 8, 30, 13))
    const response = idp().respond(request, { userId: 'user-7', email: 'u7@example.com' }, at)
    const v = verifySamlResponse(response.base64, fixture('idp_cert.pem'), {
      issuer: 'https://idp.partner.example.com',
      destination: ACS,
      inResponseTo: request.id,
      now: at,
    })
    assert.equal(v.inResponseTo, request.id)
    assert.equal(v.issuer, 'https://idp.partner.example.com')
    assert.equal(v.assertionId, response.assertionId)
    assert.deepEqual(v.attributes.email, ['u7@example.com'])
    const verify = (cert, options) => () =>
      verifySamlResponse(response.xml, fixture(cert), { now: at, ...options })
    assert.throws(verify('other_cert.pem', {}), InvalidInputError)
    assert.throws(verify('idp_cert.pem', { inResponseTo: '_other' }), InvalidInputError)
    assert.throws(
      verify('idp_cert.pem', { now: new Date(Date.UTC(2026, 11, 4)) }),
      InvalidInputError,
    )
    const tampered = response.xml.replace('user-7', 'user-8')
    assert.throws(
      () => verifySamlResponse(tampered, fixture('idp_cert.pem'), { now: at }),
      InvalidInputError,
    )
  })

  it('refuses a request signed by someone else', () => {
    assert.throws(
      () => decodeSamlRequest(redirectQuery({ key: 'other_key.pem' }), fixture('sp_cert.pem')),
      (e) => e instanceof InvalidInputError && /signature/i.test(e.message),
    )
  })

  it('refuses a key that does not match the certificate', () => {
    assert.throws(
      () =>
        new IdentityProvider(
          'https://idp.partner.example.com',
          fixture('other_key.pem'),
          fixture('idp_cert.pem'),
        ),
      InvalidInputError,
    )
  })

  it('writes IdP metadata naming the SSO URL and the certificate', () => {
    const xml = idp().metadataXml('https://idp.partner.example.com/sso')
    assert.match(xml, /entityID="https:\/\/idp\.partner\.example\.com"/)
    assert.match(xml, /Location="https:\/\/idp\.partner\.example\.com\/sso"/)
    assert.throws(() => idp().metadataXml('not a url'), InvalidInputError)
  })

  it('never shows the private key in util.inspect', () => {
    const text = inspect(idp(), { showHidden: true, depth: 5 })
    const keyLine = fixture('idp_key.pkcs8.pem').split('\n')[1]
    assert.ok(!text.includes(keyLine))
  })
})
