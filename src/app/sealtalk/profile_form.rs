//! The SealTalk profile edit form: nickname (T5), portrait by URL (T6) or from a file
//! (T7 + upload + T6), gender (T9), SealTalk account id (T10). Each changed part is its own
//! request; what the server refuses is said beside its field and nothing typed is lost.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{StSlot, request};
use crate::api::actor_sealtalk::{StCommand, StResult};
use crate::api::sealtalk::model::Gender;
use crate::app::action::Effect;
use crate::app::requests::Slot;
use crate::app::state::{AppState, Msg, MsgKey, Overlay};
use crate::i18n::StStrings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Nickname,
    Portrait,
    Gender,
    StAccount,
}

pub const PARTS: [Part; 4] = [
    Part::Nickname,
    Part::Portrait,
    Part::Gender,
    Part::StAccount,
];

#[derive(Debug, Clone)]
pub struct ProfileForm {
    pub focus: Part,
    pub nickname: Input,
    /// A URL (`http://`, `https://`), else the path of a picture to upload.
    pub portrait: Input,
    pub gender: Gender,
    pub st_account: Input,
    /// What the profile held when the form opened (or a part was last saved).
    pub original: (String, String, Gender, String),
    /// Each refused part and why.
    pub errors: Vec<(Part, String)>,
}

impl ProfileForm {
    pub fn new(nickname: &str, portrait: &str, gender: Gender, st_account: &str) -> Self {
        ProfileForm {
            focus: Part::Nickname,
            nickname: Input::new(nickname.into()),
            portrait: Input::new(portrait.into()),
            gender,
            st_account: Input::new(st_account.into()),
            original: (nickname.into(), portrait.into(), gender, st_account.into()),
            errors: Vec::new(),
        }
    }

    pub fn input(&self, part: Part) -> Option<&Input> {
        match part {
            Part::Nickname => Some(&self.nickname),
            Part::Portrait => Some(&self.portrait),
            Part::StAccount => Some(&self.st_account),
            Part::Gender => None,
        }
    }

    pub(crate) fn input_mut(&mut self, part: Part) -> Option<&mut Input> {
        match part {
            Part::Nickname => Some(&mut self.nickname),
            Part::Portrait => Some(&mut self.portrait),
            Part::StAccount => Some(&mut self.st_account),
            Part::Gender => None,
        }
    }

    /// The parts that differ from the profile.
    pub fn changed(&self) -> Vec<Part> {
        let (n, p, g, a) = &self.original;
        PARTS
            .into_iter()
            .filter(|part| match part {
                Part::Nickname => self.nickname.value() != n,
                Part::Portrait => self.portrait.value().trim() != p,
                Part::Gender => self.gender != *g,
                Part::StAccount => self.st_account.value().trim() != a,
            })
            .collect()
    }

    pub fn is_dirty(&self) -> bool {
        !self.changed().is_empty()
    }

    pub fn error(&self, part: Part) -> Option<&str> {
        self.errors
            .iter()
            .find(|(p, _)| *p == part)
            .map(|(_, e)| e.as_str())
    }

    /// The request of `part`, or why it cannot be sent (checked here as the server does,
    /// so the commonest refusals need no round trip).
    fn command(&self, part: Part, s: &StStrings) -> Result<StCommand, String> {
        match part {
            Part::Nickname => check_nickname(self.nickname.value(), s)
                .map(|()| StCommand::SetNickname(self.nickname.value().to_owned())),
            Part::Portrait => {
                let value = self.portrait.value().trim();
                if value.is_empty() {
                    return Err(s.portrait_empty.into());
                }
                if value.starts_with("http://") || value.starts_with("https://") {
                    check_portrait_url(value, s).map(|()| StCommand::SetPortraitUrl(value.into()))
                } else {
                    Ok(StCommand::SetPortraitFile(expand_home(value)))
                }
            }
            Part::Gender => Ok(StCommand::SetGender(self.gender)),
            Part::StAccount => check_st_account(self.st_account.value().trim(), s)
                .map(|()| StCommand::SetStAccount(self.st_account.value().trim().to_owned())),
        }
    }
}

