//! Operations by name, with JSON in and out: the single entry point of the Python and Node
//! bindings.
//!
//! The request JSON is decoded into the operation's typed request (so validation and money
//! handling stay in this crate), executed, and the typed response is encoded back. In the
//! output every amount is a decimal string and every timestamp `YYYY-MM-DDThh:mm:ssZ`, so a
//! binding can map them to its language's decimal and time types without guessing. In the
//! input, amounts must be decimal strings: a binary floating-point number is refused.

use futures::future::BoxFuture;
use futures::FutureExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::operation::Operation;
use crate::pagination::Paginator;

/// A list operation that can page through its results.
pub trait Paginated: Operation + Sized {
    /// The item type.
    type Item: Serialize + Send + 'static;

    /// A paginator starting at the request's offset.
    fn paginate(self, client: Client) -> Paginator<Self::Item>;
}

/// How bindings see an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The catalogue name, e.g. `list_partner_adjust_records`.
    pub operation: &'static str,
    /// The resource area, e.g. `funding` (the client accessor).
    pub area: &'static str,
    /// The method name on the area, e.g. `list_adjust_records`.
    pub method: &'static str,
    /// The name of the paginating method on the area, for list operations.
    pub paginated: Option<&'static str>,
}

type CallFn = fn(Client, Value) -> BoxFuture<'static, Result<Value>>;
type PaginateItemsFn = fn(Client, Value) -> Result<Paginator<Item>>;

/// A listed item with its type erased: the typed value, serializable with any `serde`
/// serializer. Bindings that build their language's objects with a serializer of their own
/// use it to skip writing and re-reading JSON; `serde_json` writes the same JSON as
/// [`paginate`]'s values.
pub type Item = Box<dyn erased_serde::Serialize + Send + Sync>;

/// One registered operation.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Names.
    pub info: OperationInfo,
    call: CallFn,
    paginate_items: Option<PaginateItemsFn>,
}

impl Entry {
    /// A single-call operation.
    pub const fn call<R>(area: &'static str, method: &'static str, operation: &'static str) -> Self
    where
        R: Operation + DeserializeOwned + 'static,
        R::Output: Serialize,
    {
        Self {
            info: OperationInfo {
                operation,
                area,
                method,
                paginated: None,
            },
            call: call_typed::<R>,
            paginate_items: None,
        }
    }

    /// A list operation with a paginating method named `pages`.
    pub const fn paged<R>(
        area: &'static str,
        method: &'static str,
        pages: &'static str,
        operation: &'static str,
    ) -> Self
    where
        R: Paginated + DeserializeOwned + 'static,
        R::Output: Serialize,
        R::Item: Sync,
    {
        Self {
            info: OperationInfo {
                operation,
                area,
                method,
                paginated: Some(pages),
            },
            call: call_typed::<R>,
            paginate_items: Some(paginate_typed_items::<R>),
        }
    }
}

/// Decodes a binding's request JSON into a typed request.
///
/// # Errors
/// [`ErrorKind::InvalidInput`] naming the field.
pub fn decode_request<R: DeserializeOwned>(request: Value) -> Result<R> {
    let request = if request.is_null() {
        Value::Object(Default::default())
    } else {
        request
    };
    serde_path_to_error::deserialize(request).map_err(|e| {
        let path = e.path().to_string();
        Error::invalid_input(format!("request field `{path}`: {}", e.inner()))
    })
}

/// Encodes a typed response as JSON.
///
/// # Errors
/// [`ErrorKind::Decode`] if the value cannot be encoded (it always can for SDK types).
pub fn encode_response<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!("cannot encode the response: {e}"),
        )
    })
}

fn call_typed<R>(client: Client, request: Value) -> BoxFuture<'static, Result<Value>>
where
    R: Operation + DeserializeOwned + 'static,
    R::Output: Serialize,
{
    async move {
        let req: R = decode_request(request)?;
        let out = client.execute(&req).await?;
        encode_response(&out)
    }
    .boxed()
}

