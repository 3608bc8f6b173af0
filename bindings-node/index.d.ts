// Type declarations of huaweicloud-partner. The resource areas and their request/result
// types are generated from the API catalogue into generated/areas.d.ts.

import type { Areas } from './generated/areas'

export type * from './generated/areas'

/** An amount in a result: an exact decimal string such as `"1234.50"`. */
export type Amount = string

/**
 * An amount in a request: a decimal string (`"12.50"`), a bigint (whole units), or a
 * decimal-library object with `toFixed()` (decimal.js, big.js). A JS `number` is refused with
 * a `TypeError`, since it cannot hold money exactly.
 */
export type AmountInput = string | bigint | { toFixed(): string }

/** A timestamp in a result: UTC, `YYYY-MM-DDThh:mm:ssZ`. */
export type Timestamp = string

/**
 * A timestamp in a request: a `Date` (sent in UTC as `YYYY-MM-DDThh:mm:ssZ`, milliseconds
 * dropped) or an ISO-8601 string.
 */
export type TimestampInput = Date | string

/** A date (`YYYY-MM-DD`) or month (`YYYY-MM`) in a request: a string or a `Date` read in UTC. */
export type DateInput = Date | string

/**
 * A secret in a result (IAM token, temporary secret key): shown as `[redacted]` by
 * `util.inspect`, `String()` and `JSON.stringify`. Pass it back into requests as is.
 */
export declare class Secret {
  private constructor()
  /** The secret text. Do not log it. */
  expose(): string
}

/** Retry settings. */
export interface RetryOptions {
  /** Attempts in all, including the first (1 disables retries; default 4). */
  maxAttempts?: number
  /** Delay before the first retry (default 200). */
  initialBackoffMs?: number
  /** Longest delay between attempts (default 20000). */
  maxBackoffMs?: number
  /** Give up when the next attempt would start later than this after the first (default 120000). */
  maxElapsedMs?: number
}

/** Client-side rate limits (the documented quotas by default). */
export interface RateLimitOptions {
  /** Whether requests are paced at all (default true). */
  enabled?: boolean
  /** Requests per second for operations without an override (default 10). */
  perSecond?: number
  /** Requests per second by catalogue operation name. */
  perOperation?: Record<string, number>
  /** How many requests may go at once before pacing starts (default 1). */
  burst?: number
}

/** Client configuration; unknown keys are refused with a `ConfigError`. */
export interface ClientOptions {
  /** `'china'` (default), `'international'` or `'europe'`. */
  site?: 'china' | 'international' | 'europe' | 'cn' | 'intl' | 'eu'
  /** One base URL for BSS and IAM (e.g. a sandbox). */
  endpoint?: string
  /** BSS base URL (default: the site's). */
  bssEndpoint?: string
  /** IAM base URL (default: the site's, or `HUAWEICLOUD_SDK_IAM_ENDPOINT`). */
  iamEndpoint?: string
  /**
   * Access key id. Without `accessKey`/`secretKey` the credentials come from
   * `HUAWEICLOUD_SDK_AK`, `_SK`, `_SECURITY_TOKEN`, `_DOMAIN_ID`, else the profile file.
   */
  accessKey?: string
  /** Secret access key; held natively, never shown by `util.inspect` or in errors. */
  secretKey?: string
  /** Security token of temporary keys. */
  securityToken?: string
  /** Account (domain) id. */
  domainId?: string
  /**
   * Authenticate with IAM tokens from the partner IAM user's password (renewed before they
   * expire) instead of access keys.
   */
  passwordAuth?: { userName: string; password: string; domainName: string }
  /** The agency `forCustomer` assumes: the partner platform id (`xaccountType`). */
  agencyName?: string
  /** Renew tokens when less than this is left of their lifetime (default 3600000). */
  tokenRefreshMarginMs?: number
  /** Time allowed to connect (default 10000). */
  connectTimeoutMs?: number
  /** Time allowed for a whole attempt (default 60000). */
  timeoutMs?: number
  /** HTTP(S) proxy URL. */
  proxy?: string
  /** Appended to the User-Agent. */
  userAgentSuffix?: string
  /** Retry settings. Requests that move money are never retried after they may have been sent. */
  retry?: RetryOptions
  /** Client-side rate limits. */
  rateLimit?: RateLimitOptions
}

