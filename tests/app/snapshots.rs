//! Screens as text snapshots (insta + TestBackend). The state is built by hand, so the
//! snapshots do not depend on the network; times are shown in UTC+8.

use std::sync::Once;

use yunhu_tui::api::ApiError;
use yunhu_tui::api::model::UserData;
use yunhu_tui::app::code_flow::CaptchaShown;
use yunhu_tui::app::login::{LoginField, Method};
use yunhu_tui::app::requests::Slot;
use yunhu_tui::app::state::{AppState, Screen};
use yunhu_tui::i18n::Lang;
use yunhu_tui::proto::{MedalInfo, ProfileInfo, VipStatus, get_user_response, user_info};

use crate::harness::{new_state, render};

fn fixed_zone() {
    static ONCE: Once = Once::new();
    // SAFETY: runs once, before any test of this binary reads the time zone; every test that
    // renders times calls it first, and nothing else sets the environment. The POSIX form
    // (UTC+8) needs no tzdata on the machine.
    ONCE.call_once(|| unsafe { std::env::set_var("TZ", "CST-8") });
}

fn long_info() -> user_info::Data {
    user_info::Data {
        id: "7058262".into(),
        name: "一个名字非常非常长的云湖测试用户二十字".into(),
        avatar_url: "https://chat-img.jwznb.com/8c7370425d2d0234d62f545dcfa4a2fc.png".into(),
        phone: "13800138000".into(),
        email: "demo@yhchat.example".into(),
        coin: 357.01,
        is_vip: true,
        vip_expired_timestamp: 1_798_646_400,
        vip_status: VipStatus::Active as i32,
        invitation_code: "YH7K2Q".into(),
        ..Default::default()
    }
}

fn long_own() -> get_user_response::Data {
    get_user_response::Data {
        id: "7058262".into(),
        register_time: "2021-12-16 12:00:26".into(),
        online_day: 1200,
        continuous_online_day: 35,
        ip_geo: "内蒙古自治区".into(),
        medal: (0..14)
            .map(|i| MedalInfo {
                id: i,
                name: format!("勋章{i}"),
                sort: i * 10,
            })
            .collect(),
        profile_info: Some(ProfileInfo {
            last_active_time: "刚刚".into(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn long_data() -> UserData {
    UserData {
        user_id: "7058262".into(),
        last_login_time: 1_763_700_000,
        update_time: 1_760_000_000,
        introduction: "深圳打工人，白天写后端，晚上折腾 Rust 和开源小工具。喜欢骑行和胶片摄影，周末常在南山的咖啡馆出没，欢迎来群里一起聊技术。偶尔也写写博客，记录在云湖社区里遇到的有趣的人和事。".into(),
        gender: 1,
        birthday: 946_656_000,
        province: "新疆维吾尔自治区".into(),
        city: "伊犁哈萨克自治州".into(),
        district: "霍尔果斯市".into(),
        location_code: "654004".into(),
        ..Default::default()
    }
}

fn loaded(lang: Lang) -> AppState {
    fixed_zone();
    let mut st = new_state(lang);
    st.account.screen = Screen::Main;
    st.account.profile.info.value = Some(long_info());
    st.account.profile.own.value = Some(long_own());
    st.account.profile.user_data.value = Some(long_data());
    st
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn profile_loaded() {
    for lang in [Lang::Zh, Lang::En] {
        let st = loaded(lang);
        for (w, h) in SIZES {
            insta::assert_snapshot!(
                format!("profile_loaded_{lang:?}_{w}x{h}"),
                render(&st, w, h)
            );
        }
    }
}

/// Issue 13: the account's avatar beside the fields, in half blocks (an identicon of the demo).
#[test]
fn profile_with_a_half_block_avatar() {
    use yunhu_tui::app::pictures::PictureState;
    let mut st = loaded(Lang::En);
    let url = st
        .account
        .profile
        .info
        .value
        .as_ref()
        .unwrap()
        .avatar_url
        .clone();
    let png = yunhu_tui::demo::identicon::identicon_png("avatar.png");
    let picture = yunhu_tui::api::picture::picture_from_bytes(&png).unwrap();
    st.pictures.put(&url, PictureState::Ready(picture));
    for (w, h) in SIZES {
        let screen = render(&st, w, h);
        let rows = screen
            .lines()
            .filter(|l| l.contains('▀') || l.contains('▄'))
            .count();
        assert!(rows >= 5, "{w}×{h}:\n{screen}");
        insta::assert_snapshot!(format!("profile_avatar_{w}x{h}"), screen);
    }
}

#[test]
fn profile_loading() {
    fixed_zone();
    let mut st = new_state(Lang::Zh);
    st.account.screen = Screen::Main;
    st.account.requests.insert(1, Slot::Info);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("profile_loading_{w}x{h}"), render(&st, w, h));
    }
    // Info is there, the rest still coming: each row says so.
    st.account.requests.take(1);
    st.account.profile.info.settle(Ok(long_info()));
    st.account.requests.insert(2, Slot::Own);
    st.account.requests.insert(3, Slot::UserData);
    insta::assert_snapshot!("profile_partly_loaded_80x24", render(&st, 80, 24));
}

#[test]
fn profile_failed() {
    fixed_zone();
    let mut st = new_state(Lang::Zh);
    st.account.screen = Screen::Main;
    st.account.profile.info.settle(Err(ApiError::Http {
        status: 502,
        excerpt: "502 Bad Gateway 502 Bad Gateway nginx".into(),
    }));
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("profile_failed_{w}x{h}"), render(&st, w, h));
    }
    // Info loaded, profile data refused by the server.
    let mut st = loaded(Lang::Zh);
    st.account.profile.user_data.value = None;
    st.account.profile.user_data.error =
        Some(ApiError::Timeout(std::time::Duration::from_secs(10)));
    insta::assert_snapshot!("profile_data_failed_80x24", render(&st, 80, 24));
}

#[test]
fn edit_form_with_errors() {
    let mut st = loaded(Lang::Zh);
    let mut form = yunhu_tui::app::form::EditForm::new("云湖测试用户", &long_data());
    *form.input_mut(yunhu_tui::app::form::Field::Nickname) = tui_input::Input::new(String::new());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    assert!(form.plan(today, st.s()).is_none());
    st.account.edit = Some(form);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("edit_form_errors_{w}x{h}"), render(&st, w, h));
    }
}