/// `~/x` is the home's `x` (a path is typed as in a shell).
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// The length the server counts: code points after its HTML escaping (Q10).
fn escaped_len(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '&' => 5,
            '<' | '>' => 4,
            '"' => 6,
            '\'' => 5,
            _ => 1,
        })
        .sum()
}

/// T5's rules: 1–32 code points once escaped, nothing outside the BMP (the server's column
/// cannot hold an emoji).
pub fn check_nickname(name: &str, s: &StStrings) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err(s.nickname_empty.into());
    }
    if name.chars().any(|c| u32::from(c) > 0xFFFF) {
        return Err(s.nickname_emoji.into());
    }
    if escaped_len(name) > 32 {
        return Err(crate::i18n::fill(s.nickname_long, &[&escaped_len(name)]));
    }
    Ok(())
}

/// T6's rules: an absolute URL of 12–256 characters once escaped.
pub fn check_portrait_url(url: &str, s: &StStrings) -> Result<(), String> {
    let n = escaped_len(url);
    if url::Url::parse(url).is_err() {
        return Err(s.portrait_bad_url.into());
    }
    if !(12..=256).contains(&n) {
        return Err(s.portrait_length.into());
    }
    Ok(())
}

/// T10's rules: 6–20 characters, a letter first, then letters, digits, `_` or `-`.
pub fn check_st_account(id: &str, s: &StStrings) -> Result<(), String> {
    let n = id.chars().count();
    if !(6..=20).contains(&n) {
        return Err(s.st_account_length.into());
    }
    let mut chars = id.chars();
    let first_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if !first_letter || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(s.st_account_symbols.into());
    }
    Ok(())
}

/// `e` on the profile: the form, filled with what the profile shows.
pub fn open(state: &mut AppState) {
    let st = &mut state.account.sealtalk;
    if st.edit.is_some() {
        return;
    }
    let Some(user) = &st.profile.value else {
        return;
    };
    let gender = if user.gender == "female" {
        Gender::Female
    } else {
        Gender::Male
    };
    st.edit = Some(ProfileForm::new(
        &user.nickname,
        &user.portrait_uri,
        gender,
        &user.st_account,
    ));
}

pub fn saving(state: &AppState) -> bool {
    (state.account.requests).awaits_any(|s| matches!(s, Slot::Sealtalk(StSlot::Save(_))))
}

/// Enter: each changed part is sent, or the form says which part is wrong and why.
pub fn save(state: &mut AppState) -> Vec<Effect> {
    if saving(state) {
        return Vec::new();
    }
    let s = state.s().lang().st();
    let Some(form) = state.account.sealtalk.edit.as_mut() else {
        return Vec::new();
    };
    let changed = form.changed();
    if changed.is_empty() {
        state.account.sealtalk.edit = None;
        state.notify(Msg::key(MsgKey::NothingChanged));
        return Vec::new();
    }
    let mut commands = Vec::new();
    form.errors.clear();
    for part in changed {
        match form.command(part, s) {
            Ok(c) => commands.push((part, c)),
            Err(e) => form.errors.push((part, e)),
        }
    }
    if let Some((part, _)) = form.errors.first() {
        // Nothing is sent while a part is wrong: the cursor goes to the first one.
        form.focus = *part;
        return Vec::new();
    }
    commands
        .into_iter()
        .map(|(part, c)| request(state, StSlot::Save(part), c))
        .collect()
}

