'use strict'
// huaweicloud-partner: typed, money-safe client for the Huawei Cloud Partner Center (BSS)
// and IAM APIs. A thin layer over the Rust SDK: see README.md.
const errors = require('./lib/errors')
const { Client } = require('./lib/client')
const { Paginator } = require('./lib/paginator')
const { Secret } = require('./lib/secret')
const { Sandbox, startSandbox } = require('./lib/sandbox')
const saml = require('./lib/saml')

module.exports = {
  Client,
  Paginator,
  Secret,
  Sandbox,
  startSandbox,
  samlLoginUrl: saml.samlLoginUrl,
  decodeSamlRequest: saml.decodeSamlRequest,
  verifySamlResponse: saml.verifySamlResponse,
  AuthnRequest: saml.AuthnRequest,
  IdentityProvider: saml.IdentityProvider,
  SamlResponse: saml.SamlResponse,
  PartnerError: errors.PartnerError,
  ConfigError: errors.ConfigError,
  AuthError: errors.AuthError,
  PermissionDeniedError: errors.PermissionDeniedError,
  NotFoundError: errors.NotFoundError,
  InvalidInputError: errors.InvalidInputError,
  ApiError: errors.ApiError,
  RateLimitedError: errors.RateLimitedError,
  ServerError: errors.ServerError,
  TimeoutError: errors.TimeoutError,
  ConnectionError: errors.ConnectionError,
  DecodeError: errors.DecodeError,
  UnsupportedError: errors.UnsupportedError,
  OutcomeUnknownError: errors.OutcomeUnknownError,
}
