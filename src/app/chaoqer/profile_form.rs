//! The chaoqer profile form: nickname, avatar (a URL, or the path of a picture uploaded
//! through Q24) and bio, saved together (Q5 writes all three: a bio left out is erased).
//! For a new account (Q2 said 注册成功, or errorCode 200000) it completes the profile
//! instead (Q4: nickname and avatar; Q4 does not keep a bio). Checked as the gateway
//! checks; what is refused is said beside its field and nothing typed is lost, a session
//! expiry included (the form is there again after the login).

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{CqSlot, loading, request};
use crate::api::actor_chaoqer::{CqCommand, CqResult};
use crate::api::chaoqer::model::UserProfile;
use crate::api::chaoqer::{MAX_BIO, MAX_NICKNAME, java_len};
use crate::app::action::Effect;
use crate::app::state::{AppState, Msg, MsgKey, Overlay};
use crate::i18n::CqStrings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CqField {
    Nickname,
    Avatar,
    Bio,
}

#[derive(Debug, Clone)]
pub struct CqProfileForm {
    pub focus: CqField,
    pub nickname: Input,
    /// A URL (`http://`, `https://`), else the path of a picture to upload.
    pub avatar: Input,
    /// One line: a line break of the bio is typed and shown as `\n`.
    pub bio: Input,
    /// Completes a new account's profile (Q4) rather than editing it (Q5).
    pub init: bool,
    /// What the profile held when the form opened.
    pub original: (String, String, String),
    /// The refused field and why.
    pub error: Option<(CqField, String)>,
}

/// A bio's line breaks as the one-line field shows them, and back.
pub fn bio_to_field(bio: &str) -> String {
    bio.replace('\\', "\\\\").replace('\n', "\\n")
}

pub fn bio_from_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

impl CqProfileForm {
    pub fn new(nickname: &str, avatar: &str, bio: &str, init: bool) -> Self {
        let bio = bio_to_field(bio);
        CqProfileForm {
            focus: CqField::Nickname,
            nickname: Input::new(nickname.into()),
            avatar: Input::new(avatar.into()),
            bio: Input::new(bio.clone()),
            init,
            original: (nickname.into(), avatar.into(), bio),
            error: None,
        }
    }

    /// The fields shown: a new account's has no bio (Q4 does not keep it).
    pub fn fields(&self) -> &'static [CqField] {
        if self.init {
            &[CqField::Nickname, CqField::Avatar]
        } else {
            &[CqField::Nickname, CqField::Avatar, CqField::Bio]
        }
    }

    pub fn input(&self, field: CqField) -> &Input {
        match field {
            CqField::Nickname => &self.nickname,
            CqField::Avatar => &self.avatar,
            CqField::Bio => &self.bio,
        }
    }

    pub(crate) fn input_mut(&mut self, field: CqField) -> &mut Input {
        match field {
            CqField::Nickname => &mut self.nickname,
            CqField::Avatar => &mut self.avatar,
            CqField::Bio => &mut self.bio,
        }
    }

    pub fn is_dirty(&self) -> bool {
        let (n, a, b) = &self.original;
        self.nickname.value() != n || self.avatar.value().trim() != a || self.bio.value() != b
    }

    pub fn error(&self, field: CqField) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// The request, or the field that is wrong and why (checked here as the gateway
    /// checks, so the commonest refusals need no round trip).
    pub fn command(&self, s: &CqStrings) -> Result<CqCommand, (CqField, String)> {
        let nickname = self.nickname.value().trim().to_owned();
        if nickname.is_empty() {
            return Err((CqField::Nickname, s.nickname_empty.into()));
        }
        if java_len(&nickname) > MAX_NICKNAME {
            return Err((
                CqField::Nickname,
                crate::i18n::fill(s.nickname_long, &[&MAX_NICKNAME, &java_len(&nickname)]),
            ));
        }
        let avatar = self.avatar.value().trim().to_owned();
        if avatar.is_empty() {
            return Err((CqField::Avatar, s.avatar_empty.into()));
        }
        let bio = bio_from_field(self.bio.value());
        if java_len(&bio) > MAX_BIO {
            return Err((
                CqField::Bio,
                crate::i18n::fill(s.bio_long, &[&MAX_BIO, &java_len(&bio)]),
            ));
        }
        let bio = (!bio.trim().is_empty()).then_some(bio);
        let is_url = avatar.starts_with("http://") || avatar.starts_with("https://");
        if is_url {
            if url::Url::parse(&avatar).is_err() {
                return Err((CqField::Avatar, s.avatar_bad_url.into()));
            }
            return Ok(if self.init {
                CqCommand::InitProfile { nickname, avatar }
            } else {
                CqCommand::EditProfile {
                    nickname,
                    avatar,
                    bio,
                }
            });
        }
        let path = expand_home(&avatar);
        if !path.is_file() {
            return Err((CqField::Avatar, s.avatar_no_file.into()));
        }
        Ok(CqCommand::SaveWithAvatarFile {
            path,
            nickname,
            bio,
            init: self.init,
        })
    }
}

/// `~/x` is the home's `x` (a path is typed as in a shell).
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// `e` on the profile (or a new account's first answers): the form, filled with what the
/// profile shows. An open form stays as it is.
pub fn open(state: &mut AppState) {
    let cq = &mut state.account.chaoqer;
    if cq.edit.is_some() {
        return;
    }
    let form = match (&cq.profile.value, cq.needs_profile) {
        (_, true) => CqProfileForm::new("", "", "", true),
        (Some(p), false) => CqProfileForm::new(
            &p.nickname,
            &p.avatar,
            p.bio.as_deref().unwrap_or(""),
            false,
        ),
        (None, false) => return,
    };
    cq.edit = Some(form);
}

