//! Authentication: IAM tokens and token substitution ([`iam`]).

pub mod iam;
