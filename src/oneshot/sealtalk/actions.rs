//! What a SealTalk command does beyond one request: the groups' owners, unblocking, the
//! portrait upload, the screen-capture notices, and the guarded message send.

use super::*;
use crate::api::sealtalk::model::{Conversation, FriendStatus, Friendship, GroupMembership};
use crate::api::sealtalk::portrait_uri_for;
use crate::output::NoticeRow;

/// The largest portrait file read: the image host answers 413 above its bucket's own
/// limit; this only bounds what is read into memory.
const MAX_PORTRAIT_BYTES: u64 = 20 * 1024 * 1024;
/// The longest message `send-message` sends: the server refuses bodies over 100 kB (Q6),
/// and the text travels twice (content and push content).
const MAX_MESSAGE_CHARS: usize = 5000;

/// The owners' nicknames (T4 for each creator other than the account), looked up at once;
/// one that cannot be found (a deleted user) is left out.
pub(super) async fn owner_names(
    client: &SealtalkClient,
    groups: &[GroupMembership],
    own: &str,
) -> std::collections::HashMap<String, String> {
    let mut ids: Vec<&str> = groups
        .iter()
        .map(|m| m.group.creator_id.as_str())
        .filter(|id| !id.is_empty() && *id != own)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let answers = futures::future::join_all(ids.iter().map(|id| client.user(id))).await;
    ids.into_iter()
        .zip(answers)
        .filter_map(|(id, user)| user.ok().map(|u| (id.to_owned(), u.nickname)))
        .collect()
}

/// `unblock ID --yes` (T14), for an id on the blacklist (T13) only: T14 answers 200 for
/// any id, which would say nothing.
pub(super) async fn unblock(
    s: &StSession,
    id: &str,
    yes: bool,
    json: bool,
) -> Result<(), AppError> {
    if id.trim().is_empty() {
        return Err(AppError::Input("the id is empty; nothing was sent".into()));
    }
    if !yes {
        return Err(AppError::Input(format!(
            "unblock takes {} off the blacklist: they can message this account again, and a blocked friend is a friend again; nothing was sent; add --yes to do it",
            sanitize::line(id)
        )));
    }
    s.require_login()?;
    let blocked = s.client.blacklist().await.map_err(|e| s.fail(e))?;
    // Ids are case-sensitive: `Kq3ZbT0aa` and `kQ3zBt0AA` are two users.
    let Some(user) = blocked.iter().find(|u| u.id == id) else {
        return Err(AppError::Input(format!(
            "{} is not on the blacklist (ids are case-sensitive; `blacklist` lists them); nothing was changed",
            sanitize::line(id)
        )));
    };
    s.client.unblock(id).await.map_err(|e| s.fail(e))?;
    emit(
        json,
        serde_json::json!({"unblocked": {"id": user.id, "nickname": user.nickname}}),
        output::Text::body(format!(
            "unblocked {} ({})\n",
            sanitize::line(&user.nickname),
            sanitize::line(&user.id)
        )),
    )
}

/// The portrait from a file: T7's token, the upload to the image host (never with the
/// cookie), then T6. When the image host refuses (a deployment without Qiniu credentials
/// still hands out tokens), the error says a URL works instead.
pub(super) async fn upload_portrait(
    s: &StSession,
    path: &std::path::Path,
) -> Result<String, AppError> {
    let owned = path.to_owned();
    let bytes = tokio::task::spawn_blocking(move || {
        crate::api::read_image_file(&owned, MAX_PORTRAIT_BYTES)
    })
    .await
    .map_err(|e| AppError::Input(format!("cannot read the image: {e}")))?
    .map_err(|e| AppError::Input(format!("{e}; nothing was sent")))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "portrait".into());
    let token = s.client.image_token().await.map_err(|e| s.fail(e))?;
    let key = s
        .client
        .upload_image(&token, bytes, &name)
        .await
        .map_err(|e| {
            AppError::partly(
                format!(
                    "the portrait is unchanged: the file could not be uploaded (a URL works instead: yunhu-tui --account {} set-avatar https://…)",
                    sanitize::line(&s.account)
                ),
                s.fail(e),
            )
        })?;
    let uri = portrait_uri_for(&token.domain, &key);
    s.client.set_portrait_uri(&uri).await.map_err(|e| {
        AppError::partly(
            format!(
                "the file was uploaded as {}, but the portrait was not set to it",
                sanitize::line(&uri)
            ),
            s.fail(e),
        )
    })?;
    Ok(uri)
}

/// The account's friends (status 20) and groups, each with its notice (T15, one request at
/// a time: the server keeps their arguments in globals, Q16).
pub(super) async fn notices(s: &StSession) -> Result<Vec<NoticeRow>, AppError> {
    let (friends, groups) = conversations(s).await?;
    let chats = friends
        .iter()
        .map(|f| {
            (
                Conversation::Private(f.user.id.clone()),
                f.name().to_owned(),
            )
        })
        .chain((groups.iter()).map(|m| {
            (
                Conversation::Group(m.group.id.clone()),
                m.group.name.clone(),
            )
        }));
    let mut rows = Vec::with_capacity(friends.len() + groups.len());
    for (conversation, name) in chats {
        let on = s
            .client
            .screen_capture(&conversation)
            .await
            .map_err(|e| s.fail(e))?;
        let (group, id) = match &conversation {
            Conversation::Private(id) => (false, id.clone()),
            Conversation::Group(id) => (true, id.clone()),
        };
        rows.push(NoticeRow {
            group,
            id,
            name,
            on,
        });
    }
    Ok(rows)
}