/** Options of a paginated call. */
export interface PaginateOptions {
  /** Once the total is known, fetch up to this many pages at a time (default 1). */
  concurrency?: number
}

/** One page of a list operation. */
export interface Page<T> {
  /** The items of this page. */
  items: T[]
  /** The total the API reported, if any. */
  total: number | null
}

/** Pages of a list operation, fetched lazily. */
export declare class Paginator<T> implements AsyncIterable<T> {
  private constructor()
  /** The total the API last reported (after the first page). */
  readonly total: number | null
  /** The next page, or `null` when there are no more. */
  nextPage(): Promise<Page<T> | null>
  /** The remaining pages. */
  pages(): AsyncIterableIterator<Page<T>>
  /** Every remaining item, in order. */
  collectAll(): Promise<T[]>
  [Symbol.asyncIterator](): AsyncIterator<T>
}

/** A registered operation. */
export interface OperationInfo {
  /** Catalogue operation name. */
  operation: string
  /** Resource area (snake_case). */
  area: string
  /** Method name (snake_case). */
  method: string
  /** Paginating method name (snake_case), for list operations. */
  paginated: string | null
}

/**
 * A Partner Center client. Every call returns a Promise and runs off the event loop.
 *
 * @example
 * const client = new Client({ accessKey: 'AK', secretKey: 'SK' })
 * for await (const c of client.customers.listAll({ limit: 100 })) console.log(c.customer_id)
 */
export declare class Client {
  /** @throws {ConfigError} for unknown options, bad URLs or values. */
  constructor(options?: ClientOptions)
  /** The site in use. */
  readonly site: string
  /** The BSS base URL in use. */
  readonly bssEndpoint: string
  /** The IAM base URL in use. */
  readonly iamEndpoint: string
  /**
   * A client acting in a customer's account (partner -> customer token substitution through
   * the agency the customer granted). The token is obtained now, cached and renewed.
   * @throws {ConfigError} without an agency name; {NotFoundError}, {PermissionDeniedError}.
   */
  forCustomer(customer: CustomerSpec, options?: ForCustomerOptions): Promise<Client>
  /** Every operation this build can call. */
  static operations(): OperationInfo[]
}

/** A customer account, by domain (account) name or id. */
export type CustomerSpec = { domainName: string } | { domainId: string }

/** Options of `Client.forCustomer`. */
export interface ForCustomerOptions {
  /** Token scope (default: the customer's account). */
  scope?:
    { domainName: string } | { domainId: string } | { projectName: string } | { projectId: string }
  /** The agency to assume (default: the client's `agencyName`). */
  agencyName?: string
}
export interface Client extends Areas {}

/** Stable SDK error kinds. */
export type ErrorKind =
  | 'config'
  | 'auth'
  | 'permission_denied'
  | 'not_found'
  | 'invalid_input'
  | 'api'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'decode'
  | 'outcome_unknown'
  | 'unsupported'
  | 'unexpected'

