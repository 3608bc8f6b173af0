//! Partner → customer token substitution end to end against the sandbox: a password token
//! for the partner, an `assume_role` token for the customer, and a customer-only operation.

use huaweicloud_partner::auth::iam::{CustomerRef, Scope};
use huaweicloud_partner::bills::ShowCustomerMonthlySumRequest;
use huaweicloud_partner::customers::ListCustomersRequest;
use huaweicloud_partner::types::BillingCycle;
use huaweicloud_partner::{Client, ErrorKind, RateLimitPolicy};
use huaweicloud_partner_sandbox::{Sandbox, SandboxConfig};

async fn partner(sb: &Sandbox) -> Client {
    Client::builder()
        .endpoint(sb.base_url())
        .password_auth(sb.iam_user(), sb.iam_password(), sb.domain_name())
        .agency_name(sb.platform_id())
        .rate_limit(RateLimitPolicy::disabled())
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_partner_token_acts_for_a_customer() {
    let sb = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let partner = partner(&sb).await;

    // The partner's own token works for partner operations.
    let page = partner
        .customers()
        .list(&ListCustomersRequest::new())
        .await
        .expect("customers");
    assert_eq!(page.count, Some(50));

    // A customer-only operation refuses the partner's token...
    let cycle = BillingCycle::new(2025, 6).expect("cycle");
    let request = ShowCustomerMonthlySumRequest::new().bill_cycle(cycle);
    let e = partner
        .bills()
        .monthly_summary(&request)
        .await
        .expect_err("partner refused");
    assert_eq!(e.kind(), ErrorKind::PermissionDenied, "{e}");

    // ...and accepts the customer's, obtained by token substitution.
    let domain = sb.customer_domain_names()[0].clone();
    let customer = partner
        .for_customer(
            CustomerRef::domain_name(domain.clone()),
            Scope::domain_name(domain),
        )
        .await
        .expect("agency token");
    let sum = customer
        .bills()
        .monthly_summary(&request)
        .await
        .expect("customer summary");
    assert!(sum.consume_amount.is_some());

    // The customer client cannot act as the partner.
    let e = customer
        .customers()
        .list(&ListCustomersRequest::new())
        .await
        .expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::PermissionDenied, "{e}");
}

#[tokio::test]
async fn an_unknown_customer_or_agency_is_a_clear_error() {
    let sb = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let partner = partner(&sb).await;
    let e = partner
        .for_customer(
            CustomerRef::domain_name("nobody_here"),
            Scope::domain_name("nobody_here"),
        )
        .await
        .expect_err("unknown customer");
    assert!(
        matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Auth),
        "{e}"
    );

    let domain = sb.customer_domain_names()[0].clone();
    let e = partner
        .for_customer_with_agency(
            CustomerRef::domain_name(domain.clone()),
            "not_the_platform",
            Scope::domain_name(domain),
        )
        .await
        .expect_err("wrong agency");
    assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");
    assert!(e.message().contains("not_the_platform"), "{e}");
}
