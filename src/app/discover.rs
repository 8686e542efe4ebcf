//! Discover: categories as sub-tabs (the bots after them), groups paged by scrolling, a
//! keyword search sent after a pause in typing (superseding any search in flight), and a
//! detail popup with the group's share link.

use crate::app::pane::Pane;
use crate::app::state::Tab;
use std::time::Instant;

use unicode_width::UnicodeWidthStr;

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use crate::api::ApiError;
use crate::api::actor::Command;
use crate::api::model::Bot;
use crate::api::model::Group;
use crate::app::action::Effect;
use crate::app::filter::ListFilter;
use crate::app::keymap::Intent;
use crate::app::paged::{ListCursor, Paged};
use crate::app::remote::Remote;
use crate::app::requests::{Slot, request};
use crate::app::state::{AppState, Popup};
use crate::geometry::discover_rows;
use tui_input::Input;

/// What the Discover pane shows and where its cursors stand.
#[derive(Debug, Clone, Default)]
pub struct DiscoverState {
    pub categories: Remote<Vec<String>>,
    pub groups: GroupsState,
    /// Discover's sub-tab: a category index, or the bots after the last category.
    pub show_bots: bool,
    pub bots: Remote<Vec<Bot>>,
    pub bot_cursor: ListCursor,
    /// The groups' server-side keyword search box, while open.
    pub search: Option<SearchBox>,
    /// The bots' `/` filter.
    pub bot_filter: ListFilter,
}

#[derive(Debug, Clone, Default)]
pub struct GroupsState {
    pub list: Paged<Group>,
    pub category: String,
    pub keyword: String,
    pub cursor: ListCursor,
    /// The first page shown is the local store's (fetched then, Unix ms), until page 1's
    /// answer replaces it.
    pub stored_at: Option<i64>,
}

/// The `/` search box of Discover. The search runs after a pause in typing.
#[derive(Debug, Clone)]
pub struct SearchBox {
    pub input: Input,
    pub due: Option<Instant>,
}

/// How long typing must pause before a search is sent.
pub const SEARCH_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

fn ask(state: &mut AppState, page: u32) -> Effect {
    let g = &state.account.discover.groups;
    let command = Command::Groups {
        category: g.category.clone(),
        keyword: g.keyword.clone(),
        page,
        size: state.page_sizes().groups,
    };
    state.account.discover.groups.list.begin();
    request(state, Slot::Groups, command)
}

/// Starts the current category and keyword over; any answer still coming is now stale.
pub fn reload(state: &mut AppState) -> Vec<Effect> {
    let g = &mut state.account.discover.groups;
    // A stored first page of this very list stays on screen until page 1 answers.
    if g.stored_at.is_none() || !g.keyword.is_empty() {
        g.stored_at = None;
        g.list.reset();
        g.cursor = Default::default();
    }
    vec![ask(state, 1)]
}

/// A different list is asked for (another category or keyword): what the store gave is
/// not this list.
fn forget_stored(state: &mut AppState) {
    state.account.discover.groups.stored_at = None;
}

pub fn prefetch(state: &mut AppState) -> Vec<Effect> {
    let rows = discover_rows(state.size);
    let g = &state.account.discover.groups;
    let near_end = g.cursor.rows_after(g.list.items.len()) < rows.max(1) * 2;
    match g.list.next_page(state.account.loading(Slot::Groups)) {
        Some(page) if near_end && !state.account.discover.show_bots => vec![ask(state, page)],
        _ => Vec::new(),
    }
}

pub fn on_page(
    state: &mut AppState,
    page: u32,
    result: Result<Vec<Group>, ApiError>,
) -> Vec<Effect> {
    let size = state.page_sizes().groups;
    let g = &mut state.account.discover.groups;
    if page == 1 && result.is_ok() && g.stored_at.take().is_some() {
        // The fresh first page replaces the stored one (the cursor stays where it can).
        g.list.reset();
    }
    let list = &mut state.account.discover.groups.list;
    list.settle(page, size, result.map(|g| (g, None)));
    prefetch(state)
}