#[test]
fn login_screens() {
    fixed_zone();
    let mut st = new_state(Lang::Zh);
    st.account.login.email = tui_input::Input::new("demo@yhchat.example".into());
    st.account.login.password = tui_input::Input::new("secret".into());
    insta::assert_snapshot!("login_email_80x24", render(&st, 80, 24));

    st.account.login.method = Method::Sms;
    st.account.login.focus = LoginField::CaptchaText;
    st.account.login.sms.target = tui_input::Input::new("13800138000".into());
    let png = yunhu_tui::demo::captcha_png("6CRD", 7).unwrap();
    let shown = CaptchaShown::new("c1".into(), png);
    st.account.login.sms.captcha.settle(Ok(shown));
    insta::assert_snapshot!("login_sms_80x24", render(&st, 80, 24));
    insta::assert_snapshot!("login_sms_120x40", render(&st, 120, 40));
}

/// The half-block rows of a screen (the captcha picture is drawn with ▀ and ▄).
fn picture_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.chars().filter(|c| matches!(c, '▀' | '▄')).count() >= 10)
        .count()
}

/// The captcha is drawn at every supported size, down to 60×16 (it used to vanish at 70
/// columns or fewer), on the login screen and in the verification popups.
#[test]
fn the_captcha_is_drawn_at_the_smallest_sizes() {
    fixed_zone();
    for lang in [Lang::Zh, Lang::En] {
        let mut st = new_state(lang);
        st.account.login.method = Method::Sms;
        st.account.login.focus = LoginField::CaptchaText;
        st.account.login.sms.target = tui_input::Input::new("13800138000".into());
        let png = yunhu_tui::demo::captcha_png("6CRD", 7).unwrap();
        let shown = CaptchaShown::new("c1".into(), png.clone());
        st.account.login.sms.captcha.settle(Ok(shown));
        for (w, h) in [(60, 16), (70, 20), (80, 24)] {
            let screen = render(&st, w, h);
            assert!(picture_rows(&screen) >= 4, "{lang:?} {w}×{h}:\n{screen}");
            assert!(screen.contains("^r"), "{lang:?} {w}×{h}:\n{screen}");
        }
        // With the SMS code field too (three fields).
        st.account.login.sms.sent_to = Some("13800138000".into());
        let screen = render(&st, 60, 16);
        assert!(picture_rows(&screen) >= 4, "{lang:?} code sent:\n{screen}");
        if lang == Lang::Zh {
            st.account.login.sms.sent_to = None;
            insta::assert_snapshot!("login_sms_60x16", render(&st, 60, 16));
            insta::assert_snapshot!("login_sms_80x24_again", render(&st, 80, 24));
        }

        // The verification popup of the settings pane, over the main screen.
        let mut st = panes::loaded();
        st.set_lang(lang);
        st.tab = yunhu_tui::app::state::Tab::Settings;
        let mut form = yunhu_tui::app::verify::VerifyForm::new(
            yunhu_tui::app::verify::VerifyKind::Phone,
            "13800138000",
            "",
        );
        (form.flow.captcha).settle(Ok(CaptchaShown::new("c2".into(), png)));
        st.account.popup = Some(yunhu_tui::app::state::Popup::Verify(Box::new(form)));
        for (w, h) in [(60, 16), (70, 20), (80, 24)] {
            st.size = (w, h);
            let screen = render(&st, w, h);
            assert!(
                picture_rows(&screen) >= 4,
                "{lang:?} popup {w}×{h}:\n{screen}"
            );
        }
        if lang == Lang::Zh {
            st.size = (60, 16);
            insta::assert_snapshot!("verify_phone_60x16", render(&st, 60, 16));
            st.size = (80, 24);
            insta::assert_snapshot!("verify_phone_80x24", render(&st, 80, 24));
        }
    }
}

