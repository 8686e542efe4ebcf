//! A chaoqer account's panes and its local store: each fresh profile and first page is
//! kept, and a start shows what was kept (with its age) before the gateway answers, or
//! instead of it offline (the `offline` badge says so when a refresh fails).

use super::{CqList, CqSlot, PAGE};
use crate::app::state::AppState;
use crate::store::chaoqer::{ChaoqerSnapshot, StoredChaoqer};

/// A list's first page, when what is shown is fresh (not the store's, not after an error).
fn first_page<T: Clone>(list: &CqList<T>) -> Option<Vec<T>> {
    (list.loaded && list.stored_at.is_none() && list.error.is_none())
        .then(|| list.items.iter().take(PAGE as usize).cloned().collect())
}

/// What to keep after a fresh answer for `slot`, if anything.
pub fn snapshot(state: &AppState, slot: CqSlot) -> Option<ChaoqerSnapshot> {
    let cq = &state.account.chaoqer;
    Some(match slot {
        CqSlot::Profile | CqSlot::SaveProfile => {
            let p = &cq.profile;
            ChaoqerSnapshot::Profile(
                p.value
                    .clone()
                    .filter(|_| p.stored_at.is_none() && p.error.is_none())?,
            )
        }
        CqSlot::Messages => ChaoqerSnapshot::Messages(first_page(&cq.messages)?),
        CqSlot::Blacklist | CqSlot::Unblock => {
            ChaoqerSnapshot::Blacklist(first_page(&cq.blacklist)?)
        }
        CqSlot::Cards => ChaoqerSnapshot::Cards(first_page(&cq.cards)?),
        CqSlot::Clubs => ChaoqerSnapshot::Clubs(first_page(&cq.clubs)?),
        CqSlot::Events => ChaoqerSnapshot::Events(first_page(&cq.events)?),
        _ => return None,
    })
}

fn show_list<T>(list: &mut CqList<T>, stored: Option<crate::store::panes::Stored<Vec<T>>>) {
    if let Some(s) = stored
        && !list.loaded
        && list.items.is_empty()
    {
        list.items = s.value;
        list.stored_at = Some(s.fetched_at_ms);
    }
}

/// Shows what the store kept, where nothing is shown yet.
pub fn show(state: &mut AppState, stored: StoredChaoqer) {
    let cq = &mut state.account.chaoqer;
    if let Some(s) = stored.profile {
        cq.profile.show_stored(s.value, s.fetched_at_ms);
    }
    show_list(&mut cq.messages, stored.messages);
    show_list(&mut cq.blacklist, stored.blacklist);
    show_list(&mut cq.cards, stored.cards);
    show_list(&mut cq.clubs, stored.clubs);
    show_list(&mut cq.events, stored.events);
}

/// When the stored data still shown on `tab` was fetched.
pub fn stored_at(state: &AppState, tab: crate::app::state::Tab) -> Option<i64> {
    use crate::app::state::Tab;
    let cq = &state.account.chaoqer;
    match tab {
        Tab::Profile => cq.profile.stored_at,
        Tab::Messages => cq.messages.stored_at,
        Tab::Blacklist => cq.blacklist.stored_at,
        Tab::Cards => cq.cards.stored_at,
        Tab::Clubs => cq.clubs.stored_at,
        Tab::Events => cq.events.stored_at,
        _ => None,
    }
}
