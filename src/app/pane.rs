//! What every pane of the dashboard provides, so `update` and the terminal loop treat them
//! alike (in the spirit of gitui's `Component`, but pure: no terminal, no HTTP, no images).
//! A new pane is a `Pane` in its module, listed in `PANES`, and needs no list anywhere else.

use std::ops::ControlFlow;

use crate::api::actor::Reply;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::layer::LAYERS;
use crate::app::requests::Slot;
use crate::app::state::{AppState, Screen, Tab};
use crate::app::{coins, discover, medals, profile, settings_pane};
use crate::service::Service;

/// A pane as `update` sees it: its tab and its module's own functions. A table rather than
/// a trait, since each pane is its module's functions and nothing more.
pub struct Pane {
    /// The tab it lives on.
    pub tab: Tab,
    /// A key's meaning on this pane; `None` leaves it to the dashboard (tabs, quit, help).
    pub intent: fn(&mut AppState, Intent) -> Option<Vec<Effect>>,
    /// An answer that is this pane's (its effects), or the answer back.
    pub reply: fn(&mut AppState, Slot, Reply) -> ControlFlow<Vec<Effect>, Reply>,
    /// Something the pane shows is on its way (the spinner runs only then).
    pub loading: fn(&AppState) -> bool,
}

impl Pane {
    pub fn tab(&self) -> Tab {
        self.tab
    }
    pub fn on_intent(&self, state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
        (self.intent)(state, intent)
    }
    pub fn on_reply(
        &self,
        state: &mut AppState,
        slot: Slot,
        reply: Reply,
    ) -> ControlFlow<Vec<Effect>, Reply> {
        (self.reply)(state, slot, reply)
    }
    pub fn is_loading(&self, state: &AppState) -> bool {
        (self.loading)(state)
    }
}

/// Every pane, in tab order.
pub static PANES: [&Pane; 5] = [
    &profile::PANE,
    &medals::PANE,
    &coins::PANE,
    &discover::PANE,
    &settings_pane::PANE,
];

/// The panes of a service's dashboard, in tab order (what `Service::panes` names).
pub fn panes_of(service: Service) -> &'static [&'static Pane] {
    match service {
        Service::Yunhu => &PANES,
        Service::Sealtalk => &crate::app::sealtalk::PANES,
        Service::Chaoqer => &crate::app::chaoqer::PANES,
    }
}

/// Yunhu's pane on `tab`.
pub fn pane(tab: Tab) -> &'static Pane {
    PANES[tab.index().min(PANES.len() - 1)]
}

/// The pane on `tab` of an account of `service` (its first pane if it has no such tab).
pub fn pane_in(service: Service, tab: Tab) -> &'static Pane {
    let panes = panes_of(service);
    panes
        .iter()
        .find(|p| p.tab == tab)
        .copied()
        .unwrap_or(panes[0])
}

/// Anything awaited that is on screen now: the spinner ticks only then.
pub fn shows_loading(state: &AppState) -> bool {
    let a = &state.account;
    match a.screen {
        Screen::Login if a.service == Service::Sealtalk => {
            crate::app::sealtalk::loading(state, crate::app::sealtalk::StSlot::Login)
        }
        Screen::Login if a.service == Service::Chaoqer => {
            crate::app::chaoqer::loading(state, crate::app::chaoqer::CqSlot::Login)
                || crate::app::chaoqer::loading(state, crate::app::chaoqer::CqSlot::SendCode)
        }
        Screen::Login => a.login_loading(),
        Screen::Main => {
            let layer = LAYERS
                .iter()
                .any(|l| l.is_open(state) && l.is_loading(state));
            layer || a.loading(Slot::Info) || pane_in(a.service, state.tab).is_loading(state)
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
            let tabs: Vec<Option<Tab>> = panes_of(service).iter().map(|p| Some(p.tab())).collect();
            let named: Vec<Option<Tab>> = service
                .panes()
                .iter()
                .map(|k| match k {
                    PaneKind::Profile => Some(Tab::Profile),
                    PaneKind::Medals => Some(Tab::Medals),
                    PaneKind::Coins => Some(Tab::Coins),
                    PaneKind::Discover => Some(Tab::Discover),
                    PaneKind::Settings => Some(Tab::Settings),
                    PaneKind::Friends => Some(Tab::Friends),
                    PaneKind::Groups => Some(Tab::Groups),
                    PaneKind::Blacklist => Some(Tab::Blacklist),
                    PaneKind::ScreenCapture => Some(Tab::ScreenCapture),
                    PaneKind::About => Some(Tab::About),
                    PaneKind::Messages => Some(Tab::Messages),
                    PaneKind::Cards => Some(Tab::Cards),
                    PaneKind::Clubs => Some(Tab::Clubs),
                    PaneKind::Events => Some(Tab::Events),
                })
                .collect();
            assert_eq!(tabs, named, "{service}");
            let of: Vec<Option<Tab>> = Tab::of(service).iter().copied().map(Some).collect();
            assert_eq!(of, named, "{service}: the tab bar");
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