/// The share link of a group or bot: the service's share prefix, then the chat id and type
/// as query parameters, percent-encoded (an id from the server may hold `&`, `#`, spaces or
/// newlines). A prefix that is not a URL keeps its text minus control and format characters.
pub fn share_link(share_url: &str, chat_id: &str, chat_type: u8) -> String {
    let prefix = share_url.trim().trim_end_matches('/');
    let chat_type = chat_type.to_string();
    if let Ok(mut url) = url::Url::parse(&format!("{prefix}/share")) {
        url.query_pairs_mut()
            .append_pair("chatId", chat_id)
            .append_pair("chatType", &chat_type);
        return url.into();
    }
    let prefix: String = prefix
        .chars()
        .filter(|&c| !crate::sanitize::is_unsafe(c))
        .collect();
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("chatId", chat_id)
        .append_pair("chatType", &chat_type)
        .finish();
    format!("{prefix}/share?{query}")
}

fn select(state: &mut AppState, index: usize) -> Vec<Effect> {
    let count = state
        .account
        .discover
        .categories
        .value
        .as_ref()
        .map_or(0, Vec::len);
    if index >= count {
        state.account.discover.show_bots = true;
        return Vec::new();
    }
    state.account.discover.show_bots = false;
    let Some(category) = state
        .account
        .discover
        .categories
        .value
        .as_ref()
        .and_then(|c| c.get(index))
        .cloned()
    else {
        return Vec::new();
    };
    if category == state.account.discover.groups.category
        && !state.account.discover.groups.list.is_blank()
    {
        return Vec::new();
    }
    state.account.discover.groups.category = category.clone();
    forget_stored(state);
    let mut fx = reload(state);
    // The store's first page of this category is shown until the server's comes (or in
    // its place, offline).
    if !state.account.store_down {
        fx.push(crate::app::stored::ask(
            state,
            crate::store::protocol::StoreCommand::LoadGroups { category },
        ));
    }
    fx
}

/// The store's first page of a category chosen later: shown if that category is still the
/// one chosen and nothing of it has come from the server yet.
pub fn show_stored_groups(state: &mut AppState, category: String, groups: Vec<Group>, at: i64) {
    let g = &mut state.account.discover.groups;
    if g.category != category || !g.keyword.is_empty() || !g.list.items.is_empty() {
        // Another list by now, or the server's page came first.
        return;
    }
    g.list.items = groups;
    g.list.pages = 1;
    g.stored_at = Some(at);
}

/// The sub-tab index shown now (the bots are after the categories).
pub fn selected(state: &AppState) -> usize {
    let cats = state
        .account
        .discover
        .categories
        .value
        .as_deref()
        .unwrap_or_default();
    if state.account.discover.show_bots {
        cats.len()
    } else {
        cats.iter()
            .position(|c| *c == state.account.discover.groups.category)
            .unwrap_or(0)
    }
}

