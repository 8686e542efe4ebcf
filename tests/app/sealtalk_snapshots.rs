//! A SealTalk account's screens as text snapshots, from the deterministic SealTalk demo
//! server: each pane at 80×24 and 120×40, the login screen, forms and questions, in English
//! and (where words matter) Chinese.

use crossterm::event::KeyCode;
use yunhu_tui::i18n::Lang;

use crate::harness::Harness;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const PANES: [(char, &str); 6] = [
    ('1', "profile"),
    ('2', "friends"),
    ('3', "groups"),
    ('4', "blacklist"),
    ('5', "screen_capture"),
    ('6', "about"),
];

#[tokio::test]
async fn each_pane_in_english() {
    let mut h = Harness::sealtalk(Lang::En).await;
    for (key, name) in PANES {
        h.press(key);
        for (w, hgt) in SIZES {
            insta::assert_snapshot!(format!("st_{name}_en_{w}x{hgt}"), h.screen(w, hgt));
        }
    }
}

#[tokio::test]
async fn each_pane_in_chinese() {
    let mut h = Harness::sealtalk(Lang::Zh).await;
    for (key, name) in PANES {
        h.press(key);
        insta::assert_snapshot!(format!("st_{name}_zh_80x24"), h.screen(80, 24));
    }
}

#[tokio::test]
async fn the_login_screen() {
    for lang in [Lang::En, Lang::Zh] {
        let mut h = Harness::sealtalk_logged_out(lang).await;
        // The demo's port changes from run to run: the server line is not snapshotted.
        h.state.account.server = "http://127.0.0.1:PORT".into();
        h.type_text("13900000001");
        insta::assert_snapshot!(format!("st_login_{lang:?}_80x24"), h.screen(80, 24));
        insta::assert_snapshot!(format!("st_login_{lang:?}_60x16"), h.screen(60, 16));
    }
}

#[tokio::test]
async fn forms_and_questions() {
    let mut h = Harness::sealtalk(Lang::En).await;
    h.press('e');
    h.replace_field("海星😀");
    h.key(KeyCode::Enter);
    for (w, hgt) in SIZES {
        insta::assert_snapshot!(format!("st_edit_refused_{w}x{hgt}"), h.screen(w, hgt));
    }
    h.key(KeyCode::Esc);
    h.press('y');
    h.press('p');
    h.type_text("x");
    insta::assert_snapshot!("st_password_80x24", h.screen(80, 24));
    h.key(KeyCode::Esc);
    h.press('y');
    h.press('4');
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("st_confirm_unblock_80x24", h.screen(80, 24));
    h.press('n');
    h.press('5');
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("st_confirm_capture_80x24", h.screen(80, 24));
    insta::assert_snapshot!("st_confirm_capture_60x16", h.screen(60, 16));
}
