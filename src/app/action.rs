//! What can happen to the app, and what it asks the outside world to do in return.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::api::actor::{Command, RequestId, Response};
use crate::store::protocol::{StoreCommand, StoreId, StoreResponse};

#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    Api(Response),
    /// The account's local store answered (see [`crate::store::protocol`]).
    Stored(StoreResponse),
    /// The spinner's next frame (sent only while something loading is on screen).
    Tick,
    /// The terminal answered the graphics query at start (`None`: it did not, in time).
    Graphics(Option<crate::app::pictures::TerminalGraphics>),
    /// A deadline of `AppState::next_deadline` passed (a search after a pause in typing).
    Deadline,
}

/// Side effects `update` asks for; the runtime (or a test harness) carries them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Api(RequestId, Command),
    /// Ask the shown account's local store (a save is fire and forget: only a failure is
    /// answered, with `Action::Stored`).
    Store(StoreId, StoreCommand),
    /// Stop a request still running; no reply will come for it.
    Cancel(RequestId),
    /// Send later requests as account `n` of the switcher (its server, its token), and keep
    /// its login in its own file.
    SwitchAccount(usize),
    /// The token for every later request.
    SetToken(Option<String>),
    SaveToken(String),
    DeleteToken,
    /// A SealTalk account's session: `Some` after a login (kept in the account's 0600 cookie
    /// file, and used by later requests), `None` when it ends (logout, expiry: the file goes).
    SealtalkSession(Option<crate::api::sealtalk::model::Session>),
    /// A chaoqer account's session: `Some` after a login (kept in the account's 0600
    /// session file, and used by later requests), `None` when it ends (logout, 401: the
    /// file goes).
    ChaoqerSession(Option<crate::api::chaoqer::model::Session>),
    /// Remembered so the next start can ask for the own profile at once.
    SaveAccountId(String),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Open a link in the browser through the platform's opener; over ssh (see
    /// [`crate::dashboard::copy_instead_of_opening`]) or when the opener fails, copy it instead.
    OpenUrl(String),
    /// Write config.toml (atomically).
    SaveSettings(crate::settings::Settings),
    /// Turn mouse capture on or off.
    SetMouse(bool),
    Suspend,
    Quit,
}
