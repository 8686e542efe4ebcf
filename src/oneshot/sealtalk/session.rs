//! A SealTalk account's session: `login` (T1, the cookie saved), `logout` (T2, the cookie
//! deleted) and reading `change-password --stdin`.

use super::super::login::{Password, read_secret_line};
use super::*;

/// `login --region R --phone P --password-stdin` (T1): the cookie saved by its own name in
/// the account's 0600 file with the own id; T1's RongCloud IM token is never read.
pub(super) async fn login(
    global: &GlobalOpts,
    accounts: &Accounts,
    account: &Account,
    region: Option<&str>,
    phone: &str,
) -> Result<(), AppError> {
    // Q19: the calling code without '+' (the client strips one too).
    let region = region.unwrap_or("86").trim().trim_start_matches('+');
    if region.is_empty() || region.len() > 4 || !region.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::Input(format!(
            "--region {:?} is not a calling code (digits, e.g. 86); nothing was sent",
            sanitize::line(region)
        )));
    }
    let phone = phone.trim();
    // Q9: no stricter check than the server's own; only what cannot be a number.
    if phone.is_empty() || phone.chars().count() > 32 || phone.chars().any(char::is_whitespace) {
        return Err(AppError::Input(
            "--phone is empty or not a phone number; nothing was sent".into(),
        ));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(AppError::Input(format!(
            "--password-stdin reads a pipe, not a terminal (it would show the password as it is typed): printf '%s\\n' \"$PW\" | yunhu-tui --account {} login --region {region} --phone PHONE --password-stdin",
            sanitize::line(&account.name)
        )));
    }
    let password = read_secret_line(
        stdin.lock(),
        "password",
        "--password-stdin reads its first line, e.g. printf '%s\\n' \"$PW\" | yunhu-tui --account NAME login --region 86 --phone PHONE --password-stdin",
    )?;
    let mut s = connect(global, accounts, account, false)?;
    let store = account.cookie_store();
    if let Some(w) = store.warning() {
        note(&format!("warning: {w}"));
    }
    if let Some(host) = plain_http_host(&s.server) {
        note(&format!(
            "warning: {host} is plain HTTP: the password and the session cookie are sent to it unencrypted; use https:// if the deployment offers it"
        ));
    }
    let path = store.cookie_path();
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        // Refused before the password is sent: the login could not be saved there.
        return Err(FileError::Unsafe {
            path,
            reason: "is a symbolic link, which is not followed: a login cannot be saved there; remove it and log in again; nothing was sent".into(),
        }
        .into());
    }
    let session = s
        .client
        .login(region, phone, password.as_str())
        .await
        .map_err(|e| s.fail(e))?;
    drop(password);
    store
        .save(&session)
        .map_err(|e| AppError::partly("the server accepted the login, but it was not saved", e))?;
    let user = s.client.own_profile().await.map_err(|e| {
        AppError::partly(
            "logged in and the login saved, but the profile could not be fetched",
            s.fail(e),
        )
    })?;
    emit(
        global.json,
        serde_json::json!({"id": user.id, "name": user.nickname}),
        output::Text::body(format!(
            "logged in as {} ({})\n",
            sanitize::line(&user.nickname),
            sanitize::line(&user.id)
        )),
    )
}

/// `logout` (T2), then the saved cookie is deleted whatever the server said: it revokes
/// nothing (Q4), so its answer only tells whether it heard.
pub(super) async fn logout(mut s: StSession, json: bool) -> Result<(), AppError> {
    if s.client.cookie().is_none() {
        return Err(AppError::LogInAgain(format!(
            "not logged in to the SealTalk account {}: there is no saved login to end",
            sanitize::line(&s.account)
        )));
    }
    let secret = s
        .client
        .cookie()
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let told = s.client.logout().await.map_err(|e| scrub(e, &secret));
    // Only a saved account reaches here (`--demo` refuses logout before).
    let deleted = match &s.store {
        Some(store) => store.delete(),
        None => Ok(()),
    };
    let server = match told {
        Ok(()) => "told",
        Err(SealtalkError::NotLoggedIn { .. }) => "sessionInvalid",
        Err(e) => {
            return Err(match deleted {
                Ok(()) => AppError::partly(
                    "the saved login is deleted, but the server could not be told (SealTalk servers never end a session anyway)",
                    AppError::Sealtalk(e),
                ),
                Err(fe) => AppError::partly(
                    format!(
                        "the server could not be told ({e}), and the saved login could not be deleted"
                    ),
                    fe,
                ),
            });
        }
    };
    deleted.map_err(|fe| {
        AppError::partly(
            "the server was told, but the saved login could not be deleted",
            fe,
        )
    })?;
    let said = if server == "told" {
        "logged out: the server was told and the saved login is deleted (SealTalk servers do not revoke sessions: the cookie was only forgotten here)\n"
    } else {
        "logged out: the server no longer accepted the session; the saved login is deleted\n"
    };
    emit(
        json,
        serde_json::json!({"server": server, "savedLoginDeleted": true}),
        output::Text::body(said.into()),
    )
}

/// `change-password --stdin`: the current password on the first line, the new one on the
/// second, the new one checked as the server checks it; nothing is sent otherwise.
pub(super) fn read_old_and_new(account: &str) -> Result<(Password, Password), AppError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(AppError::Input(format!(
            "change-password --stdin reads a pipe, not a terminal (it would show the passwords as they are typed): printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | yunhu-tui --account {} change-password --stdin",
            sanitize::line(account)
        )));
    }
    let how = "change-password --stdin reads two lines: the current password, then the new one";
    let mut lock = stdin.lock();
    let old = read_secret_line(&mut lock, "current password", how)?;
    let new = read_secret_line(&mut lock, "new password", how)?;
    validate::sealtalk_new_password(new.as_str())
        .map_err(|e| AppError::Input(format!("{e}; nothing was sent")))?;
    Ok((old, new))
}
