//! The requests one account has in flight, each with the slot its answer fills. This is the
//! only record of what is awaited: an answer whose id is not here is stale (superseded, or
//! its session is over) and dropped before any pane sees it; "is this loading?" is a look-up;
//! the end of a session is one `clear()`, which also names the requests to stop.

use std::collections::BTreeMap;

use crate::api::actor::{Command, RequestId};
use crate::app::action::Effect;
use crate::app::form::Part;
use crate::app::state::{AppState, Tab};

/// What an answer fills. One request at a time per slot: a new one supersedes the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The profile: the account, its public card, its editable data.
    Info,
    Own,
    UserData,
    Medals,
    /// A page of the coin history (the page is in the answer).
    Coins,
    Categories,
    /// A page of groups.
    Groups,
    Bots,
    /// The share-link prefix.
    Distribution,
    /// Grey mode (M4).
    Grey,
    Notification,
    Modules,
    Limits,
    /// The newest client of `PLATFORMS[i]`.
    Version(usize),
    /// A notification or module switch.
    Switch,
    /// A step of the phone, email or password verification (a code request, the confirmation).
    Verify,
    VerifyCaptcha,
    Logout,
    /// An email or SMS login, or the SMS code request of the login screen.
    Login,
    LoginCaptcha,
    /// One part of a profile save.
    Edit(Part),
    /// A SealTalk account's request.
    Sealtalk(crate::app::sealtalk::StSlot),
    /// A chaoqer account's request.
    Chaoqer(crate::app::chaoqer::CqSlot),
}

/// Who takes the answer that fills a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Pane(Tab),
    LoginScreen,
    EditForm,
    /// The session itself (a logout).
    Session,
    /// The SealTalk account's state (`app::sealtalk`).
    Sealtalk,
    /// The chaoqer account's state (`app::chaoqer`).
    Chaoqer,
}

impl Slot {
    /// Who takes its answer: a look-up, so an answer goes straight where it belongs instead
    /// of being offered to every pane in turn. A new slot must name its owner here (the
    /// `match` has no catch-all).
    pub fn owner(self) -> Owner {
        match self {
            Slot::Info | Slot::Own | Slot::UserData => Owner::Pane(Tab::Profile),
            Slot::Medals => Owner::Pane(Tab::Medals),
            Slot::Coins => Owner::Pane(Tab::Coins),
            Slot::Categories | Slot::Groups | Slot::Bots => Owner::Pane(Tab::Discover),
            // The share-link prefix and grey mode are shown in Settings; the verification
            // popup is the Settings pane's too.
            Slot::Distribution
            | Slot::Grey
            | Slot::Notification
            | Slot::Modules
            | Slot::Limits
            | Slot::Version(_)
            | Slot::Switch
            | Slot::Verify
            | Slot::VerifyCaptcha => Owner::Pane(Tab::Settings),
            Slot::Login | Slot::LoginCaptcha => Owner::LoginScreen,
            Slot::Edit(_) => Owner::EditForm,
            Slot::Logout => Owner::Session,
            Slot::Sealtalk(_) => Owner::Sealtalk,
            Slot::Chaoqer(_) => Owner::Chaoqer,
        }
    }

