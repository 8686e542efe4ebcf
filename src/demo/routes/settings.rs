//! S: account settings (token, except S9): notifications, page modules (VIP only), phone
//! and email, password reset, advert flags.

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use serde_json::json;

use super::{now, valid_email, valid_phone};
use crate::demo::extract::{Account, JsonBody};
use crate::demo::reply::{Answer, Reply, json_done, json_ok};
use crate::demo::state::SharedState;

const VIP_ONLY: &str = "功能仅限VIP用户使用";

pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/user/notification-status", post(notification_status))
        .route("/v1/user/notification-info", post(notification_set))
        .route("/v1/user/module-ignore-info", post(module_ignore_info))
        .route("/v1/user/module-ignore", post(module_ignore_set))
        .route("/v1/user/bing-phone", post(bind_phone))
        .route("/v1/user/bing-email", post(bind_email))
        .route("/v1/user/change-phone-check", post(change_phone))
        .route("/v1/user/change-email-check", post(change_email))
        .route("/v1/user/forget-password", post(forget_password))
        .route("/v1/user/get-user-show-adv", post(show_adv))
}

/// S1
async fn notification_status(
    State(s): State<SharedState>,
    account: Account,
    body: JsonBody,
) -> Answer {
    let device_id = body.text("deviceId")?;
    let st = s.lock();
    let a = &st.accounts[account.index];
    let n = &a.notification;
    Ok(json_ok(json!({"notification": {
        "id": n.id, "userId": a.id, "deviceId": device_id, "registrationId": n.registration_id,
        "isOpen": n.is_open, "type": n.kind, "delFlag": n.del_flag, "createTime": n.create_time, "updateTime": n.update_time,
    }})))
}

/// S2
async fn notification_set(
    State(s): State<SharedState>,
    account: Account,
    body: JsonBody,
) -> Answer {
    let is_open = body.int("isOpen")?;
    if !(0..=1).contains(&is_open) {
        return Err(Reply::code(-1, "参数错误"));
    }
    let mut st = s.lock();
    let n = &mut st.accounts[account.index].notification;
    n.is_open = is_open;
    n.update_time = now();
    Ok(json_done())
}

/// S3
async fn module_ignore_info(
    State(s): State<SharedState>,
    account: Account,
    body: JsonBody,
) -> Answer {
    let device_id = body.text("deviceId")?;
    let st = s.lock();
    let a = &st.accounts[account.index];
    if !a.is_vip {
        return Err(Reply::code(-1, VIP_ONLY));
    }
    Ok(json_ok(
        json!({"ignore": {"id": a.profile.id, "userId": a.id, "updateTime": a.notification.update_time,
        "deviceId": device_id, "ignore": a.module_ignore}}),
    ))
}

/// S4
async fn module_ignore_set(
    State(s): State<SharedState>,
    account: Account,
    body: JsonBody,
) -> Answer {
    let ignore = body.text("ignore")?;
    let mut st = s.lock();
    let a = &mut st.accounts[account.index];
    if !a.is_vip {
        return Err(Reply::code(-1, VIP_ONLY));
    }
    let valid = ignore
        .split(',')
        .filter(|p| !p.is_empty())
        .all(|p| matches!(p, "10" | "20" | "30"));
    if !valid || (!ignore.is_empty() && !ignore.starts_with(',')) {
        return Err(Reply::code(-1, "参数错误"));
    }
    a.module_ignore = ignore;
    Ok(json_done())
}

/// What a bind/change request replaces, and the service's words about it.
#[derive(Clone, Copy, PartialEq)]
enum Contact {
    Phone,
    Email,
}