/** Base of every SDK error. Messages never contain secrets. */
export declare class PartnerError extends Error {
  /** The API's error code (`CBC.0100`, `APIG.0308`...) or, without one, the SDK kind. */
  readonly code: string
  /** The stable SDK kind. */
  readonly kind: ErrorKind
  /** HTTP status, when there was a response. */
  readonly status: number | null
  /** `X-Request-Id` of the response; quote it to Huawei support. */
  readonly requestId: string | null
  /** Whether sending the same request again is safe and may succeed. */
  readonly retryable: boolean
  /** Catalogue operation name, when known. */
  readonly operation: string | null
  /** Delay the server asked for, in milliseconds. */
  readonly retryAfterMs: number | null
  /** Whether the API rejected an expired or invalid token. */
  readonly tokenExpired: boolean
}
/** Bad client configuration (`config`). */
export declare class ConfigError extends PartnerError {}
/** Missing, malformed or rejected credentials (`auth`, HTTP 401). */
export declare class AuthError extends PartnerError {}
/** No permission (`permission_denied`, HTTP 403). */
export declare class PermissionDeniedError extends PartnerError {}
/** The object does not exist (`not_found`, HTTP 404). */
export declare class NotFoundError extends PartnerError {}
/** Input refused before anything was sent (`invalid_input`). */
export declare class InvalidInputError extends PartnerError {}
/** The API refused the request (`api`, other HTTP 4xx). */
export declare class ApiError extends PartnerError {}
/** Throttled (`rate_limited`, HTTP 429, `CBC.0250`, `APIG.0308`). */
export declare class RateLimitedError extends PartnerError {}
/** Server failure (`server`, HTTP 5xx). */
export declare class ServerError extends PartnerError {}
/** No answer in time (`timeout`). */
export declare class TimeoutError extends PartnerError {}
/** Connection failed or broke (`connection`). */
export declare class ConnectionError extends PartnerError {}
/** The response could not be decoded (`decode`). */
export declare class DecodeError extends PartnerError {}
/** Not available on this site or in this SDK (`unsupported`). */
export declare class UnsupportedError extends PartnerError {}
/** What was sent by a request whose outcome is unknown. */
export interface PendingRequest {
  operation: string
  /** When the last attempt was sent (`YYYY-MM-DDThh:mm:ssZ`). */
  sentAt: Timestamp
  body: unknown
}
/**
 * A request that moves money may or may not have been applied (`outcome_unknown`). It is
 * never retried automatically: settle it from the records.
 */
export declare class OutcomeUnknownError extends PartnerError {
  readonly pending: PendingRequest | null
}

/** How to start a sandbox. */
export interface SandboxOptions {
  /** Listen address (default `127.0.0.1:0`). */
  addr?: string
  /** Seed of the generated data (default 1). */
  seed?: number
  /** Seeded customers (default 50). */
  customers?: number
  /** Records per generated list (default 2000). */
  records?: number
  /** Whether the sandbox enforces the API's rate limits (default false). */
  rateLimit?: boolean
  /** Partner access key to accept (default `HPUASANDBOXPARTNER0001`). */
  accessKey?: string
  secretKey?: string
  domainId?: string
}

/** A fault for the next calls of an operation. */
export interface Fault {
  /** Catalogue operation name, or `'*'`. */
  operation: string
  /** How many calls (default 1). */
  count?: number
  /** HTTP status of the injected error (>= 400). */
  status?: number
  /** Delay before answering. */
  delayMs?: number
  /** Close the connection without answering. */
  drop?: boolean
  /** Send half of the body. */
  truncate?: boolean
  /** `error_code` of the injected error (default by status). */
  errorCode?: string
}

/** A running offline sandbox (test credentials only). */
export declare class Sandbox {
  private constructor()
  readonly url: string
  readonly intlUrl: string
  readonly accessKey: string
  readonly secretKey: string
  readonly domainId: string
  readonly domainName: string
  readonly iamUser: string
  readonly iamPassword: string
  readonly platformId: string
  /** The identity provider registered for IdP-initiated federation (`X-Idp-Id`). */
  readonly idpId: string
  /** That identity provider's signing key, PKCS#8 PEM (public test data). */
  readonly idpKeyPem: string
  /** That identity provider's certificate, PEM. */
  readonly idpCertificatePem: string
  readonly customerIds: string[]
  readonly customerDomainNames: string[]
  readonly resellerIds: string[]
  /** A client for this sandbox with the partner's credentials; `options` override. */
  client(options?: ClientOptions): Client
  injectFault(fault: Fault): void
  clearFaults(): void
  requestCount(operation: string): number
  resetRequestCounts(): void
  setClockOffset(seconds: number): void
  stop(): Promise<void>
}

/** Starts a sandbox on a free loopback port. */
export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>

