//! A chaoqer account's edits and actions: the profile written back whole (Q6 then Q5),
//! completing a new account's profile (Q4), the avatar file uploaded through Q24 and the
//! upload address it names, and the guarded unblock (Q9).

use super::*;
use crate::api::chaoqer::model::ImageDir;

/// Q6, `change` applied, Q5 with all three fields (Q5 erases a bio left out), and the
/// profile as the server then answers it.
pub(super) async fn edit_profile(
    s: &CqSession,
    change: impl FnOnce(&mut UserProfile),
) -> Result<UserProfile, AppError> {
    let current = s.client.own_profile().await.map_err(|e| s.fail(e))?;
    let wanted = changed(current, change);
    s.client
        .edit_profile(&wanted.nickname, &wanted.avatar, wanted.bio.as_deref())
        .await
        .map_err(|e| match e {
            ChaoqerError::Input(text) => AppError::Input(format!("{text}; nothing was sent")),
            other => s.fail(other),
        })
}

/// `complete-profile`: Q4 with the nickname and the avatar (a URL, or a file uploaded
/// first). The nickname is checked before any upload.
pub(super) async fn complete_profile(
    s: &CqSession,
    nickname: &str,
    avatar: &str,
) -> Result<UserProfile, AppError> {
    if nickname.trim().is_empty()
        || crate::api::chaoqer::java_len(nickname) > crate::api::chaoqer::MAX_NICKNAME
    {
        return Err(AppError::Input(format!(
            "the nickname must have 1 to {} characters (an emoji counts 2); nothing was sent",
            crate::api::chaoqer::MAX_NICKNAME
        )));
    }
    let url = match AvatarSource::parse(avatar) {
        AvatarSource::Url(url) => url,
        AvatarSource::File(path) => upload_avatar(s, &path).await?,
    };
    s.client
        .init_profile(nickname, &url)
        .await
        .map_err(|e| match e {
            ChaoqerError::Input(text) => AppError::Input(format!("{text}; nothing was sent")),
            other => s.fail(other),
        })
}

/// An image file as JPEG bytes (see [`crate::api::chaoqer::jpeg`]).
fn jpeg_of(path: &std::path::Path) -> Result<Vec<u8>, AppError> {
    crate::api::chaoqer::jpeg::jpeg_of(path)
        .map_err(|e| AppError::Input(format!("{e}; nothing was sent")))
}

/// The avatar from a file: read and made JPEG, Q24's upload address, the PUT; the image's
/// URL. Nothing of the profile changes here.
pub(super) async fn upload_avatar(
    s: &CqSession,
    path: &std::path::Path,
) -> Result<String, AppError> {
    let owned = path.to_owned();
    let jpeg = tokio::task::spawn_blocking(move || jpeg_of(&owned))
        .await
        .map_err(|e| AppError::Input(format!("cannot read the image: {e}")))??;
    let slot = s
        .client
        .upload_slot(ImageDir::Avatar)
        .await
        .map_err(|e| s.fail(e))?;
    s.client.upload_jpeg(&slot, jpeg).await.map_err(|e| {
        AppError::partly(
            format!(
                "the avatar is unchanged: the file could not be uploaded (a URL works instead: yunhu-tui --account {} set-avatar https://…)",
                sanitize::line(&s.account)
            ),
            s.fail(e),
        )
    })
}

/// `unblock UID --yes` (Q9). Without `--yes`, or with an id that cannot be one, nothing
/// is sent.
pub(super) async fn unblock(
    s: &CqSession,
    id: &str,
    yes: bool,
    json: bool,
) -> Result<(), AppError> {
    let id = id.trim();
    if !crate::api::chaoqer::is_id(id) {
        return Err(AppError::Input(format!(
            "{:?} is not a user id (32 lower-case hex characters, as `blacklist` shows them); nothing was sent",
            sanitize::line(id)
        )));
    }
    if !yes {
        return Err(AppError::Input(format!(
            "unblock {id} needs --yes to really unblock the user (they can then see the account again); nothing was sent"
        )));
    }
    s.require_login()?;
    let said = s.client.unblock(id).await.map_err(|e| s.fail(e))?;
    emit(
        json,
        serde_json::json!({"unblocked": id, "server": said}),
        output::Text::body(format!("unblocked {id} ({})\n", sanitize::line(&said))),
    )
}
