//! Everything the dashboard holds for one account: its login screen, its panes, its forms and
//! popups. `AppState` holds one; showing another account is swapping it for another value
//! (and cancelling what the one put aside still awaits), so each keeps its panes as they were.

use crate::app::action::Effect;
use crate::app::coins::CoinsState;
use crate::app::discover::DiscoverState;
use crate::app::form::EditForm;
use crate::app::login::LoginForm;
use crate::app::medals::MedalsState;
use crate::app::profile::ProfileState;
use crate::app::requests::{Requests, Slot, cancel};
use crate::app::settings_pane::SettingsState;
use crate::app::state::{Popup, Screen};
use crate::service::Service;

#[derive(Debug, Clone)]
pub struct AccountView {
    /// The service the account is on: it decides the panes and what a session asks for.
    pub service: Service,
    /// The service's address for this account.
    pub server: String,
    /// The own account id, when known before `info` answers (saved from the last session).
    pub account_id: Option<String>,
    /// The login screen, or the panes once logged in.
    pub screen: Screen,
    pub login: LoginForm,
    pub profile: ProfileState,
    pub medals: MedalsState,
    pub coins: CoinsState,
    pub discover: DiscoverState,
    pub settings: SettingsState,
    /// A SealTalk account's own state (its panes, forms and login); empty for Yunhu.
    pub sealtalk: crate::app::sealtalk::SealtalkView,
    /// A chaoqer account's own state; empty for the others.
    pub chaoqer: crate::app::chaoqer::ChaoqerView,
    /// The profile edit form, while open.
    pub edit: Option<EditForm>,
    /// A popup over the pane (a group's or bot's details, a setting being typed, a
    /// verification).
    pub popup: Option<Popup>,
    /// What is in flight for this account, and what each answer fills.
    pub requests: Requests,
    /// What was in flight when the account was put aside: asked for again when it is shown.
    pub interrupted: Vec<Slot>,
    /// The account's local store failed (said once in the status line); the dashboard goes
    /// on without it.
    pub store_down: bool,
    /// A load failed while stored data was on screen: the header says "offline".
    pub offline: bool,
    /// With `refresh_secs` on: when the next refresh is due, and when the last one (or the
    /// session's start) asked for fresh data (Unix ms, for the header's age).
    pub next_refresh: Option<std::time::Instant>,
    pub refreshed_ms: Option<i64>,
    /// The store command whose answer is this account's stored panes (a first visit).
    pub panes_load: Option<crate::store::protocol::StoreId>,
}

impl AccountView {
    /// An account not logged in yet, on `server`.
    pub fn new(server: String) -> AccountView {
        AccountView {
            service: Service::Yunhu,
            server,
            account_id: None,
            screen: Screen::Login,
            login: LoginForm::default(),
            profile: ProfileState::default(),
            medals: MedalsState::default(),
            coins: CoinsState::default(),
            discover: DiscoverState::default(),
            settings: SettingsState::default(),
            sealtalk: Default::default(),
            chaoqer: Default::default(),
            edit: None,
            popup: None,
            requests: Requests::default(),
            interrupted: Vec::new(),
            store_down: false,
            offline: false,
            next_refresh: None,
            refreshed_ms: None,
            panes_load: None,
        }
    }

    /// Before this view is swapped out for another account's: what it awaits is stopped (its
    /// answers could not be told from the other account's). The panes keep what they show;
    /// a value whose load was stopped is left without value or error (`Remote::is_settled`
    /// is false), which is how to tell what to load again when it is shown once more.
    pub fn put_aside(&mut self) -> Vec<Effect> {
        self.interrupted = self.requests.slots().collect();
        cancel(self.requests.clear())
    }

    /// A request for `slot` is on its way.
    pub fn loading(&self, slot: Slot) -> bool {
        self.requests.awaits(slot)
    }

    /// A save of the edit form is in flight.
    pub fn edit_saving(&self) -> bool {
        self.requests.awaits_any(|s| matches!(s, Slot::Edit(_)))
    }

    /// The login screen waits for an answer (a login, an SMS request or a captcha).
    pub fn login_loading(&self) -> bool {
        self.loading(Slot::Login) || self.loading(Slot::LoginCaptcha)
    }

    /// The verification popup waits for an answer (a code request, the confirmation or a
    /// captcha).
    pub fn verify_loading(&self) -> bool {
        self.loading(Slot::Verify) || self.loading(Slot::VerifyCaptcha)
    }

