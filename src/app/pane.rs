//! What every pane of the dashboard provides, so `update` and the terminal loop treat them
//! alike (in the spirit of gitui's `Component`, but pure: no terminal, no HTTP, no images).
//! A new pane implements `Pane`, is listed in `PANES`, and needs no list anywhere else.

use std::ops::ControlFlow;

use crate::api::actor::Reply;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::layer::LAYERS;
use crate::app::requests::Slot;
use crate::app::state::{AppState, Screen, Tab};
use crate::app::{coins, discover, medals, profile, settings_pane};
use crate::service::Service;

pub trait Pane: Sync {
    /// The tab it lives on.
    fn tab(&self) -> Tab;
    /// A key's meaning on this pane; `None` leaves it to the dashboard (tabs, quit, help).
    fn on_intent(&self, state: &mut AppState, intent: Intent) -> Option<Vec<Effect>>;
    /// An answer that is this pane's (its effects), or the answer back for the next one.
    fn on_reply(
        &self,
        state: &mut AppState,
        slot: Slot,
        reply: Reply,
    ) -> ControlFlow<Vec<Effect>, Reply>;
    /// Something the pane shows is on its way (the spinner runs only then).
    fn is_loading(&self, state: &AppState) -> bool;
}

/// Every pane, in tab order.
pub static PANES: [&dyn Pane; 5] = [
    &profile::ProfilePane,
    &medals::MedalsPane,
    &coins::CoinsPane,
    &discover::DiscoverPane,
    &settings_pane::SettingsPane,
];

/// The panes of a service's dashboard, in tab order (what `Service::panes` names).
pub fn panes_of(service: Service) -> &'static [&'static dyn Pane] {
    match service {
        Service::Yunhu => &PANES,
    }
}

/// The pane on `tab`.
pub fn pane(tab: Tab) -> &'static dyn Pane {
    PANES[tab.index().min(PANES.len() - 1)]
}

/// Anything awaited that is on screen now: the spinner ticks only then.
pub fn shows_loading(state: &AppState) -> bool {
    let a = &state.account;
    match a.screen {
        Screen::Login => a.login_loading(),
        Screen::Main => {
            let layer = LAYERS
                .iter()
                .any(|l| l.is_open(state) && l.is_loading(state));
            layer || a.loading(Slot::Info) || pane(state.tab).is_loading(state)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_service_has_the_panes_it_names_in_its_order() {
        use crate::service::PaneKind;
        for service in Service::ALL {
            let tabs: Vec<Tab> = panes_of(service).iter().map(|p| p.tab()).collect();
            let named: Vec<Tab> = service
                .panes()
                .iter()
                .map(|k| match k {
                    PaneKind::Profile => Tab::Profile,
                    PaneKind::Medals => Tab::Medals,
                    PaneKind::Coins => Tab::Coins,
                    PaneKind::Discover => Tab::Discover,
                    PaneKind::Settings => Tab::Settings,
                })
                .collect();
            assert_eq!(tabs, named, "{service}");
        }
    }

    #[test]
    fn every_tab_has_its_pane_in_order() {
        for (i, tab) in Tab::ALL.iter().enumerate() {
            assert_eq!(pane(*tab).tab(), *tab);
            assert_eq!(PANES[i].tab(), *tab);
        }
    }
}
