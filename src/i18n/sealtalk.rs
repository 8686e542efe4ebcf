//! The SealTalk panes' strings, in Chinese and English (beside Yunhu's `Strings`, so
//! neither table grows with the other service's words).

use super::Lang;

pub struct StStrings {
    pub tabs: [&'static str; 6],
    /// The tab bar's words when the long ones do not fit (60 columns).
    pub tabs_short: [&'static str; 6],
    // login
    pub login_title: &'static str,
    pub region: &'static str,
    pub phone: &'static str,
    pub password: &'static str,
    pub login_hint: &'static str,
    pub need_region: &'static str,
    pub need_phone: &'static str,
    pub need_password: &'static str,
    pub logging_in: &'static str,
    pub logged_out: &'static str,
    pub session_expired: &'static str,
    // profile
    pub id: &'static str,
    pub nickname: &'static str,
    pub portrait: &'static str,
    pub gender: &'static str,
    pub male: &'static str,
    pub female: &'static str,
    pub st_account: &'static str,
    pub unset: &'static str,
    pub key_password: &'static str,
    pub edit_title: &'static str,
    pub portrait_hint: &'static str,
    pub nickname_empty: &'static str,
    pub nickname_emoji: &'static str,
    pub nickname_long: &'static str,
    pub portrait_empty: &'static str,
    pub portrait_bad_url: &'static str,
    pub portrait_length: &'static str,
    pub st_account_length: &'static str,
    pub st_account_symbols: &'static str,
    pub password_title: &'static str,
    pub old_password: &'static str,
    pub new_password: &'static str,
    pub need_old_password: &'static str,
    pub password_space: &'static str,
    pub password_length: &'static str,
    pub password_changed: &'static str,
    // lists
    pub friends_title: &'static str,
    pub incoming: &'static str,
    pub name: &'static str,
    pub groups_title: &'static str,
    pub group: &'static str,
    pub role: &'static str,
    pub roles: [&'static str; 3],
    pub members: &'static str,
    pub muted: &'static str,
    pub approval: &'static str,
    pub owner: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub blacklist_title: &'static str,
    pub key_unblock: &'static str,
    pub confirm_unblock: &'static str,
    pub unblocked: &'static str,
    pub unblock_failed: &'static str,
    pub captures_title: &'static str,
    pub chat: &'static str,
    pub private_chat: &'static str,
    pub group_chat: &'static str,
    pub notice: &'static str,
    pub on: &'static str,
    pub off: &'static str,
    pub key_toggle: &'static str,
    pub confirm_capture: &'static str,
    pub capture_set: &'static str,
    pub capture_failed: &'static str,
    // about
    pub about_title: &'static str,
    pub desktop: &'static str,
    pub ios: &'static str,
    pub android: &'static str,
    pub version: &'static str,
    pub none_published: &'static str,
    pub empty_list: &'static str,
    pub confirm_keys: &'static str,
    pub help_open: &'static str,
    pub help_password: &'static str,
    pub help_tabs: &'static str,
    pub help_filter: &'static str,
}

pub static ST_EN: StStrings = StStrings {
    tabs_short: ["Me", "Friends", "Groups", "Block", "Snap", "About"],
    tabs: [
        "Profile",
        "Friends",
        "Groups",
        "Blacklist",
        "Screen capture",
        "About",
    ],
    login_title: "SealTalk login",
    region: "Calling code",
    phone: "Phone",
    password: "Password",
    login_hint: "Tab next field · Enter log in · F2 accounts · Esc quit",
    need_region: "Enter the calling code in digits (86 for China).",
    need_phone: "Enter the phone number.",
    need_password: "Enter the password.",
    logging_in: "Logging in…",
    logged_out: "Logged out",
    session_expired: "the session has expired, log in again (what you typed is kept)",
    id: "ID",
    nickname: "Nickname",
    portrait: "Portrait",
    gender: "Gender",
    male: "male",
    female: "female",
    st_account: "SealTalk ID",
    unset: "(not set)",
    key_password: "password",
    edit_title: "Edit profile",
    portrait_hint: "a URL, or the path of a picture to upload",
    nickname_empty: "The nickname cannot be empty.",
    nickname_emoji: "The server cannot store emoji or other characters outside the BMP in a nickname.",
    nickname_long: "The nickname is {} characters as the server counts them (& < > \" ' count as 4-6); at most 32.",
    portrait_empty: "A portrait cannot be cleared: give a URL or a file.",
    portrait_bad_url: "Not an absolute URL.",
    portrait_length: "A portrait URL is 12 to 256 characters.",
    st_account_length: "A SealTalk ID is 6 to 20 characters.",
    st_account_symbols: "A SealTalk ID starts with a letter, then letters, digits, _ or -.",
    password_title: "Change password",
    old_password: "Old password",
    new_password: "New password",
    need_old_password: "Enter the old password.",
    password_space: "The new password cannot contain a space.",
    password_length: "The new password is 6 to 20 characters.",
    password_changed: "Password changed (this session stays logged in)",
    friends_title: "Friends",
    incoming: "requests",
    name: "Name",
    groups_title: "Groups",
    group: "Group",
    role: "Role",
    roles: ["owner", "member", "manager"],
    members: "Members",
    muted: "Muted",
    approval: "Approval",
    owner: "Owner",
    yes: "yes",
    no: "no",
    blacklist_title: "Blacklist",
    key_unblock: "unblock",
    confirm_unblock: "Unblock {}?",
    unblocked: "Unblocked",
    unblock_failed: "Not unblocked",
    captures_title: "Screen-capture notices",
    chat: "Chat",
    private_chat: "friend",
    group_chat: "group",
    notice: "Notice",
    on: "on",
    off: "off",
    key_toggle: "toggle",
    confirm_capture: "Turn the screen-capture notice {} for {}? This posts a message into that chat as you.",
    capture_set: "Screen-capture notice changed; a message was posted into the chat",
    capture_failed: "Not changed",
    about_title: "Latest clients",
    desktop: "Desktop",
    ios: "iOS",
    android: "Android",
    version: "Version",
    none_published: "none published",
    empty_list: "Nothing here.",
    confirm_keys: "y / Enter yes · n / Esc no",
    help_open: "unblock (Blacklist) · turn on/off (Screen capture), after a question",
    help_password: "change the password",
    help_tabs: "tab 1–6",
    help_filter: "filter the list (friends, groups, blacklist, screen capture; Esc clears)",
};

pub static ST_ZH: StStrings = StStrings {
    tabs_short: ["资料", "好友", "群组", "黑名单", "截屏", "关于"],
    tabs: ["资料", "好友", "群组", "黑名单", "截屏通知", "关于"],
    login_title: "SealTalk 登录",
    region: "国家区号",
    phone: "手机号",
    password: "密码",
    login_hint: "Tab 下一项 · Enter 登录 · F2 账号 · Esc 退出",
    need_region: "请输入数字区号（中国为 86）。",
    need_phone: "请输入手机号。",
    need_password: "请输入密码。",
    logging_in: "正在登录…",
    logged_out: "已退出登录",
    session_expired: "登录已过期，请重新登录（已输入的内容保留）",
    id: "ID",
    nickname: "昵称",
    portrait: "头像",
    gender: "性别",
    male: "男",
    female: "女",
    st_account: "SealTalk 号",
    unset: "（未设置）",
    key_password: "密码",
    edit_title: "编辑资料",
    portrait_hint: "网址，或要上传的图片路径",
    nickname_empty: "昵称不能为空。",
    nickname_emoji: "服务器无法在昵称中保存表情等 BMP 以外的字符。",
    nickname_long: "按服务器的算法昵称有 {} 个字符（& < > \" ' 计 4-6 个）；最多 32 个。",
    portrait_empty: "头像不能清空：请给出网址或文件。",
    portrait_bad_url: "不是完整的网址。",
    portrait_length: "头像网址须为 12 到 256 个字符。",
    st_account_length: "SealTalk 号须为 6 到 20 个字符。",
    st_account_symbols: "SealTalk 号须以字母开头，其后为字母、数字、_ 或 -。",
    password_title: "修改密码",
    old_password: "旧密码",
    new_password: "新密码",
    need_old_password: "请输入旧密码。",
    password_space: "新密码不能包含空格。",
    password_length: "新密码须为 6 到 20 个字符。",
    password_changed: "密码已修改（本次登录仍有效）",
    friends_title: "好友",
    incoming: "条好友请求",
    name: "名称",
    groups_title: "群组",
    group: "群组",
    role: "身份",
    roles: ["群主", "成员", "管理员"],
    members: "人数",
    muted: "禁言",
    approval: "入群验证",
    owner: "群主",
    yes: "是",
    no: "否",
    blacklist_title: "黑名单",
    key_unblock: "移出",
    confirm_unblock: "将 {} 移出黑名单？",
    unblocked: "已移出黑名单",
    unblock_failed: "未能移出",
    captures_title: "截屏通知",
    chat: "会话",
    private_chat: "好友",
    group_chat: "群组",
    notice: "通知",
    on: "开",
    off: "关",
    key_toggle: "开关",
    confirm_capture: "将截屏通知设为“{}”（{}）？这会以你的名义在该会话中发送一条消息。",
    capture_set: "截屏通知已修改，并已在该会话中发送一条消息",
    capture_failed: "未能修改",
    about_title: "最新客户端",
    desktop: "桌面版",
    ios: "iOS",
    android: "Android",
    version: "版本",
    none_published: "未发布",
    empty_list: "这里什么也没有。",
    confirm_keys: "y / Enter 确定 · n / Esc 取消",
    help_open: "移出黑名单（黑名单）· 开关截屏通知（截屏通知），均先询问",
    help_password: "修改密码",
    help_tabs: "第 1–6 页",
    help_filter: "筛选列表（好友、群组、黑名单、截屏通知；Esc 清除）",
};

impl Lang {
    /// The SealTalk panes' strings in this language.
    pub fn st(self) -> &'static StStrings {
        match self {
            Lang::Zh => &ST_ZH,
            Lang::En => &ST_EN,
        }
    }
}

/// A SealTalk error in words of `lang`: English as the client says it; in Chinese, the
/// explanation translated and the server's own text kept verbatim.
pub fn describe_st(err: &crate::api::sealtalk::SealtalkError, lang: Lang) -> String {
    use crate::api::sealtalk::SealtalkError as E;
    if lang == Lang::En {
        return err.to_string();
    }
    match err {
        E::Timeout(d) => format!("服务器在 {:.0} 秒内没有应答", d.as_secs_f64()),
        E::NoAnswer(t) => format!("服务器没有应答：{t}"),
        E::NotLoggedIn { reason } => format!("登录已失效，请重新登录（{reason}）"),
        E::Refused { code, sentence, .. } => match sentence.as_str() {
            "wrong phone number or password" => "手机号或密码错误".into(),
            "the current password is wrong" => "当前密码错误".into(),
            s if s.starts_with("this SealTalk account id is already taken") => {
                "该 SealTalk 号已被占用（他人或你自己）".into()
            }
            _ => format!("服务器拒绝了请求（代码 {code}）"),
        },
        E::Rejected { status, text } => match status {
            400 => format!("服务器拒绝了输入：{text}"),
            404 => format!("服务器上找不到：{text}"),
            500 => format!("服务器出错：{text}"),
            _ => format!("服务器返回 HTTP {status}：{text}"),
        },
        E::NotSupported { what } => format!("该服务器不支持此功能（{what}）"),
        E::NoPasswordLogin => "该服务器不支持密码登录（仅支持短信登录）".into(),
        E::Decode(t) => format!("无法读取服务器的应答：{t}"),
        E::Redirect { status, location } => {
            format!("服务器返回 HTTP {status}，重定向到 {location}，未跟随")
        }
        E::TooLarge { limit } => {
            format!("应答过大（超过 {} MB），未读取", limit / (1024 * 1024))
        }
        // The client's own checks of what was typed (a picture file that cannot be read…):
        // they name the file or the rule in English.
        E::Input(_) => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::sealtalk::SealtalkError as E;

    #[test]
    fn transport_failures_are_said_in_chinese_with_the_servers_words_kept() {
        let redirect = E::Redirect {
            status: 302,
            location: "http://elsewhere.example/login".into(),
        };
        let zh = describe_st(&redirect, Lang::Zh);
        assert!(
            zh.contains("重定向") && zh.contains("http://elsewhere.example/login"),
            "{zh}"
        );
        let large = E::TooLarge {
            limit: 8 * 1024 * 1024,
        };
        assert_eq!(
            describe_st(&large, Lang::Zh),
            "应答过大（超过 8 MB），未读取"
        );
        assert_eq!(describe_st(&large, Lang::En), large.to_string());
    }
}