    /// Every pane has its first answer (data or an error): the moment the start-up is done.
    pub fn first_data_complete(&self) -> bool {
        let settled = |slot: Slot, got: bool| got && !self.loading(slot);
        let s = &self.settings;
        settled(Slot::Info, self.profile.info.is_settled())
            && settled(Slot::Own, self.profile.own.is_settled())
            && settled(Slot::UserData, self.profile.user_data.is_settled())
            && settled(Slot::Medals, self.medals.list.is_settled())
            && settled(Slot::Categories, self.discover.categories.is_settled())
            && settled(Slot::Bots, self.discover.bots.is_settled())
            && settled(Slot::Distribution, s.distribution.is_settled())
            && settled(Slot::Grey, s.grey.is_settled())
            && settled(Slot::Notification, s.notification.is_settled())
            && settled(Slot::Modules, s.modules.is_settled())
            && settled(Slot::Limits, s.limits.is_settled())
            && (s.versions.iter().enumerate())
                .all(|(i, (_, r))| settled(Slot::Version(i), r.is_settled()))
            // The coins: a page of the server, or the store's history up to date.
            && (self.coins.list.pages > 0
                || self.coins.list.error.is_some()
                || (self.coins.stored.in_use() && !self.coins.stored.syncing()))
            && ((self.discover.groups.list.pages > 0 && self.discover.groups.stored_at.is_none())
                || self.discover.groups.list.error.is_some())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::api::model::CoinRecord;
    use crate::app::keymap::Keymap;
    use crate::app::state::{AppState, Look};
    use crate::settings::{PageSizes, ThemeName};

    pub(crate) fn state() -> AppState {
        let look = Look {
            theme: ThemeName::Dark,
            no_color: false,
        };
        AppState::new(
            crate::i18n::Lang::En,
            look,
            Keymap::default(),
            PageSizes::default(),
            "http://a".into(),
        )
    }

    fn record(id: i64) -> CoinRecord {
        CoinRecord {
            id,
            create_time: 1_700_000_000 + id,
            before_amount: id as f64,
            after_amount: id as f64 + 1.0,
            reason: "sign-in".into(),
            ..CoinRecord::default()
        }
    }

    #[test]
    fn swapping_the_account_view_brings_its_panes_back_as_they_were() {
        let mut st = state();
        st.account.screen = Screen::Main;
        st.account.account_id = Some("1".into());
        st.account.coins.load_records((0..50).map(record).collect());
        st.account.coins.cursor.set(30, 50, 10);
        st.account.profile.scroll = 3;
        let shown = (
            st.account.coins.cursor,
            st.account.coins.list.items.clone(),
            st.account.coins.view.clone(),
        );

        // Another account is shown: its own (empty) panes, on its own server.
        let mut stashed = AccountView::new("http://b".into());
        std::mem::swap(&mut st.account, &mut stashed);
        assert_eq!(st.account.screen, Screen::Login);
        assert!(st.account.coins.list.items.is_empty());
        assert_eq!(st.account.profile.scroll, 0);

        // And back: the coins stand where they stood, with the same records loaded.
        std::mem::swap(&mut st.account, &mut stashed);
        assert_eq!(st.account.screen, Screen::Main);
        assert_eq!(st.account.account_id.as_deref(), Some("1"));
        assert_eq!(st.account.coins.cursor, shown.0);
        assert_eq!(st.account.coins.list.items, shown.1);
        assert_eq!(st.account.coins.view, shown.2);
        assert_eq!(st.account.profile.scroll, 3);
        assert_eq!(stashed.server, "http://b");
    }

    #[test]
    fn an_account_put_aside_stops_its_requests_and_comes_back_with_none_pending() {
        let mut st = state();
        st.account.screen = Screen::Main;
        let sent = crate::app::session::start_session(&mut st);
        let asked: Vec<Effect> = sent
            .iter()
            .filter_map(|f| match f {
                Effect::Api(id, _) => Some(Effect::Cancel(*id)),
                _ => None,
            })
            .collect();
        assert_eq!(
            st.account.put_aside(),
            asked,
            "each request stopped, in order"
        );
        let mut other = AccountView::new("http://b".into());
        std::mem::swap(&mut st.account, &mut other);
        std::mem::swap(&mut st.account, &mut other);
        // Nothing waits for an answer that will not come, and what was never loaded says so.
        assert!(!crate::app::pane::shows_loading(&st));
        assert!(!st.account.profile.info.is_settled());
        // An answer to a stopped request that was already on its way fills nothing.
        let Some(Effect::Api(id, _)) = sent.first() else {
            panic!("a first request");
        };
        let info = Box::new(crate::proto::user_info::Data::default());
        let reply = crate::api::actor::Reply::Info(Ok(info));
        let response = crate::api::actor::Response { id: *id, reply };
        crate::app::update::update(&mut st, crate::app::action::Action::Api(response));
        assert!(!st.account.profile.info.is_settled());
    }
}
