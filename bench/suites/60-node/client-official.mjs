// The measured client for the baseline: the official Huawei Cloud Node SDK
// (@huaweicloud/huaweicloud-sdk-core + -iam, installed into this folder by ./run). One process
// per run; prints one JSON line (measure.mjs).
//
// Pointing it at the sandbox: `withEndpoint('http://127.0.0.1:PORT')` is accepted as is
// (plain http works; no region, so no project/domain discovery call), and the domain id is
// given so GlobalCredentials never asks IAM for it.
import { createRequire } from 'node:module'
import { checkToken, measure } from './measure.mjs'

const require = createRequire(import.meta.url)
const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core')
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder')
// The v3 entry point, as the SDK's own examples import it (the package root also loads v5,
// whose public-api.js requires a file that does not exist in 3.1.172).
const iam = require('@huaweicloud/huaweicloud-sdk-iam/v3/public-api')

function credentials(s) {
  return new GlobalCredentials().withAk(s.accessKey).withSk(s.secretKey).withDomainId(s.domainId)
}

// The IAM client refuses to build without AK/SK, even for the password token call (which
// it then signs, as its Python sibling does).
function iamClient(s) {
  return iam.IamClient.newBuilder().withCredential(credentials(s)).withEndpoint(s.url).build()
}

// There is no Node BSS SDK on npm, so a Node user calls BSS through the official core's own
// client (signing, transport, JSON decoding) with hand-written requests, as here.
function coreClient(s) {
  return new ClientBuilder((hc) => hc, 'GlobalCredentials')
    .withCredential(credentials(s))
    .withEndpoint(s.url)
    .build()
}

// Offset/limit paging through a core client until the reported total is reached.
async function page(hc, request, itemsOf, totalOf, check) {
  let items = 0
  for (let offset = 0; ; offset += 100) {
    const r = await hc.sendRequest(request(offset, 100))
    const page = itemsOf(r)
    for (const item of page) check(item)
    items += page.length
    if (page.length === 0 || items >= totalOf(r)) return items
  }
}

await measure({
  async tokens(s) {
    const c = iamClient(s)
    const body = new iam.KeystoneCreateUserTokenByPasswordRequestBody(
      new iam.PwdAuth(
        new iam.PwdIdentity(
          ['password'],
          new iam.PwdPassword(
            new iam.PwdPasswordUser(
              new iam.PwdPasswordUserDomain(s.iamDomain),
              s.iamUser,
              s.iamPassword,
            ),
          ),
        ),
        new iam.AuthScope().withDomain(new iam.AuthScopeDomain().withName(s.iamDomain)),
      ),
    )
    let checked = 0
    for (let i = 0; i < s.n; i++) {
      const request = new iam.KeystoneCreateUserTokenByPasswordRequest()
        .withNocatalog('true')
        .withBody(body)
      const r = await c.keystoneCreateUserTokenByPassword(request)
      checkToken(r['X-Subject-Token'], r.token.expires_at)
      checked++
    }
    return { items: s.n, checked }
  },

  async projects(s) {
    const c = iamClient(s)
    let checked = 0
    for (let i = 0; i < s.n; i++) {
      const r = await c.keystoneListProjects(new iam.KeystoneListProjectsRequest())
      if (!r.projects.length || !r.projects.every((p) => p.id)) throw new Error('no projects')
      checked += r.projects.length
    }
    return { items: s.n, checked }
  },

  async records(s) {
    let checked = 0
    const items = await page(
      coreClient(s),
      (offset, limit) => ({
        method: 'GET',
        url: '/v3/accounts/partner-accounts/adjust-records',
        contentType: 'application/json',
        queryParams: { offset, limit },
        pathParams: {},
        headers: {},
        data: {},
      }),
      (r) => r.records ?? [],
      (r) => r.total_count,
      (r) => {
        // Whatever JSON.parse made of the amount (the official models do no better).
        if (r.amount === undefined || r.amount === null || !r.customer_id) {
          throw new Error('bad record')
        }
        checked++
      },
    )
    return { items, checked }
  },

  async customers(s) {
    let checked = 0
    const items = await page(
      coreClient(s),
      (offset, limit) => ({
        method: 'POST',
        url: '/v2/partners/sub-customers/query',
        contentType: 'application/json',
        queryParams: {},
        pathParams: {},
        headers: {},
        data: { offset, limit },
      }),
      (r) => r.customer_infos ?? [],
      (r) => r.count,
      (c) => {
        if (!c.customer_id) throw new Error('bad customer')
        checked++
      },
    )
    return { items, checked }
  },
})
