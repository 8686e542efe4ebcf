//! A list the server hands out page by page (coins, groups): pages load in order, one at a
//! time (the request registry says whether one is on its way and drops answers to anything
//! but the page awaited); a failed page stays as an error row until retried. A list cursor
//! keeps the window of rows that is drawn.

use crate::api::ApiError;

#[derive(Debug, Clone)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Pages loaded, 1..=pages.
    pub pages: u32,
    /// The server's count, where it gives one (coins).
    pub total: Option<i64>,
    /// No page after the last one loaded.
    pub complete: bool,
    /// The page that failed, and why.
    pub error: Option<(u32, ApiError)>,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged {
            items: Vec::new(),
            pages: 0,
            total: None,
            complete: false,
            error: None,
        }
    }
}

impl<T: PartialEq> Paged<T> {
    /// The page to ask for next, if one is due (none while one is `loading` or failed).
    pub fn next_page(&self, loading: bool) -> Option<u32> {
        (!self.complete && !loading && self.error.is_none()).then_some(self.pages + 1)
    }

    /// A page is on its way: a failed page no longer stands.
    pub fn begin(&mut self) {
        self.error = None;
    }

    /// Nothing loaded and nothing failed yet.
    pub fn is_blank(&self) -> bool {
        self.pages == 0 && self.error.is_none()
    }

    /// Takes the answer for page `page` (only the page awaited reaches here).
    /// A page shorter than `size` (an empty one included), or reaching `total`, is the last;
    /// so is a page that repeats a row of the page before (a server handing out the same
    /// page for ever), and the list stops at `MAX_RECORDS` rows whatever `total` claims.
    pub fn settle(
        &mut self,
        page: u32,
        size: u32,
        result: Result<(Vec<T>, Option<i64>), ApiError>,
    ) {
        match result {
            Ok((mut items, total)) => {
                let short = items.len() < size as usize;
                let previous = &self.items[self.items.len().saturating_sub(size as usize)..];
                let repeats = items.iter().any(|item| previous.contains(item));
                if repeats {
                    items.clear();
                }
                items.truncate(crate::api::MAX_RECORDS.saturating_sub(self.items.len()));
                self.items.extend(items);
                self.pages = page;
                if total.is_some() {
                    self.total = total;
                }
                self.complete = short
                    || repeats
                    || self.items.len() >= crate::api::MAX_RECORDS
                    || self.total.is_some_and(|t| self.items.len() as i64 >= t);
            }
            Err(e) => self.error = Some((page, e)),
        }
    }

    /// Forgets everything (a new category, keyword or filter of the server's).
    pub fn reset(&mut self) {
        *self = Paged::default();
    }
}

#[cfg(test)]
mod paging_bounds {
    use super::*;

    #[test]
    fn a_page_that_repeats_the_last_one_ends_the_list() {
        let mut list: Paged<u32> = Paged::default();
        list.begin();
        list.settle(1, 3, Ok((vec![1, 2, 3], Some(1_000_000_000_000))));
        assert_eq!(list.next_page(false), Some(2));
        list.begin();
        list.settle(2, 3, Ok((vec![1, 2, 3], Some(1_000_000_000_000))));
        assert_eq!(list.items, [1, 2, 3], "the repeated page is not kept");
        assert!(list.complete);
        assert_eq!(list.next_page(false), None);
    }

    #[test]
    fn an_empty_page_ends_the_list_whatever_the_total() {
        let mut list: Paged<u32> = Paged::default();
        list.begin();
        list.settle(1, 3, Ok((vec![], Some(i64::MAX))));
        assert!(list.complete);
    }

    #[test]
    fn the_list_stops_at_the_record_bound() {
        let mut list: Paged<u32> = Paged {
            items: (0..crate::api::MAX_RECORDS as u32 - 2).collect(),
            pages: 1,
            ..Paged::default()
        };
        list.begin();
        let start = crate::api::MAX_RECORDS as u32;
        list.settle(2, 5, Ok(((start..start + 5).collect(), Some(i64::MAX))));
        assert_eq!(list.items.len(), crate::api::MAX_RECORDS);
        assert!(list.complete);
    }
}

/// A cursor over `len` rows and the first row of the window drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ListCursor {
    pub cursor: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves by `delta` rows within `0..len`, keeping the cursor inside a window of `rows`.
    pub fn move_by(&mut self, delta: isize, len: usize, rows: usize) {
        let target = (self.cursor as isize + delta).clamp(0, len.saturating_sub(1) as isize);
        self.set(target as usize, len, rows);
    }

    pub fn set(&mut self, cursor: usize, len: usize, rows: usize) {
        self.cursor = cursor.min(len.saturating_sub(1));
        let rows = rows.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + rows {
            self.offset = self.cursor + 1 - rows;
        }
        self.offset = self.offset.min(len.saturating_sub(rows.min(len)));
    }

    /// Rows left below the cursor.
    pub fn rows_after(&self, len: usize) -> usize {
        len.saturating_sub(self.cursor + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_load_in_order_and_a_short_page_is_the_last() {
        let mut p: Paged<u32> = Paged::default();
        assert_eq!(p.next_page(false), Some(1));
        p.begin();
        assert_eq!(p.next_page(true), None, "one at a time");
        p.settle(1, 3, Ok((vec![1, 2, 3], None)));
        assert_eq!(p.next_page(false), Some(2));
        p.begin();
        p.settle(2, 3, Ok((vec![4], None)));
        assert!(p.complete);
        assert_eq!(p.next_page(false), None);
        assert_eq!(p.items, [1, 2, 3, 4]);
    }

    #[test]
    fn total_ends_the_list_and_errors_wait_for_a_retry() {
        let mut p: Paged<u32> = Paged::default();
        p.begin();
        p.settle(1, 2, Ok((vec![1, 2], Some(4))));
        p.begin();
        p.settle(
            2,
            2,
            Err(ApiError::Http {
                status: 500,
                excerpt: String::new(),
            }),
        );
        assert_eq!(
            p.next_page(false),
            None,
            "a failed page is retried on request, not in a loop"
        );
        p.begin();
        p.settle(2, 2, Ok((vec![3, 4], Some(4))));
        assert!(p.complete && p.error.is_none());
    }

    #[test]
    fn the_window_follows_the_cursor() {
        let mut c = ListCursor::default();
        c.move_by(5, 100, 10);
        assert_eq!((c.cursor, c.offset), (5, 0));
        c.move_by(10, 100, 10);
        assert_eq!((c.cursor, c.offset), (15, 6));
        c.set(99, 100, 10);
        assert_eq!((c.cursor, c.offset), (99, 90));
        c.move_by(-95, 100, 10);
        assert_eq!((c.cursor, c.offset), (4, 4));
        c.set(3, 2, 10);
        assert_eq!((c.cursor, c.offset), (1, 0));
    }
}
