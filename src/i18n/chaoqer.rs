//! The chaoqer panes' strings, in Chinese and English (beside Yunhu's `Strings` and
//! SealTalk's `StStrings`, so no table grows with another service's words). Only the login
//! screen's and the tab bar's so far: the panes' words come with the panes.

use super::Lang;

pub struct CqStrings {
    pub tabs: [&'static str; 7],
    // login
    pub login_title: &'static str,
    pub country_code: &'static str,
    pub phone: &'static str,
    pub code: &'static str,
    pub login_hint: &'static str,
    pub need_country_code: &'static str,
    pub need_phone: &'static str,
    pub need_code: &'static str,
    pub sending_code: &'static str,
    pub logging_in: &'static str,
    pub logged_out: &'static str,
    pub session_expired: &'static str,
}

pub static CQ_EN: CqStrings = CqStrings {
    tabs: [
        "Profile",
        "Messages",
        "Blacklist",
        "Cards",
        "Clubs",
        "Events",
        "About",
    ],
    login_title: "Log in to chaoqer",
    country_code: "Country code",
    phone: "Phone",
    code: "SMS code",
    login_hint: "Enter on the phone: send the code · Enter on the code: log in · Tab: next field · Esc: quit",
    need_country_code: "the country code is digits (86 for China)",
    need_phone: "type the phone number first",
    need_code: "type the SMS code (4 to 6 digits)",
    sending_code: "asking the server to send the code…",
    logging_in: "logging in…",
    logged_out: "logged out",
    session_expired: "the session is over (or a request was refused as unsigned): log in again",
};

pub static CQ_ZH: CqStrings = CqStrings {
    tabs: ["资料", "消息", "黑名单", "名片夹", "圈子", "日程", "关于"],
    login_title: "登录超圈",
    country_code: "国家地区码",
    phone: "手机号码",
    code: "短信验证码",
    login_hint: "手机号码处回车：发送验证码 · 验证码处回车：登录 · Tab：下一项 · Esc：退出",
    need_country_code: "国家地区码只能是数字（中国为 86）",
    need_phone: "请先输入手机号码",
    need_code: "请输入短信验证码（4 到 6 位数字）",
    sending_code: "正在请求发送验证码…",
    logging_in: "正在登录…",
    logged_out: "已退出登录",
    session_expired: "登录已失效（或请求的签名未被接受），请重新登录",
};

impl Lang {
    /// The chaoqer panes' strings in this language.
    pub fn cq(self) -> &'static CqStrings {
        match self {
            Lang::Zh => &CQ_ZH,
            Lang::En => &CQ_EN,
        }
    }
}