pub fn saving(state: &AppState) -> bool {
    loading(state, CqSlot::SaveProfile)
}

/// Enter: the profile is sent, or the form says which field is wrong and why.
pub fn save(state: &mut AppState) -> Vec<Effect> {
    if saving(state) {
        return Vec::new();
    }
    let s = state.s().lang().cq();
    let Some(form) = state.account.chaoqer.edit.as_mut() else {
        return Vec::new();
    };
    if !form.init && !form.is_dirty() {
        state.account.chaoqer.edit = None;
        state.notify(Msg::key(MsgKey::NothingChanged));
        return Vec::new();
    }
    match form.command(s) {
        Ok(command) => {
            form.error = None;
            vec![request(state, CqSlot::SaveProfile, command)]
        }
        Err((field, why)) => {
            // Nothing is sent while a field is wrong: the cursor goes to it.
            form.focus = field;
            form.error = Some((field, why));
            Vec::new()
        }
    }
}

/// Q4 or Q5 answered: the form closes and the profile shows what was saved, or the form
/// stays with the refusal beside the field it is about.
pub fn on_saved(state: &mut AppState, result: CqResult<UserProfile>) -> Vec<Effect> {
    let cq = &mut state.account.chaoqer;
    match result {
        Ok(profile) => {
            let completed = cq.edit.as_ref().is_some_and(|f| f.init) || cq.needs_profile;
            cq.edit = None;
            cq.needs_profile = false;
            cq.profile.settle(Ok(profile));
            state.notify(Msg::key(MsgKey::Saved));
            if completed {
                // The panes refused a profile not yet initialised: they are asked again.
                return super::start(state);
            }
            // Q5's answer lacks the viewer's counters: the profile is read again.
            vec![request(state, CqSlot::Profile, CqCommand::Profile)]
        }
        Err(e) => {
            let text = crate::sanitize::line(&e.to_string()).into_owned();
            if let Some(form) = cq.edit.as_mut() {
                let field = field_of(&text).unwrap_or(form.focus);
                form.focus = field;
                form.error = Some((field, text));
            }
            state.alert(Msg::key(MsgKey::SaveFailed));
            Vec::new()
        }
    }
}

/// The field a refusal is about, from the gateway's words (名字, 头像, 介绍) or the
/// client's checks.
fn field_of(text: &str) -> Option<CqField> {
    let lower = text.to_lowercase();
    if text.contains("名字") || lower.contains("nickname") {
        Some(CqField::Nickname)
    } else if text.contains("头像") || lower.contains("avatar") || lower.contains("image") {
        Some(CqField::Avatar)
    } else if text.contains("介绍") || lower.contains("bio") {
        Some(CqField::Bio)
    } else {
        None
    }
}

/// A key while the form is open.
pub fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if saving(state) {
        return Vec::new();
    }
    if crate::app::update::is_ctrl(&key, 's') {
        return save(state);
    }
    let Some(form) = state.account.chaoqer.edit.as_mut() else {
        return Vec::new();
    };
    let fields = form.fields();
    match key.code {
        KeyCode::Enter => return save(state),
        KeyCode::Esc if form.is_dirty() => state.overlay = Overlay::ConfirmDiscard,
        // A new account cannot go on without it: Esc leaves it for later (`e` reopens it).
        KeyCode::Esc => state.account.chaoqer.edit = None,
        KeyCode::Tab | KeyCode::Down => form.focus = crate::app::cycle(fields, form.focus, true),
        KeyCode::BackTab | KeyCode::Up => form.focus = crate::app::cycle(fields, form.focus, false),
        _ => {
            let field = form.focus;
            form.input_mut(field).handle_event(&Event::Key(key));
            // What is being fixed is no longer said to be wrong.
            if form.error.as_ref().is_some_and(|(f, _)| *f == field) {
                form.error = None;
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> &'static CqStrings {
        crate::i18n::Lang::En.cq()
    }

    #[test]
    fn a_bio_s_line_breaks_survive_the_one_line_field() {
        let bio = "第一行\n第二行 \\ 🙂";
        assert_eq!(bio_from_field(&bio_to_field(bio)), bio);
        assert_eq!(bio_to_field("a\nb"), "a\\nb");
    }

    #[test]
    fn the_gateway_s_limits_are_checked_before_sending() {
        let mut f = CqProfileForm::new("舟", "https://cdn.example/a.jpg", "", false);
        assert!(matches!(
            f.command(s()),
            Ok(CqCommand::EditProfile { bio: None, .. })
        ));
        f.nickname = Input::new("字".repeat(21));
        assert_eq!(f.command(s()).err().map(|e| e.0), Some(CqField::Nickname));
        // An emoji counts 2, as Java counts.
        f.nickname = Input::new(format!("{}🙂", "字".repeat(19)));
        assert_eq!(f.command(s()).err().map(|e| e.0), Some(CqField::Nickname));
        f.nickname = Input::new("舟".into());
        f.bio = Input::new("x".repeat(1001));
        assert_eq!(f.command(s()).err().map(|e| e.0), Some(CqField::Bio));
        f.bio = Input::new(String::new());
        f.avatar = Input::new("/no/such/file.png".into());
        assert_eq!(f.command(s()).err().map(|e| e.0), Some(CqField::Avatar));
        let init = CqProfileForm::new("舟", "https://cdn.example/a.jpg", "", true);
        assert!(matches!(
            init.command(s()),
            Ok(CqCommand::InitProfile { .. })
        ));
    }
}
