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
}

/// How an account of a service logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginMethod {
    /// A captcha picture, then a code sent by SMS (dashboard only: it needs the picture).
    SmsCode,
    /// An email address and a password (dashboard and `login --email … --password-stdin`).
    EmailPassword,
}

/// The panes of a service's dashboard, named so the CLI and the app agree on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneKind {
    Profile,
    Medals,
    Coins,
    Discover,
    Settings,
}

impl Service {
    pub const ALL: [Service; 1] = [Service::Yunhu];

    /// The name in `config.toml` and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Service::Yunhu => "yunhu",
        }
    }

    /// The name shown to people.
    pub fn display_name(self) -> &'static str {
        match self {
            Service::Yunhu => "Yunhu 云湖",
        }
    }

    /// The server an account of this service talks to when none is configured.
    pub fn default_server(self) -> &'static str {
        match self {
            Service::Yunhu => crate::api::DEFAULT_BASE_URL,
        }
    }

    /// The ways to log in, the dashboard's default first.
    pub fn login_methods(self) -> &'static [LoginMethod] {
        match self {
            Service::Yunhu => &[LoginMethod::SmsCode, LoginMethod::EmailPassword],
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
        }
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
            assert!(url::Url::parse(service.default_server()).is_ok());
        }
    }
}
