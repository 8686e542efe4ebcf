//! `cargo bench --bench dashboard`: rendering every pane with large data loaded, decoding,
//! and `update` under a burst of keys. Rendering must cost in proportion to the visible rows:
//! each pane is measured with 1 000 and with 100 000 coin records (10 000 groups) loaded.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use yunhu_tui::api::model::{CoinPage, CoinRecord, Group, UserData};
use yunhu_tui::api::{decode_json_data, decode_proto};
use yunhu_tui::app::action::Action;
use yunhu_tui::app::keymap::Keymap;
use yunhu_tui::app::state::{AppState, Look, Screen, Tab};
use yunhu_tui::app::update::update;
use yunhu_tui::i18n::Lang;
use yunhu_tui::proto::{
    GetUserResponse, MedalInfo, UserInfo, VipStatus, get_user_response, user_info,
};
use yunhu_tui::settings::{PageSizes, ThemeName};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

// The spec's vectors (../shared/spec/wire-vectors.md).
const USER_INFO: &str = "0a0f08d2fe0610011a0773756363657373127c0a07373035383236321212e4ba91e6b996e6b58be8af95e794a8e688b7222168747470733a2f2f636861742d696d672e6a777a6e622e636f6d2f61762e706e67282a320b31333830303133383030303a1064656d6f406578616d706c652e636f6d41e17a14ae47814c4048015080f2d6ca0658016206594832303235";
const GET_USER: &str = "0a0f08d2fe0610011a077375636365737312c0010a07373035383236321212e4ba91e6b996e6b58be8af95e794a8e688b71801222168747470733a2f2f636861742d696d672e6a777a6e622e636f6d2f61762e706e6732120803120ce697a9e69c9fe794a8e688b7280a3a13323032312d31322d31362031323a30303a323658b009602368017080f2d6ca0678019a013a0a06e5889ae5889a120fe4bda0e5a5bdefbc8ce4b896e7958c18032080a6b3c3032a0ce58c97e4baace59f8ee58cba3209e4b89ce59f8ee58cbaa20106e4b8ade59bbd";

fn records(n: usize) -> Vec<CoinRecord> {
    let mut balance = 100.0;
    let mut out: Vec<CoinRecord> = (0..n)
        .map(|i| {
            let change = if i % 3 == 0 { -2.0 } else { 1.5 };
            let r = CoinRecord {
                id: i as i64,
                user_id: "7058262".into(),
                typ: 1,
                before_amount: balance,
                after_amount: balance + change,
                change_amount: change,
                reason: if change < 0.0 {
                    "抽奖消耗".into()
                } else {
                    "每日签到".into()
                },
                remark: String::new(),
                create_time: 1_600_000_000 + i as i64 * 600,
            };
            balance += change;
            r
        })
        .collect();
    out.reverse();
    out
}

fn groups(n: usize) -> Vec<Group> {
    (0..n)
        .map(|i| Group {
            chat_id: format!("{:09}", i),
            nickname: format!("测试群聊 {i}"),
            introduction: "每周日晚上 8 点固定分享会，轮流主持。禁止搬运他人作品不注明出处。欢迎分享你的作品和心得。".into(),
            headcount: i as i64,
            create_time: 1_600_000_000,
            ..Default::default()
        })
        .collect()
}

fn state(coins: usize, group_count: usize) -> AppState {
    let look = Look {
        theme: ThemeName::Dark,
        no_color: false,
    };
    let mut st = AppState::new(
        Lang::Zh,
        look,
        Keymap::default(),
        PageSizes::default(),
        "http://x".into(),
    );
    st.account.screen = Screen::Main;
    st.account.profile.info.value = Some(user_info::Data {
        id: "7058262".into(),
        name: "云湖测试用户".into(),
        coin: 357.01,
        is_vip: true,
        vip_status: VipStatus::Active as i32,
        vip_expired_timestamp: 1_798_646_400,
        phone: "13800138000".into(),
        email: "demo@yhchat.example".into(),
        avatar_url: "https://chat-img.jwznb.com/bench.png".into(),
        ..Default::default()
    });
    // The avatar is there (half blocks): the Profile is drawn with its picture.
    let png = yunhu_tui::demo::identicon::identicon_png("bench.png");
    let picture = yunhu_tui::api::picture::picture_from_bytes(&png).expect("a picture");
    st.pictures.put(
        "https://chat-img.jwznb.com/bench.png",
        yunhu_tui::app::pictures::PictureState::Ready(picture),
    );
    st.account.profile.own.value = Some(get_user_response::Data {
        register_time: "2021-12-16 12:00:26".into(),
        ..Default::default()
    });
    st.account.profile.user_data.value = Some(UserData {
        introduction: "深圳打工人，白天写后端，晚上折腾 Rust。".repeat(3),
        ..Default::default()
    });
    st.account.medals.list.value = Some(
        (0..14)
            .map(|i| MedalInfo {
                id: i,
                name: format!("勋章{i}"),
                sort: i,
            })
            .collect(),
    );
    st.account.coins.load_records(records(coins));
    st.account.coins.list.pages = (coins / 100) as u32;
    st.account.coins.list.total = Some(coins as i64);
    st.account.coins.list.complete = true;
    st.account.discover.categories.value = Some(vec!["精选".into(), "地区".into()]);
    st.account.discover.groups.category = "精选".into();
    st.account.discover.groups.list.items = groups(group_count);
    st.account.discover.groups.list.complete = true;
    st
}

