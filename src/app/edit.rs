//! The profile edit form's keys, saving (only the parts that changed) and the answers to
//! each part; the form's state is in `form.rs`.
use std::ops::ControlFlow;

use crate::api::actor::Reply;
use crossterm::event::{KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use crate::api::ApiError;
use crate::app::action::Effect;
use crate::app::form::{EditForm, Field, Part};
use crate::app::layer::Layer;
use crate::app::pointer::{PASTE_LIMIT, PASTE_LIMIT_LONG};
use crate::app::requests::{Slot, cancel, request};
use crate::app::session::{own_id, reload_info, reload_own, reload_user_data};
use crate::app::state::{AppState, Msg, MsgKey, Overlay, Screen};
use crate::app::update::{is_ctrl, set_status};
use crate::i18n::describe;

/// Opens the edit form; asked before the profile has arrived, it opens when it does.
pub(crate) fn open_edit(state: &mut AppState) {
    match (
        &state.account.profile.info.value,
        &state.account.profile.user_data.value,
    ) {
        (Some(info), Some(data)) => {
            state.account.edit = Some(EditForm::new(&info.name, data));
            state.account.profile.edit_requested = false;
        }
        _ => {
            state.account.profile.edit_requested = true;
            set_status(state, Msg::key(MsgKey::Loading), false);
        }
    }
}

/// The profile answered: the form asked for before it came opens now, or is given up on
/// when the data will not come (the status line already says why).
pub(crate) fn open_when_ready(state: &mut AppState) {
    let a = &mut state.account;
    if !a.profile.edit_requested || a.edit.is_some() || a.screen != Screen::Main {
        return;
    }
    if a.profile.info.value.is_some() && a.profile.user_data.value.is_some() {
        state.status = None;
        open_edit(state);
    } else if a.profile.info.error.is_some() || a.profile.user_data.error.is_some() {
        a.profile.edit_requested = false;
    }
}

pub(crate) fn form_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if state.account.edit_saving() {
        // Typing while a save is in flight could make what is shown differ from what is saved;
        // Esc gives up on the save: the requests are stopped, the form stays as typed.
        if key.code == KeyCode::Esc {
            let parts = state
                .account
                .requests
                .forget(|s| matches!(s, Slot::Edit(_)));
            set_status(state, Msg::key(MsgKey::SaveCancelled), false);
            return cancel(parts);
        }
        return Vec::new();
    }
    let Some(form) = state.account.edit.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Esc => {
            if form.is_dirty() {
                state.overlay = Overlay::ConfirmDiscard;
            } else {
                state.account.edit = None;
            }
        }
        KeyCode::Tab | KeyCode::Down => form.next(),
        KeyCode::BackTab | KeyCode::Up => form.prev(),
        KeyCode::Enter => return save_form(state),
        _ if is_ctrl(&key, 's') => return save_form(state),
        KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if form.field() == Field::Gender => {
            form.cycle_gender(key.code != KeyCode::Left);
        }
        _ if form.field() == Field::Gender => {}
        _ => {
            let field = form.field();
            form.input_mut(field)
                .handle_event(&crossterm::event::Event::Key(key));
            form.errors[field.index()] = None;
        }
    }
    Vec::new()
}

pub(crate) fn save_form(state: &mut AppState) -> Vec<Effect> {
    let s = state.s();
    let today = chrono::Local::now().date_naive();
    let Some(form) = state.account.edit.as_mut() else {
        return Vec::new();
    };
    let Some(plan) = form.plan(today, s) else {
        return Vec::new();
    };
    if plan.is_empty() {
        state.account.edit = None;
        set_status(state, Msg::key(MsgKey::NothingChanged), false);
        return Vec::new();
    }
    if let Some(form) = state.account.edit.as_mut() {
        form.saved_some = false;
    }
    plan.into_iter()
        .map(|(part, command)| request(state, Slot::Edit(part), command))
        .collect()
}

pub(crate) fn part_answered(
    state: &mut AppState,
    part: Part,
    result: Result<(), ApiError>,
) -> Vec<Effect> {
    let s = state.s();
    let still_saving = state.account.edit_saving();
    let Some(form) = state.account.edit.as_mut() else {
        return Vec::new();
    };
    let refused = match result {
        Ok(()) => {
            form.part_saved(part);
            form.saved_some = true;
            None
        }
        Err(e) => {
            form.part_failed(part, describe(&e, s));
            Some(e)
        }
    };
    let saved_some = form.saved_some;
    if let Some(e) = refused {
        // Said as a failed save, not as a failed load.
        set_status(
            state,
            Msg::Join(vec![Msg::key(MsgKey::SaveFailed), Msg::Api(e)]),
            true,
        );
    }
    if still_saving {
        return Vec::new();
    }
    let failed = state
        .account
        .edit
        .as_ref()
        .is_some_and(|f| f.errors.iter().any(Option::is_some) || f.form_error.is_some());
    if !failed {
        state.account.edit = None;
        set_status(state, Msg::key(MsgKey::Saved), false);
    }
    if !saved_some {
        // Nothing changed on the server: nothing to reload.
        return Vec::new();
    }
    // Show what the server now has (for the parts that were saved).
    let mut fx = vec![reload_info(state), reload_user_data(state)];
    if let Some(uid) = own_id(state) {
        fx.push(reload_own(state, uid));
    }
    fx
}

pub(crate) fn edit_field_limit(field: Field) -> usize {
    match field {
        Field::Nickname => crate::validate::MAX_NICKNAME_CHARS,
        Field::Introduction => crate::validate::MAX_INTRODUCTION_CHARS,
        Field::Avatar => PASTE_LIMIT_LONG,
        _ => PASTE_LIMIT,
    }
}

/// The edit form's answers: each part of a save.
pub fn on_reply(state: &mut AppState, slot: Slot, reply: Reply) -> ControlFlow<Vec<Effect>, Reply> {
    let Slot::Edit(part) = slot else {
        return ControlFlow::Continue(reply);
    };
    ControlFlow::Break(match reply {
        Reply::NicknameSaved(r) => part_answered(state, part, r.map(drop)),
        Reply::AvatarSaved(r) => part_answered(state, part, r.map(drop)),
        Reply::UserDataSaved(r) => part_answered(state, part, r),
        other => return ControlFlow::Continue(other),
    })
}

/// The layer, as `update` sees it (see [`crate::app::layer::Layer`]).
pub struct EditLayer;

impl Layer for EditLayer {
    fn is_open(&self, state: &AppState) -> bool {
        state.account.edit.is_some()
    }
    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        self::form_key(state, key)
    }
    fn on_reply(
        &self,
        state: &mut AppState,
        slot: Slot,
        reply: Reply,
    ) -> ControlFlow<Vec<Effect>, Reply> {
        self::on_reply(state, slot, reply)
    }
    fn is_loading(&self, state: &AppState) -> bool {
        state.account.edit_saving()
    }
}