    /// A pane's load: a failure is said in the status line (what was shown stays).
    pub fn is_load(self) -> bool {
        matches!(
            self,
            Slot::Info
                | Slot::Own
                | Slot::UserData
                | Slot::Medals
                | Slot::Coins
                | Slot::Categories
                | Slot::Groups
                | Slot::Bots
                | Slot::Distribution
                | Slot::Grey
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct Requests {
    /// Ordered by id, so what is cancelled is cancelled in the order it was asked.
    in_flight: BTreeMap<RequestId, Slot>,
}

impl Requests {
    /// Request `id` now fills `slot`; the one that filled it before (returned) is superseded:
    /// its answer will be dropped.
    pub fn insert(&mut self, id: RequestId, slot: Slot) -> Option<RequestId> {
        let before = self.id_of(slot);
        if let Some(old) = before {
            self.in_flight.remove(&old);
        }
        self.in_flight.insert(id, slot);
        before
    }

    /// The answer to `id` arrived: the slot it fills, or `None` when it is no longer wanted.
    pub fn take(&mut self, id: RequestId) -> Option<Slot> {
        self.in_flight.remove(&id)
    }

    /// Whether the answer to `id` is still wanted.
    pub fn is_awaited(&self, id: RequestId) -> bool {
        self.in_flight.contains_key(&id)
    }

    /// Whether a request for `slot` is in flight.
    pub fn awaits(&self, slot: Slot) -> bool {
        self.id_of(slot).is_some()
    }

    /// Whether any request in flight fills a slot `which` picks.
    pub fn awaits_any(&self, which: impl Fn(Slot) -> bool) -> bool {
        self.in_flight.values().any(|s| which(*s))
    }

    /// The request in flight for `slot`.
    pub fn id_of(&self, slot: Slot) -> Option<RequestId> {
        self.in_flight
            .iter()
            .find(|(_, s)| **s == slot)
            .map(|(id, _)| *id)
    }

    /// Forgets the requests whose slot `which` picks (their form went away) and returns them.
    pub fn forget(&mut self, which: impl Fn(Slot) -> bool) -> Vec<RequestId> {
        let ids: Vec<RequestId> = self
            .in_flight
            .iter()
            .filter(|(_, s)| which(**s))
            .map(|(id, _)| *id)
            .collect();
        for id in &ids {
            self.in_flight.remove(id);
        }
        ids
    }

    /// Forgets every request (the session is over, or the account is put aside) and returns
    /// them, to be stopped.
    pub fn clear(&mut self) -> Vec<RequestId> {
        std::mem::take(&mut self.in_flight).into_keys().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.in_flight.is_empty()
    }

    /// The slots of the requests in flight, oldest first.
    pub fn slots(&self) -> impl Iterator<Item = Slot> + '_ {
        self.in_flight.values().copied()
    }

    /// The requests in flight, oldest first.
    pub fn ids(&self) -> impl Iterator<Item = RequestId> + '_ {
        self.in_flight.keys().copied()
    }

    pub fn len(&self) -> usize {
        self.in_flight.len()
    }
}

/// The one way a request is sent: registered for `slot` under a new id, then asked of the API.
pub fn request(state: &mut AppState, slot: Slot, command: Command) -> Effect {
    let id = state.next_request();
    state.account.requests.insert(id, slot);
    Effect::Api(id, command)
}

/// Effects that stop `ids`.
pub fn cancel(ids: Vec<RequestId>) -> Vec<Effect> {
    ids.into_iter().map(Effect::Cancel).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_request_supersedes_the_last_for_its_slot_only() {
        let mut r = Requests::default();
        assert_eq!(r.insert(1, Slot::Info), None);
        r.insert(2, Slot::Edit(Part::Nickname));
        r.insert(3, Slot::Edit(Part::Data));
        assert_eq!(r.insert(4, Slot::Info), Some(1));
        assert!(!r.is_awaited(1), "superseded");
        assert!(r.is_awaited(2) && r.is_awaited(3), "other parts stay");
        assert_eq!(r.take(1), None, "a stale answer fills nothing");
        assert_eq!(r.take(4), Some(Slot::Info));
        assert!(!r.awaits(Slot::Info));
        assert!(r.awaits_any(|s| matches!(s, Slot::Edit(_))));
    }

    #[test]
    fn clear_names_every_request_in_flight_in_order() {
        let mut r = Requests::default();
        r.insert(7, Slot::Medals);
        r.insert(5, Slot::Coins);
        r.insert(9, Slot::Version(2));
        assert_eq!(r.clear(), vec![5, 7, 9]);
        assert!(r.is_empty());
    }

    #[test]
    fn forget_takes_only_what_it_picks() {
        let mut r = Requests::default();
        r.insert(1, Slot::Verify);
        r.insert(2, Slot::VerifyCaptcha);
        r.insert(3, Slot::LoginCaptcha);
        assert_eq!(
            r.forget(|s| matches!(s, Slot::Verify | Slot::VerifyCaptcha)),
            vec![1, 2]
        );
        assert_eq!(r.len(), 1);
        assert!(r.awaits(Slot::LoginCaptcha));
    }
}
