//! Lazy pagination over list operations.
//!
//! A [`Paginator`] fetches one page at a time ([`Paginator::next_page`]), or streams items
//! ([`Paginator::into_stream`]), or collects everything ([`Paginator::collect_all`]). For
//! offset paging with a reported total it can fetch the remaining pages concurrently
//! ([`Paginator::concurrency`]), always through the client's rate limiter, and still yields
//! pages in order.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::sync::Arc;

use futures::future::BoxFuture;
use futures::stream::{self, BoxStream, Stream, StreamExt};

use crate::error::Result;

/// Where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRequest {
    /// Record offset (0-based).
    pub offset: u64,
    /// Page size.
    pub limit: u32,
    /// Marker of marker-paged operations (`None` for the first page).
    pub marker: Option<String>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The total the API reported, if it reports one.
    pub total: Option<u64>,
    /// The marker of the next page (marker-paged operations).
    pub next_marker: Option<String>,
}

/// How an operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `offset` + `limit` (page-number operations convert in their fetch function).
    Offset,
    /// `marker` + `limit`.
    Marker,
}

type Fetch<T> = Arc<dyn Fn(PageRequest) -> BoxFuture<'static, Result<Page<T>>> + Send + Sync>;
type Inflight<T> = Pin<Box<dyn Stream<Item = (u64, Result<Page<T>>)> + Send>>;

/// Pages through a list operation. Created by the list methods of the resource areas.
pub struct Paginator<T> {
    fetch: Fetch<T>,
    style: PageStyle,
    limit: u32,
    concurrency: usize,

    next_offset: u64,
    next_marker: Option<String>,
    total: Option<u64>,
    last_full: bool,
    done: bool,
    fanned_out: bool,
    inflight: Option<Inflight<T>>,
}

