// Typed usage of the public API, checked by `tsc --noEmit` (never run). The lines marked as
// expected errors must stay errors: they prove the types refuse misuse.
import {
  Client,
  OutcomeUnknownError,
  PartnerError,
  RateLimitedError,
  IdentityProvider,
  decodeSamlRequest,
  samlLoginUrl,
  startSandbox,
  verifySamlResponse,
  Secret,
  type Amount,
  type ErrorKind,
  type Page,
} from 'huaweicloud-partner'
import type {
  AdjustRecordV3,
  CustomerInformation,
  ListPartnerAdjustRecordsRequest,
  ListSubCustomersResponse,
} from 'huaweicloud-partner'

async function usage(): Promise<void> {
  const client = new Client({
    site: 'china',
    accessKey: 'AK',
    secretKey: 'SK',
    timeoutMs: 30_000,
    retry: { maxAttempts: 3 },
    rateLimit: { perSecond: 5, perOperation: { list_sub_customers: 2 } },
  })

  const page: ListSubCustomersResponse = await client.customers.list({ limit: 10, offset: 0 })
  const first: CustomerInformation | undefined = page.customer_infos?.[0]
  const id: string = first ? first.customer_id : ''
  const count: number | null | undefined = page.count

  for await (const c of client.customers.listAll({ associated_on_begin: new Date() })) {
    const name: string = c.account_name
    void name
  }

  const request: ListPartnerAdjustRecordsRequest = {
    customer_id: id,
    operation_time_begin: new Date('2024-06-01T00:00:00Z'),
    operation_time_end: '2024-06-30T23:59:59Z',
    limit: 100,
  }
  const records = client.funding.adjustRecords(request, { concurrency: 4 })
  const p: Page<AdjustRecordV3> | null = await records.nextPage()
  const amount: Amount | null | undefined = p?.items[0]?.amount
  const all: AdjustRecordV3[] = await records.collectAll()
  for await (const pg of client.funding.adjustRecords().pages()) void pg.total

  // @ts-expect-error limit is a number
  await client.customers.list({ limit: '10' })
  // @ts-expect-error unknown option
  new Client({ secretkey: 'x' })
  // @ts-expect-error amounts are strings, not numbers
  const n: number = all[0].amount

  try {
    await client.customers.list()
  } catch (e) {
    if (e instanceof RateLimitedError) {
      const wait: number | null = e.retryAfterMs
      void wait
    } else if (e instanceof OutcomeUnknownError) {
      const sent: string | undefined = e.pending?.sentAt
      void sent
    } else if (e instanceof PartnerError) {
      const kind: ErrorKind = e.kind
      const rid: string | null = e.requestId
      const s: number | null = e.status
      const r: boolean = e.retryable
      void [kind, rid, s, r, e.code]
    }
  }

  const partner = new Client({
    passwordAuth: { userName: 'ops', password: 'pw', domainName: 'partner' },
    agencyName: 'platform_id',
  })
  const customer: Client = await partner.forCustomer({ domainName: 'customer_a' })
  await partner.forCustomer({ domainId: 'id' }, { scope: { projectName: 'cn-north-4' } })
  const issued = await customer.iam.createTokenByPassword({
    user_name: 'ops',
    password: 'pw',
    domain_name: 'partner',
  })
  const token: Secret = issued.x_subject_token
  const text: string = token.expose()
  await customer.iam.createScopedToken({ token: text, scope: { project: { name: 'cn-north-4' } } })
  const domains = await customer.iam.listAuthDomains()
  const domainName: string = domains.domains[0].name
  // @ts-expect-error a customer is named by domainName or domainId
  await partner.forCustomer({ name: 'x' })
  void domainName

  const sandbox = await startSandbox({ customers: 5 })
  sandbox.injectFault({ operation: 'list_sub_customers', status: 503, count: 1 })
  const sc: Client = sandbox.client({ retry: { maxAttempts: 1 } })
  const requests: number = sandbox.requestCount('list_sub_customers')
  await sandbox.stop()

  const url: string = samlLoginUrl({ xAccountType: 'platform', firstLogin: true })
  const idp = new IdentityProvider('https://idp.example.com', 'KEY', 'CERT', {
    validitySeconds: 300,
  })
  const req = decodeSamlRequest('SAMLRequest=...', 'SP CERT')
  const res = idp.respond(req, { userId: 'u1', accountId: 'a1' }, new Date())
  const html: string = res.postFormHtml
  const idpInitiated = idp.buildResponse({
    destination: 'https://iam.example.com/acs',
    audience: 'https://iam.example.com',
    nameId: 'user-1',
    attributes: { IAM_SAML_Attributes_idp_id: sandbox.idpId },
  })
  void idpInitiated.base64
  const verified = verifySamlResponse(res.base64, 'CERT', {
    issuer: 'https://idp.example.com',
    now: new Date(),
  })
  const emails: string[] | undefined = verified.attributes.email
  void [
    count,
    amount,
    n,
    sc,
    requests,
    url,
    html,
    emails,
    idp.metadataXml('https://idp.example.com/sso'),
  ]
}

void usage
