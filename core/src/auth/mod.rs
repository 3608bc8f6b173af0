//! Authentication helpers that need no HTTP call.
//!
//! [`saml`] implements the partner side of the Web UI single sign-on: the partner platform acts
//! as the SAML 2.0 identity provider and Huawei Cloud IAM as the service provider.

pub mod saml;