// ---- the other panes: loaded, empty and failed -----------------------------------------

/// A state with every pane loaded (for property tests).
pub fn loaded_everything() -> AppState {
    panes::loaded()
}

mod panes {
    use super::*;
    use yunhu_tui::api::model::{
        Bot, CoinRecord, Distribution, Group, ModuleIgnore, Notification, ServiceSetting,
        UpdateInfo,
    };
    use yunhu_tui::app::state::Tab;

    fn failure() -> ApiError {
        ApiError::Http {
            status: 502,
            excerpt: "502 Bad Gateway 502 Bad Gateway nginx".into(),
        }
    }

    fn records(n: usize) -> Vec<CoinRecord> {
        // Newest first; balances chain.
        let mut balance = 200.0;
        let mut out = Vec::new();
        for i in 0..n {
            let change = if i % 4 == 0 {
                -5.0
            } else {
                1.5 + (i % 3) as f64
            };
            out.push(CoinRecord {
                id: 1000 + i as i64,
                typ: 1,
                before_amount: balance,
                after_amount: balance + change,
                change_amount: change.abs(),
                reason: if change < 0.0 {
                    "抽奖消耗".into()
                } else {
                    "每日签到".into()
                },
                remark: if i % 5 == 0 {
                    "双十一活动，限时翻倍奖励金币领取".into()
                } else {
                    String::new()
                },
                create_time: 1_750_000_000 + (i as i64) * 86_400,
                ..Default::default()
            });
            balance += change;
        }
        out.reverse();
        out
    }

    fn groups() -> Vec<Group> {
        (0..12)
            .map(|i| Group {
                chat_id: format!("9105703{i:02}"),
                nickname: format!("{}交流群{i}", ["杭州同城", "Rust 中文社区", "摄影爱好者之家"][i % 3]),
                introduction: "每周日晚上 8 点固定分享会，轮流主持。禁止搬运他人作品不注明出处。欢迎分享你的作品和心得，群里有不少大佬，也有很多新手。".into(),
                headcount: 100 + i as i64 * 37,
                create_time: 1_600_000_000 + i as i64 * 10_000_000,
                ..Default::default()
            })
            .collect()
    }

