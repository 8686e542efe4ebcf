//! Everything the dashboard holds for one account: its login screen, its panes, its forms and
//! popups. `AppState` holds one; showing another account is swapping it for another value
//! (and cancelling what the one put aside still awaits), so each keeps its panes as they were.

use crate::app::coins::CoinsState;
use crate::app::discover::DiscoverState;
use crate::app::form::EditForm;
use crate::app::login::LoginForm;
use crate::app::medals::MedalsState;
use crate::app::profile::ProfileState;
use crate::app::settings_pane::SettingsState;
use crate::app::state::{Popup, Screen};

#[derive(Debug, Clone)]
pub struct AccountView {
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
    /// The profile edit form, while open.
    pub edit: Option<EditForm>,
    /// A popup over the pane (a group's or bot's details, a setting being typed, a
    /// verification).
    pub popup: Option<Popup>,
}

impl AccountView {
    /// An account not logged in yet, on `server`.
    pub fn new(server: String) -> AccountView {
        AccountView {
            server,
            account_id: None,
            screen: Screen::Login,
            login: LoginForm::default(),
            profile: ProfileState::default(),
            medals: MedalsState::default(),
            coins: CoinsState::default(),
            discover: DiscoverState::default(),
            settings: SettingsState::default(),
            edit: None,
            popup: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::CoinRecord;
    use crate::app::keymap::Keymap;
    use crate::app::state::{AppState, Look};
    use crate::settings::{PageSizes, ThemeName};

    fn state() -> AppState {
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
}
