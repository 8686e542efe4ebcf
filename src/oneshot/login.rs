//! `login --email … --password-stdin` and `logout`: the password read from stdin, the login
//! saved in the account's own file, another instance's newer login never replaced.

use super::*;

/// The most of a password `--password-stdin` reads, in bytes (its line break aside).
pub const MAX_PASSWORD_BYTES: usize = 4096;

/// A password read from stdin: valid UTF-8 (checked when read), never shown by `{:?}`, and
/// overwritten with zeros when dropped. (This copy only: the request body the client builds
/// from it is not; core dumps are off, see `hardening`.)
pub struct Password(Vec<u8>);

impl Password {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        self.0.fill(0);
        std::hint::black_box(&self.0);
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// `--password-stdin`: the first line of `input` without its line break (`\n` or `\r\n`);
/// at most [`MAX_PASSWORD_BYTES`] and one line break are read. An empty password, a longer
/// one, or one that is not UTF-8 is bad input (exit 2); a stdin that cannot be read is a
/// local I/O failure (exit 4).
pub fn read_password(input: impl BufRead) -> Result<Password, AppError> {
    read_secret_line(
        input,
        "password",
        "--password-stdin reads its first line, e.g. printf '%s\\n' \"$PW\" | yunhu-tui login --email ADDRESS --password-stdin",
    )
}

/// One line of `input` holding a secret, as [`read_password`] reads it; `what` names it in
/// errors (`password`, `new password`) and `how` says how it is given.
pub fn read_secret_line(input: impl BufRead, what: &str, how: &str) -> Result<Password, AppError> {
    // Room for the whole bounded read up front: a Vec that grew would leave copies behind.
    let mut line = Password(Vec::with_capacity(MAX_PASSWORD_BYTES + 2));
    input
        .take(MAX_PASSWORD_BYTES as u64 + 2)
        .read_until(b'\n', &mut line.0)
        .map_err(|source| FileError::Io {
            path: PathBuf::from("stdin"),
            source,
        })?;
    if line.0.last() == Some(&b'\n') {
        line.0.pop();
        if line.0.last() == Some(&b'\r') {
            line.0.pop();
        }
    }
    if line.0.len() > MAX_PASSWORD_BYTES {
        return Err(AppError::Input(format!(
            "the {what} on stdin is longer than {MAX_PASSWORD_BYTES} bytes; nothing was sent"
        )));
    }
    if line.0.is_empty() {
        return Err(AppError::Input(format!(
            "no {what} on stdin ({how}); nothing was sent"
        )));
    }
    if std::str::from_utf8(&line.0).is_err() {
        return Err(AppError::Input(format!(
            "the {what} on stdin is not valid UTF-8; nothing was sent"
        )));
    }
    Ok(line)
}

/// True when `YUNHU_TOKEN` is set (a bad one too: commands would use it, and fail).
pub(super) fn env_token_set() -> bool {
    !matches!(crate::secrets::env_token(), Ok(None))
}

/// `login --email ADDRESS --password-stdin`.
pub(super) async fn run_login(global: &GlobalOpts, email: &str) -> Result<(), AppError> {
    let email = email.trim();
    if email.is_empty() {
        return Err(AppError::Input("--email is empty; nothing was sent".into()));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(AppError::Input(
            "--password-stdin reads a pipe, not a terminal (it would show the password as it is typed): printf '%s\\n' \"$PW\" | yunhu-tui login --email ADDRESS --password-stdin, or log in in the dashboard (yunhu-tui)".into(),
        ));
    }
    // Read before anything starts: an empty stdin sends nothing and starts no demo server.
    let password = read_password(stdin.lock())?;
    let mut session = Setup::load(global, Purpose::OneShot)?
        .connect_saved_login(global)
        .await?;
    for warning in login_warnings(&session) {
        eprintln!("warning: {warning}");
    }
    let done = login(&mut session, email, &password).await?;
    drop(password);
    let mut text = output::Text {
        body: format!(
            "logged in as {} ({})\n",
            sanitize::line(&done.name),
            sanitize::line(&done.id)
        ),
        summary: String::new(),
    };
    if !done.saved {
        text.summary = "demo server: the login is not saved".into();
    } else if env_token_set() {
        text.summary = format!(
            "note: the login is saved in {}, but YUNHU_TOKEN is set: commands use YUNHU_TOKEN, not the saved login, until it is unset",
            session.store.token_path().display()
        );
    }
    emit(
        global.json,
        serde_json::json!({"id": done.id, "name": done.name}),
        text,
    )
}

/// The session's warnings, for a login: a plain-HTTP server on another machine gets the
/// password, not only a token.
fn login_warnings(session: &Session) -> Vec<String> {
    let plain = crate::api::plain_http_warning(&session.server_label);
    let mut warnings: Vec<String> = session
        .warnings
        .iter()
        .filter(|w| Some(*w) != plain.as_ref())
        .cloned()
        .collect();
    if session.demo.is_none() && plain.is_some() {
        let host = url::Url::parse(&session.server_label)
            .ok()
            .and_then(|u| u.host_str().map(|h| sanitize::line(h).to_string()))
            .unwrap_or_else(|| "the server".into());
        warnings.push(format!(
            "{host} is plain HTTP: the password and the new token are sent to it unencrypted; use https://"
        ));
    }
    warnings
}

/// What `login` did.
#[derive(Debug)]
struct LoggedIn {
    id: String,
    name: String,
    /// False with `--demo`: nothing is saved.
    saved: bool,
}

/// The email login; its token saved (not on the demo server), then the account fetched with
/// it. A saved login another instance wrote since this one read it is kept, and the error
/// says so (exit 4); the server's refusal (a wrong password) is its message, exit 1.
async fn login(
    session: &mut Session,
    email: &str,
    password: &Password,
) -> Result<LoggedIn, AppError> {
    let saved = session.demo.is_none();
    let path = session.store.token_path();
    if saved && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        // Refused before the password is sent: the login could not be saved there.
        return Err(FileError::Unsafe {
            path,
            reason: "is a symbolic link, which is not followed: a login cannot be saved there; remove it and log in again; nothing was sent".into(),
        }
        .into());
    }
    let token = session.client.email_login(email, password.as_str()).await?;
    if saved {
        session.store.save_token(&token).map_err(|e| {
            AppError::partly("the server accepted the login, but it was not saved", e)
        })?;
    }
    session.client.set_token(Some(token));
    let info = session.client.user_info().await.map_err(|e| {
        let done = if saved {
            "logged in and the login saved, but the account could not be fetched"
        } else {
            "logged in, but the account could not be fetched"
        };
        AppError::partly(done, e)
    })?;
    if saved && let Err(e) = session.store.save_account_id(&info.id) {
        tracing::warn!(error = %e, "cannot keep the account id");
    }
    if saved && session.account().implicit {
        // The implicit account now has something to keep: list it in config.toml. If that
        // fails the login is still found where it was saved.
        let mut file =
            SettingsFile::new(session.settings_path.clone(), session.file_settings.clone());
        if let Err(e) = write_accounts(
            &mut file,
            &session.file_settings,
            &session.accounts,
            |_, _| Ok(()),
        ) {
            tracing::warn!(error = %e, "cannot list the account in config.toml");
        }
    }
    Ok(LoggedIn {
        id: info.id,
        name: info.name,
        saved,
    })
}

