//! The dashboard and its account's local store: asking it (`Effect::Store`), and its answers
//! (`Action::Stored`). A failure is said once in the status line; the dashboard goes on
//! without the store.

use crate::app::action::Effect;
use crate::app::requests::Slot;
use crate::app::settings_pane::SettingsState;
use crate::app::state::{AppState, Msg, MsgKey, Tab};
use crate::i18n::{Strings, fill};
use crate::output::ProfileView;
use crate::store::panes::{SettingSnapshot, Stored};
use crate::store::protocol::{PaneSnapshot, StoreCommand, StoreReply, StoreResponse, StoredPanes};

/// Asks the shown account's store to do `command`.
pub fn ask(state: &mut AppState, command: StoreCommand) -> Effect {
    Effect::Store(state.next_request(), command)
}

/// The store answered.
pub fn on_stored(state: &mut AppState, response: StoreResponse) -> Vec<Effect> {
    let response = match crate::app::coin_window::on_stored(state, response) {
        Ok(fx) => return fx,
        Err(other) => other,
    };
    let response = match crate::app::export::on_stored(state, response) {
        Ok(fx) => return fx,
        Err(other) => other,
    };
    if let Some(e) = response.reply.error() {
        store_failed(state, e);
    }
    match response.reply {
        StoreReply::Panes(Ok(panes)) if state.account.panes_load == Some(response.id) => {
            state.account.panes_load = None;
            show_stored(state, *panes);
        }
        StoreReply::Groups(Ok(Some((category, groups)))) => {
            let at = groups.fetched_at_ms;
            crate::app::discover::show_stored_groups(state, category, groups.value, at);
        }
        _ => {}
    }
    Vec::new()
}

/// Says once that the store is not used, and why.
pub fn store_failed(state: &mut AppState, why: &str) {
    if state.account.store_down {
        return;
    }
    state.account.store_down = true;
    state.alert(Msg::Key(
        MsgKey::StoreNotUsed,
        vec![Msg::Plain(why.to_owned())],
    ));
}

/// Shows what the store kept of the account's panes, each marked as stored (its age is
/// shown until its answer replaces it). Panes that show something already keep it.
pub fn show_stored(state: &mut AppState, panes: StoredPanes) {
    crate::app::sealtalk::stored::show(state, panes.sealtalk);
    crate::app::chaoqer::stored::show(state, panes.chaoqer);
    let a = &mut state.account;
    if let Some(p) = panes.profile {
        let at = p.fetched_at_ms;
        a.profile.info.show_stored(p.value.info, at);
        a.profile.own.show_stored(p.value.user, at);
        a.profile.user_data.show_stored(p.value.data, at);
    }
    if let Some(m) = panes.medals {
        let mut medals = m.value;
        crate::proto::sort_medals(&mut medals);
        a.medals.list.show_stored(medals, m.fetched_at_ms);
    }
    if let Some(c) = panes.categories {
        a.discover.categories.show_stored(c.value, c.fetched_at_ms);
    }
    if let Some(b) = panes.bots {
        a.discover.bots.show_stored(b.value, b.fetched_at_ms);
    }
    show_stored_settings(&mut a.settings, panes.settings);
    let g = &mut a.discover.groups;
    if let Some((category, groups)) = panes.groups
        && g.list.is_blank()
        && g.keyword.is_empty()
        && (g.category.is_empty() || g.category == category)
    {
        g.category = category;
        g.list.items = groups.value;
        g.list.pages = 1;
        g.stored_at = Some(groups.fetched_at_ms);
    }
}