/// Sub-tab `index` (a mouse click on the sub-tab row).
pub fn select_tab(state: &mut AppState, index: usize) -> Vec<Effect> {
    select(state, index)
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let rows = discover_rows(state.size);
    let tabs = state
        .account
        .discover
        .categories
        .value
        .as_ref()
        .map_or(0, Vec::len)
        + 1;
    match intent {
        Intent::Left | Intent::Right => {
            let at = selected(state);
            let next = if intent == Intent::Right {
                (at + 1) % tabs
            } else {
                (at + tabs - 1) % tabs
            };
            return Some(select(state, next));
        }
        Intent::Search if !state.account.discover.show_bots => {
            state.account.discover.search = Some(SearchBox {
                input: tui_input::Input::new(state.account.discover.groups.keyword.clone()),
                due: None,
            });
            return Some(Vec::new());
        }
        Intent::Retry => {
            let mut fx = Vec::new();
            if state.account.discover.categories.error.is_some()
                || state.account.discover.categories.value.is_none()
            {
                fx.push(crate::app::session::reload_categories(state));
            }
            if state.account.discover.show_bots {
                fx.push(crate::app::session::reload_bots(state));
            } else {
                match state
                    .account
                    .discover
                    .groups
                    .list
                    .error
                    .as_ref()
                    .map(|(p, _)| *p)
                {
                    Some(page) => fx.push(ask(state, page)),
                    None => fx.extend(reload(state)),
                }
            }
            return Some(fx);
        }
        Intent::Open => {
            if state.account.discover.show_bots {
                // The cursor is over the bots the `/` filter leaves.
                if let Some(i) =
                    crate::app::filter::bot_at(state, state.account.discover.bot_cursor.cursor)
                {
                    state.account.popup = Some(Popup::Bot(i));
                }
            } else if let Some((page, _)) = &state.account.discover.groups.list.error {
                let page = *page;
                return Some(vec![ask(state, page)]);
            } else if !state.account.discover.groups.list.items.is_empty() {
                state.account.popup =
                    Some(Popup::Group(state.account.discover.groups.cursor.cursor));
            }
            return Some(Vec::new());
        }
        _ => {}
    }
    let delta: isize = match intent {
        Intent::Down => 1,
        Intent::Up => -1,
        Intent::PageDown => rows as isize,
        Intent::PageUp => -(rows as isize),
        Intent::Top => isize::MIN / 2,
        Intent::Bottom => isize::MAX / 2,
        _ => return None,
    };
    if state.account.discover.show_bots {
        let n = crate::app::filter::bots_len(state);
        state.account.discover.bot_cursor.move_by(delta, n, rows);
        return Some(Vec::new());
    }
    let n = state.account.discover.groups.list.items.len();
    state.account.discover.groups.cursor.move_by(delta, n, rows);
    Some(prefetch(state))
}

/// Keys while the search box is open.
pub fn search_key(state: &mut AppState, key: KeyEvent, now: Instant) -> Vec<Effect> {
    let Some(search) = state.account.discover.search.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Esc => {
            state.account.discover.search = None;
            if !state.account.discover.groups.keyword.is_empty() {
                state.account.discover.groups.keyword.clear();
                return reload(state);
            }
        }
        KeyCode::Enter => {
            let keyword = search.input.value().trim().to_owned();
            state.account.discover.search = None;
            return apply_keyword(state, keyword);
        }
        _ => {
            if search
                .input
                .handle_event(&crossterm::event::Event::Key(key))
                .is_some()
            {
                search.due = Some(now + SEARCH_PAUSE);
            }
        }
    }
    Vec::new()
}

fn apply_keyword(state: &mut AppState, keyword: String) -> Vec<Effect> {
    if keyword == state.account.discover.groups.keyword
        && !state.account.discover.groups.list.is_blank()
    {
        return Vec::new();
    }
    state.account.discover.groups.keyword = keyword;
    reload(state)
}

/// A deadline passed: send the search if typing has paused long enough.
pub fn deadline(state: &mut AppState, now: Instant) -> Vec<Effect> {
    let Some(search) = state.account.discover.search.as_mut() else {
        return Vec::new();
    };
    match search.due {
        Some(due) if due <= now => {
            search.due = None;
            let keyword = search.input.value().trim().to_owned();
            apply_keyword(state, keyword)
        }
        _ => Vec::new(),
    }
}

/// The widest a sub-tab label gets (a category name from the server may be long).
pub const SUB_TAB_MAX: usize = 24;

/// The sub-tab labels (categories, then the bots) and their columns on a screen `state.size`
/// wide: the strip scrolls so the selected one is always whole; labels scrolled away have an
/// empty range. The renderer and mouse clicks both use this.
pub fn discover_tab_labels(state: &AppState) -> Vec<(String, u16, u16)> {
    discover_tab_labels_in(state, state.size.0)
}

