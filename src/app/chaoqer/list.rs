//! A list the gateway pages by `lastId` (Q7, Q10, Q12, Q15, Q17, Q20): the items so far,
//! the cursor of the next page, and whether the end was seen. There is no total: the end
//! is a page shorter than asked for (a full page may be followed by an empty one).

use crate::api::actor_chaoqer::Paged;
use crate::api::chaoqer::ChaoqerError;
use crate::api::chaoqer::paging::Sequenced;

#[derive(Debug, Clone)]
pub struct CqList<T> {
    pub items: Vec<T>,
    /// The `lastId` of the next page; `None` at the end (or before the first answer).
    pub next: Option<String>,
    /// A first page has answered.
    pub loaded: bool,
    pub error: Option<ChaoqerError>,
    /// Shown from the local store (fetched then, Unix ms) until an answer replaces it.
    pub stored_at: Option<i64>,
    /// The row under the cursor.
    pub selected: usize,
}

impl<T> Default for CqList<T> {
    fn default() -> Self {
        CqList {
            items: Vec::new(),
            next: None,
            loaded: false,
            error: None,
            stored_at: None,
            selected: 0,
        }
    }
}

impl<T> CqList<T> {
    /// Shows a stored list until its first page answers; nothing is paged from it (the
    /// fresh first page brings the cursor). Whether it was shown (nothing was yet).
    pub fn show_stored(&mut self, items: Vec<T>, at: i64) -> bool {
        if self.loaded || !self.items.is_empty() {
            return false;
        }
        self.items = items;
        self.stored_at = Some(at);
        true
    }
}

/// The most items a list keeps, whatever the server keeps sending.
pub const MAX_ITEMS: usize = crate::api::chaoqer::paging::MAX_ITEMS;

impl<T: Sequenced> CqList<T> {
    /// A page's answer: a first page replaces the list, a later one is appended when it
    /// follows what is shown (an answer for another cursor is dropped). An error keeps
    /// what is shown.
    pub fn apply(&mut self, paged: Paged<T>) {
        let Paged {
            last_id,
            count,
            page,
        } = paged;
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                self.error = Some(e);
                return;
            }
        };
        let next = page.next(count);
        match last_id {
            None => {
                self.items = page.list;
                self.selected = self.selected.min(self.items.len().saturating_sub(1));
                self.stored_at = None;
                self.loaded = true;
            }
            Some(cursor) => {
                let follows = self.items.last().map(|i| i.sequence_id()) == Some(cursor.as_str());
                if !follows {
                    return;
                }
                let room = MAX_ITEMS.saturating_sub(self.items.len());
                self.items.extend(page.list.into_iter().take(room));
            }
        }
        self.error = None;
        // A cursor that does not move would ask for the same page for ever: stop there.
        self.next = next.filter(|n| {
            self.items.len() < MAX_ITEMS
                && self
                    .items
                    .iter()
                    .rev()
                    .skip(1)
                    .all(|i| i.sequence_id() != n)
        });
    }

    /// There is more to ask for.
    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }
}

/// How close to the last row the cursor comes before the next page is asked for.
pub const NEAR_END: usize = 3;

impl<T> CqList<T> {
    /// A moving intent, `page` rows on screen; false when the intent is not a move.
    pub fn move_by(&mut self, intent: crate::app::keymap::Intent, page: usize) -> bool {
        use crate::app::keymap::Intent;
        let last = self.items.len().saturating_sub(1);
        let page = page.max(1);
        self.selected = match intent {
            Intent::Down => (self.selected + 1).min(last),
            Intent::Up => self.selected.saturating_sub(1),
            Intent::PageDown => (self.selected + page).min(last),
            Intent::PageUp => self.selected.saturating_sub(page),
            Intent::Top => 0,
            Intent::Bottom => last,
            _ => return false,
        };
        true
    }

    /// The cursor is near the last row shown and more can be asked for.
    pub fn wants_more(&self) -> bool {
        self.next.is_some() && self.selected + NEAR_END >= self.items.len()
    }

    /// The row under the cursor (within the list, which may have shrunk under it).
    pub fn current(&self) -> Option<&T> {
        self.items
            .get(self.selected.min(self.items.len().saturating_sub(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::chaoqer::model::UserEntry;
    use crate::api::chaoqer::paging::Page;

    fn entry(seq: &str) -> UserEntry {
        UserEntry {
            uid: format!("{seq:0>32}"),
            sequence_id: seq.into(),
            create_time: 0,
            user_profile_result: None,
        }
    }

    fn paged(last_id: Option<&str>, count: u32, seqs: &[&str]) -> Paged<UserEntry> {
        Paged {
            last_id: last_id.map(str::to_owned),
            count,
            page: Ok(Page {
                list: seqs.iter().map(|s| entry(s)).collect(),
            }),
        }
    }

    #[test]
    fn pages_follow_each_other_until_a_short_one() {
        let mut list = CqList::default();
        list.apply(paged(None, 2, &["1", "2"]));
        assert_eq!(list.next.as_deref(), Some("2"));
        list.apply(paged(Some("2"), 2, &["3", "4"]));
        assert_eq!(list.items.len(), 4);
        assert_eq!(list.next.as_deref(), Some("4"));
        list.apply(paged(Some("4"), 2, &["5"]));
        assert_eq!(list.items.len(), 5);
        assert!(!list.has_more(), "a short page is the end");
    }

    #[test]
    fn a_full_page_then_an_empty_one_ends() {
        let mut list = CqList::default();
        list.apply(paged(None, 2, &["1", "2"]));
        list.apply(paged(Some("2"), 2, &[]));
        assert_eq!(list.items.len(), 2);
        assert!(!list.has_more());
    }

    #[test]
    fn a_late_page_for_another_cursor_is_dropped_and_a_first_page_replaces() {
        let mut list = CqList::default();
        list.apply(paged(None, 2, &["1", "2"]));
        list.apply(paged(Some("9"), 2, &["10", "11"]));
        assert_eq!(list.items.len(), 2);
        list.apply(paged(None, 2, &["7"]));
        assert_eq!(list.items.len(), 1);
        assert!(list.loaded);
    }

    #[test]
    fn a_cursor_that_does_not_move_stops_the_paging() {
        let mut list = CqList::default();
        list.apply(paged(None, 1, &["1"]));
        list.apply(paged(Some("1"), 1, &["1"]));
        assert!(!list.has_more());
    }

    #[test]
    fn a_stored_list_shows_until_the_first_page_replaces_it() {
        let mut list = CqList::default();
        assert!(list.show_stored(vec![entry("8"), entry("9")], 5));
        assert_eq!((list.items.len(), list.stored_at), (2, Some(5)));
        assert!(!list.has_more(), "nothing is paged from what was stored");
        list.apply(paged(None, 2, &["1", "2"]));
        assert_eq!(list.stored_at, None);
        assert_eq!(list.items[0].sequence_id, "1");
        assert!(!list.show_stored(vec![entry("7")], 6), "a fresh list stays");
        assert_eq!(list.items.len(), 2);
    }

    #[test]
    fn an_error_keeps_what_is_shown() {
        let mut list = CqList::default();
        list.apply(paged(None, 2, &["1", "2"]));
        list.apply(Paged {
            last_id: Some("2".into()),
            count: 2,
            page: Err(ChaoqerError::Input("x".into())),
        });
        assert_eq!(list.items.len(), 2);
        assert!(list.error.is_some());
        assert!(list.has_more(), "the next page can be asked again");
    }
}