/** Options of the IAM SSO login URL. */
export interface LoginUrlOptions {
  /** `'china'` (default), `'international'`, `'europe'` or a custom auth base URL. */
  site?: string
  /** The platform id Huawei assigned to the partner. */
  xAccountType: string
  /** Whether the customer has no Huawei Cloud account bound yet (default false). */
  firstLogin?: boolean
  /** Where IAM sends the browser after login. */
  service?: string
}

/** The IAM URL that starts a customer's SSO login. */
export declare function samlLoginUrl(options: LoginUrlOptions): string

/** A decoded, signature-checked AuthnRequest from IAM. */
export declare class AuthnRequest {
  private constructor()
  readonly id: string
  readonly issueInstant: Timestamp
  readonly issuer: string | null
  readonly acsUrl: string | null
  readonly destination: string | null
  readonly protocolBinding: string | null
  readonly nameIdFormat: string | null
  readonly forceAuthn: boolean
  readonly isPassive: boolean
  readonly relayState: string | null
}

/** Decodes an HTTP-Redirect SAMLRequest and checks its signature with IAM's certificate. */
export declare function decodeSamlRequest(
  queryOrUrl: string,
  spCertificatePem: string,
): AuthnRequest

/** Identity-provider settings. */
export interface IdentityProviderOptions {
  /** Site or custom base URL of the service provider (default China). */
  site?: string
  audience?: string
  acsUrl?: string
  validitySeconds?: number
  clockSkewSeconds?: number
  signResponse?: boolean
}

/** The user a SAML Response vouches for. */
export interface SamlUser {
  userId: string
  accountId?: string
  bpId?: string
  name?: string
  email?: string
  mobile?: string
  /** Extra attributes, name to value. */
  extra?: Record<string, string>
}

/** A signed SAML Response: a bearer credential, never log it. */
export declare class SamlResponse {
  private constructor()
  readonly xml: string
  readonly base64: string
  readonly postFormHtml: string
  readonly destination: string
  readonly relayState: string | null
  readonly responseId: string
  readonly assertionId: string
}

/** The partner platform as SAML identity provider. */
export declare class IdentityProvider {
  constructor(
    entityId: string,
    keyPem: string,
    certificatePem: string,
    options?: IdentityProviderOptions,
  )
  readonly entityId: string
  metadataXml(ssoUrl: string): string
  respond(request: AuthnRequest, user: SamlUser, now?: Date | string): SamlResponse
  /** A signed Response not answering a request (IdP-initiated sign-on). */
  buildResponse(params: ResponseParams, now?: Date | string): SamlResponse
}

/** The fields of a Response built without a request. */
export interface ResponseParams {
  /** Where the Response is posted (the SP's ACS URL). */
  destination: string
  /** The SP entity id. */
  audience: string
  /** The subject's NameID. */
  nameId: string
  /** NameID format (default transient). */
  nameIdFormat?: string
  inResponseTo?: string
  /** Attributes, name to value. */
  attributes?: Record<string, string>
  relayState?: string
}

/** What a received SAML Response must match. */
export interface VerifyResponseOptions {
  audience?: string
  destination?: string
  issuer?: string
  inResponseTo?: string
  /** Allowed clock skew in seconds (default 60). */
  clockSkewSeconds?: number
  /** Check at this instant (default: the clock). */
  now?: Date | string
}

/** The verified content of a SAML Response. */
export interface VerifiedSamlResponse {
  responseId: string
  destination: string | null
  inResponseTo: string | null
  responseSigned: boolean
  assertionId: string
  issueInstant: Timestamp
  issuer: string
  nameId: string
  nameIdFormat: string | null
  sessionIndex: string | null
  notOnOrAfter: Timestamp
  /** Attribute name to values. */
  attributes: Record<string, string[]>
}

/**
 * Verifies a received SAML Response (XML or base64) with the IdP certificate (PEM).
 * @throws {InvalidInputError} when the signature, validity or expectations fail.
 */
export declare function verifySamlResponse(
  xmlOrBase64: string,
  certificatePem: string,
  options?: VerifyResponseOptions,
): VerifiedSamlResponse
