//! `/` filters the list in view in place: medals (by name), coins (by reason or remark),
//! the bots (by name or introduction) and the settings (by label or value). Discover's
//! groups keep their server-side keyword search. Each list keeps its own filter text, so
//! nothing typed is lost when switching tabs; `Enter` closes the box and keeps the filter,
//! `Esc` clears it.

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::app::action::Effect;
use crate::app::settings_pane::SETTING_ROWS;
use crate::app::state::{AppState, Tab};

/// The lists `/` filters in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterList {
    Medals,
    Coins,
    Bots,
    Settings,
}

/// One list's filter: the text typed and whether the box has the keys.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub input: Input,
    pub editing: bool,
}

impl ListFilter {
    /// The text matched against (trimmed, ASCII letters in lower case).
    pub fn query(&self) -> String {
        self.input.value().trim().to_ascii_lowercase()
    }

    /// Something is typed: the list is filtered.
    pub fn is_active(&self) -> bool {
        !self.input.value().trim().is_empty()
    }
}

/// The filter of `list`; each list's filter lives with its pane.
pub fn get(state: &AppState, list: FilterList) -> &ListFilter {
    let a = &state.account;
    match list {
        FilterList::Medals => &a.medals.list_filter,
        FilterList::Coins => &a.coins.list_filter,
        FilterList::Bots => &a.discover.bot_filter,
        FilterList::Settings => &a.settings.list_filter,
    }
}

pub fn get_mut(state: &mut AppState, list: FilterList) -> &mut ListFilter {
    let a = &mut state.account;
    match list {
        FilterList::Medals => &mut a.medals.list_filter,
        FilterList::Coins => &mut a.coins.list_filter,
        FilterList::Bots => &mut a.discover.bot_filter,
        FilterList::Settings => &mut a.settings.list_filter,
    }
}

/// Whether `text` contains `query` (already trimmed and ASCII-lower-cased), ignoring ASCII
/// case. Allocates nothing, so lists can be filtered while they are drawn.
pub fn matches(text: &str, query: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let (hay, needle) = (text.as_bytes(), query.as_bytes());
    hay.len() >= needle.len()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The list `/` filters on the screen shown now (none on the profile and the groups).
pub fn current(state: &AppState) -> Option<FilterList> {
    match state.tab {
        Tab::Medals => Some(FilterList::Medals),
        Tab::Coins => Some(FilterList::Coins),
        Tab::Settings => Some(FilterList::Settings),
        Tab::Discover if state.account.discover.show_bots => Some(FilterList::Bots),
        Tab::Discover | Tab::Profile => None,
        // The SealTalk lists keep their filters with their panes (`app::sealtalk::list`).
        Tab::Friends | Tab::Groups | Tab::Blacklist | Tab::ScreenCapture | Tab::About => None,
        // chaoqer's lists (`app::chaoqer`) are paged by the server: no filter of their own.
        Tab::Messages | Tab::Cards | Tab::Clubs | Tab::Events => None,
    }
}

/// The filter box that has the keys, if any.
pub fn editing(state: &AppState) -> Option<FilterList> {
    current(state).filter(|l| get(state, *l).editing)
}

/// The input being typed into (for pastes).
pub fn editing_input(state: &mut AppState) -> Option<&mut Input> {
    let list = editing(state)?;
    Some(&mut get_mut(state, list).input)
}

/// Indices of the medals that pass the medals filter, in order.
pub fn medals(state: &AppState) -> impl Iterator<Item = usize> + '_ {
    let query = state.account.medals.list_filter.query();
    state
        .account
        .medals
        .list
        .value
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(move |(_, m)| matches(&m.name, &query))
        .map(|(i, _)| i)
}

pub fn medals_len(state: &AppState) -> usize {
    if !state.account.medals.list_filter.is_active() {
        return state.account.medals.list.value.as_ref().map_or(0, Vec::len);
    }
    medals(state).count()
}

/// The medal at position `at` of the filtered list.
pub fn medal_at(state: &AppState, at: usize) -> Option<usize> {
    medals(state).nth(at)
}

/// Indices of the bots that pass the bots filter, in order.
pub fn bots(state: &AppState) -> impl Iterator<Item = usize> + '_ {
    let query = state.account.discover.bot_filter.query();
    state
        .account
        .discover
        .bots
        .value
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(move |(_, b)| matches(&b.nickname, &query) || matches(&b.introduction, &query))
        .map(|(i, _)| i)
}

pub fn bots_len(state: &AppState) -> usize {
    if !state.account.discover.bot_filter.is_active() {
        return state
            .account
            .discover
            .bots
            .value
            .as_ref()
            .map_or(0, Vec::len);
    }
    bots(state).count()
}

