//! A SealTalk account's panes and its local store: each fresh answer is kept, and a start
//! shows what was kept (with its age) before the server answers, or instead of it offline.

use super::CaptureRow;
use super::{StRemote, StSlot};
use crate::api::sealtalk::model::Conversation;
use crate::app::state::AppState;
use crate::store::sealtalk::{SealtalkSnapshot, StoredCapture, StoredSealtalk};

/// A fresh value (not one shown from the store, not an error's leftover).
fn fresh<T: Clone>(r: &StRemote<T>) -> Option<T> {
    r.value
        .clone()
        .filter(|_| r.stored_at.is_none() && r.error.is_none())
}

/// What to keep after a fresh answer for `slot`, if anything.
pub fn snapshot(state: &AppState, slot: StSlot) -> Option<SealtalkSnapshot> {
    let st = &state.account.sealtalk;
    Some(match slot {
        StSlot::Profile => SealtalkSnapshot::Profile(fresh(&st.profile)?),
        StSlot::Friends => SealtalkSnapshot::Friends(fresh(&st.friends)?),
        StSlot::Groups => SealtalkSnapshot::Groups(fresh(&st.groups)?),
        StSlot::Blacklist => SealtalkSnapshot::Blacklist(fresh(&st.blacklist)?),
        StSlot::Versions => {
            let v = fresh(&st.versions)?;
            match (v.desktop, v.mobile) {
                (Ok(d), Ok(m)) => SealtalkSnapshot::Versions(d, m),
                _ => return None,
            }
        }
        StSlot::Captures => SealtalkSnapshot::Captures(
            fresh(&st.captures)?
                .into_iter()
                .map(|r| StoredCapture {
                    group: matches!(r.conversation, Conversation::Group(_)),
                    id: r.conversation.target_id().to_owned(),
                    name: r.name,
                    on: r.status.ok(),
                })
                .collect(),
        ),
        _ => return None,
    })
}

/// Shows what the store kept, where nothing is shown yet.
pub fn show(state: &mut AppState, stored: StoredSealtalk) {
    let st = &mut state.account.sealtalk;
    if let Some(s) = stored.profile {
        st.profile.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.friends {
        st.friends.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.groups {
        st.groups.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.blacklist {
        st.blacklist.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.versions {
        st.versions.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.captures {
        let rows = (s.value.into_iter())
            .map(|c| CaptureRow {
                conversation: if c.group {
                    Conversation::Group(c.id)
                } else {
                    Conversation::Private(c.id)
                },
                name: c.name,
                status: c.on.ok_or_else(|| "?".to_owned()),
            })
            .collect();
        st.captures.show_stored(rows, s.fetched_at_ms);
    }
}
