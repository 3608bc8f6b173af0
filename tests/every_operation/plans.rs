//! How each registered operation is exercised: the request values the catalogue cannot
//! supply (from the official-SDK oracle suite's per-operation choices) and the response
//! fields that must be populated. Documented errors are checked in `flows.rs`.

use crate::requests::V;

/// Where the request comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Built from the catalogue plus `set`.
    Catalogue,
    /// An IAM operation, exercised in `iam.rs` with its SDK-shaped request.
    Iam,
}

/// One operation's plan.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    pub(crate) op: &'static str,
    pub(crate) source: Source,
    pub(crate) set: &'static [(&'static str, V)],
    /// Key fields replacing the default rule (`checks::default_key_fields`).
    pub(crate) keys: Option<&'static [&'static str]>,
}

const fn p(op: &'static str) -> Plan {
    Plan {
        op,
        source: Source::Catalogue,
        set: &[],
        keys: None,
    }
}

const fn with(op: &'static str, set: &'static [(&'static str, V)]) -> Plan {
    Plan { set, ..p(op) }
}

const fn iam(op: &'static str) -> Plan {
    Plan {
        source: Source::Iam,
        ..p(op)
    }
}

const LICENSE: V = V::Json(r#"["rust/license.jpg"]"#);
const CORP: V = V::Json(r#""Rust Test Corp""#);
const CREDIT_CODE: V = V::Json(r#""91110000000000000X""#);
const CDN: &[(&str, V)] = &[
    ("service_type_code", V::Json(r#""hws.service.type.cdn""#)),
    ("resource_type_code", V::Json(r#""hws.resource.type.cdn""#)),
    ("usage_type", V::Json(r#""95Peak""#)),
];
const CDN_RESOURCE: &[(&str, V)] = &[
    ("service_type_code", V::Json(r#""hws.service.type.cdn""#)),
    ("resource_type_code", V::Json(r#""hws.resource.type.cdn""#)),
    ("usage_type", V::Json(r#""95Peak""#)),
    ("resource_id", V::First("usage_resource")),
];

/// Every registered operation, by catalogue name.
pub(crate) static PLANS: &[Plan] = &[
    // IAM
    iam("keystone_create_user_token_by_password"),
    iam("keystone_create_agency_token"),
    iam("keystone_validate_token"),
    iam("create_unscope_token_by_idp_initiated"),
    iam("keystone_create_scoped_token"),
    iam("create_temporary_access_key_by_token"),
    iam("create_temporary_access_key_by_agency"),
    iam("keystone_list_auth_domains"),
    iam("keystone_list_projects"),
    // customers
    p("list_sub_customers"),
    with(
        "change_enterprise_realname_authentication",
        &[
            ("identify_type", V::Json("1")),
            ("change_type", V::Json("1")),
            ("verified_file_url", LICENSE),
            ("corp_name", CORP),
            ("verified_number", CREDIT_CODE),
            ("customer_id", V::Take("customer")),
        ],
    ),
    with(
        "check_user_identity",
        &[
            ("search_type", V::Json(r#""email""#)),
            ("search_value", V::Json(r#""rust.check@example.com""#)),
        ],
    ),
    with(
        "create_enterprise_realname_authentication",
        &[
            ("identify_type", V::Json("1")),
            ("verified_file_url", LICENSE),
            ("corp_name", CORP),
            ("verified_number", CREDIT_CODE),
            ("customer_id", V::Take("customer")),
        ],
    ),
    with(
        "create_personal_realname_auth",
        &[
            ("identify_type", V::Json("0")),
            (
                "verified_file_url",
                V::Json(r#"["rust/a.jpg", "rust/b.jpg", "rust/c.jpg"]"#),
            ),
            ("name", V::Json(r#""Rust Person""#)),
            ("verified_number", V::Json(r#""110101199001011234""#)),
            ("customer_id", V::Take("customer")),
        ],
    ),
    with(
        "create_sub_customer",
        &[
            ("xaccount_id", V::Unique("rust-x-")),
            ("domain_name", V::Unique("rust_")),
            ("domain_area", V::Json(r#""MX""#)),
        ],
    ),
    with(
        "freeze_sub_customers",
        &[
            ("customer_ids", V::List("last_customer")),
            ("reason", V::Json(r#""rust freeze test""#)),
        ],
    ),
    with(
        "unfreeze_sub_customers",
        &[
            ("customer_ids", V::List("last_customer")),
            ("reason", V::Json(r#""rust unfreeze test""#)),
        ],
    ),
    p("list_sub_customer_new_tag"),
    with(
        "send_verification_message_code",
        &[
            ("receiver_type", V::Json("1")),
            ("mobile_phone", V::Json(r#""13800000000""#)),
            ("email", V::Json(r#""rust.verify@example.com""#)),
        ],
    ),
    p("show_real_name_auth_qr_code"),
    p("show_real_name_auth_status"),
    p("show_realname_authentication_review_result"),
    // budgets (International)
    p("list_sub_customer_budget"),
    p("list_sub_customer_budget_records"),
    p("show_customer_expenditure_quota"),
    p("show_partner_consumption_quota"),
    p("show_sub_customer_budget"),
    with(
        "update_sub_customer_budget",
        &[("budget_amount", V::Json(r#""100.00""#))],
    ),
    // resources
    p("auto_renewal_resources"),
    p("cancel_auto_renewal_resources"),
    // Unsubscribes the last resource: the others keep acting on the first.
    with(
        "cancel_resources_subscription",
        &[
            ("unsubscribe_type", V::Json("1")),
            ("resource_ids", V::LastList("resource")),
        ],
    ),
    p("list_customer_on_demand_resources"),
    p("list_free_resource_infos"),
    with(
        "list_free_resources_usage_records",
        &[
            ("deduct_time_begin", V::MonthStart),
            ("deduct_time_end", V::MonthEnd),
        ],
    ),
    with(
        "list_on_demand_resource_ratings",
        &[
            (
                "project_id",
                V::Json(r#""0a1b2c3d4e5f60718293a4b5c6d7e8f9""#),
            ),
            ("product_infos.id", V::Json(r#""1""#)),
            (
                "product_infos.cloud_service_type",
                V::Json(r#""hws.service.type.ebs""#),
            ),
            (
                "product_infos.resource_type",
                V::Json(r#""hws.resource.type.volume""#),
            ),
            ("product_infos.resource_spec", V::Json(r#""SAS""#)),
            ("product_infos.region", V::Json(r#""cn-north-4""#)),
            ("product_infos.usage_factor", V::Json(r#""Duration""#)),
            ("product_infos.usage_value", V::Json(r#""1""#)),
            ("product_infos.usage_measure_id", V::Json("4")),
            ("product_infos.subscription_num", V::Json("1")),
            ("product_infos.resource_size", V::Json("40")),
            ("product_infos.size_measure_id", V::Json("17")),
        ],
    ),
    with(
        "list_pay_per_use_customer_resources",
        &[("customer_id", V::First("customer"))],
    ),
    p("list_renew_rate_on_period"),
    p("renewal_resources"),
    with(
        "set_resources_renew_config",
        &[
            ("config_name", V::Json(r#""DEDUCTION_DATE""#)),
            ("config_value", V::Json(r#""3""#)),
        ],
    ),
    with(
        "update_period_to_on_demand",
        &[("operation", V::Json(r#""SET_UP""#))],
    ),
    p("update_period_to_on_demand_instantly"),
    // funding
    p("list_partner_adjust_records"),
    p("list_customers_balances_detail"),
    with(
        "reclaim_to_partner_account",
        &[("amount", V::Json(r#""0.01""#))],
    ),
    p("update_customer_account_amount"),
    // account records
    p("list_customer_account_change_records"),
    p("list_partner_account_change_records"),
    with("list_stored_value_cards", &[("status", V::Json("1"))]),
    p("show_customer_account_balances"),
    // bills
    p("list_consume_sub_customers"),
    with(
        "list_costs",
        &[
            ("amount_type", V::Json(r#""PAYMENT_AMOUNT""#)),
            ("cost_type", V::Json(r#""ORIGINAL_COST""#)),
            ("time_condition.time_measure_id", V::Json("1")),
            ("time_condition.begin_time", V::MonthStart),
            ("time_condition.end_time", V::MonthEnd),
            ("groupby.type", V::Json(r#""dimension""#)),
            ("groupby.key", V::Json(r#""CLOUD_SERVICE_TYPE""#)),
        ],
    ),
    p("list_customer_bills_fee_records"),
    p("list_customer_bills_monthly_break_down"),
    p("list_customerself_resource_record_details"),
    p("list_customerself_resource_records"),
    with(
        "list_free_resource_usages",
        &[("free_resource_ids", V::List("free_resource"))],
    ),
    p("list_postpaid_bill_sum"),
    with("list_resource_usage", CDN_RESOURCE),
    with("list_resource_usage_summary", CDN),
    p("list_sub_customer_bill_detail"),
    with(
        "list_subcustomer_monthly_bills",
        &[("charge_mode", V::Json(r#""1""#))],
    ),
    p("show_customer_monthly_sum"),
    // coupons
    Plan {
        keys: Some(&[
            "coupon_infos[]",
            "coupon_infos[].id",
            "coupon_infos[].coupon_id",
        ]),
        ..with(
            "create_partner_coupons",
            &[
                ("quota_id", V::First("quota")),
                ("face_value", V::Json(r#""1.00""#)),
            ],
        )
    },
    with(
        "list_customer_coupon_change_records",
        &[("balance_type", V::Json(r#""BALANCE_TYPE_COUPON""#))],
    ),
    p("list_issued_partner_coupons"),
    with(
        "list_order_coupons_by_order_id",
        &[("order_id", V::First("order_pending"))],
    ),
    p("list_partner_coupons_record"),
    p("list_quota_coupons"),
    p("list_sub_customer_coupons"),
    with(
        "reclaim_partner_coupons",
        &[("coupon_id", V::Take("issued_coupon"))],
    ),
    // resellers
    p("list_coupon_quotas_records"),
    p("list_indirect_partners"),
    p("list_issued_coupon_quotas"),
    p("list_partner_balances"),
    with(
        "reclaim_coupon_quotas",
        &[("quota_ids", V::TakeList("issued_quota"))],
    ),
    with(
        "reclaim_indirect_partner_account",
        &[("amount", V::Json(r#""0.01""#))],
    ),
    with(
        "update_coupon_quotas",
        &[
            ("quota_id", V::First("quota")),
            ("quota_amount", V::Json(r#""1.00""#)),
        ],
    ),
    p("update_indirect_partner_account"),
    // incentives
    with(
        "list_business_discount_info",
        &[("quoting_item_type", V::Json(r#""PRODUCT_ITEM""#))],
    ),
    with("list_incentive_discount_policies", &[("time", V::Month)]),
    // invoices (International: `offset` is a page number)
    with(
        "list_invoices",
        &[
            ("offset", V::Json("1")),
            ("start_time", V::Json(r#""2025-01-01T00:00:00Z""#)),
            ("end_time", V::Json(r#""2025-12-31T23:59:59Z""#)),
        ],
    ),
    // orders
    with(
        "cancel_customer_order",
        &[("order_id", V::Take("order_pending"))],
    ),
    p("list_customer_orders"),
    // Cancelling and paying take the pending orders in turn (cancel first, as REGISTRY
    // lists it); the discounts are read for the last one, not yet paid at that point.
    with(
        "list_order_discounts",
        &[("order_id", V::Last("order_pending"))],
    ),
    with(
        "pay_orders",
        &[
            ("order_id", V::Take("order_pending")),
            ("use_coupon", V::Json(r#""NO""#)),
            ("use_discount", V::Json(r#""NO""#)),
        ],
    ),
    p("show_customer_order_details"),
    with(
        "show_refund_order_details",
        &[
            ("order_id", V::First("order_refund")),
            ("customer_id", V::First("order_refund_customer")),
        ],
    ),
];

/// The plan of `operation`.
pub(crate) fn plan(operation: &str) -> Option<&'static Plan> {
    PLANS.iter().find(|p| p.op == operation)
}
