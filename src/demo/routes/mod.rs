//! Every endpoint of the spec, one module per section of the contract
//! (`shared/spec/yunhu-api.md`), answering with the same methods, status codes, envelopes and
//! quirks as the service: 404 on a wrong method or path, −101 without a session (see
//! [`super::extract`]), −1 for VIP-only features of other accounts.

mod coins;
mod discover;
mod login;
mod media;
mod misc;
mod profile;
mod settings;

use std::ops::Range;

use axum::Router;

use super::faults::{self, SharedFaults};
use super::reply::Reply;
use super::state::SharedState;

pub use login::{DEMO_EMAIL_CODE, DEMO_SMS_CODE};

pub(crate) fn router(state: SharedState, faults: SharedFaults) -> Router {
    Router::new()
        .merge(login::routes())
        .merge(profile::routes())
        .merge(coins::routes())
        .merge(discover::routes())
        .merge(settings::routes())
        .merge(misc::routes())
        .merge(media::routes())
        .method_not_allowed_fallback(not_found)
        .fallback(not_found)
        .with_state(state.clone())
        .merge(faults::control_router(faults.clone()))
        .layer(axum::middleware::from_fn_with_state(
            (state, faults),
            faults::middleware,
        ))
}

async fn not_found() -> Reply {
    Reply::not_found()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn valid_phone(phone: &str) -> bool {
    phone.len() == 11 && phone.starts_with('1') && phone.bytes().all(|b| b.is_ascii_digit())
}

fn valid_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Page bounds shared by the paged endpoints.
fn page_range(page: i64, size: i64, len: usize) -> Result<Range<usize>, Reply> {
    if page < 1 || !(1..=100).contains(&size) {
        return Err(Reply::bad_request("page must be ≥ 1 and size 1–100"));
    }
    let start = ((page - 1) * size).min(len as i64) as usize;
    let end = (start + size as usize).min(len);
    Ok(start..end)
}
