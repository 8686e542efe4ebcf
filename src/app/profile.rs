//! The Profile pane's answers: the account (info), its public card (get-user) and its
//! editable data (get-user-data). What the pane says is in `profile_view.rs`.

use std::ops::ControlFlow;

use crate::api::actor::{Reply, RequestId};
use crate::app::action::Effect;
use crate::app::session::reload_own;
use crate::app::state::AppState;

pub fn on_reply(
    state: &mut AppState,
    id: RequestId,
    reply: Reply,
) -> ControlFlow<Vec<Effect>, Reply> {
    let mut fx = Vec::new();
    match reply {
        Reply::Info(r) => {
            if state.info.settle(id, r.map(|b| *b))
                && let Some(info) = &state.info.value
            {
                let uid = info.id.clone();
                if state.account_id.as_deref() != Some(&uid) {
                    state.account_id = Some(uid.clone());
                    fx.push(Effect::SaveAccountId(uid.clone()));
                }
                if state.own.value.as_ref().is_none_or(|o| o.id != uid) && !state.own.is_loading() {
                    fx.push(reload_own(state, uid));
                }
            }
        }
        Reply::OwnUser(r) => {
            state.own.settle(id, r.map(|b| *b));
        }
        Reply::UserData(r) => {
            state.user_data.settle(id, r);
        }
        other => return ControlFlow::Continue(other),
    }
    ControlFlow::Break(fx)
}
