//! A partner's day: list customers, fund one, read its adjustment records, pull last month's
//! customer bills, print a short summary.
//!
//! With `HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` in the environment (optionally
//! `HUAWEICLOUD_SDK_DOMAIN_ID`, `HUAWEICLOUD_SITE=intl|eu`) it runs against the real Partner
//! Center; funding real money then also needs `QUICKSTART_FUND_AMOUNT` (e.g. `0.01`), so a
//! curious run never moves money by accident. Without credentials it starts the offline
//! sandbox in-process and runs against it. `QUICKSTART_CYCLE=YYYY-MM` picks the bill cycle.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
#![allow(clippy::print_stdout)]

use std::env;
use std::str::FromStr;

use chrono::Utc;
use huaweicloud_partner::bills::ListSubcustomerMonthlyBillsRequest;
use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::funding::{
    ListAdjustRecordsRequest, Settlement, UpdateCustomerAccountAmountRequest,
};
use huaweicloud_partner::types::BillingCycle;
use huaweicloud_partner::{AccessKey, Client, Decimal, ErrorKind, Site};
use huaweicloud_partner_sandbox::{Sandbox, SandboxConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let real = env::var("HUAWEICLOUD_SDK_AK").is_ok() && env::var("HUAWEICLOUD_SDK_SK").is_ok();
    // The sandbox lives as long as this binding; it stops when dropped.
    let mut _sandbox = None;
    let (client, fund_amount) = if real {
        let site = env::var("HUAWEICLOUD_SITE")
            .ok()
            .and_then(|s| Site::from_name(&s))
            .unwrap_or_default();
        println!("Using the real Partner Center ({site:?} site).");
        let amount = env::var("QUICKSTART_FUND_AMOUNT")
            .ok()
            .map(|a| Decimal::from_str(&a));
        (Client::builder().site(site).build()?, amount.transpose()?)
    } else {
        let sb = Sandbox::start(SandboxConfig::default()).await?;
        println!(
            "No credentials in the environment: using the sandbox at {}.",
            sb.base_url()
        );
        let key = AccessKey::new(sb.access_key(), sb.secret_key())?.with_domain_id(sb.domain_id());
        let client = Client::builder()
            .endpoint(sb.base_url())
            .access_key(key)
            .build()?;
        _sandbox = Some(sb);
        (client, Some(Decimal::new(12_345, 2)))
    };

    // 1. Customers, all pages.
    let customers = client
        .customers()
        .list_all(ListCustomersRequest::new())
        .collect_all()
        .await?;
    println!("{} customers", customers.len());
    for c in customers.iter().take(3) {
        println!(
            "  {:<34} {}",
            c.customer_id,
            c.customer.as_deref().unwrap_or(&c.account_name)
        );
    }
    let Some(customer) = customers.first() else {
        println!("No customers yet: nothing more to do.");
        return Ok(());
    };
    let id = customer.customer_id.clone();

    // 2. Fund it. A lost answer is never re-sent: it is settled from the records instead.
    let started = Utc::now() - chrono::Duration::minutes(5);
    if let Some(amount) = fund_amount {
        let grant = UpdateCustomerAccountAmountRequest::new()
            .customer_id(id.clone())
            .amount(amount);
        match client.funding().fund_customer(&grant).await {
            Ok(done) => println!(
                "Funded {} with {amount} (transfer {})",
                customer.account_name,
                done.transfer_id.as_deref().unwrap_or("-")
            ),
            Err(e) if e.kind() == ErrorKind::OutcomeUnknown => {
                match client.funding().settle_error(&e).await? {
                    Settlement::Applied(_) => println!("The grant went through after all."),
                    Settlement::NotApplied => println!("The grant was not applied."),
                    Settlement::Ambiguous(c) => println!("{} candidate records: check", c.len()),
                }
            }
            Err(e) => return Err(e.into()),
        }
    }

    // 3. Its adjustment records since a moment ago.
    let records = client
        .funding()
        .adjust_records(
            ListAdjustRecordsRequest::new()
                .customer_id(id.clone())
                .operation_time_begin(started),
        )
        .collect_all()
        .await?;
    for r in &records {
        let amount = r.amount.map(|a| a.to_string()).unwrap_or_default();
        let kind = r.operation_type.as_ref().map(|t| t.as_str()).unwrap_or("");
        println!(
            "  adjustment {kind} {amount} {}",
            r.currency.as_deref().unwrap_or("")
        );
    }

    // 4. Last month's bills of that customer: yearly/monthly ("1") and pay-per-use ("3").
    // The sandbox's seeded data is the year 2025, so there "last month" is 2025-12.
    let cycle = match env::var("QUICKSTART_CYCLE") {
        Ok(c) => c.parse()?,
        Err(_) if real => BillingCycle::of(Utc::now()).previous(),
        Err(_) => BillingCycle::new(2025, 12)?,
    };
    let mut bills = Vec::new();
    for charge_mode in ["1", "3"] {
        let request = ListSubcustomerMonthlyBillsRequest::new()
            .customer_id(id.clone())
            .cycle(cycle)
            .charge_mode(charge_mode);
        bills.extend(
            client
                .bills()
                .list_customer_monthly_bills_all(request)
                .collect_all()
                .await?,
        );
    }
    let billed: Decimal = bills.iter().filter_map(|b| b.amount).sum();

    println!();
    println!("Summary for {} ({id})", customer.account_name);
    println!(
        "  adjustments since {}: {}",
        started.format("%H:%M UTC"),
        records.len()
    );
    println!("  bills of {cycle}: {} lines, {billed} in all", bills.len());
    Ok(())
}
