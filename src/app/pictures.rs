//! The pictures the screen wants (the account's avatar, the group or bot in the Discover
//! popup): asked of the store first, then of the API actor, and kept here decoded, by
//! address, a bounded number of them. A picture that fails is a placeholder on screen; why
//! is in the log (the actor logs it), never in a popup.

use std::collections::{HashMap, VecDeque};

use crate::api::actor::{Command, RequestId};
use crate::api::picture::Picture;
use crate::app::action::Effect;
use crate::app::state::{AppState, Popup, Tab};
use crate::settings::ImageMode;
use crate::store::protocol::{StoreCommand, StoreId, StoreReply, StoreResponse};

/// How many pictures are kept in memory (the store keeps more).
pub const KEPT: usize = 64;

/// Where a picture is.
#[derive(Debug, Clone, PartialEq)]
pub enum PictureState {
    /// Asked of the store or the server.
    Loading,
    Ready(Picture),
    /// Not to be had (the reason is in the log); not asked again this run.
    Failed,
}

/// What the terminal can draw pictures with, as the start-up query found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Graphics {
    /// Half blocks: every terminal (and the answer until the terminal has answered).
    #[default]
    Halfblocks,
    Kitty,
    Iterm2,
    Sixel,
}

/// What the terminal answered to the graphics query: its protocol and its cell size in
/// pixels (what kitty, iTerm2 and sixel pictures are sized with).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TerminalGraphics {
    pub kind: Graphics,
    pub cell: Option<(u16, u16)>,
}

#[derive(Debug, Clone, Default)]
pub struct Pictures {
    by_url: HashMap<String, PictureState>,
    /// Oldest first, for the bound.
    order: VecDeque<String>,
    /// Store reads in flight, by id.
    loads: HashMap<StoreId, String>,
    /// Fetches in flight, by id.
    fetches: HashMap<RequestId, String>,
    /// The terminal's graphics (half blocks until it answers).
    pub graphics: TerminalGraphics,
}

impl Pictures {
    pub fn get(&self, url: &str) -> Option<&PictureState> {
        self.by_url.get(url)
    }

    /// Keeps `state` for `url`, dropping the oldest settled pictures beyond the bound.
    pub fn put(&mut self, url: &str, state: PictureState) {
        if self.by_url.insert(url.to_owned(), state).is_none() {
            self.order.push_back(url.to_owned());
        }
        while self.order.len() > KEPT {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if matches!(self.by_url.get(&oldest), Some(PictureState::Loading)) {
                // Still awaited: kept (loads are few).
                self.order.push_back(oldest);
                break;
            }
            self.by_url.remove(&oldest);
        }
    }

    pub fn len(&self) -> usize {
        self.by_url.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_url.is_empty()
    }
}

/// A picture address worth asking for: http(s), of a sane length.
fn usable(url: &str) -> bool {
    let url = url.trim();
    (url.starts_with("http://") || url.starts_with("https://"))
        && url.len() <= crate::store::pictures::MAX_URL_CHARS
}

/// The pictures the screen shows now, by address. A pane that draws a picture (with
/// `ui::picture::draw_picture`) names it here, so that it is fetched when shown.
pub fn wanted_urls(state: &AppState) -> Vec<String> {
    // Not only on the main screen: the start reads the first frame's pictures before it
    // knows which screen it shows.
    if state.settings.images == ImageMode::Off {
        return Vec::new();
    }
    let mut urls = Vec::new();
    let a = &state.account;
    if state.tab == Tab::Profile
        && a.service == crate::service::Service::Yunhu
        && let Some(info) = &a.profile.info.value
    {
        urls.push(info.avatar_url.clone());
    }
    if state.tab == Tab::Profile
        && a.service == crate::service::Service::Chaoqer
        && let Some(p) = &a.chaoqer.profile.value
    {
        urls.push(p.avatar.clone());
    }
    // chaoqer's club details, while they are open: the club's cover.
    if let Some(cover) = (a.chaoqer.club.as_ref())
        .and_then(|d| d.club.value.as_ref())
        .map(|c| c.cover.clone())
    {
        urls.push(cover);
    }
    if state.tab == Tab::Friends
        && a.service == crate::service::Service::Sealtalk
        && crate::geometry::friend_details(crate::geometry::body(state.size))
            .1
            .is_some()
        && let Some(friend) = crate::app::sealtalk::friends::selected(state)
    {
        urls.push(friend.user.portrait_uri.clone());
    }
    match &a.popup {
        Some(Popup::Group(i)) => {
            if let Some(g) = a.discover.groups.list.items.get(*i) {
                urls.push(g.avatar_url.clone());
            }
        }
        Some(Popup::Bot(i)) => {
            if let Some(b) = a.discover.bots.value.as_ref().and_then(|l| l.get(*i)) {
                urls.push(b.avatar_url.clone());
            }
        }
        _ => {}
    }
    urls.retain(|u| usable(u));
    urls
}

