//! Pagination glue for the offset-paged operations: record offsets, and the page numbers
//! some operations use instead (`list_invoices`).

use futures::FutureExt;

use crate::client::Client;
use crate::config::Site;
use crate::error::{Error, Result};
use crate::operation::Operation;
use crate::pagination::{Page, PageStyle, Paginator};

/// A list request paged by `offset` and `limit`.
pub(crate) trait OffsetPaged: Operation + Clone + Sized + 'static {
    /// What one page lists.
    type Item: Send + 'static;

    /// The largest page size.
    const MAX_LIMIT: i32;

    /// Whether `offset` is a 1-based page number rather than a 0-based record offset.
    const PAGE_NUMBERS: bool;

    /// The request's `offset` and `limit`.
    fn page_params(&self) -> (Option<i32>, Option<i32>);

    /// Points the request at another page.
    fn set_page_params(&mut self, offset: i32, limit: i32);

    /// The items and total of a response.
    fn into_page(out: Self::Output) -> Page<Self::Item>;

    /// The site-dependent checks of the request.
    fn check_for_site(&self, site: Site) -> Result<()>;
}

/// A paginator over every item of `request`, starting at its offset (or page).
pub(crate) fn paginate<R: OffsetPaged>(client: Client, request: R) -> Paginator<R::Item> {
    let (offset, limit) = request.page_params();
    // An invalid request fails on the first page with the validation error.
    let operation = request.spec().name;
    let invalid = request
        .validate()
        .and_then(|()| request.check_for_site(client.site()))
        .err()
        .map(|e| e.message().to_owned());
    let limit = limit
        .and_then(|l| u32::try_from(l).ok())
        .unwrap_or(R::MAX_LIMIT.unsigned_abs())
        .max(1);
    let start = if R::PAGE_NUMBERS {
        u64::from(offset.unwrap_or(1).max(1).unsigned_abs() - 1) * u64::from(limit)
    } else {
        u64::from(offset.unwrap_or(0).max(0).unsigned_abs())
    };
    Paginator::new(PageStyle::Offset, limit, start, move |page| {
        let client = client.clone();
        let mut req = request.clone();
        let invalid = invalid.clone();
        async move {
            if let Some(message) = invalid {
                return Err(Error::invalid_input(message).with_operation(operation));
            }
            let position = if R::PAGE_NUMBERS {
                page.offset / u64::from(page.limit.max(1)) + 1
            } else {
                page.offset
            };
            let position = i32::try_from(position)
                .map_err(|_| Error::invalid_input("offset beyond the API's 32-bit range"))?;
            let limit = i32::try_from(page.limit)
                .map_err(|_| Error::invalid_input("page size beyond the API's range"))?;
            req.set_page_params(position, limit);
            let out = client.execute(&req).await?;
            Ok(R::into_page(out))
        }
        .boxed()
    })
}
