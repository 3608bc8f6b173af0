//! Funding and reclaiming customer balances, and the two record lists they feed:
//! adjustment records (`list_partner_adjust_records`) and the partner's account changes
//! (`list_partner_account_change_records`).
//!
//! Lists are the in-memory records (newest first) followed by the lazily generated seeded
//! history; filters on customer, time and trans id select seeded indices arithmetically, so
//! a page costs the same whether the history has two thousand or a million records.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;

use super::customers::{check_reseller, not_sub_customer};
use super::{time_arg, within, INSUFFICIENT_BALANCE};
use crate::call::Call;
use crate::data::{Adjustment, Dataset, OP_ADJUST, OP_RETRIEVE};
use crate::reply::{Outcome, Reply};
use crate::rng::{money_str, utc, Draw};
use crate::state::{ChangeRecord, Ctx, State};

/// Checks that an amount has at most two fraction digits (the API's unit is yuan/dollars
/// with cents).
pub(super) fn cents(amount: Decimal) -> Result<Decimal, Reply> {
    if amount.normalize().scale() > 2 {
        return Err(Reply::invalid_param(
            "Invalid parameter: amount allows at most 2 decimal places.",
        ));
    }
    let mut a = amount;
    a.rescale(2);
    Ok(a)
}

pub(super) fn short_balance() -> Reply {
    Reply::code(
        400,
        INSUFFICIENT_BALANCE,
        "The account balance is insufficient.",
    )
}

/// Records a partner account change and returns its id.
pub(super) fn push_change(
    ctx: &Ctx,
    st: &mut State,
    (detail_type, kind): (&'static str, &'static str),
    trade_id: &str,
    amount: Decimal,
    (customer_id, account_name): (&str, &str),
) {
    let now = ctx.now();
    let mut d = ctx.next_draw("change");
    let balance_after = ctx.partner_balance(st);
    st.changes.push(ChangeRecord {
        id: format!(
            "ACR{}{}",
            crate::rng::stamp(now),
            d.hex_id(10).to_ascii_uppercase()
        ),
        detail_type,
        time: now,
        trade_id: trade_id.to_owned(),
        amount,
        balance_after,
        kind,
        customer_id: customer_id.to_owned(),
        account_name: account_name.to_owned(),
    });
}

fn move_money(ctx: &Ctx, call: &Call<'_>, funding: bool) -> Result<String, Reply> {
    check_reseller(ctx, call.b("indirect_partner_id"))?;
    let amount = cents(call.amount("amount")?)?;
    let id = call.b("customer_id").unwrap_or_default();
    let mut st = ctx.state();
    let c = ctx.customer(&st, id).ok_or_else(not_sub_customer)?.clone();
    let source = if funding {
        ctx.partner_balance(&st)
    } else {
        ctx.customer_balance(&st, &c)
    };
    if source < amount {
        return Err(short_balance());
    }
    let signed = if funding { amount } else { -amount };
    *st.balance_delta.entry(c.id.clone()).or_default() += signed;
    st.partner_delta -= signed;

    let now = ctx.now();
    let prefix = if funding { "ADJ" } else { "RTV" };
    let trans_id = format!(
        "{prefix}{}{}",
        crate::rng::stamp(now),
        Draw::hex_id(&mut ctx.next_draw("trans"), 10).to_ascii_uppercase()
    );
    let op = if funding { OP_ADJUST } else { OP_RETRIEVE };
    let kind = if funding { "2" } else { "1" };
    push_change(
        ctx,
        &mut st,
        (op, kind),
        &trans_id,
        amount,
        (&c.id, &c.account_name),
    );
    let change_id = st.changes.last().map(|r| r.id.clone()).unwrap_or_default();
    let balance_after = ctx.partner_balance(&st);
    st.adjustments.push(Adjustment {
        customer_id: c.id.clone(),
        customer_name: c.name.clone(),
        account_name: c.account_name.clone(),
        operation_type: op,
        amount,
        time: now,
        trans_id: trans_id.clone(),
        memo: String::new(),
        partner_balance_after: balance_after,
        change_id,
    });
    Ok(trans_id)
}

pub(super) fn fund(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let id = move_money(ctx, call, true)?;
    Ok(Reply::ok(json!({ "transfer_id": id })))
}

pub(super) fn reclaim(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let id = move_money(ctx, call, false)?;
    Ok(Reply::ok(json!({ "trans_id": id })))
}