pub fn bot_at(state: &AppState, at: usize) -> Option<usize> {
    bots(state).nth(at)
}

/// Whether settings row `index` passes the settings filter (its label or value, as shown).
pub fn setting_visible(state: &AppState, index: usize) -> bool {
    let f = &state.account.settings.list_filter;
    if !f.is_active() {
        return true;
    }
    let query = f.query();
    SETTING_ROWS.get(index).is_some_and(|row| {
        matches(
            &crate::app::settings_view::setting_label(state, *row),
            &query,
        ) || matches(
            &crate::app::settings_view::setting_value(state, *row).0,
            &query,
        )
    })
}

pub fn settings_len(state: &AppState) -> usize {
    (0..SETTING_ROWS.len())
        .filter(|i| setting_visible(state, *i))
        .count()
}

/// The settings row `steps` visible rows after (or before) `from`, staying on `from` when
/// there is none that way; the first visible row when `from` itself is hidden.
pub fn setting_step(state: &AppState, from: usize, steps: isize) -> usize {
    let visible: Vec<usize> = (0..SETTING_ROWS.len())
        .filter(|i| setting_visible(state, *i))
        .collect();
    let Some(at) = visible.iter().position(|i| *i == from) else {
        return visible.first().copied().unwrap_or(from);
    };
    let to = (at as isize + steps).clamp(0, visible.len() as isize - 1);
    visible[to as usize]
}

/// How many items of the list pass its filter now (coins: of the records loaded).
pub fn match_count(state: &AppState, list: FilterList) -> usize {
    match list {
        FilterList::Medals => medals_len(state),
        FilterList::Coins if state.account.coins.stored.in_use() => {
            state.account.coins.stored.len() as usize
        }
        FilterList::Coins => state.account.coins.view.len(),
        FilterList::Bots => bots_len(state),
        FilterList::Settings => settings_len(state),
    }
}

/// `/` outside the groups: opens the filter box of the list in view, with what was typed
/// before still there.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if let Some(list) = current(state) {
        get_mut(state, list).editing = true;
    }
    Vec::new()
}

/// The filter text of `list` changed: the list starts again at its first match.
pub fn refresh(state: &mut AppState, list: FilterList) -> Vec<Effect> {
    match list {
        FilterList::Medals => {
            let n = medals_len(state);
            let rows = crate::geometry::medals_rows(state.size);
            state.account.medals.cursor.set(0, n, rows);
        }
        FilterList::Bots => {
            let n = bots_len(state);
            let rows = crate::geometry::discover_rows(state.size);
            state.account.discover.bot_cursor.set(0, n, rows);
        }
        FilterList::Settings => {
            let first = (0..SETTING_ROWS.len())
                .find(|i| setting_visible(state, *i))
                .unwrap_or(0);
            state.account.settings.cursor = first;
        }
        FilterList::Coins => {
            let query = state.account.coins.list_filter.query();
            let c = &mut state.account.coins;
            c.query = query;
            c.rebuild_view();
            if c.stored.in_use() {
                // The whole stored history is filtered by the store: its count and window.
                c.stored.count = None;
                c.cursor = Default::default();
                return crate::app::coin_window::refilter(state);
            }
            let rows = crate::geometry::coins_rows(state.size);
            let len = state.account.coins.view.len();
            state.account.coins.cursor.set(0, len, rows);
            // Few matches among what is loaded: load on, as scrolling would.
            return crate::app::coins::prefetch(state);
        }
    }
    Vec::new()
}

/// Keys for the filters: every key while a box is open; `Esc` clears a list's filter when
/// the box is closed. `None` for keys that are not theirs.
pub fn key(state: &mut AppState, key: KeyEvent) -> Option<Vec<Effect>> {
    let list = current(state)?;
    let f = get_mut(state, list);
    if !f.editing {
        if key.code == KeyCode::Esc && f.is_active() {
            f.input = Input::default();
            return Some(refresh(state, list));
        }
        return None;
    }
    match key.code {
        KeyCode::Esc => {
            f.editing = false;
            f.input = Input::default();
        }
        KeyCode::Enter => {
            f.editing = false;
            return Some(Vec::new());
        }
        _ => {
            let before = f.input.value().to_owned();
            f.input.handle_event(&crossterm::event::Event::Key(key));
            if f.input.value() == before {
                return Some(Vec::new());
            }
        }
    }
    Some(refresh(state, list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_ignores_ascii_case_and_finds_chinese() {
        assert!(matches("Rust 中文社区", "rust"));
        assert!(matches("每日签到", "签到"));
        assert!(matches("anything", ""));
        assert!(!matches("每日签到", "抽奖"));
        assert!(!matches("ab", "abc"));
    }
}
