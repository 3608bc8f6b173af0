// Operations whose core request/response JSON differs from the catalogue's wire models (the
// IAM token operations take flat requests and return the core's token types). For these the
// generator uses the names and declarations below instead of the catalogue. Keep them in
// step with core/src/auth/iam/ (test/registry.test.mjs checks the request field names).

const tokenOp = (request, fields) => ({ request, fields, response: 'IssuedToken' })
const keyOp = (request, fields, optional = false) => ({
  request,
  fields,
  response: 'TemporaryAccessKey',
  optional,
})

/**
 * Operation name -> { request, fields (top-level request keys), response, optional (the
 * request may be left out), formats }.
 */
export const OVERRIDES = {
  keystone_create_user_token_by_password: tokenOp('PasswordTokenRequest', [
    'user_name',
    'password',
    'domain_name',
    'scope',
    'nocatalog',
  ]),
  keystone_create_agency_token: tokenOp('AgencyTokenRequest', [
    'customer',
    'agency_name',
    'scope',
    'nocatalog',
    'auth_token',
  ]),
  keystone_validate_token: tokenOp('ValidateTokenRequest', [
    'subject_token',
    'nocatalog',
    'auth_token',
  ]),
  create_unscope_token_by_idp_initiated: tokenOp('UnscopedTokenByIdpRequest', [
    'idp_id',
    'saml_response',
  ]),
  keystone_create_scoped_token: tokenOp('ScopedTokenRequest', ['token', 'scope']),
  create_temporary_access_key_by_token: keyOp(
    'TemporaryKeyByTokenRequest',
    ['token', 'duration_seconds', 'policy'],
    true,
  ),
  create_temporary_access_key_by_agency: keyOp('TemporaryKeyByAgencyRequest', [
    'customer',
    'agency_name',
    'duration_seconds',
    'session_user',
    'policy',
  ]),
  keystone_list_auth_domains: {
    request: 'ListAuthDomainsRequest',
    fields: [],
    response: 'ListAuthDomainsResponse',
    optional: true,
  },
  keystone_list_projects: {
    request: 'ListProjectsRequest',
    fields: ['domain_id', 'name', 'parent_id', 'enabled', 'is_domain', 'page', 'per_page'],
    response: 'ListProjectsResponse',
    optional: true,
  },
}

/** Declarations of the types named above. Secrets in results are `Secret`s. */
export const DECLARATIONS = `/** An id or a name. */
export type IdOrName = { id: string } | { name: string }

/** A token scope: an account (domain) or a project. */
export type IamScope = { domain: IdOrName } | { project: IdOrName }

/** A customer account, by domain name or id. */
export type CustomerRef = { domain_name: string } | { domain_id: string }

export interface PasswordTokenRequest {
  user_name: string
  password: string | Secret
  domain_name: string
  /** Default: the account \`domain_name\`. */
  scope?: IamScope
  nocatalog?: boolean
}

export interface AgencyTokenRequest {
  customer: CustomerRef
  agency_name: string
  scope: IamScope
  nocatalog?: boolean
  /** The partner token to exchange (default: the client's own). */
  auth_token?: string | Secret
}

export interface ValidateTokenRequest {
  subject_token: string | Secret
  nocatalog?: boolean
  auth_token?: string | Secret
}

export interface UnscopedTokenByIdpRequest {
  idp_id: string
  /** A base64 SAML Response. */
  saml_response: string | Secret
}

export interface ScopedTokenRequest {
  token: string | Secret
  scope: IamScope
}

export interface TemporaryKeyByTokenRequest {
  /** Default: the client's own token. */
  token?: string | Secret
  duration_seconds?: number
  policy?: Record<string, unknown>
}

export interface TemporaryKeyByAgencyRequest {
  customer: CustomerRef
  agency_name: string
  duration_seconds?: number
  session_user?: string
  policy?: Record<string, unknown>
}

export interface ListAuthDomainsRequest {}

export interface ListProjectsRequest {
  domain_id?: string
  name?: string
  parent_id?: string
  enabled?: boolean
  is_domain?: boolean
  page?: number
  per_page?: number
}

export interface IdName {
  id?: string | null
  name?: string | null
}

export interface TokenUser {
  id?: string | null
  name?: string | null
  domain?: IdName | null
  password_expires_at?: string | null
  'OS-FEDERATION'?: {
    groups?: IdName[]
    identity_provider?: IdName | null
    protocol?: IdName | null
  }
}

export interface CatalogService {
  id?: string | null
  name?: string | null
  type?: string | null
  endpoints?: {
    id?: string | null
    interface?: string | null
    region?: string | null
    region_id?: string | null
    url?: string | null
  }[]
}

export interface TokenDetails {
  expires_at?: Timestamp | null
  issued_at?: Timestamp | null
  methods?: string[]
  user?: TokenUser | null
  domain?: IdName | null
  project?: { id?: string | null; name?: string | null; domain?: IdName | null } | null
  roles?: IdName[]
  catalog?: CatalogService[]
  assumed_by?: { user?: TokenUser | null }
}

/** An IAM token and what it grants. */
export interface IssuedToken {
  /** The token (\`X-Subject-Token\`); \`.expose()\` gives the text. */
  x_subject_token: Secret
  token: TokenDetails
}

/** Temporary access keys. */
export interface TemporaryAccessKey {
  access: string
  secret: Secret
  securitytoken: Secret
  expires_at: Timestamp | null
}

export interface Links {
  self?: string | null
  previous?: string | null
  next?: string | null
}

export interface ListAuthDomainsResponse {
  domains: {
    id: string
    name: string
    enabled?: boolean | null
    description?: string | null
    links?: Links | null
  }[]
  links?: Links | null
}

export interface ListProjectsResponse {
  projects: {
    id: string
    name: string
    domain_id?: string | null
    parent_id?: string | null
    enabled?: boolean | null
    is_domain?: boolean | null
    description?: string | null
    links?: Links | null
  }[]
  links?: Links | null
}
`
