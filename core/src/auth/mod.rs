//! Authentication beyond AK/SK signing.
//!
//! - [`iam`]: IAM tokens (password, scoped, federated), cached token sources, temporary access
//!   keys, and partner → customer token substitution (`assume_role`).
//! - [`saml`]: the partner side of the Web UI single sign-on: the partner platform acts as the
//!   SAML 2.0 identity provider and Huawei Cloud IAM as the service provider.

pub mod iam;
pub mod saml;
