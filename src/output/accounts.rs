//! `accounts`: one row an account, the default marked.

use super::*;

/// One row of `accounts`.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub name: String,
    pub service: crate::service::Service,
    pub server: String,
    pub default: bool,
    pub logged_in: bool,
}

/// `accounts`: the default one marked with `*`.
pub fn accounts_text(rows: &[AccountRow]) -> Text {
    let header: Vec<String> = ["", "NAME", "SERVICE", "SERVER", "LOGIN"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let mut t = table(&header, &[]);
    for r in rows {
        let mark = if r.default { "*" } else { "" };
        let login = if r.logged_in { "saved" } else { "-" };
        add_row(
            &mut t,
            vec![
                mark.to_owned(),
                r.name.clone(),
                r.service.id().to_owned(),
                r.server.clone(),
                login.to_owned(),
            ],
        );
    }
    Text {
        body: render(&t),
        summary: format!(
            "{} account(s); * marks the default (--account NAME or YUNHU_TUI_ACCOUNT picks another)",
            rows.len()
        ),
    }
}

pub fn accounts_json(rows: &[AccountRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "name": r.name,
                    "service": r.service.id(),
                    "server": r.server,
                    "default": r.default,
                    "loggedIn": r.logged_in,
                })
            })
            .collect(),
    )
}