/// [`discover_tab_labels`] for a strip `width` columns wide, with whether labels are scrolled
/// away on the left and on the right.
pub fn discover_tab_strip(state: &AppState, width: u16) -> (Vec<(String, u16, u16)>, bool, bool) {
    let mut names: Vec<String> = state
        .account
        .discover
        .categories
        .value
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|n| format!(" {} ", crate::text::safe_fit(n, SUB_TAB_MAX)))
        .collect();
    names.push(format!(" 🤖 {} ", state.s().bots));
    let widths: Vec<usize> = names.iter().map(|n| n.width()).collect();
    let selected = selected(state);
    // One column of margin on the left, a label and a space each; `‹`/`›` where scrolled.
    let room = (width as usize).saturating_sub(1);
    let start = crate::text::strip_start(&widths, selected, room, 1, 2);
    let left = start > 0;
    let mut x = 1 + if left { 2 } else { 0 };
    // Every label from `start` on fits, or the visible ones leave room for the `›` marker.
    let rest: usize = widths[start..].iter().map(|w| w + 1).sum();
    let limit = if x + rest <= usize::from(width) + 1 {
        usize::from(width)
    } else {
        usize::from(width).saturating_sub(2)
    };
    let mut right = false;
    let labels = names
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let w = widths[i];
            let fits = x + w <= limit || (i == selected && x + w <= usize::from(width));
            if i < start || right || !fits {
                right |= i > start || (i == start && !fits);
                return (label, 0, 0);
            }
            let item = (label, x as u16, (x + w) as u16);
            x += w + 1;
            item
        })
        .collect();
    (labels, left, right)
}

fn discover_tab_labels_in(state: &AppState, width: u16) -> Vec<(String, u16, u16)> {
    discover_tab_strip(state, width).0
}

/// The Discover pane's answers: the categories, pages of groups, the bots.
pub fn on_reply(
    state: &mut AppState,
    _: Slot,
    reply: crate::api::actor::Reply,
) -> std::ops::ControlFlow<Vec<Effect>, crate::api::actor::Reply> {
    use crate::api::actor::Reply;
    let mut fx = Vec::new();
    match reply {
        Reply::Categories(r) => {
            state.account.discover.categories.settle(r);
            let cats = state
                .account
                .discover
                .categories
                .value
                .as_deref()
                .unwrap_or_default();
            if !cats.contains(&state.account.discover.groups.category)
                && let Some(first) = cats.first().cloned()
            {
                state.account.discover.groups.category = first;
                fx.extend(reload(state));
            }
        }
        Reply::Groups { page, result, .. } => fx.extend(on_page(state, page, result)),
        Reply::Bots(r) => {
            state.account.discover.bots.settle(r);
        }
        other => return std::ops::ControlFlow::Continue(other),
    }
    std::ops::ControlFlow::Break(fx)
}

/// The pane, as `update` sees it (see [`crate::app::pane::Pane`]).
pub static PANE: Pane = Pane {
    tab: Tab::Discover,
    intent,
    reply: on_reply,
    loading: is_loading,
};

/// Something the pane shows is on its way.
fn is_loading(state: &AppState) -> bool {
    let a = &state.account;
    a.loading(Slot::Categories) || a.loading(Slot::Groups) || a.loading(Slot::Bots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_join_prefix_and_id() {
        assert_eq!(
            share_link("https://yhfx.jwznb.com/", "910570390", 2),
            "https://yhfx.jwznb.com/share?chatId=910570390&chatType=2"
        );
        assert_eq!(
            share_link("https://yhfx.jwznb.com", "1", 3),
            "https://yhfx.jwznb.com/share?chatId=1&chatType=3"
        );
    }

    #[test]
    fn share_links_percent_encode_the_id() {
        let link = share_link("https://yhfx.jwznb.com/", "a&b c\nd#e=f", 2);
        assert_eq!(
            link,
            "https://yhfx.jwznb.com/share?chatId=a%26b+c%0Ad%23e%3Df&chatType=2"
        );
        assert!(!link.chars().any(|c| c.is_control() || c == ' '));
        // The id comes back whole and the type is not overridden by the id's `&`.
        let url = url::Url::parse(&link).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("chatId".to_owned(), "a&b c\nd#e=f".to_owned()),
                ("chatType".to_owned(), "2".to_owned())
            ]
        );
        assert_eq!(url.fragment(), None);
        // A prefix that is not a URL: still encoded, and no control characters copied.
        let odd = share_link("yhfx\u{1b}]52", "1 2", 3);
        assert_eq!(odd, "yhfx]52/share?chatId=1+2&chatType=3");
    }
}
