//! A chaoqer account's panes and its local store: each fresh answer is kept, and a start
//! shows what was kept (with its age) before the gateway answers, or instead of it offline.

use super::{CqList, CqRemote, CqSlot};
use crate::app::state::AppState;
use crate::store::chaoqer::{ChaoqerSnapshot, StoredChaoqer};

/// A fresh value (not one shown from the store, not an error's leftover).
fn fresh<T: Clone>(r: &CqRemote<T>) -> Option<T> {
    r.value
        .clone()
        .filter(|_| r.stored_at.is_none() && r.error.is_none())
}

/// A list's items once a first page answered and nothing stored or failed is shown.
fn fresh_items<T: Clone>(l: &CqList<T>) -> Option<Vec<T>> {
    (l.loaded && l.stored_at.is_none() && l.error.is_none()).then(|| l.items.clone())
}

/// What to keep after a fresh answer for `slot`, if anything.
pub fn snapshot(state: &AppState, slot: CqSlot) -> Option<ChaoqerSnapshot> {
    let cq = &state.account.chaoqer;
    Some(match slot {
        CqSlot::Profile | CqSlot::SaveProfile => ChaoqerSnapshot::Profile(fresh(&cq.profile)?),
        CqSlot::Messages | CqSlot::Unread => {
            ChaoqerSnapshot::Messages(fresh_items(&cq.messages)?, cq.unread)
        }
        CqSlot::Blacklist | CqSlot::Unblock => {
            ChaoqerSnapshot::Blacklist(fresh_items(&cq.blacklist)?)
        }
        CqSlot::Cards => ChaoqerSnapshot::Cards(fresh_items(&cq.cards)?),
        CqSlot::Clubs | CqSlot::Leave => ChaoqerSnapshot::Clubs(fresh_items(&cq.clubs)?),
        CqSlot::Events => ChaoqerSnapshot::Events(fresh_items(&cq.events)?),
        CqSlot::Versions => {
            let v = fresh(&cq.versions)?;
            match (v.ios, v.android) {
                (Ok(ios), Ok(android)) => ChaoqerSnapshot::Versions(ios, android),
                _ => return None,
            }
        }
        _ => return None,
    })
}

/// Shows what the store kept, where nothing is shown yet.
pub fn show(state: &mut AppState, stored: StoredChaoqer) {
    let cq = &mut state.account.chaoqer;
    if let Some(s) = stored.profile {
        cq.profile.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.messages {
        let (items, unread) = s.value;
        if cq.messages.show_stored(items, s.fetched_at_ms) && cq.unread.is_none() {
            cq.unread = unread;
        }
    }
    if let Some(s) = stored.blacklist {
        cq.blacklist.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.cards {
        cq.cards.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.clubs {
        cq.clubs.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.events {
        cq.events.show_stored(s.value, s.fetched_at_ms);
    }
    if let Some(s) = stored.versions {
        cq.versions.show_stored(s.value, s.fetched_at_ms);
    }
}
