//! Cursor paging by `lastId` (Q7, Q10, Q12, Q15, Q17, Q20): no total and no "has more";
//! the end is a page shorter than `count`, and a full page may be followed by an empty one.

use std::future::Future;

use serde::Deserialize;

use super::error::ChaoqerError;
use super::model::{ClubEntry, EventEntry, MessageEntry, UserEntry};

/// The largest `count` the gateway accepts (1–100).
pub const MAX_COUNT: u32 = 100;
/// A bound on what the "all pages" helpers gather, whatever the server keeps sending.
pub const MAX_ITEMS: usize = 10_000;

/// One page. A registering account gets `result: {}` for Q15/Q20: an empty page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    #[serde(default)]
    pub list: Vec<T>,
}

impl<T: Sequenced> Page<T> {
    /// The `lastId` of the next page, or `None` when this page was the last (short or
    /// empty) for a request of `count`.
    pub fn next(&self, count: u32) -> Option<String> {
        if self.list.len() < count as usize {
            return None;
        }
        self.list.last().map(|item| item.sequence_id().to_owned())
    }
}

/// A list item's cursor.
pub trait Sequenced {
    fn sequence_id(&self) -> &str;
}

macro_rules! sequenced {
    ($($t:ty),*) => {$(
        impl Sequenced for $t {
            fn sequence_id(&self) -> &str {
                &self.sequence_id
            }
        }
    )*};
}
sequenced!(UserEntry, MessageEntry, ClubEntry, EventEntry);

/// Checks `count` before anything is sent.
pub(super) fn check_count(count: u32) -> Result<(), ChaoqerError> {
    if (1..=MAX_COUNT).contains(&count) {
        Ok(())
    } else {
        Err(ChaoqerError::Input(format!(
            "a page holds 1 to {MAX_COUNT} items, not {count}"
        )))
    }
}

/// Fetches pages of `count` from the first until a short or empty one, at most
/// [`MAX_ITEMS`] items; stops too if the cursor does not move (a server loop).
pub async fn all_pages<T, F, Fut>(count: u32, mut fetch: F) -> Result<Vec<T>, ChaoqerError>
where
    T: Sequenced,
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, ChaoqerError>>,
{
    check_count(count)?;
    let mut all: Vec<T> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = fetch(cursor.clone()).await?;
        let next = page.next(count);
        all.extend(page.list);
        if all.len() >= MAX_ITEMS {
            all.truncate(MAX_ITEMS);
            break;
        }
        match next {
            Some(id) if Some(&id) != cursor.as_ref() => cursor = Some(id),
            _ => break,
        }
    }
    Ok(all)
}
