//! Mouse clicks and wheel, and pastes (inserted in one step, cut to the field's limit).

/// The longest value a paste may leave in a text field (characters). The nickname and the
/// introduction have the service's limits; the others generous bounds for their kind.
pub const PASTE_LIMIT: usize = 256;
pub const PASTE_LIMIT_LONG: usize = 4096;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use crate::app::action::Effect;
use crate::app::code_flow::Notice;
use crate::app::edit::edit_field_limit;
use crate::app::form::Field;
use crate::app::keymap::Intent;
use crate::app::state::{AppState, Msg, MsgKey, Overlay, Popup, Screen, Tab};
use crate::app::update::{main_intent, set_status};
use crate::app::{coins, discover};

pub(crate) fn on_mouse(state: &mut AppState, mouse: MouseEvent) -> Vec<Effect> {
    if state.account.screen != Screen::Main
        || state.account.edit.is_some()
        || state.overlay != Overlay::None
        || state.account.popup.is_some()
        // A chaoqer form, question or club's details has the keys: the panes under it
        // do not take clicks either.
        || crate::app::layer::Layer::is_open(&crate::app::chaoqer::confirm::CqForms, state)
    {
        return Vec::new();
    }
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) if mouse.row == crate::geometry::TAB_ROW => {
            let service = state.account.service;
            let labels = crate::app::sealtalk::tab_labels(state, state.size.0);
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            let Some(tab) = crate::geometry::tab_at(&labels, mouse.column)
                .map(|i| Tab::from_index_in(service, i))
            else {
                return Vec::new();
            };
            if service == crate::service::Service::Chaoqer {
                // A pane shown for the first time may ask for its data (the inbox).
                return crate::app::chaoqer::show_tab(state, tab);
            }
            state.tab = tab;
            Vec::new()
        }
        MouseEventKind::Down(MouseButton::Left) => click(state, mouse.column, mouse.row),
        MouseEventKind::ScrollDown => main_intent(state, Intent::Down),
        MouseEventKind::ScrollUp => main_intent(state, Intent::Up),
        _ => Vec::new(),
    }
}

/// A click on a sub-tab or a row selects it.
pub(crate) fn click(state: &mut AppState, x: u16, y: u16) -> Vec<Effect> {
    use crate::geometry;
    let body = geometry::body(state.size);
    let pick = |area: ratatui::layout::Rect, row_height: u16, offset: usize| -> Option<usize> {
        let top = geometry::first_row(area);
        let bottom = area.y + area.height.saturating_sub(1);
        (y >= top && y < bottom && x > area.x && x < area.right())
            .then(|| offset + usize::from((y - top) / row_height))
    };
    match state.tab {
        Tab::Medals => {
            let rows = geometry::medals_rows(state.size);
            let n = crate::app::filter::medals_len(state);
            if let Some(i) = pick(
                geometry::medals_split(body).0,
                1,
                state.account.medals.cursor.offset,
            )
            .filter(|i| *i < n)
            {
                state.account.medals.cursor.set(i, n, rows);
            }
        }
        Tab::Coins => {
            let rows = geometry::coins_rows(state.size);
            let n = state.account.coins.view.len();
            if let Some(i) = pick(
                geometry::coins_split(body).1,
                1,
                state.account.coins.cursor.offset,
            )
            .filter(|i| *i < n)
            {
                state.account.coins.cursor.set(i, n, rows);
                return coins::prefetch(state);
            }
        }
        Tab::Discover => {
            let (tabs_row, list) = geometry::discover_split(body);
            if y == tabs_row.y {
                let labels = crate::app::discover::discover_tab_labels(state);
                if let Some(i) = crate::geometry::label_at(&labels, x) {
                    return discover::select_tab(state, i);
                }
                return Vec::new();
            }
            let rows = geometry::discover_rows(state.size);
            let h = geometry::GROUP_ROW_HEIGHT;
            if state.account.discover.show_bots {
                let n = crate::app::filter::bots_len(state);
                if let Some(i) =
                    pick(list, h, state.account.discover.bot_cursor.offset).filter(|i| *i < n)
                {
                    state.account.discover.bot_cursor.set(i, n, rows);
                }
            } else {
                let n = state.account.discover.groups.list.items.len();
                if let Some(i) =
                    pick(list, h, state.account.discover.groups.cursor.offset).filter(|i| *i < n)
                {
                    state.account.discover.groups.cursor.set(i, n, rows);
                    return discover::prefetch(state);
                }
            }
        }
        Tab::Settings => {
            let first = body.y + 1;
            if y >= first {
                let row = crate::app::settings_view::setting_at_line(state, usize::from(y - first));
                if let Some(i) = row {
                    state.account.settings.cursor = i;
                }
            }
        }
        Tab::Profile => {}
        Tab::Friends
        | Tab::Groups
        | Tab::Blacklist
        | Tab::ScreenCapture
        | Tab::About
        | Tab::Messages
        | Tab::Cards
        | Tab::Clubs
        | Tab::Events => {
            // The panes of the other services: each reads its own clicks.
            if state.account.service == crate::service::Service::Chaoqer {
                return crate::app::chaoqer::click(state, y);
            }
            crate::app::sealtalk::list::click(state, y);
        }
    }
    Vec::new()
}