/// Seeded indices `first, first+step, …` (`count` of them).
#[derive(Debug, Clone, Copy)]
struct Seq {
    first: u64,
    step: u64,
    count: u64,
}

impl Seq {
    fn nth(self, k: u64) -> u64 {
        self.first + k * self.step
    }
}

/// The operation type of seeded record `i`, without building the record.
fn seeded_is_adjust(data: &Dataset, i: u64) -> bool {
    Draw::new(data.seed, "adjust", i).below(10) < 8
}

/// Seeded candidates after the customer, time and trans-id filters.
fn seeded_seq(
    data: &Dataset,
    customer: Option<&str>,
    begin: Option<i64>,
    end: Option<i64>,
    trans: Option<&str>,
) -> Seq {
    let empty = Seq {
        first: 0,
        step: 1,
        count: 0,
    };
    let (mut lo, mut hi) = data.record_range(begin, end);
    if let Some(t) = trans {
        match data.record_index_of(t) {
            Some(i) if (lo..hi).contains(&i) && data.adjustment(i).trans_id == t => {
                (lo, hi) = (i, i + 1);
            }
            _ => return empty,
        }
    }
    let n = data.customers.len() as u64;
    match customer {
        None => Seq {
            first: lo,
            step: 1,
            count: hi - lo,
        },
        Some(id) => {
            let Some(c) = data.customers.iter().position(|c| c.id == id) else {
                return empty;
            };
            let first = lo + (c as u64 + n - lo % n) % n;
            let count = if first < hi {
                (hi - 1 - first) / n + 1
            } else {
                0
            };
            Seq {
                first,
                step: n,
                count,
            }
        }
    }
}

/// Selects `limit` items after `offset` from in-memory hits followed by seeded ones.
fn merged<S, T>(
    mem: Vec<S>,
    seq: Seq,
    keep: impl Fn(u64) -> bool,
    filtered: bool,
    (offset, limit): (u64, u64),
    make: impl Fn(u64) -> T,
    from_mem: impl Fn(S) -> T,
) -> (Vec<T>, u64) {
    let mem_len = mem.len() as u64;
    let mut out: Vec<T> = mem
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(from_mem)
        .collect();
    let skip = offset.saturating_sub(mem_len);
    let want = limit - out.len() as u64;
    let seeded_total = if filtered {
        let mut seen = 0;
        for k in 0..seq.count {
            let i = seq.nth(k);
            if keep(i) {
                if seen >= skip && (out.len() as u64) < limit && want > 0 {
                    out.push(make(i));
                }
                seen += 1;
            }
        }
        seen
    } else {
        for k in skip..seq.count.min(skip + want) {
            out.push(make(seq.nth(k)));
        }
        seq.count
    };
    (out, mem_len + seeded_total)
}

/// `AdjustRecordV3` on the wire (serialised directly and borrowing: this list is the hot
/// path).
#[derive(Debug, Serialize)]
struct AdjustOut<'a> {
    customer_id: &'a str,
    customer_name: &'a str,
    operation_type: &'static str,
    amount: String,
    currency: &'static str,
    apply_scene: &'static str,
    operation_time: String,
    measure_id: i32,
    trans_id: String,
    memo: &'a str,
}

fn adjust_json<'a>(a: &'a Adjustment, currency: &'static str) -> AdjustOut<'a> {
    AdjustOut {
        customer_id: &a.customer_id,
        customer_name: &a.customer_name,
        operation_type: a.operation_type,
        amount: money_str(a.amount),
        currency,
        apply_scene: "",
        operation_time: utc(a.time),
        measure_id: 1,
        trans_id: a.trans_id.clone(),
        memo: &a.memo,
    }
}

fn seeded_adjust_json<'a>(data: &'a Dataset, i: u64, currency: &'static str) -> AdjustOut<'a> {
    let a = data.seeded_adjustment(i);
    AdjustOut {
        customer_id: &a.customer.id,
        customer_name: &a.customer.name,
        operation_type: a.operation_type,
        amount: money_str(a.amount),
        currency,
        apply_scene: "",
        trans_id: format!("ADJ{}{i:010}", crate::rng::stamp(a.time)),
        operation_time: utc(a.time),
        measure_id: 1,
        memo: a.memo,
    }
}

#[derive(Debug, Serialize)]
struct AdjustPage<'a> {
    records: Vec<AdjustOut<'a>>,
    total_count: u64,
}

