//! Typed, money-safe client for the Huawei Cloud Partner Center (BSS) and IAM APIs.
//!
//! - [`Client`] executes every operation through one transport: AK/SK signing
//!   ([`signer`]) or IAM tokens, retries that never repeat a money movement, client-side
//!   rate limiting, and one `tracing` span per attempt.
//! - Resource areas ([`Client::customers`], [`Client::funding`], ...) offer typed requests
//!   that are validated before sending and typed responses whose amounts are exact
//!   [`rust_decimal::Decimal`]s.
//! - List operations return a [`pagination::Paginator`].
//!
//! ```no_run
//! # async fn run() -> huaweicloud_partner::Result<()> {
//! use huaweicloud_partner::{AccessKey, Client};
//! use huaweicloud_partner::funding::ListAdjustRecordsRequest;
//!
//! let client = Client::builder()
//!     .access_key(AccessKey::new("AK", "SK")?)
//!     .build()?;
//! let records = client.funding().adjust_records(ListAdjustRecordsRequest::new())
//!     .collect_all()
//!     .await?;
//! println!("{} adjustment records", records.len());
//! # Ok(()) }
//! ```

mod macros;

pub mod account_records;
pub mod auth;
pub mod bills;
pub mod budgets;
pub mod client;
pub mod clock;
pub mod config;
pub mod coupons;
pub mod credentials;
pub mod customers;
pub mod dynamic;
pub mod error;
pub mod funding;
mod http;
pub mod incentives;
pub mod invoices;
pub mod money;
pub mod operation;
pub mod orders;
mod paged;
pub mod pagination;
pub mod resellers;
pub mod resources;
pub mod secret;
pub mod signer;
pub mod types;
mod validate;

pub use client::{Client, ClientBuilder};
pub use config::{Endpoints, RateLimitPolicy, RetryPolicy, Service, Site};
pub use credentials::{AccessKey, Credentials, Token, TokenSource};
pub use error::{Error, ErrorKind, Result};
pub use secret::SecretString;

/// Re-exported so users need no direct dependency to name amounts.
pub use rust_decimal::Decimal;
