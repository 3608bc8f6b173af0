//! Typed, money-safe client for the Huawei Cloud Partner Center (BSS) and IAM APIs.

pub mod auth;
pub mod error;
pub mod secret;
pub mod signer;

pub use error::{Error, ErrorKind, Result};
pub use secret::SecretString;
