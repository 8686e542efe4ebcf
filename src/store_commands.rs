//! The local store as the one-shot commands use it: which store a session's account has,
//! opening it when a command goes online (a failure is a warning, never the command's
//! failure), opening it for `--offline` (nothing stored is an error, exit 1), and `cache`.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::error::AppError;
use crate::output;
use crate::paths::data_dir;
use crate::sanitize;
use crate::startup::Session;
use crate::store::{Store, StoreError, StoreKey, stored_keys};
use crate::timefmt::{local_datetime, stamp};

/// Says on stderr that the store is not used, and why (best effort).
pub fn warn(e: &StoreError) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "warning: {}; going on without it",
        sanitize::line(&e.to_string())
    );
}

fn server(session: &Session) -> String {
    session.client.config().base_url.clone()
}

/// The account id the session is sure of without asking the server: the saved login's
/// (or the demo account's). Not with `YUNHU_TOKEN`, whose account may be another one.
fn known_id(session: &Session) -> Option<String> {
    if session.token_from_env {
        None
    } else {
        session.account_id.clone()
    }
}

fn key(session: &Session, id: &str) -> StoreKey {
    StoreKey::new(session.account().service, &server(session), id)
}

/// The store of the session's account for a command that goes online: on disk, or in
/// memory with `--demo`. `id` is the account id when the command already fetched it;
/// otherwise the saved login's, else it is asked (`user/info`). `None` (after a warning)
/// when it cannot be opened.
pub async fn online(session: &Session, id: Option<&str>) -> Option<Store> {
    let id = match id.map(str::to_owned).or_else(|| known_id(session)) {
        Some(id) => id,
        None => match session.client.user_info().await {
            Ok(info) => info.id,
            Err(e) => {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "warning: the local store is not used: the account id is unknown ({})",
                    sanitize::line(&e.to_string())
                );
                return None;
            }
        },
    };
    let key = key(session, &id);
    let opened = if session.demo.is_some() {
        Store::open_in_memory(&key)
    } else {
        Store::open_default(&key)
    };
    opened.map_err(|e| warn(&e)).ok()
}

/// Where the session's account's store is, without sending anything: the key of the saved
/// login's account, or with `YUNHU_TOKEN` the one account stored for the server.
/// `Ok(None)`: nothing is stored for it.
fn local(session: &Session) -> Result<Option<(PathBuf, StoreKey)>, AppError> {
    let dir = data_dir().map_err(|e| AppError::Offline(format!("no local store: {e}")))?;
    let key = match known_id(session) {
        Some(id) => key(session, &id),
        None => {
            let server = server(session);
            let mut keys = stored_keys(&dir, session.account().service, &server);
            match keys.len() {
                0 => return Ok(None),
                1 => keys.remove(0),
                _ => {
                    return Err(AppError::Offline(format!(
                        "the local store holds several accounts of {}; with YUNHU_TOKEN it cannot tell which one is yours without asking the server: use a saved account (--account NAME)",
                        sanitize::line(&server)
                    )));
                }
            }
        }
    };
    let path = dir.join(key.file_name());
    Ok(path.exists().then_some((dir, key)))
}

/// An `--offline` failure: `what` was never stored.
pub fn never_stored(what: &str) -> AppError {
    AppError::Offline(format!(
        "--offline: no stored {what} for this account; run the command once without --offline"
    ))
}

/// The store for `--offline`: it must exist already (it is not created).
pub fn offline(session: &Session) -> Result<Store, AppError> {
    if session.demo.is_some() {
        return Err(AppError::Offline(
            "--offline: --demo keeps nothing between runs, so nothing is stored".into(),
        ));
    }
    let (dir, key) = local(session)?.ok_or_else(|| never_stored("data"))?;
    Store::open(&dir, &key).map_err(|e| AppError::Offline(format!("--offline: {e}")))
}

