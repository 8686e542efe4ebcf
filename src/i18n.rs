//! Every string the dashboard shows, in Chinese and English. Templates use `{}` slots,
//! filled in order by [`fill`].

use crate::api::ApiError;
use crate::validate::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

pub struct Strings {
    pub tabs: [&'static str; 5],
    pub loading: &'static str,
    pub failed: &'static str,
    pub retry_hint: &'static str,
    pub empty: &'static str,
    pub vip_until: &'static str,
    pub vip_expired: &'static str,
    pub not_vip: &'static str,
    pub coins: &'static str,
    // profile
    pub name: &'static str,
    pub id: &'static str,
    pub vip: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub invitation: &'static str,
    pub registered: &'static str,
    pub online: &'static str,
    pub online_value: &'static str,
    pub ip_region: &'static str,
    pub medals: &'static str,
    pub medals_value: &'static str,
    pub gender: &'static str,
    pub genders: [&'static str; 4],
    pub birthday: &'static str,
    pub location: &'static str,
    pub introduction: &'static str,
    pub last_login: &'static str,
    pub last_active: &'static str,
    pub updated: &'static str,
    pub avatar: &'static str,
    pub reveal_hint: &'static str,
    pub copy_hint: &'static str,
    pub banned_until: &'static str,
    pub banned_permanently: &'static str,
    // status
    pub copied: &'static str,
    pub saved: &'static str,
    pub nothing_changed: &'static str,
    pub session_expired: &'static str,
    pub logged_out: &'static str,
    pub too_small: &'static str,
    pub confirm_quit: &'static str,
    pub confirm_discard: &'static str,
    pub yes_no: &'static str,
    pub save_failed: &'static str,
    pub paste_cut: &'static str,
    pub coin_page_failed: &'static str,
    pub token_not_saved: &'static str,
    pub token_not_deleted: &'static str,
    pub account_id_not_saved: &'static str,
    pub settings_not_saved: &'static str,
    pub opening: &'static str,
    pub copied_over_ssh: &'static str,
    pub copied_open_failed: &'static str,
    pub save_cancelled: &'static str,
    pub confirm_logout: &'static str,
    pub yes_no_enter: &'static str,
    pub key_done: &'static str,
    pub records_of_filtered: &'static str,
    pub server_config: &'static str,
    pub help_general: &'static str,
    pub help_lists: &'static str,
    pub help_forms: &'static str,
    pub help_scroll: &'static str,
    pub too_small_captcha: &'static str,
    pub key_next_tab: &'static str,
    pub key_prev_tab: &'static str,
    pub key_tab_n: &'static str,
    pub key_up: &'static str,
    pub key_down: &'static str,
    pub key_top: &'static str,
    pub key_bottom: &'static str,
    pub key_page_up: &'static str,
    pub key_page_down: &'static str,
    pub key_left: &'static str,
    pub key_right: &'static str,
    pub key_open_link: &'static str,
    pub key_retry_page: &'static str,
    pub key_mouse_click: &'static str,
    pub key_wheel: &'static str,
    // keys
    pub key_quit: &'static str,
    pub key_help: &'static str,
    pub key_tabs: &'static str,
    pub key_move: &'static str,
    pub key_retry: &'static str,
    pub key_edit: &'static str,
    pub key_reveal: &'static str,
    pub key_copy: &'static str,
    pub key_logout: &'static str,
    pub key_save: &'static str,
    pub key_cancel: &'static str,
    pub key_next_field: &'static str,
    pub key_choose: &'static str,
    pub key_submit: &'static str,
    pub key_new_captcha: &'static str,
    pub key_suspend: &'static str,
    pub key_top_bottom: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    // edit form
    pub edit_title: &'static str,
    pub avatar_field: &'static str,
    pub birthday_field: &'static str,
    pub province: &'static str,
    pub city: &'static str,
    pub district: &'static str,
    pub location_code: &'static str,
    pub location_code_short: &'static str,
    pub saving: &'static str,
    // login
    pub login_title: &'static str,
    pub by_email: &'static str,
    pub by_sms: &'static str,
    pub password: &'static str,
    pub captcha: &'static str,
    pub captcha_text: &'static str,
    pub sms_code: &'static str,
    pub send_code: &'static str,
    pub log_in: &'static str,
    pub code_sent: &'static str,
    pub need_email_password: &'static str,
    pub need_phone: &'static str,
    pub need_captcha: &'static str,
    pub need_sms_code: &'static str,
    pub logging_in: &'static str,
    // other panes
    pub medal_count: &'static str,
    pub sort: &'static str,
    pub records_of: &'static str,
    pub time: &'static str,
    pub change: &'static str,
    pub balance: &'static str,
    pub reason: &'static str,
    pub remark: &'static str,
    pub groups: &'static str,
    pub bots: &'static str,
    pub members: &'static str,
    pub created: &'static str,
    pub users: &'static str,
    pub can_add: &'static str,
    pub server: &'static str,
    pub share_url: &'static str,
    pub grey_mode: &'static str,
    pub on: &'static str,
    pub off: &'static str,
    pub account: &'static str,
    pub need_email: &'static str,
    pub need_code: &'static str,
    pub password_length: &'static str,
    pub passwords_differ: &'static str,
    pub new_password: &'static str,
    pub password_again: &'static str,
    pub bind_phone: &'static str,
    pub change_phone: &'static str,
    pub bind_email: &'static str,
    pub change_email: &'static str,
    pub change_password: &'static str,
    pub verify_code: &'static str,
    pub request_code: &'static str,
    pub confirm: &'static str,
    pub done: &'static str,
    pub section_app: &'static str,
    pub section_account: &'static str,
    pub section_service: &'static str,
    pub language: &'static str,
    pub languages: [&'static str; 3],
    pub theme: &'static str,
    pub themes: [&'static str; 2],
    pub coins_page: &'static str,
    pub groups_page: &'static str,
    pub mouse: &'static str,
    pub notifications: &'static str,
    pub module_names: [&'static str; 3],
    pub vip_only: &'static str,
    pub upload_limits: &'static str,
    pub limits_value: &'static str,
    pub versions: &'static str,
    pub restart_note: &'static str,
    pub page_size_range: &'static str,
    pub not_a_url: &'static str,
    pub filter: &'static str,
    pub filters: [&'static str; 3],
    pub chart_title: &'static str,
    pub loading_more: &'static str,
    pub page_failed: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub share_link: &'static str,
    pub link_copied: &'static str,
    pub detail: &'static str,
    pub close: &'static str,
    pub key_filter: &'static str,
    pub key_search: &'static str,
    pub key_open: &'static str,
    pub key_category: &'static str,
    pub key_change: &'static str,
    pub all_loaded: &'static str,
    pub none_bound: &'static str,
    pub link_copied_hint: &'static str,
    // errors
    pub err_timeout: &'static str,
    pub err_transport: &'static str,
    pub err_http: &'static str,
    pub err_decode: &'static str,
    pub err_not_logged_in: &'static str,
    pub err_redirect: &'static str,
    pub err_too_large: &'static str,
    pub same_error: &'static str,
    pub find: &'static str,
    pub find_matches: &'static str,
    pub find_keys: &'static str,
    pub find_help: &'static str,
    pub inv_empty_nickname: &'static str,
    pub inv_nickname_long: &'static str,
    pub inv_control: &'static str,
    pub inv_intro_long: &'static str,
    pub inv_date_format: &'static str,
    pub inv_date: &'static str,
    pub inv_future: &'static str,
    pub inv_location: &'static str,
    pub inv_phone: &'static str,
}

pub static ZH: Strings = Strings {
    tabs: ["资料", "勋章", "金币", "发现", "设置"],
    loading: "加载中…",
    failed: "加载失败",
    retry_hint: "按 r 重试",
    empty: "暂无内容",
    vip_until: "VIP 至 {}",
    vip_expired: "VIP 已于 {} 过期",
    not_vip: "非会员",
    coins: "金币",
    name: "昵称",
    id: "ID",
    vip: "会员",
    phone: "手机",
    email: "邮箱",
    invitation: "邀请码",
    registered: "注册时间",
    online: "在线",
    online_value: "{} 天，连续 {} 天",
    ip_region: "IP 属地",
    medals: "勋章",
    medals_value: "{} 枚",
    gender: "性别",
    genders: ["未设置", "男", "女", "其他"],
    birthday: "生日",
    location: "所在地",
    introduction: "简介",
    last_login: "最近登录",
    last_active: "最近活跃",
    updated: "资料更新",
    avatar: "头像",
    reveal_hint: "（按 v 显示）",
    copy_hint: "（按 c 复制）",
    banned_until: "封禁至 {}：{}",
    banned_permanently: "永久封禁：{}",
    copied: "已复制邀请码到剪贴板",
    saved: "已保存",
    nothing_changed: "没有修改",
    session_expired: "登录已失效，请重新登录（已输入的内容都还在）",
    logged_out: "已退出登录",
    too_small: "终端太小：至少需要 {}×{}，当前 {}×{}",
    confirm_quit: "有未保存的修改，确定退出？",
    confirm_discard: "放弃未保存的修改？",
    yes_no: "y 是 · n 否",
    save_failed: "保存失败",
    paste_cut: "粘贴的内容太长，只保留了前 {} 个字符",
    coin_page_failed: "金币记录第 {} 页加载失败：{}（Enter 或 r 重试）",
    token_not_saved: "登录信息未能保存（{}），下次启动需要重新登录",
    token_not_deleted: "保存的登录信息未能删除（{}），请手动删除这个文件",
    account_id_not_saved: "账号 ID 未能保存（{}）",
    settings_not_saved: "设置未能保存（{}）",
    opening: "正在浏览器中打开 {}",
    copied_over_ssh: "通过 ssh 连接，不在这里打开浏览器：已复制链接",
    copied_open_failed: "无法打开浏览器（{}）：已复制链接",
    save_cancelled: "已取消保存：表单内容保留；服务器已保存的部分不会撤回",
    confirm_logout: "确定退出登录？",
    yes_no_enter: "y / Enter 退出 · n / Esc 取消",
    key_done: "完成",
    records_of_filtered: "第 {} 条，共 {} 条{}记录（全部 {} 条）",
    server_config: "（配置文件：{}）",
    help_general: "通用",
    help_lists: "列表",
    help_forms: "表单与弹窗",
    help_scroll: "j/k 滚动 · 其他键关闭",
    too_small_captcha: "窗口太小，无法显示验证码",
    key_next_tab: "下一页",
    key_prev_tab: "上一页",
    key_tab_n: "第 1–5 页",
    key_up: "上移",
    key_down: "下移",
    key_top: "第一条",
    key_bottom: "最后一条",
    key_page_up: "上一屏",
    key_page_down: "下一屏",
    key_left: "向左",
    key_right: "向右",
    key_open_link: "在浏览器中打开",
    key_retry_page: "重试加载失败的页",
    key_mouse_click: "点击页签或行",
    key_wheel: "滚动",
    key_quit: "退出",
    key_help: "帮助",
    key_tabs: "切换页",
    key_move: "移动",
    key_retry: "刷新",
    key_edit: "编辑",
    key_reveal: "显示/隐藏手机邮箱",
    key_copy: "复制邀请码",
    key_logout: "退出登录",
    key_save: "保存",
    key_cancel: "取消",
    key_next_field: "下一项",
    key_choose: "选择",
    key_submit: "提交",
    key_new_captcha: "换一张",
    key_suspend: "挂起",
    key_top_bottom: "首/末",
    help_title: "帮助",
    help_close: "按任意键关闭",
    edit_title: "编辑资料",
    avatar_field: "新头像（图片 URL 或本地文件，留空不改）",
    birthday_field: "生日（YYYY-MM-DD）",
    province: "省份",
    city: "城市",
    district: "区县",
    location_code: "地区编码（6 位数字）",
    location_code_short: "地区编码",
    saving: "保存中…",
    login_title: "登录云湖",
    by_email: "邮箱密码",
    by_sms: "短信验证码",
    password: "密码",
    captcha: "图形验证码",
    captcha_text: "图中字符",
    sms_code: "短信验证码",
    send_code: "Enter 发送短信验证码",
    log_in: "Enter 登录",
    code_sent: "验证码已发送到 {}",
    need_email_password: "请填写邮箱和密码",
    need_phone: "手机号应为以 1 开头的 11 位数字",
    need_captcha: "请输入图中的字符",
    need_sms_code: "请输入短信验证码",
    logging_in: "登录中…",
    medal_count: "共 {} 枚勋章",
    sort: "排序",
    records_of: "第 {} 条，共 {} 条",
    time: "时间",
    change: "变动",
    balance: "余额",
    reason: "原因",
    remark: "备注",
    groups: "群聊",
    bots: "机器人",
    members: "人数",
    created: "创建",
    users: "用户",
    can_add: "可添加",
    server: "服务器",
    share_url: "分享链接前缀",
    grey_mode: "灰色模式",
    on: "开",
    off: "关",
    account: "账号",
    need_email: "请输入有效的邮箱地址",
    need_code: "请输入验证码",
    password_length: "密码长度应为 6–32 位",
    passwords_differ: "两次输入的密码不一致",
    new_password: "新密码",
    password_again: "再输一次",
    bind_phone: "绑定手机号",
    change_phone: "更换手机号",
    bind_email: "绑定邮箱",
    change_email: "更换邮箱",
    change_password: "修改密码",
    verify_code: "验证码",
    request_code: "Enter 获取验证码",
    confirm: "Enter 确认",
    done: "已完成",
    section_app: "应用",
    section_account: "账号",
    section_service: "服务信息",
    language: "语言",
    languages: ["跟随系统", "中文", "English"],
    theme: "主题",
    themes: ["深色", "浅色"],
    coins_page: "金币每页条数",
    groups_page: "群聊每页个数",
    mouse: "鼠标",
    notifications: "系统消息通知",
    module_names: ["隐藏社区页面", "隐藏发现页面", "精简“我的”页面"],
    vip_only: "（会员）",
    upload_limits: "上传限制",
    limits_value: "图片 {}/{} MB · 文件 {}/{} MB · 视频 {}/{} MB（普通/会员）",
    versions: "官方客户端",
    restart_note: "已保存，下次启动生效",
    page_size_range: "请输入 1–100 的数字",
    not_a_url: "不是有效的网址",
    filter: "筛选",
    filters: ["全部", "收入", "支出"],
    chart_title: "余额走势",
    loading_more: "加载更多…",
    page_failed: "这一页加载失败：{}（Enter 或 r 重试）",
    search: "搜索",
    search_hint: "输入关键词，停顿后自动搜索 · Enter 完成 · Esc 清除",
    share_link: "分享链接",
    link_copied: "已复制分享链接",
    detail: "详情",
    close: "关闭",
    key_filter: "筛选",
    key_search: "搜索",
    key_open: "详情",
    key_category: "分区",
    key_change: "修改",
    all_loaded: "已全部加载",
    none_bound: "未绑定",
    link_copied_hint: "复制分享链接",
    err_timeout: "服务器无响应（{} 秒）",
    err_transport: "无法连接服务器：{}",
    err_http: "服务器错误 HTTP {}",
    err_decode: "服务器返回了无法识别的内容：{}",
    err_not_logged_in: "未登录",
    err_redirect: "服务器返回重定向 HTTP {}（到 {}），未跟随",
    err_too_large: "服务器的回答太大（超过 {} MB），未读取",
    same_error: "同上",
    find: "查找",
    find_matches: "匹配 {} 项",
    find_keys: "Enter 完成 · Esc 清除",
    find_help: "筛选列表（勋章、金币、机器人、设置；Esc 清除）",
    inv_empty_nickname: "昵称不能为空",
    inv_nickname_long: "昵称最多 {} 个字",
    inv_control: "不能包含控制字符",
    inv_intro_long: "简介最多 {} 个字",
    inv_date_format: "请按 YYYY-MM-DD 填写",
    inv_date: "{} 不是有效日期",
    inv_future: "生日不能在未来",
    inv_location: "地区编码应为 6 位数字",
    inv_phone: "手机号应为以 1 开头的 11 位数字",
};

pub static EN: Strings = Strings {
    tabs: ["Profile", "Medals", "Coins", "Discover", "Settings"],
    loading: "Loading…",
    failed: "Failed to load",
    retry_hint: "press r to retry",
    empty: "Nothing here",
    vip_until: "VIP until {}",
    vip_expired: "VIP expired on {}",
    not_vip: "not VIP",
    coins: "Coins",
    name: "Name",
    id: "ID",
    vip: "VIP",
    phone: "Phone",
    email: "Email",
    invitation: "Invitation",
    registered: "Registered",
    online: "Online",
    online_value: "{} days, streak {}",
    ip_region: "IP region",
    medals: "Medals",
    medals_value: "{}",
    gender: "Gender",
    genders: ["not set", "male", "female", "other"],
    birthday: "Birthday",
    location: "Location",
    introduction: "About",
    last_login: "Last login",
    last_active: "Last active",
    updated: "Updated",
    avatar: "Avatar",
    reveal_hint: " (v shows)",
    copy_hint: " (c copies)",
    banned_until: "banned until {}: {}",
    banned_permanently: "banned permanently: {}",
    copied: "Invitation code copied to the clipboard",
    saved: "Saved",
    nothing_changed: "Nothing changed",
    session_expired: "Session expired: log in again (everything you typed is kept)",
    logged_out: "Logged out",
    too_small: "Terminal too small: need {}×{}, have {}×{}",
    confirm_quit: "Unsaved edits. Quit anyway?",
    confirm_discard: "Discard unsaved edits?",
    yes_no: "y yes · n no",
    save_failed: "Not saved",
    paste_cut: "Pasted text cut to the field's limit of {} characters",
    coin_page_failed: "Coin page {} failed: {} (Enter or r retries)",
    token_not_saved: "The login could not be saved ({}); you will have to log in again next time",
    token_not_deleted: "The saved login could not be deleted ({}): delete that file yourself",
    account_id_not_saved: "The account id could not be saved ({})",
    settings_not_saved: "Settings not saved ({})",
    opening: "Opening {} in the browser",
    copied_over_ssh: "Over ssh the browser is not opened here: link copied",
    copied_open_failed: "Cannot open the browser ({}): link copied",
    save_cancelled: "Save cancelled: the form is kept; parts the server already saved stay saved",
    confirm_logout: "Log out?",
    yes_no_enter: "y / Enter log out · n / Esc cancel",
    key_done: "done",
    records_of_filtered: "{} of {} {} ({} in all)",
    server_config: " (config.toml: {})",
    help_general: "Everywhere",
    help_lists: "Lists",
    help_forms: "Forms and popups",
    help_scroll: "j/k scroll · any other key closes",
    too_small_captcha: "Too small to show the captcha",
    key_next_tab: "next tab",
    key_prev_tab: "previous tab",
    key_tab_n: "tab 1–5",
    key_up: "up",
    key_down: "down",
    key_top: "first",
    key_bottom: "last",
    key_page_up: "page up",
    key_page_down: "page down",
    key_left: "left",
    key_right: "right",
    key_open_link: "open in the browser",
    key_retry_page: "retry a failed page",
    key_mouse_click: "select a tab or row",
    key_wheel: "scroll",
    key_quit: "quit",
    key_help: "help",
    key_tabs: "tabs",
    key_move: "move",
    key_retry: "reload",
    key_edit: "edit",
    key_reveal: "show/hide phone & email",
    key_copy: "copy invitation code",
    key_logout: "log out",
    key_save: "save",
    key_cancel: "cancel",
    key_next_field: "next field",
    key_choose: "choose",
    key_submit: "submit",
    key_new_captcha: "new captcha",
    key_suspend: "suspend",
    key_top_bottom: "first/last",
    help_title: "Help",
    help_close: "any key closes",
    edit_title: "Edit profile",
    avatar_field: "New avatar (image URL or local file; empty keeps it)",
    birthday_field: "Birthday (YYYY-MM-DD)",
    province: "Province",
    city: "City",
    district: "District",
    location_code: "Location code (6 digits)",
    location_code_short: "Code",
    saving: "Saving…",
    login_title: "Log in to Yunhu",
    by_email: "Email & password",
    by_sms: "SMS code",
    password: "Password",
    captcha: "Captcha",
    captcha_text: "Characters in the picture",
    sms_code: "SMS code",
    send_code: "Enter sends the SMS code",
    log_in: "Enter logs in",
    code_sent: "Code sent to {}",
    need_email_password: "Fill in email and password",
    need_phone: "A mobile number is 11 digits starting with 1",
    need_captcha: "Type the characters in the picture",
    need_sms_code: "Type the SMS code",
    logging_in: "Logging in…",
    medal_count: "{} medals",
    sort: "Sort",
    records_of: "{} of {}",
    time: "Time",
    change: "Change",
    balance: "Balance",
    reason: "Reason",
    remark: "Remark",
    groups: "Groups",
    bots: "Bots",
    members: "Members",
    created: "Created",
    users: "Users",
    can_add: "Addable",
    server: "Server",
    share_url: "Share links",
    grey_mode: "Grey mode",
    on: "on",
    off: "off",
    account: "Account",
    need_email: "Type a valid email address",
    need_code: "Type the code",
    password_length: "The password needs 6–32 characters",
    passwords_differ: "The two passwords differ",
    new_password: "New password",
    password_again: "Again",
    bind_phone: "Bind a phone",
    change_phone: "Change phone",
    bind_email: "Bind an email",
    change_email: "Change email",
    change_password: "Change password",
    verify_code: "Code",
    request_code: "Enter asks for the code",
    confirm: "Enter confirms",
    done: "Done",
    section_app: "App",
    section_account: "Account",
    section_service: "Service",
    language: "Language",
    languages: ["from the system", "中文", "English"],
    theme: "Theme",
    themes: ["dark", "light"],
    coins_page: "Coins per page",
    groups_page: "Groups per page",
    mouse: "Mouse",
    notifications: "System notifications",
    module_names: ["Hide community", "Hide discover", "Compact \"me\" page"],
    vip_only: " (VIP)",
    upload_limits: "Upload limits",
    limits_value: "images {}/{} MB · files {}/{} MB · videos {}/{} MB (basic/VIP)",
    versions: "Official clients",
    restart_note: "Saved; used from the next start",
    page_size_range: "A number from 1 to 100",
    not_a_url: "Not a URL",
    filter: "Filter",
    filters: ["all", "income", "spending"],
    chart_title: "Balance",
    loading_more: "Loading more…",
    page_failed: "This page failed: {} (Enter or r retries)",
    search: "Search",
    search_hint: "Type a keyword; it searches when you pause · Enter done · Esc clears",
    share_link: "Share link",
    link_copied: "Share link copied",
    detail: "Details",
    close: "close",
    key_filter: "filter",
    key_search: "search",
    key_open: "details",
    key_category: "category",
    key_change: "change",
    all_loaded: "all loaded",
    none_bound: "none",
    link_copied_hint: "copy the share link",
    err_timeout: "The server did not answer ({} s)",
    err_transport: "Cannot reach the server: {}",
    err_http: "Server error HTTP {}",
    err_decode: "Unreadable answer from the server: {}",
    err_not_logged_in: "Not logged in",
    err_redirect: "The server redirected (HTTP {}) to {}; not followed",
    err_too_large: "The answer is too large (over {} MB); not read",
    same_error: "same error as above",
    find: "find",
    find_matches: "matches: {}",
    find_keys: "Enter done · Esc clears",
    find_help: "filter the list (medals, coins, bots, settings; Esc clears)",
    inv_empty_nickname: "The nickname is empty",
    inv_nickname_long: "At most {} characters",
    inv_control: "No control characters",
    inv_intro_long: "At most {} characters",
    inv_date_format: "Write it as YYYY-MM-DD",
    inv_date: "{} is not a date",
    inv_future: "The birthday is in the future",
    inv_location: "6 digits",
    inv_phone: "a mobile number is 11 digits starting with 1",
};

impl Strings {
    /// The language of this table.
    pub fn lang(&self) -> Lang {
        if std::ptr::eq(self, &EN) {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The word for a gender code (1 male, 2 female, 3 other; anything else "not set").
    pub fn gender(&self, code: i64) -> &'static str {
        usize::try_from(code)
            .ok()
            .and_then(|i| self.genders.get(i))
            .copied()
            .unwrap_or(self.genders[0])
    }

    /// The hint for copying a share link.
    pub fn key_copy_link(&self) -> &'static str {
        self.link_copied_hint
    }
}

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Fills the `{}` slots of `template` in order.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        if let Some(arg) = args.get(i) {
            out.push_str(&arg.to_string());
        }
        out.push_str(part);
    }
    out
}

/// An API error in the user's language, on one line and safe to show: everything that came
/// from the server goes through [`crate::sanitize::line`]. A server message the service is
/// known to send is translated in English, the original kept in brackets.
pub fn describe(err: &ApiError, s: &Strings) -> String {
    use crate::sanitize::line;
    match err {
        ApiError::Timeout(d) => fill(s.err_timeout, &[&format!("{:.0}", d.as_secs_f64())]),
        ApiError::Transport(detail) => fill(s.err_transport, &[&line(detail)]),
        ApiError::Http { status, excerpt } if excerpt.is_empty() => fill(s.err_http, &[status]),
        ApiError::Http { status, excerpt } => {
            format!("{}: {}", fill(s.err_http, &[status]), line(excerpt))
        }
        ApiError::Redirect { status, location } => fill(s.err_redirect, &[status, &line(location)]),
        ApiError::TooLarge { limit } => fill(s.err_too_large, &[&(limit / (1024 * 1024))]),
        // "未登录" is the whole message in Chinese; said once, not "未登录 (未登录)".
        ApiError::NotLoggedIn { msg }
            if msg.trim().is_empty() || msg.trim() == ZH.err_not_logged_in =>
        {
            s.err_not_logged_in.to_owned()
        }
        ApiError::NotLoggedIn { msg } => {
            format!(
                "{} ({})",
                s.err_not_logged_in,
                server_message(msg, s.lang())
            )
        }
        ApiError::Api { code, msg } => match (s.lang(), known_server_message(msg, *code)) {
            (Lang::En, Some(_)) => server_message_for(msg, *code, Lang::En),
            _ => format!("{} ({code})", line(msg)),
        },
        ApiError::Decode(detail) => fill(s.err_decode, &[&line(detail)]),
        ApiError::Input(detail) => line(detail).into_owned(),
    }
}

/// The English for messages the service (or its demo) is known to send, by message, then by
/// code for the codes whose meaning is documented.
fn known_server_message(msg: &str, code: i64) -> Option<&'static str> {
    let msg = msg.trim().trim_end_matches(['。', '！', '!', '.']);
    let by_message = match msg {
        "未登录" => "Not logged in",
        "图形验证码错误" => "Wrong characters from the picture",
        "验证码错误" => "Wrong verification code",
        "邮箱或密码错误" => "Wrong email or password",
        "功能仅限VIP用户使用" => "Only for VIP users",
        "手机号格式不正确" => "Not a valid phone number",
        "邮箱格式不正确" => "Not a valid email address",
        "该手机号未注册" => "No account has this phone number",
        "该邮箱未注册" => "No account has this email",
        "该用户不存在" => "No such user",
        "昵称不能为空" => "The nickname is empty",
        "昵称不合法" => "The nickname is not allowed",
        "头像地址无效" => "The avatar address is not valid",
        "性别参数错误" => "Not a valid gender",
        "地区编码格式错误" => "Not a valid location code",
        "生日不合法" => "Not a valid birthday",
        "简介过长" => "The introduction is too long",
        "参数错误" => "Invalid request parameters",
        "该手机号已被绑定" => "This phone number belongs to another account",
        "该邮箱已被绑定" => "This email belongs to another account",
        "已绑定手机号，请更换手机号" => {
            "A phone number is bound already: change it instead"
        }
        "已绑定邮箱，请更换邮箱" => "An email is bound already: change it instead",
        "尚未绑定手机号" => "No phone number is bound yet",
        "尚未绑定邮箱" => "No email is bound yet",
        "密码长度应为6-32位" => "The password needs 6–32 characters",
        "用户已被封禁" | "账号已被封禁" => "This account is banned",
        _ => "",
    };
    if !by_message.is_empty() {
        return Some(by_message);
    }
    match code {
        4402 => Some("No such user"),
        7100 => Some("This account is banned"),
        -9 => Some("Added already"),
        _ => None,
    }
}

/// A message from the server as a person reads it: sanitised to one line; in English, a
/// known message is translated with the original kept in brackets, e.g.
/// "Only for VIP users (功能仅限VIP用户使用)". Chinese, and unknown messages, stay verbatim.
pub fn server_message(msg: &str, lang: Lang) -> String {
    server_message_for(msg, 0, lang)
}

fn server_message_for(msg: &str, code: i64, lang: Lang) -> String {
    let original = crate::sanitize::line(msg);
    match (lang, known_server_message(msg, code)) {
        (Lang::En, Some(english)) if original.trim().is_empty() => english.to_owned(),
        (Lang::En, Some(english)) => format!("{english} ({})", original.trim()),
        _ => original.into_owned(),
    }
}

/// A refused input in the user's language.
pub fn invalid(err: &Invalid, s: &Strings) -> String {
    use crate::validate::{MAX_INTRODUCTION_CHARS, MAX_NICKNAME_CHARS};
    match err {
        Invalid::EmptyNickname => s.inv_empty_nickname.into(),
        Invalid::NicknameTooLong => fill(s.inv_nickname_long, &[&MAX_NICKNAME_CHARS]),
        Invalid::ControlCharacter => s.inv_control.into(),
        Invalid::IntroductionTooLong => fill(s.inv_intro_long, &[&MAX_INTRODUCTION_CHARS]),
        Invalid::DateFormat => s.inv_date_format.into(),
        Invalid::ImpossibleDate(d) => fill(s.inv_date, &[d]),
        Invalid::FutureBirthday => s.inv_future.into(),
        Invalid::LocationCode => s.inv_location.into(),
        Invalid::Phone => s.inv_phone.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_slots_in_order() {
        assert_eq!(fill("{} of {}", &[&3, &"10"]), "3 of 10");
        assert_eq!(fill("no slots", &[&1]), "no slots");
        assert_eq!(fill("{} and {}", &[&1]), "1 and ");
    }

    #[test]
    fn server_messages_stay_verbatim() {
        let e = ApiError::Api {
            code: -1,
            msg: "功能仅限VIP用户使用".into(),
        };
        assert_eq!(describe(&e, &ZH), "功能仅限VIP用户使用 (-1)");
        assert_eq!(
            describe(
                &ApiError::Http {
                    status: 502,
                    excerpt: String::new()
                },
                &ZH
            ),
            "服务器错误 HTTP 502"
        );
    }

    #[test]
    fn known_server_messages_are_translated_in_english_with_the_original() {
        let vip = ApiError::Api {
            code: -1,
            msg: "功能仅限VIP用户使用".into(),
        };
        assert_eq!(
            describe(&vip, &EN),
            "Only for VIP users (功能仅限VIP用户使用)"
        );
        for (msg, english) in [
            ("图形验证码错误", "Wrong characters from the picture"),
            ("邮箱或密码错误", "Wrong email or password"),
            ("验证码错误", "Wrong verification code"),
        ] {
            let e = ApiError::Api {
                code: -1,
                msg: msg.into(),
            };
            assert_eq!(describe(&e, &EN), format!("{english} ({msg})"));
            assert_eq!(
                describe(&e, &ZH),
                format!("{msg} (-1)"),
                "Chinese stays verbatim"
            );
        }
        let not_logged_in = ApiError::NotLoggedIn {
            msg: "未登录".into(),
        };
        assert_eq!(describe(&not_logged_in, &EN), "Not logged in");
        assert_eq!(describe(&not_logged_in, &ZH), "未登录", "said once");
        // Unknown messages stay as they are, with the code; known codes are explained.
        let odd = ApiError::Api {
            code: -3,
            msg: "奇怪的错误".into(),
        };
        assert_eq!(describe(&odd, &EN), "奇怪的错误 (-3)");
        let banned = ApiError::Api {
            code: 7100,
            msg: "违规".into(),
        };
        assert_eq!(describe(&banned, &EN), "This account is banned (违规)");
        assert_eq!(
            server_message("验证码错误", Lang::En),
            "Wrong verification code (验证码错误)"
        );
        assert_eq!(server_message("验证码错误", Lang::Zh), "验证码错误");
    }

    #[test]
    fn server_text_in_errors_is_sanitised() {
        let e = ApiError::Api {
            code: -1,
            msg: "bad\u{1b}]52;c;eA==\u{7}\u{202e}x\nline".into(),
        };
        let shown = describe(&e, &EN);
        assert!(!shown.chars().any(crate::sanitize::is_unsafe), "{shown:?}");
        assert!(
            shown.contains("\\u{1b}") && shown.contains("\\u{202e}"),
            "{shown:?}"
        );
        let http = ApiError::Http {
            status: 502,
            excerpt: "soft\u{ad}hyphen".into(),
        };
        assert!(!describe(&http, &ZH).contains('\u{ad}'));
        let redirect = ApiError::Redirect {
            status: 302,
            location: "evil.example\u{1b}[2J".into(),
        };
        assert!(!describe(&redirect, &EN).contains('\u{1b}'));
    }
}