/// What the server said to a logout.
#[derive(Debug, PartialEq)]
enum ServerEnd {
    Ended,
    /// −101: the session had already ended; the server's words.
    AlreadyEnded(String),
}

/// What `logout` did.
#[derive(Debug)]
struct LoggedOut {
    server: ServerEnd,
    /// The saved login was deleted (false with `--demo`, or when another instance had saved
    /// a new login since this one read it: that one is kept).
    deleted: bool,
    /// The token file holds another instance's newer login, which was kept.
    kept_newer: bool,
}

/// `logout`.
pub(super) async fn run_logout(global: &GlobalOpts) -> Result<(), AppError> {
    let env_set = !global.demo && env_token_set();
    let session = Setup::load(global, Purpose::OneShot)?
        .connect_saved_login(global)
        .await?;
    for warning in &session.warnings {
        eprintln!("warning: {warning}");
    }
    if env_set {
        note(
            "note: YUNHU_TOKEN is set: logout ends the saved login, not YUNHU_TOKEN's session, which commands keep using",
        );
    }
    let done = logout(&session).await?;
    let mut said = match &done.server {
        ServerEnd::Ended => "logged out: the server ended the session".to_owned(),
        ServerEnd::AlreadyEnded(msg) => format!(
            "logged out: the session had already ended on the server (code -101: {})",
            sanitize::line(msg)
        ),
    };
    if session.demo.is_some() {
        said.push_str(" (demo server: no saved login to delete)");
    } else if done.kept_newer {
        said.push_str(
            "; the saved login was not deleted: another yunhu-tui saved a new one since this one read it, and it is kept",
        );
    } else {
        said.push_str(" and the saved login is deleted");
    }
    said.push('\n');
    emit(
        global.json,
        serde_json::json!({
            "server": match done.server {
                ServerEnd::Ended => "ended",
                ServerEnd::AlreadyEnded(_) => "alreadyEnded",
            },
            "savedLoginDeleted": done.deleted,
        }),
        output::Text {
            body: said,
            summary: String::new(),
        },
    )
}

