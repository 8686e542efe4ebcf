//! The services an account can be on, and what each one is like to the rest of the program:
//! its name in `config.toml`, its default server, how it logs in, which panes it has.
//!
//! An enum, not a trait object: the set of services is closed and known when the program is
//! built, and each one has its own typed client, commands and replies. A `match` on
//! `Service` makes the compiler list every place a new service must fill in, which a trait
//! with default methods would not.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// Yunhu (云湖).
    Yunhu,
    /// SealTalk: RongCloud's open-source IM app, its app server hosted by each deployment.
    Sealtalk,
    /// chaoqer (超圈): a social app's API gateway, its host named by each account.
    Chaoqer,
}

/// How an account of a service logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginMethod {
    /// A captcha picture, then a code sent by SMS (dashboard only: it needs the picture).
    SmsCode,
    /// An email address and a password (dashboard and `login --email … --password-stdin`).
    EmailPassword,
    /// A calling code, a national phone number and a password (SealTalk's T1:
    /// `login --region 86 --phone PHONE --password-stdin`).
    PhonePassword,
    /// A phone number and the code the server sends to it by SMS (chaoqer's Q1 and Q2:
    /// `login --phone PHONE --sms`, the code read from stdin).
    PhoneSms,
}

/// The panes of a service's dashboard, named so the CLI and the app agree on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneKind {
    Profile,
    Medals,
    Coins,
    Discover,
    Settings,
    /// SealTalk: friends (status 20) and the count of pending requests.
    Friends,
    /// SealTalk: the groups the account is a member of (not Yunhu's recommended ones).
    Groups,
    Blacklist,
    /// SealTalk: the screen-capture notice of each friend and group.
    ScreenCapture,
    /// SealTalk: the latest desktop, iOS and Android clients; chaoqer: the latest iOS and
    /// Android apps and feedback.
    About,
    /// chaoqer: the own inbox, with its unread total.
    Messages,
    /// chaoqer: the cards received (名片夹).
    Cards,
    /// chaoqer: the clubs the account is a member of.
    Clubs,
    /// chaoqer: the public events from an hour ago on.
    Events,
}

impl Service {
    pub const ALL: [Service; 3] = [Service::Yunhu, Service::Sealtalk, Service::Chaoqer];

    /// The name in `config.toml` and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Service::Yunhu => "yunhu",
            Service::Sealtalk => "sealtalk",
            Service::Chaoqer => "chaoqer",
        }
    }

    /// The name shown to people.
    pub fn display_name(self) -> &'static str {
        match self {
            Service::Yunhu => "Yunhu 云湖",
            Service::Sealtalk => "SealTalk",
            Service::Chaoqer => "chaoqer 超圈",
        }
    }

    /// The server an account of this service talks to when none is configured; `None` for
    /// a service whose host is not known (SealTalk is self-hosted; chaoqer's gateway host is
    /// named nowhere in its source), whose accounts must name their server.
    pub fn default_server(self) -> Option<&'static str> {
        match self {
            Service::Yunhu => Some(crate::api::DEFAULT_BASE_URL),
            Service::Sealtalk | Service::Chaoqer => None,
        }
    }

    /// The ways to log in, the dashboard's default first.
    pub fn login_methods(self) -> &'static [LoginMethod] {
        match self {
            Service::Yunhu => &[LoginMethod::SmsCode, LoginMethod::EmailPassword],
            Service::Sealtalk => &[LoginMethod::PhonePassword],
            Service::Chaoqer => &[LoginMethod::PhoneSms],
        }
    }

    /// The dashboard's panes, in tab order.
    pub fn panes(self) -> &'static [PaneKind] {
        match self {
            Service::Yunhu => &[
                PaneKind::Profile,
                PaneKind::Medals,
                PaneKind::Coins,
                PaneKind::Discover,
                PaneKind::Settings,
            ],
            Service::Sealtalk => &[
                PaneKind::Profile,
                PaneKind::Friends,
                PaneKind::Groups,
                PaneKind::Blacklist,
                PaneKind::ScreenCapture,
                PaneKind::About,
            ],
            Service::Chaoqer => &[
                PaneKind::Profile,
                PaneKind::Messages,
                PaneKind::Blacklist,
                PaneKind::Cards,
                PaneKind::Clubs,
                PaneKind::Events,
                PaneKind::About,
            ],
        }
    }
}

/// An account of `service` names no server, and the service has no default one.
pub fn missing_server(service: Service, account: &str) -> String {
    format!(
        "the {} account {:?} has no server: {}, so each account names its server (yunhu-tui accounts add NAME --service {} --server URL, or server = \"URL\" in its [[accounts]] entry)",
        service.display_name(),
        crate::sanitize::line(account),
        why_no_default_server(service),
        service.id()
    )
}

/// Why `service` has no default server, in a clause for the user.
pub fn why_no_default_server(service: Service) -> String {
    match service {
        Service::Chaoqer => "chaoqer's gateway host is known only to each deployment".into(),
        other => format!("{} is self-hosted", other.display_name()),
    }
}

impl std::fmt::Display for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_is_written_in_config_as_its_id() {
        for service in Service::ALL {
            let text = toml::to_string(&std::collections::BTreeMap::from([("s", service)]))
                .unwrap_or_default();
            assert_eq!(text.trim(), format!("s = \"{}\"", service.id()));
            assert!(!service.panes().is_empty() && !service.login_methods().is_empty());
            if let Some(server) = service.default_server() {
                assert!(url::Url::parse(server).is_ok());
            }
        }
    }
}
