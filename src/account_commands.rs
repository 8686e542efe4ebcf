//! `yunhu-tui accounts …`: list the accounts, add one, remove one, choose the default. They
//! read and write `config.toml` and the accounts' secret directories, and send nothing.

use crate::accounts::{AccountConfig, Accounts, check_name, delete_secrets, write_accounts};
use crate::cli::{AccountsCommand, GlobalOpts};
use crate::error::AppError;
use crate::output::{self, AccountRow};
use crate::paths::config_dir;
use crate::sanitize;
use crate::service::Service;
use crate::settings::{CONFIG_FILE, Settings, SettingsFile};
use crate::startup::DEMO_ACCOUNTS;

fn rows(accounts: &Accounts, demo: bool) -> Vec<AccountRow> {
    accounts
        .list
        .iter()
        .enumerate()
        .map(|(i, a)| AccountRow {
            name: a.name.clone(),
            service: a.service,
            server: if demo {
                "(demo)".into()
            } else {
                accounts.server_of(a)
            },
            default: accounts.is_default(i),
            // The demo accounts are logged in whenever the demo server runs.
            logged_in: demo || a.has_saved_login(),
        })
        .collect()
}

/// Runs `accounts [list|add|remove|default]`; what is printed goes through `emit`.
pub fn run(
    global: &GlobalOpts,
    action: Option<AccountsCommand>,
    emit: impl Fn(serde_json::Value, output::Text) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let action = action.unwrap_or(AccountsCommand::List);
    if global.demo {
        return match action {
            AccountsCommand::List => {
                let accounts = Accounts::demo(&DEMO_ACCOUNTS, "");
                let rows = rows(&accounts, true);
                emit(output::accounts_json(&rows), output::accounts_text(&rows))
            }
            _ => Err(AppError::Input(
                "--demo has its own accounts (demo-vip, demo-basic, demo-sealtalk, demo-chaoqer) and saves nothing; run this without --demo".into(),
            )),
        };
    }
    let dir = config_dir()?;
    let path = dir.join(CONFIG_FILE);
    let settings = Settings::load(&dir)?.settings;
    let accounts = Accounts::from_settings(&dir, &settings);
    let mut file = SettingsFile::new(path, settings.clone());
    let said = match action {
        AccountsCommand::List => {
            let rows = rows(&accounts, false);
            return emit(output::accounts_json(&rows), output::accounts_text(&rows));
        }
        AccountsCommand::Add { name, service } => {
            check_name(&name).map_err(AppError::Input)?;
            let server = global.server.clone();
            if server.is_none() && service.default_server().is_none() {
                // SealTalk is self-hosted, chaoqer's host unknown: there is no server to guess.
                return Err(AppError::Input(format!(
                    "a {} account needs its server: yunhu-tui accounts add {} --service {} --server URL ({}; nothing was added)",
                    service.display_name(),
                    sanitize::line(&name),
                    service.id(),
                    crate::service::why_no_default_server(service)
                )));
            }
            if let Some(s) = &server {
                let url = url::Url::parse(s)
                    .map_err(|e| AppError::Input(format!("--server {s:?} is not a URL: {e}")))?;
                if !matches!(url.scheme(), "http" | "https") {
                    return Err(AppError::Input(format!(
                        "--server {s:?} must be an http:// or https:// URL"
                    )));
                }
            }
            // Only a listed account counts: adding one named like the implicit account,
            // with no login kept, replaces it.
            let taken = accounts
                .list
                .iter()
                .any(|a| a.name == name && (!a.implicit || a.has_saved_login()));
            if taken {
                return Err(AppError::Input(format!(
                    "there is already an account named {:?}",
                    sanitize::line(&name)
                )));
            }
            let entry = AccountConfig {
                name: name.clone(),
                service,
                server: server.clone(),
            };
            write_accounts(&mut file, &settings, &accounts, |list, default| {
                list.retain(|a| a.name != entry.name);
                list.push(entry);
                if default.is_none() {
                    *default = list.first().map(|a| a.name.clone());
                }
                Ok(())
            })
            .map_err(account_error)?;
            let how = match service {
                Service::Yunhu => "login --email ADDRESS --password-stdin, or in the dashboard",
                Service::Sealtalk => "login --region 86 --phone PHONE --password-stdin",
                Service::Chaoqer => "login --phone PHONE --sms (the code is then read from stdin)",
            };
            format!(
                "added the {service} account {} ({}); log in with: yunhu-tui --account {} {how}",
                sanitize::line(&name),
                sanitize::line(&server.unwrap_or_else(|| "the default server".into())),
                sanitize::line(&name)
            )
        }
        AccountsCommand::Remove { name } => {
            let index = accounts.select(Some(&name)).map_err(AppError::Input)?;
            let account = accounts.list[index].clone();
            let had_login = account.has_saved_login();
            write_accounts(&mut file, &settings, &accounts, |list, default| {
                list.retain(|a| a.name != name);
                if default.as_deref() == Some(name.as_str()) {
                    *default = list.first().map(|a| a.name.clone());
                }
                Ok(())
            })
            .map_err(account_error)?;
            // After config.toml no longer lists it: a failure here leaves a file, not an
            // account without its login.
            delete_secrets(&account, &dir)?;
            let mut said = format!("removed the account {}", sanitize::line(&name));
            if had_login {
                said.push_str(
                    " and deleted its saved login (its session stays open on the server until it expires; `logout` before `remove` ends it)",
                );
            }
            said
        }
        AccountsCommand::Default { name } => {
            accounts.select(Some(&name)).map_err(AppError::Input)?;
            write_accounts(&mut file, &settings, &accounts, |list, default| {
                if !list.iter().any(|a| a.name == name) {
                    // The implicit account with no login: listed now, since it is chosen.
                    list.push(AccountConfig {
                        name: name.clone(),
                        service: Service::Yunhu,
                        server: None,
                    });
                }
                *default = Some(name.clone());
                Ok(())
            })
            .map_err(account_error)?;
            format!("the default account is now {}", sanitize::line(&name))
        }
    };
    emit(
        serde_json::json!({ "done": said }),
        output::Text {
            body: format!("{said}\n"),
            summary: String::new(),
        },
    )
}

fn account_error(e: crate::accounts::AccountError) -> AppError {
    match e {
        crate::accounts::AccountError::Refused(why) => AppError::Input(why),
        crate::accounts::AccountError::Settings(e) => e.into(),
        crate::accounts::AccountError::File(e) => e.into(),
    }
}