fn paginate_typed_items<R>(client: Client, request: Value) -> Result<Paginator<Item>>
where
    R: Paginated + DeserializeOwned + 'static,
    R::Item: Sync,
{
    let req: R = decode_request(request)?;
    Ok(req
        .paginate(client)
        .map_items(|item| Ok(Box::new(item) as Item)))
}

/// Every operation the bindings can call.
pub static REGISTRY: &[Entry] = &[
    Entry::paged::<crate::customers::ListCustomersRequest>(
        "customers",
        "list",
        "list_all",
        "list_sub_customers",
    ),
    Entry::paged::<crate::funding::ListAdjustRecordsRequest>(
        "funding",
        "list_adjust_records",
        "adjust_records",
        "list_partner_adjust_records",
    ),
    Entry::call::<crate::auth::iam::PasswordTokenRequest>(
        "iam",
        "create_token_by_password",
        "keystone_create_user_token_by_password",
    ),
    Entry::call::<crate::auth::iam::AgencyTokenRequest>(
        "iam",
        "create_agency_token",
        "keystone_create_agency_token",
    ),
    Entry::call::<crate::auth::iam::ValidateTokenRequest>(
        "iam",
        "validate_token",
        "keystone_validate_token",
    ),
    Entry::call::<crate::auth::iam::UnscopedTokenByIdpRequest>(
        "iam",
        "create_unscoped_token_by_idp_initiated",
        "create_unscope_token_by_idp_initiated",
    ),
    Entry::call::<crate::auth::iam::ScopedTokenRequest>(
        "iam",
        "create_scoped_token",
        "keystone_create_scoped_token",
    ),
    Entry::call::<crate::auth::iam::TemporaryKeyByTokenRequest>(
        "iam",
        "create_temporary_access_key_by_token",
        "create_temporary_access_key_by_token",
    ),
    Entry::call::<crate::auth::iam::TemporaryKeyByAgencyRequest>(
        "iam",
        "create_temporary_access_key_by_agency",
        "create_temporary_access_key_by_agency",
    ),
    Entry::call::<crate::auth::iam::ListAuthDomainsRequest>(
        "iam",
        "list_auth_domains",
        "keystone_list_auth_domains",
    ),
    Entry::call::<crate::auth::iam::ListProjectsRequest>(
        "iam",
        "list_projects",
        "keystone_list_projects",
    ),
    // BEGIN generated entries (core/codegen/gen_operations.py)
    Entry::call::<crate::customers::ChangeEnterpriseRealnameAuthenticationRequest>(
        "customers",
        "change_enterprise_realname_auth",
        "change_enterprise_realname_authentication",
    ),
    Entry::call::<crate::customers::CheckUserIdentityRequest>(
        "customers",
        "check_identity",
        "check_user_identity",
    ),
    Entry::call::<crate::customers::CreateEnterpriseRealnameAuthenticationRequest>(
        "customers",
        "create_enterprise_realname_auth",
        "create_enterprise_realname_authentication",
    ),
    Entry::call::<crate::customers::CreatePersonalRealnameAuthRequest>(
        "customers",
        "create_personal_realname_auth",
        "create_personal_realname_auth",
    ),
    Entry::call::<crate::customers::CreateSubCustomerRequest>(
        "customers",
        "create",
        "create_sub_customer",
    ),
    Entry::call::<crate::customers::FreezeSubCustomersRequest>(
        "customers",
        "freeze",
        "freeze_sub_customers",
    ),
    Entry::paged::<crate::customers::ListSubCustomerNewTagRequest>(
        "customers",
        "list_new_customer_tags",
        "list_new_customer_tags_all",
        "list_sub_customer_new_tag",
    ),
    Entry::call::<crate::customers::SendVerificationMessageCodeRequest>(
        "customers",
        "send_verification_code",
        "send_verification_message_code",
    ),
    Entry::call::<crate::customers::ShowRealNameAuthQrCodeRequest>(
        "customers",
        "realname_auth_qr_code",
        "show_real_name_auth_qr_code",
    ),
    Entry::call::<crate::customers::ShowRealNameAuthStatusRequest>(
        "customers",
        "realname_auth_status",
        "show_real_name_auth_status",
    ),
    Entry::call::<crate::customers::ShowRealnameAuthenticationReviewResultRequest>(
        "customers",
        "realname_review_result",
        "show_realname_authentication_review_result",
    ),
    Entry::call::<crate::customers::UnfreezeSubCustomersRequest>(
        "customers",
        "unfreeze",
        "unfreeze_sub_customers",
    ),
    Entry::call::<crate::budgets::ListSubCustomerBudgetRequest>(
        "budgets",
        "list",
        "list_sub_customer_budget",
    ),
    Entry::paged::<crate::budgets::ListSubCustomerBudgetRecordsRequest>(
        "budgets",
        "list_records",
        "list_records_all",
        "list_sub_customer_budget_records",
    ),
    Entry::call::<crate::budgets::ShowCustomerExpenditureQuotaRequest>(
        "budgets",
        "expenditure_quota",
        "show_customer_expenditure_quota",
    ),
    Entry::call::<crate::budgets::ShowPartnerConsumptionQuotaRequest>(
        "budgets",
        "partner_consumption_quota",
        "show_partner_consumption_quota",
    ),
    Entry::call::<crate::budgets::ShowSubCustomerBudgetRequest>(
        "budgets",
        "show",
        "show_sub_customer_budget",
    ),
    Entry::call::<crate::budgets::UpdateSubCustomerBudgetRequest>(
        "budgets",
        "update",
        "update_sub_customer_budget",
    ),
    Entry::call::<crate::resources::AutoRenewalResourcesRequest>(
        "resources",
        "enable_auto_renew",
        "auto_renewal_resources",
    ),
    Entry::call::<crate::resources::CancelAutoRenewalResourcesRequest>(
        "resources",
        "cancel_auto_renew",
        "cancel_auto_renewal_resources",
    ),
    Entry::call::<crate::resources::CancelResourcesSubscriptionRequest>(
        "resources",
        "unsubscribe",
        "cancel_resources_subscription",
    ),
    Entry::paged::<crate::resources::ListCustomerOnDemandResourcesRequest>(
        "resources",
        "list_on_demand",
        "list_on_demand_all",
        "list_customer_on_demand_resources",
    ),
    Entry::paged::<crate::resources::ListFreeResourceInfosRequest>(
        "resources",
        "list_free_resources",
        "list_free_resources_all",
        "list_free_resource_infos",
    ),
    Entry::paged::<crate::resources::ListFreeResourcesUsageRecordsRequest>(
        "resources",
        "list_free_resource_usage_records",
        "list_free_resource_usage_records_all",
        "list_free_resources_usage_records",
    ),
    Entry::call::<crate::resources::ListOnDemandResourceRatingsRequest>(
        "resources",
        "rate_on_demand",
        "list_on_demand_resource_ratings",
    ),
    Entry::paged::<crate::resources::ListPayPerUseCustomerResourcesRequest>(
        "resources",
        "list_customer_resources",
        "list_customer_resources_all",
        "list_pay_per_use_customer_resources",
    ),
    Entry::call::<crate::resources::ListRenewRateOnPeriodRequest>(
        "resources",
        "renewal_price",
        "list_renew_rate_on_period",
    ),
    Entry::call::<crate::resources::RenewalResourcesRequest>(
        "resources",
        "renew",
        "renewal_resources",
    ),
    Entry::call::<crate::resources::SetResourcesRenewConfigRequest>(
        "resources",
        "set_renew_config",
        "set_resources_renew_config",
    ),
    Entry::call::<crate::resources::UpdatePeriodToOnDemandRequest>(
        "resources",
        "to_on_demand",
        "update_period_to_on_demand",
    ),
    Entry::call::<crate::resources::UpdatePeriodToOnDemandInstantlyRequest>(
        "resources",
        "to_on_demand_instantly",
        "update_period_to_on_demand_instantly",
    ),
    Entry::call::<crate::funding::ListCustomersBalancesDetailRequest>(
        "funding",
        "customer_balances",
        "list_customers_balances_detail",
    ),
    Entry::call::<crate::funding::ReclaimToPartnerAccountRequest>(
        "funding",
        "reclaim_from_customer",
        "reclaim_to_partner_account",
    ),
    Entry::call::<crate::funding::UpdateCustomerAccountAmountRequest>(
        "funding",
        "fund_customer",
        "update_customer_account_amount",
    ),
    Entry::paged::<crate::account_records::ListCustomerAccountChangeRecordsRequest>(
        "account_records",
        "list_customer_changes",
        "list_customer_changes_all",
        "list_customer_account_change_records",
    ),
    Entry::paged::<crate::account_records::ListPartnerAccountChangeRecordsRequest>(
        "account_records",
        "list_partner_changes",
        "list_partner_changes_all",
        "list_partner_account_change_records",
    ),
    Entry::paged::<crate::account_records::ListStoredValueCardsRequest>(
        "account_records",
        "list_stored_value_cards",
        "list_stored_value_cards_all",
        "list_stored_value_cards",
    ),
    Entry::call::<crate::account_records::ShowCustomerAccountBalancesRequest>(
        "account_records",
        "customer_balances",
        "show_customer_account_balances",
    ),
    Entry::paged::<crate::bills::ListConsumeSubCustomersRequest>(
        "bills",
        "list_consuming_customers",
        "list_consuming_customers_all",
        "list_consume_sub_customers",
    ),
    Entry::paged::<crate::bills::ListCostsRequest>(
        "bills",
        "list_costs",
        "list_costs_all",
        "list_costs",
    ),
    Entry::paged::<crate::bills::ListCustomerBillsFeeRecordsRequest>(
        "bills",
        "list_fee_records",
        "list_fee_records_all",
        "list_customer_bills_fee_records",
    ),
    Entry::paged::<crate::bills::ListCustomerBillsMonthlyBreakDownRequest>(
        "bills",
        "list_monthly_breakdown",
        "list_monthly_breakdown_all",
        "list_customer_bills_monthly_break_down",
    ),
    Entry::paged::<crate::bills::ListCustomerselfResourceRecordDetailsRequest>(
        "bills",
        "list_resource_record_details",
        "list_resource_record_details_all",
        "list_customerself_resource_record_details",
    ),
    Entry::paged::<crate::bills::ListCustomerselfResourceRecordsRequest>(
        "bills",
        "list_resource_records",
        "list_resource_records_all",
        "list_customerself_resource_records",
    ),
    Entry::call::<crate::bills::ListFreeResourceUsagesRequest>(
        "bills",
        "list_free_resource_usages",
        "list_free_resource_usages",
    ),
    Entry::call::<crate::bills::ListPostpaidBillSumRequest>(
        "bills",
        "postpaid_bill_summary",
        "list_postpaid_bill_sum",
    ),
    Entry::paged::<crate::bills::ListResourceUsageRequest>(
        "bills",
        "list_resource_usage",
        "list_resource_usage_all",
        "list_resource_usage",
    ),
    Entry::paged::<crate::bills::ListResourceUsageSummaryRequest>(
        "bills",
        "list_resource_usage_summary",
        "list_resource_usage_summary_all",
        "list_resource_usage_summary",
    ),
    Entry::paged::<crate::bills::ListSubCustomerBillDetailRequest>(
        "bills",
        "list_customer_bill_details",
        "list_customer_bill_details_all",
        "list_sub_customer_bill_detail",
    ),
    Entry::paged::<crate::bills::ListSubcustomerMonthlyBillsRequest>(
        "bills",
        "list_customer_monthly_bills",
        "list_customer_monthly_bills_all",
        "list_subcustomer_monthly_bills",
    ),
    Entry::paged::<crate::bills::ShowCustomerMonthlySumRequest>(
        "bills",
        "monthly_summary",
        "monthly_summary_all",
        "show_customer_monthly_sum",
    ),
    Entry::call::<crate::coupons::CreatePartnerCouponsRequest>(
        "coupons",
        "issue",
        "create_partner_coupons",
    ),
    Entry::paged::<crate::coupons::ListCustomerCouponChangeRecordsRequest>(
        "coupons",
        "list_customer_change_records",
        "list_customer_change_records_all",
        "list_customer_coupon_change_records",
    ),
    Entry::paged::<crate::coupons::ListIssuedPartnerCouponsRequest>(
        "coupons",
        "list_issued",
        "list_issued_all",
        "list_issued_partner_coupons",
    ),
    Entry::call::<crate::coupons::ListOrderCouponsByOrderIdRequest>(
        "coupons",
        "list_order_coupons",
        "list_order_coupons_by_order_id",
    ),
    Entry::paged::<crate::coupons::ListPartnerCouponsRecordRequest>(
        "coupons",
        "list_records",
        "list_records_all",
        "list_partner_coupons_record",
    ),
    Entry::paged::<crate::coupons::ListQuotaCouponsRequest>(
        "coupons",
        "list_quotas",
        "list_quotas_all",
        "list_quota_coupons",
    ),
    Entry::paged::<crate::coupons::ListSubCustomerCouponsRequest>(
        "coupons",
        "list_customer_coupons",
        "list_customer_coupons_all",
        "list_sub_customer_coupons",
    ),
    Entry::call::<crate::coupons::ReclaimPartnerCouponsRequest>(
        "coupons",
        "reclaim",
        "reclaim_partner_coupons",
    ),
    Entry::paged::<crate::resellers::ListCouponQuotasRecordsRequest>(
        "resellers",
        "list_coupon_quota_records",
        "list_coupon_quota_records_all",
        "list_coupon_quotas_records",
    ),
    Entry::paged::<crate::resellers::ListIndirectPartnersRequest>(
        "resellers",
        "list",
        "list_all",
        "list_indirect_partners",
    ),
    Entry::paged::<crate::resellers::ListIssuedCouponQuotasRequest>(
        "resellers",
        "list_issued_coupon_quotas",
        "list_issued_coupon_quotas_all",
        "list_issued_coupon_quotas",
    ),
    Entry::call::<crate::resellers::ListPartnerBalancesRequest>(
        "resellers",
        "partner_balances",
        "list_partner_balances",
    ),
    Entry::call::<crate::resellers::ReclaimCouponQuotasRequest>(
        "resellers",
        "reclaim_coupon_quotas",
        "reclaim_coupon_quotas",
    ),
    Entry::call::<crate::resellers::ReclaimIndirectPartnerAccountRequest>(
        "resellers",
        "reclaim_from_reseller",
        "reclaim_indirect_partner_account",
    ),
    Entry::call::<crate::resellers::UpdateCouponQuotasRequest>(
        "resellers",
        "issue_coupon_quotas",
        "update_coupon_quotas",
    ),
    Entry::call::<crate::resellers::UpdateIndirectPartnerAccountRequest>(
        "resellers",
        "fund_reseller",
        "update_indirect_partner_account",
    ),
    Entry::paged::<crate::incentives::ListBusinessDiscountInfoRequest>(
        "incentives",
        "business_discounts",
        "business_discounts_all",
        "list_business_discount_info",
    ),
    Entry::paged::<crate::incentives::ListIncentiveDiscountPoliciesRequest>(
        "incentives",
        "list_policies",
        "list_policies_all",
        "list_incentive_discount_policies",
    ),
    Entry::paged::<crate::invoices::ListInvoicesRequest>(
        "invoices",
        "list",
        "list_all",
        "list_invoices",
    ),
    Entry::call::<crate::orders::CancelCustomerOrderRequest>(
        "orders",
        "cancel",
        "cancel_customer_order",
    ),
    Entry::paged::<crate::orders::ListCustomerOrdersRequest>(
        "orders",
        "list",
        "list_all",
        "list_customer_orders",
    ),
    Entry::call::<crate::orders::ListOrderDiscountsRequest>(
        "orders",
        "list_discounts",
        "list_order_discounts",
    ),
    Entry::call::<crate::orders::PayOrdersRequest>("orders", "pay", "pay_orders"),
    Entry::paged::<crate::orders::ShowCustomerOrderDetailsRequest>(
        "orders",
        "details",
        "details_all",
        "show_customer_order_details",
    ),
    Entry::call::<crate::orders::ShowRefundOrderDetailsRequest>(
        "orders",
        "refund_details",
        "show_refund_order_details",
    ),
    // END generated entries
];

