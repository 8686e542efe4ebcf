//! What the SealTalk list panes share: a cursor and a `/` filter per list, and the keys
//! that move the cursor.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use crate::app::action::Effect;
use crate::app::filter::ListFilter;
use crate::app::keymap::Intent;
use crate::app::state::{AppState, Tab};

/// One list's cursor (an index into the filtered rows) and its filter.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    pub cursor: usize,
    pub filter: ListFilter,
}

impl ListState {
    /// A moving intent on a list of `len` rows, `page` of them on screen; false when the
    /// intent is not a move.
    pub fn move_by(&mut self, intent: Intent, len: usize, page: usize) -> bool {
        let last = len.saturating_sub(1);
        let page = page.max(1);
        self.cursor = match intent {
            Intent::Down => (self.cursor + 1).min(last),
            Intent::Up => self.cursor.saturating_sub(1),
            Intent::PageDown => (self.cursor + page).min(last),
            Intent::PageUp => self.cursor.saturating_sub(page),
            Intent::Top => 0,
            Intent::Bottom => last,
            _ => return false,
        };
        true
    }

    /// The cursor within `len` rows (a list that shrank under it).
    pub fn at(&self, len: usize) -> usize {
        self.cursor.min(len.saturating_sub(1))
    }
}

/// Rows of a list pane on a screen of `size` (the body less its border and header row).
pub fn page_rows(size: (u16, u16)) -> usize {
    crate::geometry::body(size).height.saturating_sub(3) as usize
}

/// The first row shown so that the cursor is on screen (the renderer and clicks agree).
pub fn offset(cursor: usize, visible: usize) -> usize {
    cursor.saturating_sub(visible.saturating_sub(1))
}

/// The number of rows the pane in view shows (filtered).
pub fn len(state: &AppState) -> usize {
    match state.tab {
        Tab::Friends => super::friends::rows(state).len(),
        Tab::Groups => super::groups::rows(state).len(),
        Tab::Blacklist => super::blacklist::rows(state).len(),
        Tab::ScreenCapture => super::screen::rows(state).len(),
        _ => 0,
    }
}

/// A click on row `y` of the screen selects that row (the list's first row is under the
/// pane's border and its header).
pub fn click(state: &mut AppState, y: u16) {
    let body = crate::geometry::body(state.size);
    let first = body.y + 2;
    let n = len(state);
    let visible = page_rows(state.size);
    let Some(list) = current_mut(state) else {
        return;
    };
    if y < first || usize::from(y - first) >= visible {
        return;
    }
    let i = offset(list.at(n), visible) + usize::from(y - first);
    if i < n {
        list.cursor = i;
    }
}

/// The list of the SealTalk pane in view, if it has one.
pub fn current_mut(state: &mut AppState) -> Option<&mut ListState> {
    let st = &mut state.account.sealtalk;
    match state.tab {
        Tab::Friends => Some(&mut st.friends_list),
        Tab::Groups => Some(&mut st.groups_list),
        Tab::Blacklist => Some(&mut st.blacklist_list),
        Tab::ScreenCapture => Some(&mut st.captures_list),
        _ => None,
    }
}

pub fn current(state: &AppState) -> Option<&ListState> {
    let st = &state.account.sealtalk;
    match state.tab {
        Tab::Friends => Some(&st.friends_list),
        Tab::Groups => Some(&st.groups_list),
        Tab::Blacklist => Some(&st.blacklist_list),
        Tab::ScreenCapture => Some(&st.captures_list),
        _ => None,
    }
}

/// The filter box of the list in view has the keys.
pub fn filter_editing(state: &AppState) -> bool {
    current(state).is_some_and(|l| l.filter.editing)
}

/// A key while the filter box has the keys: Enter keeps the filter, Esc clears it.
pub fn filter_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if let Some(list) = current_mut(state) {
        match key.code {
            KeyCode::Enter => list.filter.editing = false,
            KeyCode::Esc => list.filter = ListFilter::default(),
            _ => {
                list.filter.input.handle_event(&Event::Key(key));
            }
        }
        list.cursor = 0;
    }
    Vec::new()
}

/// The keys every list pane shares: moves and `/`. `len` is the number of rows shown.
pub fn intent(state: &mut AppState, intent: Intent, len: usize) -> Option<Vec<Effect>> {
    let page = page_rows(state.size);
    let list = current_mut(state)?;
    if intent == Intent::Search {
        list.filter.editing = true;
        return Some(Vec::new());
    }
    list.move_by(intent, len, page).then(Vec::new)
}

/// Whether `text` passes a filter's query (see [`crate::app::filter::matches`]).
pub fn passes(query: &str, texts: &[&str]) -> bool {
    query.is_empty() || texts.iter().any(|t| crate::app::filter::matches(t, query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_within_the_list() {
        let mut l = ListState::default();
        assert!(l.move_by(Intent::Down, 3, 10));
        assert!(l.move_by(Intent::Bottom, 3, 10));
        assert_eq!(l.cursor, 2);
        l.move_by(Intent::Down, 3, 10);
        assert_eq!(l.cursor, 2);
        l.move_by(Intent::PageUp, 3, 10);
        assert_eq!(l.cursor, 0);
        assert!(!l.move_by(Intent::Edit, 3, 10));
        assert_eq!(l.at(0), 0);
    }

    #[test]
    fn a_query_matches_any_of_the_texts() {
        assert!(passes("", &["x"]));
        assert!(passes("ab", &["x", "cAB"]));
        assert!(!passes("zz", &["x", "y"]));
    }
}
