//! A chaoqer account's stored view, headless, against the embedded chaoqer demo gateway:
//! each fresh answer is kept in the account's store, a second start shows every pane from
//! it (with its age) before the gateway answers, `--offline` sends nothing, and a refresh
//! that fails keeps the stored view with the offline badge.

use yunhu_tui::app::stored::freshness;
use yunhu_tui::i18n::Lang;

use crate::harness::Harness;

#[tokio::test]
async fn a_second_start_shows_the_stored_panes_until_the_gateway_answers() {
    let mut h = Harness::chaoqer_with_store(Lang::En).await;
    // The inbox is read when first opened (Q10 marks what it returns as read).
    h.press('2');
    h.idle().await;
    let fresh = h.state.account.chaoqer.clone();
    let nickname = fresh
        .profile
        .value
        .as_ref()
        .expect("profile")
        .nickname
        .clone();
    assert!(!fresh.messages.items.is_empty() && !fresh.clubs.items.is_empty());
    assert!(fresh.unread.is_some());
    h.restart_own(false).await;
    // Five minutes later, before the gateway answers: every pane from the store.
    h.state.now_ms = yunhu_tui::store::now_ms() + 5 * 60 * 1000;
    let cq = &h.state.account.chaoqer;
    assert_eq!(
        cq.profile.value.as_ref().map(|p| &p.nickname),
        Some(&nickname)
    );
    assert!(cq.profile.stored_at.is_some());
    assert_eq!(cq.messages.items, fresh.messages.items);
    assert_eq!(cq.unread, fresh.unread, "the unread total beside the inbox");
    assert_eq!(cq.blacklist.items, fresh.blacklist.items);
    assert_eq!(cq.cards.items, fresh.cards.items);
    assert_eq!(cq.clubs.items, fresh.clubs.items);
    assert_eq!(cq.events.items, fresh.events.items);
    assert!(cq.versions.value.is_some() && cq.versions.stored_at.is_some());
    assert!(
        !cq.messages.has_more(),
        "nothing is paged from the stored view"
    );
    let (word, alarm) = freshness(&h.state).expect("the header says how old");
    assert!(word.contains("5 min ago") && !alarm, "{word}");
    // The gateway's answers replace them (the inbox when it is opened), and the age goes.
    h.send_first_requests();
    h.press('2');
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert!(cq.profile.stored_at.is_none() && cq.messages.stored_at.is_none());
    assert!(cq.clubs.stored_at.is_none() && cq.events.stored_at.is_none());
    assert_eq!(freshness(&h.state), None);
}

#[tokio::test]
async fn offline_sends_nothing_and_a_failed_refresh_keeps_the_stored_view() {
    let mut h = Harness::chaoqer_with_store(Lang::En).await;
    let clubs = h.state.account.chaoqer.clubs.items.clone();
    // --offline: the store only, and a reload sends nothing either.
    h.restart_own(true).await;
    let sent = h.sent.len();
    h.press('r');
    h.press('5');
    h.press('r');
    assert_eq!(h.sent.len(), sent, "nothing sent offline");
    let name = (clubs[0].club_result.as_ref()).map_or(String::new(), |c| c.name.clone());
    let screen = h.screen(100, 30);
    assert!(
        !name.is_empty() && screen.contains("offline") && screen.contains(&name),
        "{screen}"
    );
    assert_eq!(h.state.account.chaoqer.clubs.items, clubs);
    let (word, alarm) = freshness(&h.state).expect("offline");
    assert!(word.starts_with("offline") && alarm, "{word}");
    // Online, with the gateway gone: the stored view stays, marked offline.
    h.restart_own(false).await;
    h.cq_demo = None;
    h.send_first_requests();
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert_eq!(cq.clubs.items, clubs, "what was stored stays");
    assert!(cq.clubs.stored_at.is_some() && cq.clubs.error.is_some());
    let (word, alarm) = freshness(&h.state).expect("offline");
    assert!(word.starts_with("offline") && alarm, "{word}");
}