/// The registered operation `area.method` (or its paginating method name).
pub fn find(area: &str, method: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|e| {
        e.info.area == area && (e.info.method == method || e.info.paginated == Some(method))
    })
}

fn lookup(area: &str, method: &str) -> Result<&'static Entry> {
    find(area, method).ok_or_else(|| {
        Error::new(
            ErrorKind::Unsupported,
            format!("no operation {area}.{method} in this SDK"),
        )
    })
}

/// Calls `area.method` with a JSON request and returns the JSON response.
///
/// # Errors
/// [`ErrorKind::Unsupported`] for an unknown name; [`ErrorKind::InvalidInput`] for a request
/// that does not decode or validate; any API error.
pub async fn call(client: &Client, area: &str, method: &str, request: Value) -> Result<Value> {
    let entry = lookup(area, method)?;
    (entry.call)(client.clone(), request).await
}

/// A paginator of JSON items for the list operation `area.method`.
///
/// # Errors
/// As [`call`], and [`ErrorKind::Unsupported`] for an operation that does not page.
pub fn paginate(
    client: &Client,
    area: &str,
    method: &str,
    request: Value,
) -> Result<Paginator<Value>> {
    Ok(paginate_items(client, area, method, request)?.map_items(|item| encode_response(&item)))
}

/// Like [`paginate`], with each item as JSON text: the same JSON as [`paginate`]'s values
/// (object keys may come in another order), written straight from the typed item. Bindings
/// that hand pages to their language as text use it to skip building a [`Value`] per item.
///
/// # Errors
/// As [`paginate`].
pub fn paginate_text(
    client: &Client,
    area: &str,
    method: &str,
    request: Value,
) -> Result<Paginator<String>> {
    Ok(
        paginate_items(client, area, method, request)?.map_items(|item| {
            serde_json::to_string(&item).map_err(|e| {
                Error::new(
                    ErrorKind::Decode,
                    format!("cannot encode the response: {e}"),
                )
            })
        }),
    )
}

