// IAM tokens, partner -> customer token substitution, secrets in results.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inspect } from 'node:util'
import { AuthError, Client, ConfigError, IdentityProvider, Secret } from '../index.mjs'
import { TIMESTAMP, useSandbox } from './helpers.mjs'

const sandbox = useSandbox()
const PASSWORD_OP = 'keystone_create_user_token_by_password'
const AGENCY_OP = 'keystone_create_agency_token'

function passwordClient(sb, extra = {}) {
  return new Client({
    endpoint: sb.url,
    passwordAuth: { userName: sb.iamUser, password: sb.iamPassword, domainName: sb.domainName },
    agencyName: sb.platformId,
    retry: { maxAttempts: 1 },
    rateLimit: { enabled: false },
    ...extra,
  })
}

describe('IAM tokens', () => {
  it('a password-authenticated client gets one token and reuses it', async () => {
    const sb = sandbox()
    sb.resetRequestCounts()
    const client = passwordClient(sb)
    const a = await client.customers.list({ limit: 2 })
    const b = await client.customers.list({ limit: 2, offset: 2 })
    assert.equal(a.customer_infos.length, 2)
    assert.equal(b.customer_infos.length, 2)
    assert.equal(sb.requestCount(PASSWORD_OP), 1)
  })

  it('iam.createTokenByPassword returns the token as a Secret', async () => {
    const sb = sandbox()
    const client = passwordClient(sb)
    const issued = await client.iam.createTokenByPassword({
      user_name: sb.iamUser,
      password: sb.iamPassword,
      domain_name: sb.domainName,
      nocatalog: true,
    })
    assert.ok(issued.x_subject_token instanceof Secret)
    const token = issued.x_subject_token.expose()
    assert.ok(token.length > 20)
    assert.match(issued.token.expires_at, TIMESTAMP)
    for (const text of [
      inspect(issued, { depth: 9 }),
      JSON.stringify(issued),
      String(issued.x_subject_token),
    ]) {
      assert.ok(!text.includes(token), 'the token is not shown')
    }
    // A Secret goes back into requests as is.
    const checked = await client.iam.validateToken({
      subject_token: issued.x_subject_token,
      nocatalog: true,
    })
    assert.equal(checked.token.user.name, sb.iamUser)
  })

  it('a wrong password is an AuthError that does not repeat the password', async () => {
    const sb = sandbox()
    const wrong = 'Wrong@Passw0rd-xyz'
    const client = new Client({
      endpoint: sb.url,
      passwordAuth: { userName: sb.iamUser, password: wrong, domainName: sb.domainName },
      retry: { maxAttempts: 1 },
    })
    await assert.rejects(client.customers.list({}), (e) => {
      assert.ok(e instanceof AuthError, String(e))
      assert.equal(e.status, 401)
      assert.ok(!e.message.includes(wrong) && !inspect(e).includes(wrong))
      return true
    })
  })

  it('a secret of the wrong type is refused without quoting it', async () => {
    const sb = sandbox()
    const client = passwordClient(sb)
    const request = { user_name: sb.iamUser, password: 987654321, domain_name: sb.domainName }
    await assert.rejects(client.iam.createTokenByPassword(request), (e) => {
      assert.equal(e.kind, 'invalid_input')
      assert.ok(!e.message.includes('987654321'), e.message)
      return true
    })
  })

  it('half a password configuration is a ConfigError', () => {
    assert.throws(() => new Client({ passwordAuth: { userName: 'u', password: 'p' } }), ConfigError)
  })
})

