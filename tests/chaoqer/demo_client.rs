//! The client against the demo gateway, every endpoint once at least: what the dashboard
//! and the CLI will do with a demo account.

use std::time::Duration;

use yunhu_tui::api::chaoqer::model::{DeepLink, Feedback, ImageDir, Platform};
use yunhu_tui::api::chaoqer::paging::all_pages;
use yunhu_tui::demo::chaoqer::{ChaoqerDemoServer, DEMO_NICKNAME};

use super::demo_quirks::logged_in;

/// Lets the duplicate window pass between writes that could look identical.
async fn pause() {
    tokio::time::sleep(Duration::from_millis(550)).await;
}

#[tokio::test]
async fn profile_read_edit_and_other_users() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let login = demo.login();
    let (client, session) = logged_in(&demo, &login.mobile).await;
    assert_eq!(session.uid, login.uid);
    let me = client.own_profile().await.unwrap();
    assert_eq!(me.nickname, DEMO_NICKNAME);
    assert!(me.bio.is_some());
    assert_eq!(me.card_total, 2);
    let edited = client
        .edit_profile("新名字", &me.avatar, Some("第一行\n第二行 🙂"))
        .await
        .unwrap();
    assert_eq!(edited.nickname, "新名字");
    assert_eq!(edited.bio.as_deref(), Some("第一行\n第二行 🙂"));
    assert_eq!(client.own_profile().await.unwrap().nickname, "新名字");
    // Leaving the bio out deletes it (Q5).
    let no_bio = client
        .edit_profile("新名字", &me.avatar, None)
        .await
        .unwrap();
    assert_eq!(no_bio.bio, None);
    // Another user's profile, with the viewer flags.
    let cards = client.cards(10, None).await.unwrap();
    let daoyuan = cards
        .list
        .iter()
        .filter_map(|c| c.user_profile_result.as_ref())
        .find(|p| p.nickname == "道源")
        .unwrap();
    let profile = client.profile(&daoyuan.uid).await.unwrap();
    assert!(profile.send_card, "the demo account sent 道源 its card");
    assert!(profile.allow_live);
    assert_eq!(
        client
            .profile("0123456789abcdef0123456789abcdef")
            .await
            .unwrap_err()
            .error_code(),
        Some(200002)
    );
}

#[tokio::test]
async fn block_list_block_and_unblock() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, session) = logged_in(&demo, &demo.login().mobile).await;
    let blocked = client.blocked(10, None).await.unwrap();
    let names: Vec<&str> = blocked
        .list
        .iter()
        .map(|e| e.user_profile_result.as_ref().unwrap().nickname.as_str())
        .collect();
    assert_eq!(names, ["阿青", "Tony"], "newest first");
    assert!(
        blocked
            .list
            .iter()
            .all(|e| e.user_profile_result.as_ref().unwrap().blocked)
    );
    let tony = blocked.list[1].uid.clone();
    assert_eq!(client.unblock(&tony).await.unwrap(), "解除屏蔽成功");
    assert_eq!(client.blocked(10, None).await.unwrap().list.len(), 1);
    assert_eq!(client.block(&tony).await.unwrap(), "屏蔽成功");
    assert_eq!(client.blocked(10, None).await.unwrap().list[0].uid, tony);
    let err = client.block(&session.uid).await.unwrap_err();
    assert_eq!(err.server_message(), Some("无法屏蔽自己"));
}

#[tokio::test]
async fn messages_all_pages_and_deep_links() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, _) = logged_in(&demo, &demo.login().mobile).await;
    let all = all_pages(20, |last| {
        let client = client.clone();
        async move { client.messages(20, last.as_deref()).await }
    })
    .await
    .unwrap();
    assert_eq!(all.len(), 45);
    let ids: Vec<i64> = all.iter().map(|m| m.message_id).collect();
    let mut sorted = ids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted, "newest first, no repeats or gaps");
    sorted.dedup();
    assert_eq!(sorted.len(), 45);
    let links: Vec<DeepLink> = all
        .iter()
        .filter_map(|m| m.user_message_result.as_ref()?.link())
        .collect();
    assert!(links.iter().any(|l| matches!(l, DeepLink::Profile(_))));
    assert!(links.iter().any(|l| matches!(l, DeepLink::Event(_))));
    assert!(links.iter().any(|l| matches!(l, DeepLink::Room(_))));
    // The event link leads to a real event.
    let event = links
        .iter()
        .find_map(|l| match l {
            DeepLink::Event(id) => Some(id.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(client.event(&event).await.unwrap().name, "独立开发者分享会");
    assert!(all.iter().any(|m| {
        m.user_message_result
            .as_ref()
            .is_some_and(|r| r.sender().is_none())
    }));
}

#[tokio::test]
async fn cards_send_and_the_first_card_messages_the_recipient() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, _) = logged_in(&demo, &demo.login().mobile).await;
    let cards = client.cards(1, None).await.unwrap();
    assert_eq!(cards.list.len(), 1);
    let rest = client.cards(1, cards.next(1).as_deref()).await.unwrap();
    assert_eq!(rest.list.len(), 1);
    assert_ne!(rest.list[0].uid, cards.list[0].uid);
    let xiaoman = cards.list[0].uid.clone();
    let before = client.profile(&xiaoman).await.unwrap();
    assert!(!before.send_card);
    assert_eq!(
        client.send_card(&xiaoman).await.unwrap(),
        "你给了对方一张自己的名片"
    );
    let after = client.profile(&xiaoman).await.unwrap();
    assert!(after.send_card);
    assert_eq!(after.card_total, before.card_total + 1);
    pause().await;
    assert_eq!(client.delete_card(&xiaoman).await.unwrap(), "删除成功");
}