impl<T> fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("style", &self.style)
            .field("limit", &self.limit)
            .field("concurrency", &self.concurrency)
            .field("next_offset", &self.next_offset)
            .field("total", &self.total)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Paginator<T> {
    /// A paginator calling `fetch` for each page.
    pub fn new<F>(style: PageStyle, limit: u32, start_offset: u64, fetch: F) -> Self
    where
        F: Fn(PageRequest) -> BoxFuture<'static, Result<Page<T>>> + Send + Sync + 'static,
    {
        Self {
            fetch: Arc::new(fetch),
            style,
            limit: limit.max(1),
            concurrency: 1,
            next_offset: start_offset,
            next_marker: None,
            total: None,
            last_full: true,
            done: false,
            fanned_out: false,
            inflight: None,
        }
    }

    /// Once the first page has told the total, fetch up to `n` further pages at a time
    /// (offset paging only; the rate limiter still applies). Pages are yielded in order.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// The page size.
    pub fn page_size(&self) -> u32 {
        self.limit
    }

    /// The total the API last reported, once a page has been fetched.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// The next page, or `None` when there are no more. After an error the paginator stops.
    pub async fn next_page(&mut self) -> Option<Result<Page<T>>> {
        if let Some(inflight) = self.inflight.as_mut() {
            match inflight.next().await {
                Some((offset, Ok(page))) => {
                    self.record(offset, &page);
                    return Some(Ok(page));
                }
                Some((_, Err(e))) => {
                    self.inflight = None;
                    self.done = true;
                    return Some(Err(e));
                }
                None => {
                    self.inflight = None;
                    // Go on sequentially only if the total grew past what was fanned out.
                    let more = self.total.is_some_and(|t| self.next_offset < t);
                    if !more || !self.last_full {
                        self.done = true;
                    }
                }
            }
        }
        if self.done {
            return None;
        }

        let request = PageRequest {
            offset: self.next_offset,
            limit: self.limit,
            marker: self.next_marker.clone(),
        };
        let offset = request.offset;
        let page = match (self.fetch)(request).await {
            Ok(p) => p,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        self.record(offset, &page);
        self.done = self.is_last(&page);
        if !self.done && !self.fanned_out && self.concurrency > 1 && self.style == PageStyle::Offset
        {
            if let Some(total) = self.total {
                self.fan_out(total);
            }
        }
        Some(Ok(page))
    }

    fn record(&mut self, offset: u64, page: &Page<T>) {
        if page.total.is_some() {
            self.total = page.total;
        }
        self.last_full = page.items.len() as u64 >= u64::from(self.limit);
        self.next_offset = self.next_offset.max(offset + page.items.len() as u64);
        self.next_marker = page.next_marker.clone().filter(|m| !m.is_empty());
    }

    fn is_last(&self, page: &Page<T>) -> bool {
        if page.items.is_empty() {
            return true;
        }
        match self.style {
            PageStyle::Marker => self.next_marker.is_none(),
            PageStyle::Offset => match self.total {
                Some(total) => self.next_offset >= total,
                None => !self.last_full,
            },
        }
    }

    fn fan_out(&mut self, total: u64) {
        self.fanned_out = true;
        let limit = u64::from(self.limit);
        let offsets: VecDeque<u64> = (0..)
            .map(|i| self.next_offset + i * limit)
            .take_while(|o| *o < total)
            .collect();
        let fetch = Arc::clone(&self.fetch);
        let page_limit = self.limit;
        let inflight = stream::iter(offsets)
            .map(move |offset| {
                let fetch = Arc::clone(&fetch);
                async move {
                    let page = fetch(PageRequest {
                        offset,
                        limit: page_limit,
                        marker: None,
                    })
                    .await;
                    (offset, page)
                }
            })
            .buffered(self.concurrency);
        self.inflight = Some(Box::pin(inflight));
    }

    /// A paginator yielding `f(item)` for every item (used by the bindings to turn typed
    /// items into JSON). The first error of `f` ends the page with that error.
    pub fn map_items<U, F>(self, f: F) -> Paginator<U>
    where
        U: Send + 'static,
        F: Fn(T) -> Result<U> + Send + Sync + 'static,
    {
        let fetch = Arc::clone(&self.fetch);
        let f = Arc::new(f);
        let mapped: Fetch<U> = Arc::new(move |req| {
            let fut = fetch(req);
            let f = Arc::clone(&f);
            Box::pin(async move {
                let page = fut.await?;
                let items = page
                    .items
                    .into_iter()
                    .map(|i| f(i))
                    .collect::<Result<Vec<U>>>()?;
                Ok(Page {
                    items,
                    total: page.total,
                    next_marker: page.next_marker,
                })
            })
        });
        Paginator {
            fetch: mapped,
            style: self.style,
            limit: self.limit,
            concurrency: self.concurrency,
            next_offset: self.next_offset,
            next_marker: self.next_marker,
            total: self.total,
            last_full: self.last_full,
            done: self.done,
            fanned_out: self.fanned_out,
            inflight: None,
        }
    }

    /// The pages as a stream.
    pub fn pages(self) -> BoxStream<'static, Result<Page<T>>> {
        stream::unfold(
            self,
            |mut p| async move { p.next_page().await.map(|r| (r, p)) },
        )
        .boxed()
    }

    /// The items as a stream, fetching pages lazily.
    pub fn into_stream(self) -> BoxStream<'static, Result<T>> {
        self.pages()
            .flat_map(|page| match page {
                Ok(p) => stream::iter(p.items.into_iter().map(Ok).collect::<Vec<_>>()),
                Err(e) => stream::iter(vec![Err(e)]),
            })
            .boxed()
    }

    /// Every item of every page.
    ///
    /// # Errors
    /// The first error of any page.
    pub async fn collect_all(mut self) -> Result<Vec<T>> {
        let mut out = Vec::new();
        while let Some(page) = self.next_page().await {
            out.extend(page?.items);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Mutex;

    fn source(
        total: Arc<AtomicU64>,
        calls: Arc<Mutex<Vec<u64>>>,
    ) -> impl Fn(PageRequest) -> BoxFuture<'static, Result<Page<u64>>> + Send + Sync {
        move |req| {
            let total = Arc::clone(&total);
            let calls = Arc::clone(&calls);
            Box::pin(async move {
                calls.lock().expect("lock").push(req.offset);
                let t = total.load(Ordering::SeqCst);
                let end = (req.offset + u64::from(req.limit)).min(t);
                let items: Vec<u64> = (req.offset..end.max(req.offset)).collect();
                Ok(Page {
                    items,
                    total: Some(t),
                    next_marker: None,
                })
            })
        }
    }

    #[tokio::test]
    async fn sequential_is_complete_and_in_order() {
        let calls = Arc::new(Mutex::new(vec![]));
        let p = Paginator::new(
            PageStyle::Offset,
            10,
            0,
            source(Arc::new(95.into()), calls.clone()),
        );
        let all = p.collect_all().await.expect("ok");
        assert_eq!(all, (0..95).collect::<Vec<_>>());
        assert_eq!(
            *calls.lock().expect("lock"),
            (0..10).map(|i| i * 10).collect::<Vec<_>>()
        );
    }

    #[tokio::test]
    async fn concurrent_is_complete_and_in_order() {
        let calls = Arc::new(Mutex::new(vec![]));
        let p = Paginator::new(
            PageStyle::Offset,
            7,
            0,
            source(Arc::new(100.into()), calls.clone()),
        )
        .concurrency(4);
        let all = p.collect_all().await.expect("ok");
        assert_eq!(all, (0..100).collect::<Vec<_>>());
        assert_eq!(calls.lock().expect("lock").len(), 15);
    }

    #[tokio::test]
    async fn total_growing_midway_is_followed() {
        let total = Arc::new(AtomicU64::new(30));
        let calls = Arc::new(Mutex::new(vec![]));
        let t2 = Arc::clone(&total);
        let inner = source(Arc::clone(&total), calls.clone());
        let p = Paginator::new(PageStyle::Offset, 10, 0, move |req| {
            if req.offset == 10 {
                t2.store(45, Ordering::SeqCst);
            }
            inner(req)
        });
        assert_eq!(
            p.collect_all().await.expect("ok"),
            (0..45).collect::<Vec<_>>()
        );

        // Concurrent: the fan-out covers the first total, then it goes on sequentially.
        let total = Arc::new(AtomicU64::new(30));
        let t2 = Arc::clone(&total);
        let inner = source(Arc::clone(&total), Arc::new(Mutex::new(vec![])));
        let p = Paginator::new(PageStyle::Offset, 10, 0, move |req| {
            if req.offset == 20 {
                t2.store(45, Ordering::SeqCst);
            }
            inner(req)
        })
        .concurrency(3);
        assert_eq!(
            p.collect_all().await.expect("ok"),
            (0..45).collect::<Vec<_>>()
        );
    }

    #[tokio::test]
    async fn total_shrinking_midway_stops_cleanly() {
        for concurrency in [1, 4] {
            let total = Arc::new(AtomicU64::new(50));
            let t2 = Arc::clone(&total);
            let inner = source(Arc::clone(&total), Arc::new(Mutex::new(vec![])));
            let p = Paginator::new(PageStyle::Offset, 10, 0, move |req| {
                if req.offset == 10 {
                    t2.store(25, Ordering::SeqCst);
                }
                inner(req)
            })
            .concurrency(concurrency);
            assert_eq!(
                p.collect_all().await.expect("ok"),
                (0..25).collect::<Vec<_>>()
            );
        }
    }

    #[tokio::test]
    async fn marker_paging_follows_markers() {
        let p = Paginator::new(PageStyle::Marker, 2, 0, |req: PageRequest| {
            Box::pin(async move {
                let start: u64 = req.marker.as_deref().map_or(0, |m| m.parse().expect("num"));
                let items: Vec<u64> = (start..(start + 2).min(5)).collect();
                let next = (start + 2 < 5).then(|| (start + 2).to_string());
                Ok(Page {
                    items,
                    total: None,
                    next_marker: next,
                })
            }) as BoxFuture<'static, Result<Page<u64>>>
        });
        assert_eq!(p.collect_all().await.expect("ok"), vec![0, 1, 2, 3, 4]);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let p = Paginator::new(PageStyle::Offset, 10, 0, |req: PageRequest| {
            Box::pin(async move {
                if req.offset >= 10 {
                    Err(crate::Error::new(crate::ErrorKind::Server, "boom"))
                } else {
                    Ok(Page {
                        items: (0..10u64).collect(),
                        total: Some(30),
                        next_marker: None,
                    })
                }
            }) as BoxFuture<'static, Result<Page<u64>>>
        });
        let items: Vec<Result<u64>> = p.into_stream().collect().await;
        assert_eq!(items.len(), 11);
        assert!(items[10].is_err());
    }
}