/// Asks for every picture the screen wants and does not have (`update` calls it after each
/// action).
pub fn wanted(state: &mut AppState) -> Vec<Effect> {
    let mut fx = Vec::new();
    for url in wanted_urls(state) {
        fx.extend(want(state, &url));
    }
    fx
}

/// Asks for the picture of `url` unless it is there or on its way: the store first (unless
/// it is down), else the server. For a view whose picture `wanted_urls` does not know yet
/// (a view that opens: call this then, and draw it with `ui::picture::draw_picture`).
/// Nothing with pictures off or for an unusable address.
pub fn want(state: &mut AppState, url: &str) -> Vec<Effect> {
    if state.settings.images == ImageMode::Off || !usable(url) || state.pictures.get(url).is_some()
    {
        return Vec::new();
    }
    let url = url.to_owned();
    state.pictures.put(&url, PictureState::Loading);
    if state.account.store_down {
        return fetch(state, url);
    }
    let id = state.next_request();
    state.pictures.loads.insert(id, url.clone());
    vec![Effect::Store(id, StoreCommand::LoadPicture { url })]
}

fn fetch(state: &mut AppState, url: String) -> Vec<Effect> {
    if state.offline {
        // Nothing is sent offline: the placeholder stays.
        state.pictures.put(&url, PictureState::Failed);
        return Vec::new();
    }
    let id = state.next_request();
    state.pictures.fetches.insert(id, url.clone());
    vec![Effect::Api(id, Command::Picture { url })]
}

/// A store answer, if it is a picture's (else handed back).
pub fn on_stored(
    state: &mut AppState,
    response: StoreResponse,
) -> Result<Vec<Effect>, StoreResponse> {
    let Some(url) = state.pictures.loads.remove(&response.id) else {
        return Err(response);
    };
    match response.reply {
        StoreReply::Picture {
            picture: Some(picture),
            ..
        } => {
            state.pictures.put(&url, PictureState::Ready(picture));
            Ok(Vec::new())
        }
        // Not kept, unreadable, or no store for this account: from the server.
        _ => Ok(fetch(state, url)),
    }
}

/// A picture's API answer (`Reply::Picture`).
pub fn on_reply(
    state: &mut AppState,
    id: RequestId,
    url: String,
    result: Result<Picture, crate::api::ApiError>,
) -> Vec<Effect> {
    if state.pictures.fetches.remove(&id).is_none() {
        return Vec::new();
    }
    match result {
        Ok(picture) => {
            let png = picture.png.clone();
            state.pictures.put(&url, PictureState::Ready(picture));
            let save = StoreCommand::SavePicture { url, png };
            vec![Effect::Store(state.next_request(), save)]
        }
        Err(_) => {
            // Logged by the actor; a placeholder here, and not asked for again this run.
            state.pictures.put(&url, PictureState::Failed);
            Vec::new()
        }
    }
}

/// The pictures the first frame of a start wants, read from the store before it is drawn.
pub fn load_at_start(state: &mut AppState, store: &crate::store::Store) {
    for url in wanted_urls(state) {
        if let Some(picture) = crate::store::protocol::load_picture(store, &url) {
            state.pictures.put(&url, PictureState::Ready(picture));
        }
    }
}
