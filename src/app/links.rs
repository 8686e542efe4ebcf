//! Links of the account's data: a group's or bot's share link (from its popup or the row in
//! view), the avatar; copied to the clipboard or opened in the browser (web links only).

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::action::Effect;
use crate::app::discover;
use crate::app::keymap::Intent;
use crate::app::layer::Layer;
use crate::app::settings_pane;
use crate::app::state::{AppState, Msg, MsgKey, Popup, Tab};
use crate::app::update::set_status;

/// Keys of a popup: a group's or bot's details here (`c` copies the share link, `o` opens
/// it, any other key closes), the settings pane's popups there.
pub(crate) fn popup_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let detail = match &state.account.popup {
        Some(Popup::Group(i)) => state
            .account
            .discover
            .groups
            .list
            .items
            .get(*i)
            .map(|g| (g.chat_id.clone(), 2)),
        Some(Popup::Bot(i)) => state
            .account
            .discover
            .bots
            .value
            .as_ref()
            .and_then(|b| b.get(*i))
            .map(|b| (b.chat_id.clone(), 3)),
        Some(Popup::Export(_)) => return crate::app::export::popup_key(state, key),
        _ => return settings_pane::popup_key(state, key),
    };
    if key.code == KeyCode::Char('c') {
        let share = state
            .account
            .settings
            .distribution
            .value
            .as_ref()
            .map(|d| d.share_url.clone())
            .filter(|u| !u.is_empty());
        if let (Some((chat_id, kind)), Some(share)) = (detail, share) {
            set_status(state, Msg::key(MsgKey::LinkCopied), false);
            return vec![Effect::Copy(discover::share_link(&share, &chat_id, kind))];
        }
        return Vec::new();
    }
    if state.keymap.intent(&key) == Some(Intent::OpenLink) {
        return match share_link_of(state, detail) {
            Some(link) => open_link(state, link),
            None => Vec::new(),
        };
    }
    state.account.popup = None;
    Vec::new()
}

/// The share link of a group or bot (`(chat id, chat type)`), once the prefix is known.
pub(crate) fn share_link_of(state: &AppState, detail: Option<(String, u8)>) -> Option<String> {
    let share = state
        .account
        .settings
        .distribution
        .value
        .as_ref()
        .map(|d| d.share_url.as_str())
        .filter(|u| !u.is_empty())?;
    let (chat_id, kind) = detail?;
    Some(discover::share_link(share, &chat_id, kind))
}

/// `o` outside a popup: the avatar on the profile, the selected group's or bot's share link
/// on Discover.
pub(crate) fn open_selected(state: &mut AppState) -> Vec<Effect> {
    let link = match state.tab {
        Tab::Profile => state
            .account
            .profile
            .info
            .value
            .as_ref()
            .map(|i| i.avatar_url.clone())
            .filter(|u| !u.is_empty()),
        Tab::Discover if state.account.discover.show_bots => {
            let detail = state
                .account
                .discover
                .bots
                .value
                .as_ref()
                .and_then(|b| b.get(state.account.discover.bot_cursor.cursor))
                .map(|b| (b.chat_id.clone(), 3));
            share_link_of(state, detail)
        }
        Tab::Discover => {
            let detail = state
                .account
                .discover
                .groups
                .list
                .items
                .get(state.account.discover.groups.cursor.cursor)
                .map(|g| (g.chat_id.clone(), 2));
            share_link_of(state, detail)
        }
        _ => None,
    };
    match link {
        Some(link) => open_link(state, link),
        None => Vec::new(),
    }
}

/// Asks the runtime to open `link` in the browser (web links only).
pub(crate) fn open_link(state: &mut AppState, link: String) -> Vec<Effect> {
    if !url::Url::parse(&link).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
        return Vec::new();
    }
    set_status(
        state,
        Msg::Key(MsgKey::Opening, vec![Msg::Plain(link.clone())]),
        false,
    );
    vec![Effect::OpenUrl(link)]
}

/// A group's or bot's details, a setting being typed, a verification. Their answers are the
/// settings pane's (a verification goes on while the popup is open).
pub struct Popups;

impl Layer for Popups {
    fn is_open(&self, state: &AppState) -> bool {
        state.account.popup.is_some()
    }
    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        self::popup_key(state, key)
    }
    fn is_loading(&self, state: &AppState) -> bool {
        (matches!(state.account.popup, Some(Popup::Verify(_))) && state.account.verify_loading())
            || (matches!(state.account.popup, Some(Popup::Export(_)))
                && state.account.coins.exporting.is_some())
    }
}