impl Contact {
    fn field(self) -> &'static str {
        match self {
            Contact::Phone => "phone",
            Contact::Email => "email",
        }
    }

    fn malformed(self) -> &'static str {
        match self {
            Contact::Phone => "手机号格式不正确",
            Contact::Email => "邮箱格式不正确",
        }
    }

    fn taken(self) -> &'static str {
        match self {
            Contact::Phone => "该手机号已被绑定",
            Contact::Email => "该邮箱已被绑定",
        }
    }

    fn already_bound(self) -> &'static str {
        match self {
            Contact::Phone => "已绑定手机号，请更换手机号",
            Contact::Email => "已绑定邮箱，请更换邮箱",
        }
    }

    fn not_bound(self) -> &'static str {
        match self {
            Contact::Phone => "尚未绑定手机号",
            Contact::Email => "尚未绑定邮箱",
        }
    }
}

/// S5–S8: checks the code sent to the new phone/email, then stores it. Binding needs none
/// bound yet; changing needs one bound. The same phone/email cannot be on two accounts.
fn bind_contact(
    s: &SharedState,
    account: &Account,
    body: &JsonBody,
    what: Contact,
    change: bool,
) -> Answer {
    let value = body.text(what.field())?.trim().to_owned();
    let code = body.text("captcha")?;
    let i = account.index;
    let mut st = s.lock();
    let (valid, sent) = match what {
        Contact::Phone => (valid_phone(&value), st.sms_codes.get(&value)),
        Contact::Email => (
            valid_email(&value),
            st.email_codes.get(&value.to_lowercase()),
        ),
    };
    if !valid {
        return Err(Reply::code(-1, what.malformed()));
    }
    if sent.is_none_or(|c| *c != code.trim()) {
        return Err(Reply::code(-1, "验证码错误"));
    }
    let owner = match what {
        Contact::Phone => st.account_by_phone(&value),
        Contact::Email => st.account_by_email(&value),
    };
    if owner.is_some_and(|o| o != i) {
        return Err(Reply::code(-9, what.taken()));
    }
    let a = &mut st.accounts[i];
    let current = match what {
        Contact::Phone => &mut a.phone,
        Contact::Email => &mut a.email,
    };
    if !change && !current.is_empty() {
        return Err(Reply::code(-1, what.already_bound()));
    }
    if change && current.is_empty() {
        return Err(Reply::code(-1, what.not_bound()));
    }
    *current = value.clone();
    match what {
        Contact::Phone => st.sms_codes.remove(&value),
        Contact::Email => st.email_codes.remove(&value.to_lowercase()),
    };
    Ok(json_done())
}

/// S5
async fn bind_phone(State(s): State<SharedState>, account: Account, body: JsonBody) -> Answer {
    bind_contact(&s, &account, &body, Contact::Phone, false)
}

/// S6
async fn bind_email(State(s): State<SharedState>, account: Account, body: JsonBody) -> Answer {
    bind_contact(&s, &account, &body, Contact::Email, false)
}

/// S7
async fn change_phone(State(s): State<SharedState>, account: Account, body: JsonBody) -> Answer {
    bind_contact(&s, &account, &body, Contact::Phone, true)
}

/// S8
async fn change_email(State(s): State<SharedState>, account: Account, body: JsonBody) -> Answer {
    bind_contact(&s, &account, &body, Contact::Email, true)
}

/// S9 (no token): sets a new password with a code sent to the account's email.
async fn forget_password(State(s): State<SharedState>, body: JsonBody) -> Answer {
    let (email, code, password) = (
        body.text("email")?,
        body.text("captcha")?,
        body.text("password")?,
    );
    let mut st = s.lock();
    let key = email.trim().to_lowercase();
    if st.email_codes.get(&key).is_none_or(|c| *c != code.trim()) {
        return Err(Reply::code(-1, "验证码错误"));
    }
    let Some(i) = st.account_by_email(&email) else {
        return Err(Reply::code(4402, "该邮箱未注册"));
    };
    if !(6..=32).contains(&password.chars().count()) {
        return Err(Reply::code(-1, "密码长度应为6-32位"));
    }
    st.email_codes.remove(&key);
    st.accounts[i].password = password;
    Ok(json_done())
}

/// S10
async fn show_adv(State(s): State<SharedState>, _: Account) -> Answer {
    Ok(json_ok(s.lock().service.show_adv.clone()))
}