    pub fn loaded() -> AppState {
        let mut st = super::loaded(Lang::Zh);
        st.account.medals.list.value = Some(
            (0..14)
                .map(|i| MedalInfo {
                    id: i + 3,
                    name: format!("勋章名字{i}号"),
                    sort: i * 10,
                })
                .collect(),
        );
        st.account.coins.load_records(records(40));
        st.account.coins.list.pages = 1;
        st.account.coins.list.total = Some(260);
        st.account.discover.categories.value = Some(
            [
                "精选",
                "粉丝群",
                "地区",
                "IT/互联网",
                "玩机",
                "游戏",
                "资讯订阅",
            ]
            .map(String::from)
            .to_vec(),
        );
        st.account.discover.groups.category = "精选".into();
        st.account.discover.groups.list.items = groups();
        st.account.discover.groups.list.pages = 1;
        st.account.discover.bots.value = Some(vec![Bot {
            chat_id: "1".into(),
            nickname: "天气小助手".into(),
            headcount: 496,
            introduction: "发送城市名即可查询实时天气".into(),
            is_add: true,
            ..Default::default()
        }]);
        st.account.settings.distribution.value = Some(Distribution {
            share_url: "https://yhfx.jwznb.com/".into(),
            ..Default::default()
        });
        st.account.settings.grey.value = Some(false);
        st.account.settings.notification.value = Some(Notification {
            is_open: true,
            ..Default::default()
        });
        st.account.settings.modules.value = Some(ModuleIgnore {
            ignore: ",30".into(),
            ..Default::default()
        });
        st.account.settings.limits.value = Some(ServiceSetting {
            file_size_limit_normal: 40.0,
            file_size_limit_vip: 1024.0,
            image_size_limit_normal: 40.0,
            image_size_limit_vip: 50.0,
            video_size_limit_normal: 40.0,
            video_size_limit_vip: 200.0,
        });
        for (p, r) in &mut st.account.settings.versions {
            r.value = Some(UpdateInfo {
                version: "1.6.58".into(),
                url: String::new(),
                os: (*p).into(),
            });
        }
        st
    }

    fn empty() -> AppState {
        let mut st = super::loaded(Lang::Zh);
        st.account.medals.list.value = Some(Vec::new());
        st.account.coins.list.pages = 1;
        st.account.coins.list.complete = true;
        st.account.coins.list.total = Some(0);
        st.account.discover.categories.value = Some(vec!["精选".into()]);
        st.account.discover.groups.category = "精选".into();
        st.account.discover.groups.list.pages = 1;
        st.account.discover.groups.list.complete = true;
        st.account.discover.bots.value = Some(Vec::new());
        st
    }

    fn failed() -> AppState {
        let mut st = super::loaded(Lang::Zh);
        st.account.medals.list.error = Some(failure());
        st.account.coins.list.error = Some((1, failure()));
        st.account.discover.categories.error = Some(failure());
        st.account.discover.groups.category = "精选".into();
        st.account.discover.groups.list.error = Some((1, failure()));
        st.account.discover.bots.error = Some(failure());
        st.account.settings.distribution.error = Some(failure());
        st.account.settings.grey.error = Some(failure());
        st.account.settings.notification.error = Some(failure());
        st.account.settings.modules.error = Some(ApiError::Api {
            code: -1,
            msg: "功能仅限VIP用户使用".into(),
        });
        st.account.settings.limits.error = Some(failure());
        for (_, r) in &mut st.account.settings.versions {
            r.error = Some(failure());
        }
        st
    }

    #[test]
    fn every_pane_loaded_empty_and_failed() {
        for (name, make) in [
            ("loaded", loaded as fn() -> AppState),
            ("empty", empty),
            ("failed", failed),
        ] {
            for tab in [Tab::Medals, Tab::Coins, Tab::Discover, Tab::Settings] {
                let mut st = make();
                st.tab = tab;
                for (w, h) in SIZES {
                    st.size = (w, h);
                    insta::assert_snapshot!(format!("{tab:?}_{name}_{w}x{h}"), render(&st, w, h));
                }
            }
        }
    }

    #[test]
    fn bots_group_detail_and_search() {
        let mut st = loaded();
        st.tab = Tab::Discover;
        st.account.discover.show_bots = true;
        insta::assert_snapshot!("discover_bots_80x24", render(&st, 80, 24));
        st.account.discover.show_bots = false;
        st.account.popup = Some(yunhu_tui::app::state::Popup::Group(1));
        insta::assert_snapshot!("discover_group_detail_80x24", render(&st, 80, 24));
        st.account.popup = None;
        st.account.discover.search = Some(yunhu_tui::app::discover::SearchBox {
            input: tui_input::Input::new("摄影".into()),
            due: None,
        });
        insta::assert_snapshot!("discover_search_120x40", render(&st, 120, 40));
    }

    #[test]
    fn too_small() {
        let st = loaded();
        insta::assert_snapshot!("too_small_59x20", render(&st, 59, 20));
        insta::assert_snapshot!("too_small_100x15", render(&st, 100, 15));
    }
}
