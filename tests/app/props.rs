//! Property tests: arbitrary bytes and arbitrary JSON into every decoder and the envelope
//! sniffing, arbitrary key, mouse, paste and resize sequences into `update` and the
//! renderer, on every screen. Nothing may panic, ever.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use serde_json::Value;
use yunhu_tui::api::model::{
    Captcha, CoinPage, Distribution, ModuleIgnore, Notification, ServiceSetting, ShowAdv, UserData,
};
use yunhu_tui::api::{body_excerpt, decode_json_data, decode_json_ok, decode_proto};
use yunhu_tui::app::action::Action;
use yunhu_tui::app::state::{Screen, Tab};
use yunhu_tui::app::update::update;
use yunhu_tui::proto::{GetSelfMedal, GetUserResponse, StatusResponse, UserInfo};

fn every_decoder(bytes: &[u8]) {
    let _ = decode_proto::<UserInfo>(bytes);
    let _ = decode_proto::<GetUserResponse>(bytes);
    let _ = decode_proto::<GetSelfMedal>(bytes);
    let _ = decode_proto::<StatusResponse>(bytes);
    let _ = decode_json_ok(bytes);
    let _ = decode_json_data::<CoinPage>(bytes);
    let _ = decode_json_data::<UserData>(bytes);
    let _ = decode_json_data::<Captcha>(bytes).map(|c| c.png_bytes());
    let _ = decode_json_data::<Distribution>(bytes);
    let _ = decode_json_data::<Notification>(bytes);
    let _ = decode_json_data::<ModuleIgnore>(bytes).map(|m| m.modules());
    let _ = decode_json_data::<ServiceSetting>(bytes);
    let _ = decode_json_data::<ShowAdv>(bytes);
    let _ = decode_json_data::<Vec<yunhu_tui::api::model::Group>>(bytes);
    let _ = decode_json_data::<Vec<yunhu_tui::api::model::Bot>>(bytes);
    let _ = body_excerpt(bytes, 40);
    let _ = yunhu_tui::api::rss::parse_update_feed(&String::from_utf8_lossy(bytes));
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[\\PC]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("1"),
            Just("-101"),
            Just("12.5"),
            Just(""),
            Just("9999999999999999999999")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("code".to_owned()),
            Just("msg".to_owned()),
            Just("data".to_owned()),
            Just("goldCoinRecord".to_owned()),
            Just("total".to_owned()),
            Just("afterAmount".to_owned()),
            Just("createTime".to_owned()),
            Just("groupList".to_owned()),
            Just("botList".to_owned()),
            Just("headcount".to_owned()),
            Just("b64s".to_owned()),
            Just("ignore".to_owned()),
            "[a-zA-Z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_a_decoder(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        every_decoder(&bytes);
    }

    #[test]
    fn bytes_that_look_like_json_never_panic(ws in "[ \t\r\n]{0,3}", body in "[\\PC]{0,80}") {
        every_decoder(format!("{ws}{{{body}").as_bytes());
    }

    #[test]
    fn arbitrary_json_in_an_envelope_never_panics(code in prop_oneof![Just(1i64), Just(-101), Just(-1), any::<i64>()], data in json_value()) {
        let body = serde_json::json!({"code": code, "msg": "x", "data": data}).to_string();
        every_decoder(body.as_bytes());
        every_decoder(data.to_string().as_bytes());
        // A −101 envelope is always "not logged in", on protobuf endpoints too.
        if code == -101 {
            prop_assert!(decode_proto::<UserInfo>(body.as_bytes()).unwrap_err().is_not_logged_in());
        }
    }
}

fn key_strategy() -> impl Strategy<Value = Action> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', 'q', 'e', 'r', 'f', '/', 'v', 'c', 'L', '1', '2', '3', '4', '5',
            'y', 'n', '?', ' ', '云', '湖'
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::F(1),
        ]),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL,
    ]);
    let mouse = (
        0u16..300,
        0u16..100,
        prop::sample::select(vec![
            MouseEventKind::Down(MouseButton::Left),
            MouseEventKind::ScrollDown,
            MouseEventKind::ScrollUp,
        ]),
    )
        .prop_map(|(column, row, kind)| {
            Action::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        });
    prop_oneof![
        8 => (code, mods).prop_filter("Ctrl-Z suspends the real terminal", |(c, m)| !(*c == KeyCode::Char('z') && m.contains(KeyModifiers::CONTROL)))
            .prop_map(|(c, m)| Action::Key(KeyEvent::new(c, m))),
        1 => mouse,
        1 => "[\\PC]{0,20}".prop_map(Action::Paste),
        1 => (0u16..300, 0u16..120).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => Just(Action::Tick),
        1 => Just(Action::Deadline),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_input_never_panics_update_or_render(
        start in prop::sample::select(vec![0usize, 1, 2, 3, 4, 5]),
        actions in prop::collection::vec(key_strategy(), 1..60),
        (w, h) in (1u16..200, 1u16..70),
    ) {
        let mut st = crate::snapshots::loaded_everything();
        match start {
            0 => st.account.screen = Screen::Login,
            n => st.tab = Tab::from_index(n - 1),
        }
        for action in actions {
            let _ = update(&mut st, action);
            let _ = crate::harness::render(&st, w, h);
        }
        let (sw, sh) = (st.size.0.clamp(1, 300), st.size.1.clamp(1, 120));
        let _ = crate::harness::render(&st, sw, sh);
    }
}
