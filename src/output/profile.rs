//! `profile`: every field of the three answers, as text and as JSON.

use super::*;

/// VIP words: the last day of VIP is a calendar date of the service (UTC+8).
pub(crate) fn vip_words(s: &Strings, is_vip: bool, status: i32, expires: i64) -> String {
    match VipStatus::try_from(status) {
        Ok(VipStatus::Active) if is_vip => fill(s.vip_until, &[&service_date(expires)]),
        Ok(VipStatus::Expired) => fill(s.vip_expired, &[&service_date(expires)]),
        _ if is_vip => "VIP".into(),
        _ => s.not_vip.into(),
    }
}

pub(crate) fn vip_json(is_vip: bool, status: i32, expires: i64) -> Value {
    let name = match VipStatus::try_from(status) {
        Ok(VipStatus::Active) => "active",
        Ok(VipStatus::Expired) => "expired",
        _ => "none",
    };
    let end_date = Some(service_date(expires)).filter(|d| !d.is_empty());
    json!({"isVip": is_vip, "status": name, "expires": stamp(expires), "endDate": end_date})
}

/// The Location line of both front ends: province, city, district and the detailed
/// address (get-user's `profile_info.address`) when not empty, then the location code.
/// Empty when there is nothing.
pub fn location_text(data: &UserData, address: &str) -> String {
    let place: Vec<&str> = [
        data.province.as_str(),
        data.city.as_str(),
        data.district.as_str(),
        address,
    ]
    .into_iter()
    .map(str::trim)
    .filter(|p| !p.is_empty())
    .collect();
    let place = place.join(" ");
    match (place.is_empty(), data.location_code.trim()) {
        (_, "") => place,
        (true, code) => format!("({code})"),
        (false, code) => format!("{place} ({code})"),
    }
}

/// A ban, in both front ends: shown when the server gives a ban id or a reason; a ban
/// without an end time is permanent. `None` when there is no ban.
pub fn ban_text(s: &Strings, ban_id: i64, until: i64, reason: &str) -> Option<String> {
    let reason = reason.trim();
    if ban_id == 0 && reason.is_empty() {
        return None;
    }
    let text = if until > 0 {
        fill(s.banned_until, &[&local_datetime(until), &reason])
    } else {
        fill(s.banned_permanently, &[&reason])
    };
    // No reason given: no dangling "：" or ": ".
    Some(text.trim_end_matches([' ', ':', '：']).to_owned())
}

/// Everything the profile command shows: P1, P2 (own id) and P6.
///
/// Which answer wins where two carry the same field: P1 (`user/info`, the own account)
/// for name, avatar and VIP; P6 (`get-user-data`, the account's own profile record, the
/// one `save-user-data` writes) for introduction, gender, birthday, city and district.
/// P2's `profile_info` is the public view of the same record and only adds what P6 lacks:
/// `last_active_time` and `address`. The dashboard reads the same answers the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileView {
    pub info: user_info::Data,
    pub user: get_user_response::Data,
    pub data: UserData,
}

impl ProfileView {
    fn public(&self) -> (String, String) {
        self.user
            .profile_info
            .as_ref()
            .map(|p| (p.last_active_time.clone(), p.address.clone()))
            .unwrap_or_default()
    }
}

pub fn profile_text(p: &ProfileView, style: Style) -> Text {
    let (info, user, data) = (&p.info, &p.user, &p.data);
    let (s, w) = (style.s(), style.w());
    let (last_active, address) = p.public();
    let mut rows = vec![
        (s.name, info.name.clone()),
        (s.id, info.id.clone()),
        (
            s.vip,
            vip_words(s, info.is_vip, info.vip_status, info.vip_expired_timestamp),
        ),
        (s.coins, money(info.coin)),
        (s.phone, info.phone.clone()),
        (s.email, info.email.clone()),
        (s.invitation, info.invitation_code.clone()),
        (s.registered, service_text_time(&user.register_time)),
        (
            s.online,
            fill(
                s.online_value,
                &[&user.online_day, &user.continuous_online_day],
            ),
        ),
        (s.ip_region, user.ip_geo.clone()),
        (s.medals, fill(s.medals_value, &[&user.medal.len()])),
        (s.gender, s.gender(data.gender).to_owned()),
        (
            s.birthday,
            birthday_date(data.birthday)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        (s.location, location_text(data, &address)),
        (s.introduction, data.introduction.clone()),
        (s.last_login, local_datetime(data.last_login_time)),
        (s.last_active, service_text_time(&last_active)),
        (s.updated, local_datetime(data.update_time)),
        (s.avatar, info.avatar_url.clone()),
    ];
    let ban = ban_text(s, user.ban_id, user.ban_until_timestamp, &user.ban_reason);
    if let Some(ban) = ban {
        let id = if user.ban_id == 0 {
            String::new()
        } else {
            format!(" ({})", fill(w.ban_id, &[&user.ban_id]))
        };
        rows.push((w.ban, format!("{ban}{id}")));
    }
    Text::body(key_values(&rows))
}

pub fn profile_json(p: &ProfileView) -> Value {
    let (info, user, data) = (&p.info, &p.user, &p.data);
    let (last_active, address) = p.public();
    let banned = user.ban_id != 0 || !user.ban_reason.trim().is_empty();
    let ban = banned.then(|| {
        json!({
            "id": user.ban_id,
            "until": stamp(user.ban_until_timestamp),
            "permanent": user.ban_until_timestamp <= 0,
            "reason": user.ban_reason,
        })
    });
    json!({
        "id": info.id,
        "name": info.name,
        "avatarUrl": info.avatar_url,
        "avatarId": info.avatar_id,
        "phone": info.phone,
        "email": info.email,
        "coin": round_cents(info.coin),
        "vip": vip_json(info.is_vip, info.vip_status, info.vip_expired_timestamp),
        "invitationCode": info.invitation_code,
        "registerTime": parse_service_time(&user.register_time).and_then(stamp),
        "onlineDays": user.online_day,
        "continuousOnlineDays": user.continuous_online_day,
        "ipGeo": user.ip_geo,
        "medalCount": user.medal.len(),
        "doNotDisturb": user.do_not_disturb,
        "lastActiveTime": last_active,
        "ban": ban,
        "profile": {
            "introduction": data.introduction,
            "gender": data.gender,
            "genderName": gender_name(data.gender),
            "birthday": stamp(data.birthday),
            "birthdayDate": birthday_date(data.birthday).map(|d| d.to_string()),
            "province": data.province,
            "city": data.city,
            "district": data.district,
            "address": address,
            "locationCode": data.location_code,
            "lastLoginTime": stamp(data.last_login_time),
            "updateTime": stamp(data.update_time),
        },
    })
}
