//! Integration tests: start the sandbox on a loopback port and talk to it with raw reqwest
//! plus the core signer.

mod auth;
mod binary;
mod budgets;
mod common;
mod faults;
mod federation;
mod funding;
mod iam;
mod orders;
mod paging;
mod resources;
