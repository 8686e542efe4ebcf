//! A chaoqer account's session: `login --phone P --sms` (Q1 sends the code, which is read
//! from stdin, then Q2; the session saved) and `logout` (Q3, then the session deleted).

use std::io::Read;

use super::*;

/// The longest line read as an SMS code (codes have 4 to 6 digits).
const MAX_CODE_LINE: u64 = 64;

/// The first line of stdin, trimmed, at most [`MAX_CODE_LINE`] bytes read.
fn read_code_line() -> Result<String, AppError> {
    let mut bytes = Vec::new();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock().take(MAX_CODE_LINE);
    let mut byte = [0u8; 1];
    // Byte by byte up to the line break: what follows is not consumed.
    loop {
        match lock.read(&mut byte) {
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => bytes.push(byte[0]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(FileError::Io {
                    path: PathBuf::from("stdin"),
                    source,
                }
                .into());
            }
        }
    }
    Ok(String::from_utf8_lossy(&bytes).trim().to_owned())
}

/// `login --phone P --sms [--country-code C]`: Q1 asks the server to send the code, the
/// code is read from stdin (a prompt on stderr when it is a terminal), Q2 logs in, and the
/// session is saved in the account's 0600 file. A new number registers an account whose
/// profile must then be completed.
pub(super) async fn login(
    global: &GlobalOpts,
    accounts: &Accounts,
    account: &Account,
    country_code: Option<&str>,
    phone: &str,
) -> Result<(), AppError> {
    let cc = country_code.unwrap_or("86").trim().trim_start_matches('+');
    if cc.is_empty() || cc.len() > 4 || !cc.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::Input(format!(
            "--country-code {:?} is not a calling code (digits, e.g. 86); nothing was sent",
            sanitize::line(cc)
        )));
    }
    let phone = phone.trim();
    if phone.is_empty() || phone.len() > 15 || !phone.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::Input(
            "--phone must be the phone number's digits, without the country code; nothing was sent"
                .into(),
        ));
    }
    let mut s = connect(global, accounts, account, false)?;
    let store = account.chaoqer_store();
    if let Some(w) = store.warning() {
        note(&format!("warning: {w}"));
    }
    if let Some(host) = plain_http_host(&s.server) {
        note(&format!(
            "warning: {host} is plain HTTP: the SMS code and the session's token are sent to it unencrypted; use https:// if the deployment offers it"
        ));
    }
    let path = store.session_path();
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        // Refused before any code is asked for: the login could not be saved there.
        return Err(FileError::Unsafe {
            path,
            reason: "is a symbolic link, which is not followed: a login cannot be saved there; remove it and log in again; nothing was sent".into(),
        }
        .into());
    }
    let sent = s.client.send_code(cc, phone).await.map_err(|e| s.fail(e))?;
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        let _ = write!(
            std::io::stderr().lock(),
            "{} — the SMS code sent to +{cc} {phone}: ",
            sanitize::line(&sent)
        );
        let _ = std::io::stderr().flush();
    } else {
        note(&format!(
            "the server sent a code by SMS to +{cc} {phone} ({}); reading it from stdin",
            sanitize::line(&sent)
        ));
    }
    let code = read_code_line()?;
    if code.is_empty() {
        return Err(AppError::Input(
            "no SMS code on stdin (login --sms reads the code from its first line, e.g. printf '%s\\n' 246810 | yunhu-tui --account NAME login --phone PHONE --sms); the code was sent but no login was tried".into(),
        ));
    }
    let outcome = s
        .client
        .login(cc, phone, &code)
        .await
        .map_err(|e| s.fail(e))?;
    store
        .save(&outcome.session)
        .map_err(|e| AppError::partly("the server accepted the login, but it was not saved", e))?;
    if outcome.registered {
        let how = s.complete_hint();
        return emit(
            global.json,
            serde_json::json!({"registered": true, "initialised": false, "complete": how}),
            output::Text::body(format!(
                "logged in: a new account was registered for this number; complete its profile with\n  {how}\n"
            )),
        );
    }
    match s.client.own_profile().await {
        Ok(p) => emit(
            global.json,
            serde_json::json!({"registered": false, "uid": p.uid, "name": p.nickname}),
            output::Text::body(format!(
                "logged in as {} ({})\n",
                sanitize::line(&p.nickname),
                sanitize::line(&p.uid)
            )),
        ),
        Err(e) if e.is_profile_not_initialised() => {
            let how = s.complete_hint();
            emit(
                global.json,
                serde_json::json!({"registered": false, "initialised": false, "complete": how}),
                output::Text::body(format!(
                    "logged in; the profile is not initialised yet: complete it with\n  {how}\n"
                )),
            )
        }
        Err(e) => Err(AppError::partly(
            "logged in and the login saved, but the profile could not be fetched",
            s.fail(e),
        )),
    }
}

/// `logout` (Q3: the server deletes the token and secret), then the saved session is
/// deleted whatever the server said.
pub(super) async fn logout(mut s: CqSession, json: bool) -> Result<(), AppError> {
    if s.client.session().is_none() {
        return Err(AppError::LogInAgain(format!(
            "not logged in to the chaoqer account {}: there is no saved login to end",
            sanitize::line(&s.account)
        )));
    }
    let told = s.client.logout().await;
    // `--demo`'s account never gets here (refused): it saves nothing.
    let deleted = s.store.as_ref().map_or(Ok(()), |store| store.delete());
    let server = match told {
        Ok(_) => "told",
        Err(ChaoqerError::LoggedOut { .. }) => "sessionInvalid",
        Err(e) => {
            return Err(match deleted {
                Ok(()) => AppError::partly(
                    "the saved login is deleted, but the server could not be told: the session stays valid there until it expires (30 days after login) or the next login",
                    AppError::Chaoqer(e),
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
            "the server ended the session, but the saved login could not be deleted",
            fe,
        )
    })?;
    let said = if server == "told" {
        "logged out: the server ended the session and the saved login is deleted\n"
    } else {
        "logged out: the server no longer accepted the session; the saved login is deleted\n"
    };
    emit(
        json,
        serde_json::json!({"server": server, "savedLoginDeleted": true}),
        output::Text::body(said.into()),
    )
}
