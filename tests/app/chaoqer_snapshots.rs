//! A chaoqer account's screens as text snapshots, from the chaoqer demo gateway: each pane
//! at 80×24 in English and Chinese, and its forms and questions. Dates and times depend
//! on the machine's zone (and the events' on the clock): they are masked.

use crossterm::event::KeyCode;
use yunhu_tui::i18n::Lang;

use crate::harness::Harness;

const PANES: [(char, &str); 7] = [
    ('1', "profile"),
    ('2', "messages"),
    ('3', "blacklist"),
    ('4', "cards"),
    ('5', "clubs"),
    ('6', "events"),
    ('7', "about"),
];

/// `2023-12-14 22:13` (and a zone after it) as `YYYY-MM-DD hh:mm`, and the demo's port as
/// `#####`.
fn masked(screen: &str) -> String {
    let chars: Vec<char> = screen.chars().collect();
    let shape = "dddd-dd-dd dd:dd";
    let fits = |at: usize| {
        shape.chars().enumerate().all(|(i, s)| {
            chars.get(at + i).is_some_and(|c| match s {
                'd' => c.is_ascii_digit(),
                other => *c == other,
            })
        })
    };
    let mut out = String::with_capacity(screen.len());
    let mut i = 0;
    while i < chars.len() {
        if fits(i) {
            out.push_str("YYYY-MM-DD hh:mm");
            i += shape.len();
            // The zone note (` UTC`, ` UTC-5`, none in UTC+8) goes with it.
            if chars[i..].starts_with(&[' ', 'U', 'T', 'C']) {
                i += 4;
                while i < chars.len() && matches!(chars[i], '+' | '-' | ':' | '0'..='9') {
                    i += 1;
                }
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    // The demo gateway's port (its pictures are on its own CDN), 5 digits as every
    // ephemeral port: the same width, so the columns stay.
    let mut rest = out.as_str();
    let mut ported = String::with_capacity(out.len());
    while let Some(at) = rest.find("127.0.0.1:") {
        let (head, tail) = rest.split_at(at + "127.0.0.1:".len());
        ported.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        ported.push_str(&"#".repeat(digits));
        rest = &tail[digits..];
    }
    ported.push_str(rest);
    ported
}

#[tokio::test]
async fn each_pane_in_english() {
    let mut h = Harness::chaoqer(Lang::En).await;
    for (key, name) in PANES {
        h.press(key);
        h.idle().await;
        insta::assert_snapshot!(format!("cq_{name}_en_80x24"), masked(&h.screen(80, 24)));
    }
}

#[tokio::test]
async fn each_pane_in_chinese() {
    let mut h = Harness::chaoqer(Lang::Zh).await;
    for (key, name) in PANES {
        h.press(key);
        h.idle().await;
        insta::assert_snapshot!(format!("cq_{name}_zh_80x24"), masked(&h.screen(80, 24)));
    }
}

#[tokio::test]
async fn forms_and_questions() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('e');
    h.replace_field(&"字".repeat(21));
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("cq_edit_refused_80x24", masked(&h.screen(80, 24)));
    h.key(KeyCode::Esc);
    h.press('y');
    h.press('3');
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("cq_confirm_unblock_80x24", masked(&h.screen(80, 24)));
    h.press('n');
    h.press('4');
    h.press('e');
    h.type_text("xyz");
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("cq_send_card_refused_80x24", masked(&h.screen(80, 24)));
    h.key(KeyCode::Esc);
    h.press('y');
    h.press('5');
    h.key(KeyCode::Enter);
    h.idle().await;
    insta::assert_snapshot!("cq_club_details_80x24", masked(&h.screen(80, 24)));
    h.key(KeyCode::Esc);
    h.press('7');
    h.press('e');
    insta::assert_snapshot!("cq_feedback_80x24", masked(&h.screen(80, 24)));
}

#[tokio::test]
async fn a_new_account_s_profile_form() {
    let h = Harness::chaoqer_as(Lang::Zh, Some("13900000066")).await;
    insta::assert_snapshot!("cq_complete_profile_zh_80x24", masked(&h.screen(80, 24)));
}
