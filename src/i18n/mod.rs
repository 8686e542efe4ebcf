//! Every string the dashboard shows, in Chinese and English. Templates use `{}` slots,
//! filled in order by [`fill`].

mod chaoqer;
mod en;
mod messages;
mod sealtalk;
mod zh;

pub use chaoqer::CqStrings;
pub use en::EN;
pub use messages::{describe, invalid, server_message};
pub use sealtalk::{StStrings, describe_st};
pub use zh::ZH;

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
    /// `{}`: why the coin history could not be brought up to date.
    pub coin_sync_failed: &'static str,
    pub store_not_used: &'static str,
    pub updated_ago: &'static str,
    pub offline_badge: &'static str,
    pub stored_ago: &'static str,
    pub just_now: &'static str,
    pub minutes_ago: &'static str,
    pub hours_ago: &'static str,
    pub days_ago: &'static str,
    pub offline_nothing_sent: &'static str,
    pub not_stored: &'static str,
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
    pub key_accounts: &'static str,
    /// The account switcher's title.
    pub accounts_title: &'static str,
    pub account_logged_in: &'static str,
    pub account_logged_out: &'static str,
    /// `{}`: the account's name.
    pub switched_account: &'static str,
    pub only_one_account: &'static str,
    /// The switcher's footer.
    pub accounts_hint: &'static str,
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
    pub images: &'static str,
    /// auto, halfblocks, off.
    pub image_modes: [&'static str; 3],
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
    /// Coins: `p` changes the chart's period.
    pub key_period: &'static str,
    /// Coins: `x` writes the stored history to a CSV file.
    pub key_export: &'static str,
    /// The export popup: its title, the path's label, the hint of Enter, while it writes.
    pub export_title: &'static str,
    pub export_path: &'static str,
    pub export_write: &'static str,
    pub export_writing: &'static str,
    /// `x` with no stored history.
    pub export_nothing: &'static str,
    /// `{}` records written to `{}` (the path).
    pub exported: &'static str,
    pub export_exists: &'static str,
    pub export_no_dir: &'static str,
    pub export_denied: &'static str,
    /// `{}`: the system's words.
    pub export_failed: &'static str,
    pub export_no_path: &'static str,
    pub export_no_home: &'static str,
    /// The chart's periods: week, month, year, all.
    pub periods: [&'static str; 4],
    /// The monthly bars' title.
    pub months_title: &'static str,
    pub key_filter: &'static str,
    pub hint_export: &'static str,
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