#[tokio::test]
async fn clubs_details_members_join_and_leave() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, _) = logged_in(&demo, &demo.login().mobile).await;
    let clubs = all_pages(3, |last| {
        let client = client.clone();
        async move { client.clubs(3, last.as_deref()).await }
    })
    .await
    .unwrap();
    assert_eq!(clubs.len(), 7);
    let photo = clubs
        .iter()
        .filter_map(|c| c.club_result.as_ref())
        .find(|c| c.name == "摄影爱好者")
        .unwrap()
        .clone();
    assert_eq!(photo.member_total, 24);
    let details = client.club(&photo.club_id).await.unwrap();
    assert!(details.joined);
    let members = all_pages(10, |last| {
        let client = client.clone();
        let club = photo.club_id.clone();
        async move { client.club_members(&club, 10, last.as_deref()).await }
    })
    .await
    .unwrap();
    assert_eq!(members.len(), 24);
    // Leave, then join again: Q18 answers joined 0, Q16 knows better.
    assert_eq!(client.leave_club(&photo.club_id).await.unwrap(), "Success");
    assert!(!client.club(&photo.club_id).await.unwrap().joined);
    let joined = client.join_club(&photo.club_id).await.unwrap();
    assert!(!joined.joined);
    assert_eq!(joined.member_total, 24);
    assert!(client.club(&photo.club_id).await.unwrap().joined);
}

#[tokio::test]
async fn events_versions_feedback_upload_and_logout() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (mut client, _) = logged_in(&demo, &demo.login().mobile).await;
    let events = client.events(20, None).await.unwrap();
    assert_eq!(events.list.len(), 6);
    let first = &events.list[0];
    assert_eq!(
        client.event(&first.event_id).await.unwrap().event_id,
        first.event_id
    );
    for platform in [Platform::Ios, Platform::Android] {
        let version = client.latest_version(platform).await.unwrap().unwrap();
        assert_eq!(version.version_name, "0.2.4");
        assert!(version.forced_upgrade);
        assert_eq!(version.client_type, i64::from(platform.client_type()));
    }
    let slot = client.upload_slot(ImageDir::Feedback).await.unwrap();
    let url = client
        .upload_jpeg(&slot, vec![0xff, 0xd8, 0xff])
        .await
        .unwrap();
    assert_eq!(
        client
            .feedback(&Feedback {
                content: "希望支持深色模式".into(),
                images: vec![url.clone()],
            })
            .await
            .unwrap(),
        "反馈成功"
    );
    let stored = demo.feedback();
    assert_eq!(stored[0]["images"][0], url.as_str());
    assert_eq!(stored[0]["clientType"], 0);
    assert_eq!(client.logout().await.unwrap(), "退出成功");
    assert!(client.session().is_none());
    // The logged-out pair stops working at once.
    pause().await;
    let (_, session) = logged_in(&demo, &demo.login().mobile).await;
    let stale = yunhu_tui::api::chaoqer::ChaoqerClient::new(demo.client_config())
        .unwrap()
        .with_session(yunhu_tui::api::chaoqer::model::Session {
            access_token: "0".repeat(32),
            ..session
        });
    assert!(stale.unread_total().await.unwrap_err().is_logged_out());
}

#[tokio::test]
async fn an_expired_session_means_log_in_again_and_a_new_login_works() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, _) = logged_in(&demo, &demo.login().mobile).await;
    client.own_profile().await.unwrap();
    let last = demo.received().pop().unwrap();
    assert_eq!((last.method.as_str(), last.status), ("GET", 200));
    assert!(last.path.ends_with("/profile"));
    demo.expire_sessions();
    let err = client.edit_profile("新名字", "a", None).await.unwrap_err();
    assert!(err.is_logged_out(), "{err:?}");
    assert_eq!(demo.received().pop().unwrap().status, 401);
    pause().await;
    let (again, _) = logged_in(&demo, &demo.login().mobile).await;
    assert_eq!(again.own_profile().await.unwrap().nickname, DEMO_NICKNAME);
}