fn render_panes(c: &mut Criterion) {
    for (label, coins, group_count) in [("1k", 1_000, 1_000), ("100k", 100_000, 10_000)] {
        let mut st = state(coins, group_count);
        // Stand in the middle of the lists, where a window has to be found.
        st.account.coins.cursor.set(coins / 2, coins, 20);
        st.account
            .discover
            .groups
            .cursor
            .set(group_count / 2, group_count, 10);
        for (w, h) in [(120u16, 40u16), (250, 70)] {
            st.size = (w, h);
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
            for tab in Tab::ALL {
                st.tab = tab;
                c.bench_function(&format!("render/{tab:?}/{w}x{h}/{label}"), |b| {
                    b.iter(|| {
                        // A fresh back buffer each time, so every cell is drawn and diffed.
                        terminal.swap_buffers();
                        terminal
                            .draw(|f| yunhu_tui::ui::render(black_box(&st), f))
                            .expect("draw");
                    })
                });
            }
        }
    }
}

/// A chaoqer account with every list full (10 000 messages, the most a list keeps; 1 000 of
/// the others), as the gateway's JSON would have it.
fn chaoqer_state() -> AppState {
    use serde_json::{from_value, json};
    let mut st = state(1_000, 1_000);
    st.account.service = yunhu_tui::service::Service::Chaoqer;
    let uid = |i: usize| format!("{i:032x}");
    let profile = |i: usize| {
        json!({"uid": uid(i), "nickname": format!("超圈用户{i}"), "avatar": "",
               "bio": "周末在杭州徒步，平时写代码。", "blocked": 0, "cardTotal": i, "allowLive": 0})
    };
    let cq = &mut st.account.chaoqer;
    cq.profile.value = Some(from_value(profile(0)).expect("bench data"));
    let users = |n: usize| -> Vec<_> {
        (0..n)
            .map(|i| {
                from_value(json!({"uid": uid(i), "sequenceId": format!("{i}"),
                    "createTime": 1_700_000_000_000i64 + i as i64, "userProfileResult": profile(i)}))
                .expect("bench data")
            })
            .collect()
    };
    cq.messages.items = (0..10_000)
        .map(|i: i64| {
            from_value(json!({"messageId": i, "sequenceId": format!("{i}"),
                "userMessageResult": {"uid": uid(0), "messageId": i, "originUid": uid(1),
                "originPushType": 2, "messageType": 1, "unread": i % 3,
                "messageBody": {"title": "你收到了一张名片", "content": "小满给了你一张名片",
                                "url": format!("chaoqer://profile/{}", uid(1))},
                "createTime": 1_700_000_000_000i64 + i}}))
            .expect("bench data")
        })
        .collect();
    cq.blacklist.items = users(1_000);
    cq.cards.items = users(1_000);
    cq.clubs.items = (0..1_000)
        .map(|i| {
            from_value(
                json!({"clubId": uid(i), "sequenceId": format!("{i}"), "createTime": 1,
                "clubResult": {"clubId": uid(i), "uid": uid(0), "name": format!("圈子{i}"),
                "cover": "", "memberTotal": i, "joined": 1}}),
            )
            .expect("bench data")
        })
        .collect();
    cq.events.items = (0..1_000)
        .map(|i| {
            from_value(
                json!({"eventId": uid(i), "sequenceId": format!("{i}"), "eventTime": 1,
                "eventResult": {"eventId": uid(i), "name": format!("活动{i}"),
                "eventTime": 1_700_000_000_000i64 + i as i64 * 3_600_000,
                "eventTimeStatus": 0, "memberUidList": [uid(0)], "notify": i % 2}}),
            )
            .expect("bench data")
        })
        .collect();
    for (list_len, selected) in [
        (cq.messages.items.len(), &mut cq.messages.selected),
        (cq.blacklist.items.len(), &mut cq.blacklist.selected),
        (cq.cards.items.len(), &mut cq.cards.selected),
        (cq.clubs.items.len(), &mut cq.clubs.selected),
        (cq.events.items.len(), &mut cq.events.selected),
    ] {
        // Stand in the middle of each list, where a window has to be found.
        *selected = list_len / 2;
    }
    cq.messages.loaded = true;
    cq.blacklist.loaded = true;
    cq.cards.loaded = true;
    cq.clubs.loaded = true;
    cq.events.loaded = true;
    st
}