pub(super) fn adjust_records(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let customer = call.q("customer_id");
    let op = call.q("operation_type");
    let trans = call.q("trans_id");
    let begin = time_arg(call, "operation_time_begin", false)?;
    let end = time_arg(call, "operation_time_end", true)?;
    if check_reseller(ctx, call.q("indirect_partner_id"))?.is_some() {
        return Ok(Reply::ok(json!({ "records": [], "total_count": 0 })));
    }
    let currency = Ctx::currency(call.intl);
    let st = ctx.state();
    let mem: Vec<&Adjustment> = st
        .adjustments
        .iter()
        .rev()
        .filter(|a| {
            customer.map_or(true, |c| a.customer_id == c)
                && op.map_or(true, |o| a.operation_type == o)
                && trans.map_or(true, |t| a.trans_id == t)
                && within(a.time, begin, end)
        })
        .collect();
    let data = &ctx.data;
    let seq = seeded_seq(data, customer, begin, end, trans);
    let want_adjust = op.map(|o| o == OP_ADJUST);
    let keep = |i: u64| match want_adjust {
        Some(w) => {
            op.is_some_and(|o| o == OP_ADJUST || o == OP_RETRIEVE) && seeded_is_adjust(data, i) == w
        }
        None => true,
    };
    let (records, total) = merged(
        mem,
        seq,
        keep,
        op.is_some(),
        call.page(),
        |i| seeded_adjust_json(data, i, currency),
        |a| adjust_json(a, currency),
    );
    Ok(Reply::ok_serialized(&AdjustPage {
        records,
        total_count: total,
    }))
}

/// `AccountChangeRecord` on the wire.
#[derive(Debug, Serialize)]
struct ChangeOut {
    account_change_id: String,
    trade_detail_type: &'static str,
    trade_time: String,
    trade_id: String,
    change_amount: String,
    balance_after_change: String,
    #[serde(rename = "type")]
    kind: &'static str,
    customer_id: String,
    account_name: String,
}

fn change_json(r: ChangeRecord) -> ChangeOut {
    ChangeOut {
        account_change_id: r.id,
        trade_detail_type: r.detail_type,
        trade_time: utc(r.time),
        trade_id: r.trade_id,
        change_amount: money_str(r.amount),
        balance_after_change: money_str(r.balance_after),
        kind: r.kind,
        customer_id: r.customer_id,
        account_name: r.account_name,
    }
}

#[derive(Debug, Serialize)]
struct ChangePage {
    total_count: u64,
    currency: &'static str,
    records: Vec<ChangeOut>,
}

fn seeded_change(a: Adjustment) -> ChangeRecord {
    let adjust = a.operation_type == OP_ADJUST;
    ChangeRecord {
        id: a.change_id,
        detail_type: a.operation_type,
        time: a.time,
        trade_id: a.trans_id,
        amount: a.amount,
        balance_after: a.partner_balance_after,
        kind: if adjust { "2" } else { "1" },
        customer_id: a.customer_id,
        account_name: a.account_name,
    }
}

pub(super) fn change_records(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let trade = call.q("trade_type");
    let begin = time_arg(call, "trade_time_begin", false)?;
    let end = time_arg(call, "trade_time_end", true)?;
    if check_reseller(ctx, call.q("indirect_partner_id"))?.is_some() {
        let currency = Ctx::currency(call.intl);
        return Ok(Reply::ok(
            json!({ "total_count": 0, "currency": currency, "records": [] }),
        ));
    }
    let st = ctx.state();
    let trade_ok = |kind: &str, detail: &str| trade.map_or(true, |t| t == kind || t == detail);
    let mem: Vec<&ChangeRecord> = st
        .changes
        .iter()
        .rev()
        .filter(|r| trade_ok(r.kind, r.detail_type) && within(r.time, begin, end))
        .collect();
    let data = &ctx.data;
    let seq = seeded_seq(data, None, begin, end, None);
    let keep = |i: u64| {
        let adjust = seeded_is_adjust(data, i);
        let (kind, detail) = if adjust {
            ("2", OP_ADJUST)
        } else {
            ("1", OP_RETRIEVE)
        };
        trade_ok(kind, detail)
    };
    let (records, total) = merged(
        mem,
        seq,
        keep,
        trade.is_some(),
        call.page(),
        |i| change_json(seeded_change(data.adjustment(i))),
        |r| change_json(r.clone()),
    );
    Ok(Reply::ok_serialized(&ChangePage {
        total_count: total,
        currency: Ctx::currency(call.intl),
        records,
    }))
}