/// A part's answer; when the last one is in, the form closes (all saved) or stays with
/// each refusal beside its field.
pub fn on_saved(state: &mut AppState, part: Part, result: StResult<Option<String>>) -> Vec<Effect> {
    let lang = state.lang();
    let Some(form) = state.account.sealtalk.edit.as_mut() else {
        return Vec::new();
    };
    match result {
        Ok(url) => {
            // Saved: the part is no longer a change (a retry does not send it again).
            match part {
                Part::Nickname => form.original.0 = form.nickname.value().to_owned(),
                Part::Portrait => {
                    let shown = url.unwrap_or_else(|| form.portrait.value().trim().to_owned());
                    form.portrait = Input::new(shown.clone());
                    form.original.1 = shown;
                }
                Part::Gender => form.original.2 = form.gender,
                Part::StAccount => form.original.3 = form.st_account.value().trim().to_owned(),
            }
        }
        Err(e) => {
            form.errors.push((
                part,
                crate::sanitize::line(&crate::i18n::describe_st(&e, lang)).into_owned(),
            ));
            form.focus = form.errors.first().map_or(part, |(p, _)| *p);
        }
    }
    if saving(state) {
        return Vec::new();
    }
    let failed = state
        .account
        .sealtalk
        .edit
        .as_ref()
        .is_some_and(|f| !f.errors.is_empty());
    if failed {
        state.alert(Msg::key(MsgKey::SaveFailed));
        // What was saved shows at once.
        return vec![super::profile::reload(state)];
    }
    state.account.sealtalk.edit = None;
    state.notify(Msg::key(MsgKey::Saved));
    vec![super::profile::reload(state)]
}

/// A key while the form is open.
pub fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if saving(state) {
        return Vec::new();
    }
    if crate::app::update::is_ctrl(&key, 's') {
        return save(state);
    }
    let Some(form) = state.account.sealtalk.edit.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Enter => return save(state),
        KeyCode::Esc if form.is_dirty() => state.overlay = Overlay::ConfirmDiscard,
        KeyCode::Esc => state.account.sealtalk.edit = None,
        KeyCode::Tab | KeyCode::Down => form.focus = crate::app::cycle(&PARTS, form.focus, true),
        KeyCode::BackTab | KeyCode::Up => form.focus = crate::app::cycle(&PARTS, form.focus, false),
        KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if form.focus == Part::Gender => {
            form.gender = match form.gender {
                Gender::Male => Gender::Female,
                Gender::Female => Gender::Male,
            };
        }
        _ => {
            let part = form.focus;
            if let Some(input) = form.input_mut(part) {
                input.handle_event(&Event::Key(key));
                // What is being fixed is no longer said to be wrong.
                form.errors.retain(|(p, _)| *p != part);
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> &'static StStrings {
        crate::i18n::Lang::En.st()
    }

    #[test]
    fn nicknames_are_checked_as_the_server_counts_them() {
        assert!(check_nickname("海星", s()).is_ok());
        assert!(check_nickname(" ", s()).is_err());
        assert!(check_nickname("a😀", s()).is_err());
        // 6 × `&` is 30 code points once escaped: fits; 7 does not.
        assert!(check_nickname("&&&&&&", s()).is_ok());
        assert!(check_nickname("&&&&&&&", s()).is_err());
        assert!(check_nickname(&"字".repeat(32), s()).is_ok());
        assert!(check_nickname(&"字".repeat(33), s()).is_err());
    }

    #[test]
    fn st_accounts_and_portrait_urls_follow_the_contract() {
        assert!(check_st_account("haixing_2025", s()).is_ok());
        assert!(check_st_account("1abcdef", s()).is_err());
        assert!(check_st_account("abc", s()).is_err());
        assert!(check_st_account("abc def", s()).is_err());
        assert!(check_portrait_url("http://a.example/x.png", s()).is_ok());
        assert!(check_portrait_url("http://a.b", s()).is_err());
    }

    #[test]
    fn only_changed_parts_are_sent() {
        let mut f = ProfileForm::new("a", "http://x.example/p", Gender::Male, "");
        assert!(!f.is_dirty());
        f.gender = Gender::Female;
        assert_eq!(f.changed(), vec![Part::Gender]);
    }
}