/// A stored value for `--offline`, or why there is none.
pub fn need<T>(
    found: Result<Option<crate::store::panes::Stored<T>>, StoreError>,
    what: &str,
) -> Result<T, AppError> {
    match found {
        Ok(Some(stored)) => {
            crate::oneshot::note(&format!(
                "offline: the {what} as stored {}",
                local_datetime(stored.fetched_at_ms / 1000)
            ));
            Ok(stored.value)
        }
        Ok(None) => Err(never_stored(what)),
        Err(e) => Err(AppError::Offline(format!("--offline: {e}"))),
    }
}

fn ms_stamp(ms: i64) -> Value {
    json!(stamp(ms / 1000))
}

/// `cache` and `cache clear`; what is printed goes through `emit`.
pub fn run(
    session: &Session,
    clear: bool,
    emit: impl Fn(Value, output::Text) -> Result<(), AppError>,
) -> Result<(), AppError> {
    if session.demo.is_some() {
        return Err(AppError::Input(
            "--demo keeps its store in memory for one run: there is nothing on disk to show or clear".into(),
        ));
    }
    let text = |body: String| output::Text {
        body,
        summary: String::new(),
    };
    let Some((dir, key)) = local(session)? else {
        let dir = data_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        return emit(
            json!({"path": Value::Null, "dir": dir, "stored": false, "cleared": false}),
            text(format!(
                "nothing is stored for this account yet (the store would be in {dir})\n"
            )),
        );
    };
    let store = Store::open(&dir, &key).map_err(|e| AppError::Offline(e.to_string()))?;
    let path = store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if clear {
        store
            .clear()
            .map_err(|e| AppError::Offline(e.to_string()))?;
        return emit(
            json!({"path": path, "stored": true, "cleared": true, "bytes": store.size_on_disk()}),
            text(format!("cleared the local store {path}\n")),
        );
    }
    let err = |e: StoreError| AppError::Offline(e.to_string());
    let snapshots = store.snapshot_list().map_err(err)?;
    let coins = store.coin_stats().map_err(err)?;
    let bytes = store.size_on_disk();
    let mut body = format!(
        "store     {path}\nsize      {:.1} KB\naccount   {} {} on {}\n",
        bytes as f64 / 1024.0,
        key.service,
        sanitize::line(&key.account_id),
        sanitize::line(&key.server)
    );
    for s in &snapshots {
        body.push_str(&format!(
            "{:<24}fetched {}\n",
            sanitize::line(&s.key),
            local_datetime(s.fetched_at_ms / 1000)
        ));
    }
    body.push_str(&format!("coins     {} records", coins.count));
    if coins.gone > 0 {
        body.push_str(&format!(" ({} no longer on the server)", coins.gone));
    }
    if let (Some(old), Some(new)) = (coins.oldest, coins.newest) {
        body.push_str(&format!(
            ", {} to {}",
            local_datetime(old),
            local_datetime(new)
        ));
    }
    if let Some(at) = coins.synced_at_ms {
        body.push_str(&format!(
            ", synced {}{}",
            local_datetime(at / 1000),
            if coins.complete {
                ""
            } else {
                " (history not complete yet)"
            }
        ));
    }
    body.push('\n');
    let value = json!({
        "path": path, "stored": true, "cleared": false, "bytes": bytes,
        "service": key.service.id(), "server": key.server, "accountId": key.account_id,
        "snapshots": snapshots.iter().map(|s| json!({
            "key": s.key, "fetchedAt": ms_stamp(s.fetched_at_ms), "bytes": s.bytes,
        })).collect::<Vec<_>>(),
        "coins": {
            "count": coins.count, "gone": coins.gone,
            "oldest": coins.oldest.map(stamp), "newest": coins.newest.map(stamp),
            "complete": coins.complete,
            "syncedAt": coins.synced_at_ms.map(ms_stamp),
        },
    });
    emit(value, text(body))
}