/// The friends (status 20, by name) and groups of the account.
async fn conversations(s: &StSession) -> Result<(Vec<Friendship>, Vec<GroupMembership>), AppError> {
    let friends = s.client.friendships().await.map_err(|e| s.fail(e))?;
    let groups = s.client.groups().await.map_err(|e| s.fail(e))?;
    let mut friends: Vec<Friendship> = friends
        .into_iter()
        .filter(|f| f.status() == FriendStatus::Friend)
        .collect();
    friends.sort_by(|a, b| a.name().cmp(b.name()).then(a.user.id.cmp(&b.user.id)));
    Ok((friends, groups))
}

/// `screen-capture set ID on|off --yes` (T16): refused without `--yes` before anything is
/// sent, since the server posts "… turned screenshot notification on/off" into the chat;
/// ID must be a friend or a group of the account; a notice already as asked is left alone
/// (no message is posted for nothing); the result is read back (T15).
pub(super) async fn set_notice(
    s: &StSession,
    id: &str,
    on: bool,
    yes: bool,
    json: bool,
) -> Result<(), AppError> {
    let word = if on { "on" } else { "off" };
    if !yes {
        return Err(AppError::Input(format!(
            "turning the screen-capture notice {word} posts a message as this account into the chat with {} (\"… turned screenshot notification {word}\"), which everyone in it sees; nothing was sent; add --yes to do it",
            sanitize::line(id)
        )));
    }
    s.require_login()?;
    let (friends, groups) = conversations(s).await?;
    let friend = friends.iter().find(|f| f.user.id == id);
    let group = groups.iter().find(|m| m.group.id == id);
    let (conversation, kind, name) = match (friend, group) {
        (Some(_), Some(_)) => {
            return Err(AppError::Input(format!(
                "{} is both a friend's and a group's id; nothing was changed",
                sanitize::line(id)
            )));
        }
        (Some(f), None) => (
            Conversation::Private(f.user.id.clone()),
            "friend",
            f.name().to_owned(),
        ),
        (None, Some(m)) => (
            Conversation::Group(m.group.id.clone()),
            "group",
            m.group.name.clone(),
        ),
        (None, None) => {
            return Err(AppError::Input(format!(
                "{} is neither a friend nor a group of this account (`screen-capture` lists them; ids are case-sensitive); nothing was changed",
                sanitize::line(id)
            )));
        }
    };
    let before = s
        .client
        .screen_capture(&conversation)
        .await
        .map_err(|e| s.fail(e))?;
    let changed = before != on;
    if changed {
        s.client
            .set_screen_capture(&conversation, on)
            .await
            .map_err(|e| s.fail(e))?;
    }
    // The status is stored before the message is published, so read what is there now.
    let now = s
        .client
        .screen_capture(&conversation)
        .await
        .map_err(|e| s.fail(e))?;
    let now_word = if now { "on" } else { "off" };
    let said = if changed {
        format!(
            "the screen-capture notice of {kind} {} ({}) is now {now_word}; the server posted a notice into that chat\n",
            sanitize::line(&name),
            sanitize::line(id)
        )
    } else {
        format!(
            "the screen-capture notice of {kind} {} ({}) was already {now_word}; nothing was sent\n",
            sanitize::line(&name),
            sanitize::line(id)
        )
    };
    emit(
        json,
        serde_json::json!({"id": id, "kind": kind, "name": name, "on": now, "changed": changed}),
        output::Text::body(said),
    )
}

/// `send-message --to ID --private|--group --text TEXT --yes` (T21): a real message as the
/// account; refused without `--yes` (the refusal shows recipient and text). A server that
/// never answers (Q18: RongCloud rejected the message) is reported, never retried.
pub(super) async fn send_message(
    s: &StSession,
    to: String,
    group: bool,
    text: &str,
    yes: bool,
    json: bool,
) -> Result<(), AppError> {
    let to = to.trim().to_owned();
    if to.is_empty() {
        return Err(AppError::Input("--to is empty; nothing was sent".into()));
    }
    if text.trim().is_empty() {
        return Err(AppError::Input("--text is empty; nothing was sent".into()));
    }
    let chars = text.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        return Err(AppError::Input(format!(
            "--text has {chars} characters; at most {MAX_MESSAGE_CHARS} are sent; nothing was sent"
        )));
    }
    let kind = if group { "group" } else { "friend" };
    if !yes {
        return Err(AppError::Input(format!(
            "send-message sends a real message as this account to {kind} {}: {:?}; nothing was sent; add --yes to send it",
            sanitize::line(&to),
            sanitize::line(text)
        )));
    }
    s.require_login()?;
    let conversation = if group {
        Conversation::Group(to.clone())
    } else {
        Conversation::Private(to.clone())
    };
    s.client
        .send_text(&conversation, text)
        .await
        .map_err(|e| match e {
            SealtalkError::Timeout(_) | SealtalkError::NoAnswer(_) => AppError::partly(
                "the message may or may not have been sent (a SealTalk server never answers when RongCloud rejects a message); it is not sent again",
                s.fail(e),
            ),
            other => s.fail(other),
        })?;
    emit(
        json,
        serde_json::json!({"sent": true, "to": to, "kind": kind}),
        output::Text::body(format!("message sent to {kind} {}\n", sanitize::line(&to))),
    )
}