describe('token substitution', () => {
  it('forCustomer acts in the customer account through the agency', async () => {
    const sb = sandbox()
    sb.resetRequestCounts()
    const partner = passwordClient(sb)
    const customerName = sb.customerDomainNames[0]
    const customer = await partner.forCustomer({ domainName: customerName })
    assert.ok(customer instanceof Client)
    assert.equal(sb.requestCount(AGENCY_OP), 1)
    const domains = await customer.iam.listAuthDomains()
    assert.deepEqual(
      domains.domains.map((d) => d.name),
      [customerName],
    )
    const own = await partner.iam.listAuthDomains()
    assert.deepEqual(
      own.domains.map((d) => d.name),
      [sb.domainName],
    )
    // The agency token is cached: a second substitution for the same customer reuses it.
    await partner.forCustomer({ domainName: customerName })
    assert.equal(sb.requestCount(AGENCY_OP), 1)
  })

  it('an unknown customer is a NotFoundError, a wrong agency an ApiError', async () => {
    const partner = passwordClient(sandbox())
    await assert.rejects(partner.forCustomer({ domainName: 'no_such_customer' }), {
      kind: 'not_found',
    })
    await assert.rejects(
      partner.forCustomer(
        { domainName: sandbox().customerDomainNames[0] },
        { agencyName: 'other' },
      ),
      { code: 'IAM.0007' },
    )
  })

  it('without an agency name it is a ConfigError; a bad customer is invalid input', async () => {
    const sb = sandbox()
    const partner = passwordClient(sb, { agencyName: undefined })
    await assert.rejects(
      partner.forCustomer({ domainName: sb.customerDomainNames[0] }),
      ConfigError,
    )
    await assert.rejects(partner.forCustomer({}), { kind: 'invalid_input' })
    await assert.rejects(partner.forCustomer({ domainName: 'a', domainId: 'b' }), {
      kind: 'invalid_input',
    })
  })
})

describe('IdP-initiated federation', () => {
  it('a Response signed by the registered IdP becomes an IAM token, then a scoped one', async () => {
    const sb = sandbox()
    const idp = new IdentityProvider(
      'https://idp.partner.example.com',
      sb.idpKeyPem,
      sb.idpCertificatePem,
    )
    const response = idp.buildResponse({
      destination: 'https://iam.myhuaweicloud.com/v3-ext/auth/OS-FEDERATION/SSO/SAML2/POST',
      audience: 'https://iam.myhuaweicloud.com',
      nameId: 'federated-user-1',
      attributes: {
        IAM_SAML_Attributes_idp_id: sb.idpId,
        IAM_SAML_Attributes_domain_id: sb.domainId,
      },
    })
    const client = passwordClient(sb)
    const unscoped = await client.iam.createUnscopedTokenByIdpInitiated({
      idp_id: sb.idpId,
      saml_response: response.base64,
    })
    assert.ok(unscoped.x_subject_token instanceof Secret)
    const scoped = await client.iam.createScopedToken({
      token: unscoped.x_subject_token,
      scope: { domain: { id: sb.domainId } },
    })
    assert.ok(scoped.x_subject_token.expose().length > 0)
    assert.notEqual(scoped.x_subject_token.expose(), unscoped.x_subject_token.expose())
  })

  it('a Response signed by another key is refused by IAM', async () => {
    const sb = sandbox()
    const { readFileSync } = await import('node:fs')
    const fixture = (n) =>
      readFileSync(new URL(`../../core/tests/fixtures/saml/${n}`, import.meta.url), 'utf8')
    const idp = new IdentityProvider(
      'https://idp.partner.example.com',
      fixture('other_key.pem'),
      fixture('other_cert.pem'),
    )
    const response = idp.buildResponse({
      destination: 'https://iam.myhuaweicloud.com/v3-ext/auth/OS-FEDERATION/SSO/SAML2/POST',
      audience: 'https://iam.myhuaweicloud.com',
      nameId: 'federated-user-2',
      attributes: {
        IAM_SAML_Attributes_idp_id: sb.idpId,
        IAM_SAML_Attributes_domain_id: sb.domainId,
      },
    })
    await assert.rejects(
      passwordClient(sb).iam.createUnscopedTokenByIdpInitiated({
        idp_id: sb.idpId,
        saml_response: response.base64,
      }),
      (e) => e.status >= 400 && e.status < 500,
    )
  })
})