/// Like [`paginate`], with each item as the typed value behind an [`Item`].
///
/// # Errors
/// As [`paginate`].
pub fn paginate_items(
    client: &Client,
    area: &str,
    method: &str,
    request: Value,
) -> Result<Paginator<Item>> {
    let entry = lookup(area, method)?;
    let p = entry.paginate_items.ok_or_else(|| {
        Error::new(
            ErrorKind::Unsupported,
            format!("{area}.{method} is not a list operation"),
        )
    })?;
    p(client.clone(), request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for (i, a) in REGISTRY.iter().enumerate() {
            for b in &REGISTRY[i + 1..] {
                assert_ne!((a.info.area, a.info.method), (b.info.area, b.info.method));
            }
            assert!(find(a.info.area, a.info.method).is_some());
        }
        assert!(find("funding", "adjust_records").is_some());
        assert!(find("funding", "nope").is_none());
    }

    #[test]
    fn requests_decode_strictly() {
        let ok: crate::funding::ListAdjustRecordsRequest = decode_request(serde_json::json!({
            "customer_id": "c1", "limit": 10, "operation_time_begin": "2024-06-01T00:00:00Z"
        }))
        .expect("ok");
        assert_eq!(ok.limit, Some(10));
        let e = decode_request::<crate::funding::ListAdjustRecordsRequest>(
            serde_json::json!({"customer": "typo"}),
        )
        .expect_err("unknown field");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        let e = decode_request::<crate::funding::ListAdjustRecordsRequest>(
            serde_json::json!({"limit": "ten"}),
        )
        .expect_err("bad type");
        assert!(e.message().contains("limit"), "{e}");
    }
}