/// A fresh answer for `slot` arrived and was taken: what it filled is written back to the
/// store, so the next start shows it at once.
pub fn write_back(state: &mut AppState, slot: Slot) -> Vec<Effect> {
    let a = &state.account;
    let snapshot = match slot {
        Slot::Info | Slot::Own | Slot::UserData => {
            let p = &a.profile;
            // One snapshot of the three: written once all three are fresh.
            match (&p.info.value, &p.own.value, &p.user_data.value) {
                (Some(info), Some(user), Some(data))
                    if p.info.stored_at.is_none()
                        && p.own.stored_at.is_none()
                        && p.user_data.stored_at.is_none() =>
                {
                    PaneSnapshot::Profile(Box::new(ProfileView {
                        info: info.clone(),
                        user: user.clone(),
                        data: data.clone(),
                    }))
                }
                _ => return Vec::new(),
            }
        }
        Slot::Medals => match &a.medals.list.value {
            Some(m) => PaneSnapshot::Medals(m.clone()),
            None => return Vec::new(),
        },
        Slot::Categories => match &a.discover.categories.value {
            Some(c) => PaneSnapshot::Categories(c.clone()),
            None => return Vec::new(),
        },
        Slot::Bots => match &a.discover.bots.value {
            Some(b) => PaneSnapshot::Bots(b.clone()),
            None => return Vec::new(),
        },
        // The first page of a category without a keyword: what a start shows first.
        Slot::Groups => {
            let g = &a.discover.groups;
            if g.list.pages != 1 || !g.keyword.is_empty() || g.stored_at.is_some() {
                return Vec::new();
            }
            PaneSnapshot::Groups {
                category: g.category.clone(),
                groups: g.list.items.clone(),
            }
        }
        Slot::Distribution
        | Slot::Grey
        | Slot::Notification
        | Slot::Modules
        | Slot::Limits
        | Slot::Version(_) => match setting_snapshot(state, slot) {
            Some(s) => PaneSnapshot::Setting(s),
            None => return Vec::new(),
        },
        Slot::Sealtalk(s) => match crate::app::sealtalk::stored::snapshot(state, s) {
            Some(snap) => PaneSnapshot::Sealtalk(Box::new(snap)),
            None => return Vec::new(),
        },
        Slot::Chaoqer(s) => match crate::app::chaoqer::stored::snapshot(state, s) {
            Some(snap) => PaneSnapshot::Chaoqer(Box::new(snap)),
            None => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    if a.store_down {
        return Vec::new();
    }
    vec![ask(state, StoreCommand::Save(snapshot))]
}

/// The Settings pane's fresh answer of `slot`, as the store keeps it.
fn setting_snapshot(state: &AppState, slot: Slot) -> Option<SettingSnapshot> {
    let s = &state.account.settings;
    // Only a fresh value: a stored one shown in its place is not written back.
    fn fresh<T: Clone>(r: &crate::app::remote::Remote<T>) -> Option<T> {
        r.value.clone().filter(|_| r.stored_at.is_none())
    }
    Some(match slot {
        Slot::Distribution => SettingSnapshot::Distribution(fresh(&s.distribution)?),
        Slot::Grey => SettingSnapshot::Grey(fresh(&s.grey)?),
        Slot::Notification => SettingSnapshot::Notification(fresh(&s.notification)?),
        Slot::Modules => SettingSnapshot::Modules(fresh(&s.modules)?),
        Slot::Limits => SettingSnapshot::Limits(fresh(&s.limits)?),
        Slot::Version(i) => {
            let (platform, remote) = s.versions.get(i)?;
            SettingSnapshot::Version {
                platform: (*platform).to_owned(),
                info: fresh(remote)?,
            }
        }
        _ => return None,
    })
}

/// Shows the stored answers of the Settings pane where nothing is shown yet.
fn show_stored_settings(s: &mut SettingsState, settings: Vec<Stored<SettingSnapshot>>) {
    for stored in settings {
        let at = stored.fetched_at_ms;
        match stored.value {
            SettingSnapshot::Distribution(d) => s.distribution.show_stored(d, at),
            SettingSnapshot::Grey(g) => s.grey.show_stored(g, at),
            SettingSnapshot::Notification(n) => s.notification.show_stored(n, at),
            SettingSnapshot::Modules(m) => s.modules.show_stored(m, at),
            SettingSnapshot::Limits(l) => s.limits.show_stored(l, at),
            SettingSnapshot::Version { platform, info } => {
                if let Some((_, remote)) = s.versions.iter_mut().find(|(p, _)| *p == platform) {
                    remote.show_stored(info, at);
                }
            }
        }
    }
}

/// How long ago `at_ms` was, in words ("3 min ago").
pub fn age_text(s: &Strings, now_ms: i64, at_ms: i64) -> String {
    let secs = (now_ms - at_ms).max(0) / 1000;
    match secs {
        0..60 => s.just_now.to_owned(),
        60..3600 => fill(s.minutes_ago, &[&(secs / 60)]),
        3600..86400 => fill(s.hours_ago, &[&(secs / 3600)]),
        _ => fill(s.days_ago, &[&(secs / 86400)]),
    }
}

/// When the oldest stored data still shown on `tab` was fetched (none on a pane that shows
/// only fresh answers).
pub fn pane_stored_at(state: &AppState, tab: Tab) -> Option<i64> {
    let a = &state.account;
    let d = &a.discover;
    let st = &a.sealtalk;
    let cq = &a.chaoqer;
    let chaoqer = a.service == crate::service::Service::Chaoqer;
    let times = match tab {
        Tab::Profile if a.service == crate::service::Service::Sealtalk => {
            vec![st.profile.stored_at]
        }
        // Blacklist, About and Profile are tabs of more than one service.
        Tab::Profile if chaoqer => vec![cq.profile.stored_at],
        Tab::Blacklist if chaoqer => vec![cq.blacklist.stored_at],
        Tab::About if chaoqer => vec![cq.versions.stored_at],
        Tab::Messages => vec![cq.messages.stored_at],
        Tab::Cards => vec![cq.cards.stored_at],
        Tab::Clubs => vec![cq.clubs.stored_at],
        Tab::Events => vec![cq.events.stored_at],
        Tab::Friends => vec![st.friends.stored_at],
        Tab::Groups => vec![st.groups.stored_at],
        Tab::Blacklist => vec![st.blacklist.stored_at],
        Tab::ScreenCapture => vec![st.captures.stored_at],
        Tab::About => vec![st.versions.stored_at],
        Tab::Profile => vec![
            a.profile.info.stored_at,
            a.profile.own.stored_at,
            a.profile.user_data.stored_at,
        ],
        Tab::Medals => vec![a.medals.list.stored_at],
        Tab::Discover if d.show_bots => vec![d.bots.stored_at],
        Tab::Discover => vec![d.categories.stored_at, d.groups.stored_at],
        Tab::Settings => {
            let s = &a.settings;
            let mut times = vec![
                s.distribution.stored_at,
                s.grey.stored_at,
                s.notification.stored_at,
                s.modules.stored_at,
                s.limits.stored_at,
            ];
            times.extend(s.versions.iter().map(|(_, r)| r.stored_at));
            times
        }
        Tab::Coins => Vec::new(),
    };
    times.into_iter().flatten().min()
}

/// When the oldest stored data of the account still shown was fetched.
pub fn stored_since(state: &AppState) -> Option<i64> {
    Tab::of(state.account.service)
        .iter()
        .filter_map(|t| pane_stored_at(state, *t))
        .min()
}

/// The header's word on the data: "offline · updated 3 min ago", "updated 3 min ago",
/// "offline", or nothing when everything shown is fresh.
pub fn freshness(state: &AppState) -> Option<(String, bool)> {
    let s = state.s();
    let age = stored_since(state).map(|at| fill(s.updated_ago, &[&age_text(s, state.now_ms, at)]));
    let offline = state.offline || (state.account.offline && age.is_some());
    match (offline, age) {
        (true, Some(age)) => Some((format!("{} · {age}", s.offline_badge), true)),
        (true, None) => Some((s.offline_badge.to_owned(), true)),
        (false, Some(age)) => Some((age, false)),
        // With auto-refresh on, the header says how fresh the data is.
        (false, None) if state.settings.refresh_secs > 0 => state.account.refreshed_ms.map(|at| {
            (
                fill(s.updated_ago, &[&age_text(s, state.now_ms, at)]),
                false,
            )
        }),
        (false, None) => None,
    }
}

/// `--offline`: requests are not sent. Each is forgotten again (nothing waits for its
/// answer) and the status line says why nothing comes.
pub fn hold_requests(state: &mut AppState, fx: Vec<Effect>) -> Vec<Effect> {
    let mut held = false;
    let kept = fx
        .into_iter()
        .filter(|f| match f {
            Effect::Api(id, _) => {
                state.account.requests.take(*id);
                held = true;
                false
            }
            _ => true,
        })
        .collect();
    if held {
        state.notify(Msg::Plain(state.s().offline_nothing_sent.to_owned()));
    }
    kept
}

/// A load failed: with stored data on screen, the dashboard is offline (the badge; the
/// status line says why). A load that succeeds clears it.
pub fn load_answered(state: &mut AppState, failed: bool) {
    state.account.offline = failed;
}
