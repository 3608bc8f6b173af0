// ESM entry point: the same objects as the CommonJS one (one native module per process).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const cjs = require('./index.js')

export const {
  Client,
  Paginator,
  Secret,
  Sandbox,
  startSandbox,
  samlLoginUrl,
  decodeSamlRequest,
  verifySamlResponse,
  AuthnRequest,
  IdentityProvider,
  SamlResponse,
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
} = cjs
export default cjs
