// The measured client for our side: the huaweicloud-partner Node binding, imported from
// bindings-node/ (built by ./run). One process per run; prints one JSON line (measure.mjs).
import { Client } from '../../../bindings-node/index.mjs'
import { checkToken, measure } from './measure.mjs'

const DECIMAL = /^-?\d+(\.\d+)?$/

// AK/SK like the official client (which cannot be built without them). Client-side pacing
// is off: the official SDK has none, and the core's default 10 requests/s per operation
// would measure the pacing rather than the client.
function client(s) {
  return new Client({
    endpoint: s.url,
    accessKey: s.accessKey,
    secretKey: s.secretKey,
    domainId: s.domainId,
    rateLimit: { enabled: false },
  })
}

async function page(paginator, check) {
  let items = 0
  for await (const item of paginator) {
    check(item)
    items++
  }
  return items
}

await measure({
  // N password tokens, one after another; each token and its expiry are read and checked.
  async tokens(s) {
    const c = client(s)
    let checked = 0
    for (let i = 0; i < s.n; i++) {
      const issued = await c.iam.createTokenByPassword({
        user_name: s.iamUser,
        password: s.iamPassword,
        domain_name: s.iamDomain,
        nocatalog: true,
      })
      checkToken(issued.x_subject_token.expose(), issued.token.expires_at)
      checked++
    }
    return { items: s.n, checked }
  },

  // N AK/SK-signed `GET /v3/projects` calls; every answer must list projects with ids.
  async projects(s) {
    const c = client(s)
    let checked = 0
    for (let i = 0; i < s.n; i++) {
      const r = await c.iam.listProjects({})
      if (!r.projects.length || !r.projects.every((p) => p.id)) throw new Error('no projects')
      checked += r.projects.length
    }
    return { items: s.n, checked }
  },

  // Every adjustment record, 100 a page; amounts arrive as exact decimal strings.
  async records(s) {
    let checked = 0
    const items = await page(client(s).funding.adjustRecords({ limit: 100 }), (r) => {
      if (!DECIMAL.test(r.amount) || !r.customer_id) throw new Error('bad record')
      checked++
    })
    return { items, checked }
  },

  // Every customer, 100 a page.
  async customers(s) {
    let checked = 0
    const items = await page(client(s).customers.listAll({ limit: 100 }), (c) => {
      if (!c.customer_id) throw new Error('bad customer')
      checked++
    })
    return { items, checked }
  },
})
