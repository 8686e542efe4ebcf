//! The demo dataset: one demo account with friends (status 20, pending requests and the
//! other statuses), groups with every role, a blacklist and the client versions. Fixed
//! ids and times, so every run and every test sees the same thing. The first user, the
//! first friend, the stranger, the blocked user and the two first groups are the
//! contract's own samples.

/// A user of the demo. `num` is the database id the cookie carries; `id` its N3D string.
#[derive(Debug, Clone)]
pub struct User {
    pub num: u32,
    pub id: &'static str,
    pub region: &'static str,
    pub phone: &'static str,
    pub password: String,
    pub nickname: String,
    pub portrait_uri: String,
    pub gender: String,
    pub st_account: String,
    pub updated_ms: i64,
}

#[derive(Debug, Clone)]
pub struct Friendship {
    pub user: u32,
    pub friend: u32,
    pub display_name: &'static str,
    pub message: &'static str,
    pub status: i64,
    pub updated_ms: i64,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: &'static str,
    pub name: &'static str,
    pub portrait_uri: &'static str,
    pub creator: u32,
    pub member_count: i64,
    pub is_mute: i64,
    pub certi_status: i64,
    /// `None` once dismissed (T12 then answers `"group": null`).
    pub dismissed: bool,
}

#[derive(Debug, Clone)]
pub struct Membership {
    pub user: u32,
    pub group: &'static str,
    pub role: i64,
}

pub const DEMO_REGION: &str = "86";
pub const DEMO_PHONE: &str = "13900000001";
pub const DEMO_PASSWORD: &str = "P@ssw0rd";
pub const DEMO_USER_ID: &str = "DH7W1QuDp";
/// The cookie name of the demo deployment (`AUTH_COOKIE_NAME`).
pub const COOKIE_NAME: &str = "rong_auth_cookie";
/// The deployment's `AUTH_COOKIE_DOMAIN`: deliberately not the demo's host, as on many
/// real deployments, so a standard cookie jar would drop the cookie.
pub const COOKIE_DOMAIN: &str = "im.example.com";

const BASE_MS: i64 = 1_760_000_000_000;

fn user(num: u32, id: &'static str, phone: &'static str, nickname: &str, gender: &str) -> User {
    User {
        num,
        id,
        region: "86",
        phone,
        password: "Demo1234".into(),
        nickname: nickname.into(),
        portrait_uri: String::new(),
        gender: gender.into(),
        st_account: String::new(),
        updated_ms: BASE_MS + i64::from(num % 100) * 1000,
    }
}

pub fn users() -> Vec<User> {
    let mut me = user(10001, DEMO_USER_ID, DEMO_PHONE, "参考·海星", "female");
    me.password = DEMO_PASSWORD.into();
    me.portrait_uri = "http://ref-st-img.example.com/FhaixingPortraitRef01".into();
    me.st_account = "haixing_ref".into();
    // No portrait of its own: the demo serves an identicon on loopback (see `routes::lists`).
    let qing = user(10002, "TrpmMGHlX", "13800000002", "阿青", "male");
    let mut escaped = user(
        10003,
        "Kq3ZbT0aa",
        "13700000003",
        "&lt;b&gt;粗体&lt;/b&gt;",
        "male",
    );
    escaped.st_account = "bold_one".into();
    vec![
        me,
        qing,
        escaped,
        user(10004, "kQ3zBt0AA", "18600000004", "Case Twin", "female"),
        user(10005, "Wm5pLx7Rz", "15900000005", "林小夏", "female"),
        user(10006, "n2JcOUd0x", "13600000006", "黑名单甲", "male"),
        user(10007, "jkuE8NrB0", "13500000007", "Rust 群主", "male"),
        user(10008, "tpHBvy1RN", "15000000008", "陌生人乙", "female"),
        user(10009, "Pa8sYc2Ve", "13300000009", "已忽略丙", "male"),
        user(10010, "Zr4uIo9Qw", "13200000010", "待回复丁", "female"),
    ]
}

pub fn friendships() -> Vec<Friendship> {
    let row = |friend, display_name, message, status, secs: i64| Friendship {
        user: 10001,
        friend,
        display_name,
        message,
        status,
        updated_ms: BASE_MS + secs * 1000,
    };
    vec![
        row(10002, "青青", "", 20, 11),
        row(10003, "", "", 20, 12),
        row(10004, "", "", 20, 13),
        row(10005, "小夏", "", 20, 14),
        row(10008, "", "你好，加个好友", 11, 16),
        row(10010, "", "我是丁", 11, 17),
        row(10009, "", "广告", 21, 18),
        row(10007, "", "加一下", 10, 19),
        row(10006, "", "", 31, 6),
    ]
}

pub fn groups() -> Vec<Group> {
    let group = |id, name, portrait_uri, creator, member_count, is_mute, certi_status| Group {
        id,
        name,
        portrait_uri,
        creator,
        member_count,
        is_mute,
        certi_status,
        dismissed: false,
    };
    let mut gone = group("Xd2VbN8mK", "已解散的群", "", 10005, 0, 0, 1);
    gone.dismissed = true;
    vec![
        group(
            "ZGwMKFBoO",
            "海星读书会",
            "http://ref-st-img.example.com/Fgroup20001",
            10001,
            5,
            0,
            1,
        ),
        group("GDMeS95QO", "Rust 爱好者", "", 10007, 3, 1, 0),
        group("Hq7TnR2wE", "周末骑行", "", 10005, 12, 0, 1),
        gone,
    ]
}

pub fn memberships() -> Vec<Membership> {
    let m = |user, group, role| Membership { user, group, role };
    vec![
        m(10001, "ZGwMKFBoO", 0),
        m(10001, "GDMeS95QO", 2),
        m(10001, "Hq7TnR2wE", 1),
        m(10001, "Xd2VbN8mK", 1),
        m(10002, "ZGwMKFBoO", 1),
        m(10007, "GDMeS95QO", 0),
        m(10005, "Hq7TnR2wE", 0),
    ]
}

/// T19's file, as an operator would edit it.
pub fn client_version() -> serde_json::Value {
    serde_json::json!({
        "iOS": {"version": "2.2.0", "build": "201910221630", "url": "https://ref-st.example.com/ios/app.plist"},
        "Android": {"version": "2.2.0", "url": "https://ref-st.example.com/android/SealTalk_v2_2_0.apk"}
    })
}

/// T18's file (`squirrel.json`).
pub fn latest_desktop() -> serde_json::Value {
    serde_json::json!({
        "version": "2.2.0",
        "url": "https://ref-st.example.com/releases/mac/SealTalk_2.2.0.dmg",
        "name": "SealTalk 2.2.0",
        "notes": "参考服务器：修复若干问题",
        "pub_date": "2019-10-22T16:00:00+08:00"
    })
}