/// Ends the saved login's session on the server, then deletes the saved login (not on the
/// demo server) whatever the server said: a server that cannot be told is an error after
/// the deletion (exit 1), a session it had already ended (−101) is not.
async fn logout(session: &Session) -> Result<LoggedOut, AppError> {
    if session.token.is_none() {
        return Err(AppError::NoLogin);
    }
    let server = match session.client.logout().await {
        Ok(()) => Ok(ServerEnd::Ended),
        Err(ApiError::NotLoggedIn { msg }) => Ok(ServerEnd::AlreadyEnded(msg)),
        Err(e) => Err(e),
    };
    let local = if session.demo.is_some() {
        Ok((false, false))
    } else {
        session.store.delete_token().map(|()| {
            // `delete_token` keeps a file another instance wrote since this one read it.
            let kept = std::fs::symlink_metadata(session.store.token_path()).is_ok();
            (!kept, kept)
        })
    };
    match (server, local) {
        (Ok(server), Ok((deleted, kept_newer))) => Ok(LoggedOut {
            server,
            deleted,
            kept_newer,
        }),
        (Err(e), Ok((deleted, _))) => Err(AppError::partly(
            if deleted {
                "the saved login is deleted, but the server could not be told (the session may stay open there until it expires)"
            } else {
                "the server could not be told (the session may stay open there until it expires)"
            },
            e,
        )),
        (Ok(_), Err(fe)) => Err(AppError::partly(
            "the server ended the session, but the saved login could not be deleted",
            fe,
        )),
        (Err(e), Err(fe)) => Err(AppError::partly(
            format!("the server could not be told ({e}), and the saved login could not be deleted"),
            fe,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoServer, FaultPlan};
    use crate::secrets::TokenStore;
    use clap::Parser;

    fn password(input: &[u8]) -> Result<String, AppError> {
        read_password(input).map(|p| p.as_str().to_owned())
    }

    #[test]
    fn the_password_is_the_first_line_of_stdin_bounded() {
        assert_eq!(password(b"secret\n").unwrap(), "secret");
        assert_eq!(password(b"secret\r\n").unwrap(), "secret");
        assert_eq!(password(b"secret").unwrap(), "secret");
        assert_eq!(password(b" spaced pass \n").unwrap(), " spaced pass ");
        assert_eq!(password(b"first\nsecond\n").unwrap(), "first");
        let longest = "p".repeat(MAX_PASSWORD_BYTES);
        assert_eq!(
            password(format!("{longest}\n").as_bytes()).unwrap(),
            longest
        );
        assert_eq!(
            password(format!("{longest}\r\n").as_bytes()).unwrap(),
            longest
        );
        for (input, says) in [
            (&b""[..], "no password on stdin"),
            (b"\n", "no password on stdin"),
            (b"\r\n", "no password on stdin"),
            (b"\xff\xfe\n", "not valid UTF-8"),
        ] {
            let err = password(input).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{err}");
            assert!(err.to_string().contains(says), "{err}");
            assert!(err.to_string().contains("nothing was sent"), "{err}");
        }
        let err = password(format!("{longest}p\n").as_bytes()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("longer than 4096 bytes"), "{err}");
        // An endless stdin is not read to its end.
        let endless = std::io::BufReader::new(std::io::repeat(b'x'));
        assert!(read_password(endless).is_err());
        assert_eq!(
            format!("{:?}", read_password(&b"hunter2\n"[..]).unwrap()),
            "Password(…)"
        );
    }

    fn global(args: &[&str]) -> GlobalOpts {
        let mut argv = vec!["yunhu-tui"];
        argv.extend_from_slice(args);
        Cli::parse_from(argv).global
    }

    async fn session(store: TokenStore, server: &str) -> Session {
        let g = global(&["--server", server, "logout"]);
        Setup::load_in(store, &g, Purpose::OneShot)
            .unwrap()
            .connect_saved_login(&g)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_login_never_replaces_a_newer_login_another_instance_saved() {
        let demo = DemoServer::start_with(([127, 0, 0, 1], 0).into(), FaultPlan::default())
            .await
            .unwrap();
        let vip = demo.handle().logins().into_iter().next().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("cfg");
        // The saved login of the implicit account `default`.
        let acct = crate::accounts::secret_dir(&cfg, "default");
        TokenStore::new(acct.clone())
            .save_token("old-token")
            .unwrap();
        // This instance reads the saved login as it starts…
        let mut ours = session(TokenStore::new(cfg.clone()), &demo.base_url()).await;
        // …another logs in meanwhile…
        let other = TokenStore::new(acct.clone());
        other.load_token().unwrap();
        other.save_token("newer-token").unwrap();
        // …so this login is done on the server but not saved, and the error says so.
        let pw = read_password(format!("{}\n", vip.password).as_bytes()).unwrap();
        let err = login(&mut ours, &vip.email, &pw).await.unwrap_err();
        assert_eq!(err.exit_code(), 4, "{err}");
        let text = err.to_string();
        assert!(
            text.starts_with("the server accepted the login, but it was not saved: ")
                && text.contains("another yunhu-tui changed the saved login"),
            "{text}"
        );
        assert_eq!(
            std::fs::read_to_string(other.token_path()).unwrap(),
            "newer-token"
        );
        // Over its own saved login (or none), a login saves and replaces.
        let mut again = session(TokenStore::new(cfg.clone()), &demo.base_url()).await;
        let done = login(&mut again, &vip.email, &pw).await.unwrap();
        assert_eq!((done.id.as_str(), done.saved), (vip.id.as_str(), true));
        let saved = again.store.load_token().unwrap().unwrap_or_default();
        assert!(saved != "newer-token" && !saved.is_empty());
        assert_eq!(
            again.store.load_account_id().as_deref(),
            Some(vip.id.as_str())
        );
    }

    #[tokio::test]
    async fn a_logout_keeps_a_newer_login_another_instance_saved() {
        let demo = DemoServer::start_with(([127, 0, 0, 1], 0).into(), FaultPlan::default())
            .await
            .unwrap();
        let vip = demo.handle().logins().into_iter().next().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("cfg");
        // The saved login of the implicit account `default`.
        let acct = crate::accounts::secret_dir(&cfg, "default");
        TokenStore::new(acct.clone())
            .save_token(&vip.token)
            .unwrap();
        let ours = session(TokenStore::new(cfg.clone()), &demo.base_url()).await;
        let other = TokenStore::new(acct.clone());
        other.load_token().unwrap();
        other.save_token("newer-token").unwrap();
        let done = logout(&ours).await.unwrap();
        assert_eq!(done.server, ServerEnd::Ended);
        assert!(!done.deleted && done.kept_newer);
        assert_eq!(
            std::fs::read_to_string(other.token_path()).unwrap(),
            "newer-token"
        );
        // The session it held is over: a second logout with it hears −101, and deletes.
        std::fs::write(other.token_path(), &vip.token).unwrap();
        let again = session(TokenStore::new(cfg), &demo.base_url()).await;
        let done = logout(&again).await.unwrap();
        assert!(
            matches!(done.server, ServerEnd::AlreadyEnded(_)),
            "{done:?}"
        );
        assert!(done.deleted && !again.store.token_path().exists());
    }
}