/// A SealTalk account with 2 000 friends, groups and blocked users (its lists come whole:
/// T-endpoints have no paging), as the server's JSON would have them.
fn sealtalk_state() -> AppState {
    use serde_json::{from_value, json};
    let mut st = state(1_000, 1_000);
    st.account.service = yunhu_tui::service::Service::Sealtalk;
    let n = 2_000;
    let user = |i: usize| {
        json!({"id": format!("u{i}"), "nickname": format!("好友{i}"), "region": "86",
               "phone": format!("138{i:08}"), "portraitUri": "", "gender": "female",
               "stAccount": format!("st_{i}")})
    };
    let sta = &mut st.account.sealtalk;
    sta.profile.value = Some(from_value(user(0)).expect("bench data"));
    sta.friends.value = Some(
        (0..n)
            .map(|i| {
                from_value(json!({"displayName": "", "message": "", "status": 20,
                    "updatedAt": "", "user": user(i), "updatedTime": 1}))
                .expect("bench data")
            })
            .collect(),
    );
    sta.blacklist.value = Some(
        (0..n)
            .map(|i| from_value(user(i)).expect("bench data"))
            .collect(),
    );
    sta.groups.value = Some(
        (0..n)
            .map(|i| yunhu_tui::api::sealtalk::model::GroupMembership {
                role: None,
                group: from_value(json!({"id": format!("g{i}"), "name": format!("群组{i}"),
                    "memberCount": i, "maxMemberCount": 3000, "creatorId": "u0"}))
                .expect("bench data"),
            })
            .collect(),
    );
    // Stand in the middle of each list, where a window has to be found.
    sta.friends_list.cursor = n / 2;
    sta.groups_list.cursor = n / 2;
    sta.blacklist_list.cursor = n / 2;
    st
}

/// chaoqer's and SealTalk's panes with full lists, at both sizes (the render target holds
/// for every service).
fn render_other_services(c: &mut Criterion) {
    for (name, mut st) in [("chaoqer", chaoqer_state()), ("sealtalk", sealtalk_state())] {
        for (w, h) in [(120u16, 40u16), (250, 70)] {
            st.size = (w, h);
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
            for tab in Tab::of(st.account.service) {
                st.tab = *tab;
                c.bench_function(&format!("render/{name}/{tab:?}/{w}x{h}"), |b| {
                    b.iter(|| {
                        terminal.swap_buffers();
                        terminal
                            .draw(|f| yunhu_tui::ui::render(black_box(&st), f))
                            .expect("draw");
                    })
                });
            }
        }
    }
}

fn decoding(c: &mut Criterion) {
    let get_user = hex(GET_USER);
    let info = hex(USER_INFO);
    c.bench_function("decode/protobuf/GetUserResponse", |b| {
        b.iter(|| decode_proto::<GetUserResponse>(black_box(&get_user)))
    });
    c.bench_function("decode/protobuf/UserInfo", |b| {
        b.iter(|| decode_proto::<UserInfo>(black_box(&info)))
    });
    let page: Vec<serde_json::Value> = (0..100)
        .map(|i| {
            serde_json::json!({"id": 193275 + i, "userId": "7058262", "typ": 8, "beforeAmount": 55.01, "afterAmount": 57.01,
                "changeAmount": 2, "reason": "抽奖金币", "remark": "双十一活动", "createTime": 1754669040 + i})
        })
        .collect();
    let body = serde_json::json!({"code": 1, "msg": "success", "data": {"goldCoinRecord": page, "total": 243}}).to_string();
    c.bench_function("decode/json/coin-page-100", |b| {
        b.iter(|| decode_json_data::<CoinPage>(black_box(body.as_bytes())))
    });
}

fn key_burst(c: &mut Criterion) {
    let keys: Vec<Action> = "jjjjkkGgjjf1234512345jjjj\tjjkkll"
        .chars()
        .cycle()
        .take(1000)
        .map(|ch| {
            let code = if ch == '\t' {
                KeyCode::Tab
            } else {
                KeyCode::Char(ch)
            };
            Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
        })
        .collect();
    c.bench_function("update/1000-keys", |b| {
        b.iter_batched(
            || (state(1_000, 1_000), keys.clone()),
            |(mut st, keys)| {
                for k in keys {
                    black_box(update(&mut st, k));
                }
            },
            BatchSize::LargeInput,
        )
    });
}

/// A 1 MB bracketed paste into a text field (issue 8 item 4: it used to take minutes, one
/// character at a time; the target is under 50 ms). The field keeps its limit.
fn paste_megabyte(c: &mut Criterion) {
    let text = "长".repeat(1 << 20);
    c.bench_function("update/paste-1MB", |b| {
        b.iter_batched(
            || {
                let mut st = state(1_000, 1_000);
                st.account.screen = Screen::Login;
                (st, text.clone())
            },
            |(mut st, text)| black_box(update(&mut st, Action::Paste(text))),
            BatchSize::LargeInput,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = render_panes, render_other_services, decoding, key_burst, paste_megabyte
}
criterion_main!(benches);
