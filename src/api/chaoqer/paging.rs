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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> UserEntry {
        UserEntry {
            uid: id.into(),
            sequence_id: id.into(),
            create_time: 0,
            user_profile_result: None,
        }
    }

    #[tokio::test]
    async fn a_full_page_then_an_empty_one_ends_the_list() {
        let mut asked = Vec::new();
        let all = all_pages(2, |last| {
            asked.push(last.clone());
            let list = match last.as_deref() {
                None => vec![entry("2"), entry("1")],
                _ => vec![],
            };
            async move { Ok(Page { list }) }
        })
        .await
        .unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(asked, [None, Some("1".to_owned())]);
    }

    #[tokio::test]
    async fn a_cursor_that_does_not_move_stops_the_loop() {
        let mut calls = 0;
        let all = all_pages(1, |_| {
            calls += 1;
            async {
                Ok(Page {
                    list: vec![entry("same")],
                })
            }
        })
        .await
        .unwrap();
        assert_eq!(calls, 2);
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn a_registering_accounts_empty_result_is_an_empty_page() {
        let page: Page<UserEntry> = serde_json::from_str("{}").unwrap();
        assert!(page.list.is_empty());
        assert_eq!(page.next(10), None);
    }
}