/// Puts `text` into `input` at its cursor in one operation (a character at a time costs the
/// square of the length: a 1 MB paste took minutes), keeping the value within `limit`
/// characters. Control characters (line breaks, tabs) become spaces. Returns whether the
/// paste was cut.
pub fn paste_into(input: &mut tui_input::Input, text: &str, limit: usize) -> bool {
    let current = input.value();
    let cursor = input.cursor();
    let room = limit.saturating_sub(current.chars().count());
    let mut added = String::with_capacity(text.len().min(room * 4));
    let mut count = 0;
    let mut cut = false;
    for c in text.chars() {
        if count == room {
            cut = true;
            break;
        }
        added.push(if c.is_control() { ' ' } else { c });
        count += 1;
    }
    let at = current
        .char_indices()
        .nth(cursor)
        .map_or(current.len(), |(i, _)| i);
    let mut value = String::with_capacity(current.len() + added.len());
    value.push_str(&current[..at]);
    value.push_str(&added);
    value.push_str(&current[at..]);
    *input = tui_input::Input::new(value).with_cursor(cursor + count);
    cut
}

/// A bracketed paste goes into the focused text field as typed text, cut to the field's
/// limit (the status line, or the login screen's notice, says so).
pub(crate) fn on_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    // A copied line usually ends with its line break: that is not part of the value.
    let text = text.trim_end_matches(['\n', '\r']);
    let saving = state.account.edit_saving();
    let sealtalk = state.account.service == crate::service::Service::Sealtalk;
    let chaoqer = state.account.service == crate::service::Service::Chaoqer;
    let chaoqer_login = chaoqer && state.account.screen == Screen::Login;
    let (input, limit) = if sealtalk {
        (crate::app::sealtalk::paste_input(state), PASTE_LIMIT)
    } else if chaoqer_login {
        let form = &mut state.account.chaoqer.login;
        let focus = form.focus;
        (Some(form.input_mut(focus)), PASTE_LIMIT)
    } else if chaoqer {
        (crate::app::chaoqer::paste_input(state), PASTE_LIMIT_LONG)
    } else if state.account.screen == Screen::Login {
        let field = state.account.login.focus;
        (state.account.login.input_mut(field), PASTE_LIMIT)
    } else if let Some(search) = state.account.discover.search.as_mut() {
        search.due = Some(std::time::Instant::now() + crate::app::discover::SEARCH_PAUSE);
        (Some(&mut search.input), PASTE_LIMIT)
    } else if crate::app::filter::editing(state).is_some() {
        (crate::app::filter::editing_input(state), PASTE_LIMIT)
    } else if let Some(Popup::SettingInput { input, .. }) = state.account.popup.as_mut() {
        (Some(input), PASTE_LIMIT_LONG)
    } else if let Some(Popup::Export(form)) = state.account.popup.as_mut() {
        form.error = None;
        (Some(&mut form.input), PASTE_LIMIT_LONG)
    } else if let Some(Popup::Verify(form)) = state.account.popup.as_mut() {
        let field = form.focus;
        (Some(form.input_mut(field)), PASTE_LIMIT)
    } else if let Some(form) =
        (state.account.edit.as_mut()).filter(|f| f.field() != Field::Gender && !saving)
    {
        let field = form.field();
        form.errors[field.index()] = None;
        (Some(form.input_mut(field)), edit_field_limit(field))
    } else {
        (None, 0)
    };
    let Some(input) = input else {
        return Vec::new();
    };
    if paste_into(input, text, limit) {
        let msg = Msg::Key(MsgKey::PasteCut, vec![Msg::Plain(limit.to_string())]);
        if sealtalk && state.account.screen == Screen::Login {
            state.account.sealtalk.login.notice = Some((msg.render(state.s()), true));
        } else if state.account.screen == Screen::Login {
            state.account.login.notice = Some(Notice {
                text: msg.render(state.s()),
                error: true,
            });
        } else {
            set_status(state, msg, true);
        }
    }
    // A paste into a list's filter filters at once, as typing does.
    if let Some(list) = crate::app::filter::editing(state) {
        return crate::app::filter::refresh(state, list);
    }
    Vec::new()
}
