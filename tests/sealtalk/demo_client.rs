//! The client against the SealTalk demo server, every endpoint T1–T22 once at least.

use yunhu_tui::api::sealtalk::model::{Conversation, FriendStatus, Gender, GroupRole};
use yunhu_tui::api::sealtalk::{SealtalkClient, SealtalkError};
use yunhu_tui::demo::sealtalk::{COOKIE_NAME, DEMO_USER_ID, SealtalkDemoServer};

pub async fn logged_in() -> (SealtalkDemoServer, SealtalkClient) {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let mut client = SealtalkClient::new(demo.client_config()).unwrap();
    let login = demo.login();
    let session = client
        .login(&login.region, &login.phone, &login.password)
        .await
        .unwrap();
    assert_eq!(session.user_id, DEMO_USER_ID);
    // The demo's cookie says `Domain=im.example.com`: it is kept anyway (Q2).
    assert_eq!(session.cookie.name(), COOKIE_NAME);
    (demo, client)
}

#[tokio::test]
async fn t1_t2_t3_login_logout_ping() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let mut client = SealtalkClient::new(demo.client_config()).unwrap();
    client.ping().await.unwrap();
    let wrong = client.login("86", "13900000001", "nope").await.unwrap_err();
    assert_eq!(wrong.to_string(), "wrong phone number or password");
    let unknown = client.login("86", "13900000099", "x").await.unwrap_err();
    assert_eq!(unknown.to_string(), "wrong phone number or password");
    // Q19: a typed `+86` is sent as `86`.
    let session = client
        .login("+86", "13900000001", "P@ssw0rd")
        .await
        .unwrap();
    assert!(client.cookie().is_some());
    assert!(!format!("{session:?}{client:?}").contains(session.cookie.value()));
    let kept = session.cookie.clone();
    client.logout().await.unwrap();
    assert!(client.cookie().is_none() && client.user_id().is_none());
    assert!(client.friendships().await.unwrap_err().is_not_logged_in());
    // Q4: the server revoked nothing; the old cookie still works.
    let again = SealtalkClient::new(demo.client_config())
        .unwrap()
        .with_session(kept, DEMO_USER_ID);
    assert!(!again.friendships().await.unwrap().is_empty());
}

#[tokio::test]
async fn t4_to_t10_the_profile_and_its_edits() {
    let (_demo, client) = logged_in().await;
    let me = client.own_profile().await.unwrap();
    assert_eq!(
        (
            me.nickname.as_str(),
            me.gender.as_str(),
            me.st_account.as_str(),
            me.phone.as_str()
        ),
        ("参考·海星", "female", "haixing_ref", "13900000001")
    );
    // Ids are case-sensitive: two users differ only in case.
    let a = client.user("Kq3ZbT0aa").await.unwrap();
    let b = client.user("kQ3zBt0AA").await.unwrap();
    assert_ne!(a.nickname, b.nickname);
    assert_eq!(
        a.nickname, "&lt;b&gt;粗体&lt;/b&gt;",
        "stored escaped, kept verbatim"
    );
    let unknown = client.user("NoSuchOne").await.unwrap_err();
    assert_eq!(
        unknown,
        SealtalkError::Rejected {
            status: 404,
            text: "Unknown user.".into()
        }
    );

    client.set_nickname("<i>海星</i>").await.unwrap();
    assert_eq!(
        client.own_profile().await.unwrap().nickname,
        "&lt;i&gt;海星&lt;/i&gt;"
    );
    let long = client.set_nickname(&"长".repeat(33)).await.unwrap_err();
    assert_eq!(
        long.to_string(),
        "the server refused the input: Invalid nickname length."
    );
    let emoji = client.set_nickname("海星😀").await.unwrap_err();
    assert!(
        matches!(&emoji, SealtalkError::Rejected { status: 500, text } if text.contains(r"'\xF0\x9F\x98\x80'"))
    );

    client
        .set_portrait_uri("https://img.example.com/p.png")
        .await
        .unwrap();
    let no_tld = client
        .set_portrait_uri("http://host/x.png")
        .await
        .unwrap_err();
    assert!(no_tld.to_string().ends_with("Invalid portraitUri format."));

    // T7's flow: token, upload to the stand-in for Qiniu, T6.
    let uri = client
        .set_portrait_file(b"\x89PNG demo".to_vec(), "me.png")
        .await
        .unwrap();
    assert_eq!(client.own_profile().await.unwrap().portrait_uri, uri);
    let mut token = client.image_token().await.unwrap();
    assert_eq!(token.target, "qiniu");
    token.token = "forged:token".into();
    let refused = client
        .upload_image(&token, b"x".to_vec(), "x.png")
        .await
        .unwrap_err();
    assert!(
        matches!(refused, SealtalkError::Rejected { status: 401, .. }),
        "{refused:?}"
    );

    let wrong_old = client.change_password("bad", "NewPass1").await.unwrap_err();
    assert_eq!(wrong_old.to_string(), "the current password is wrong");
    let spaced = client
        .change_password("P@ssw0rd", "New Pass1")
        .await
        .unwrap_err();
    assert!(
        spaced
            .to_string()
            .ends_with("New password must have no space.")
    );
    client
        .change_password("P@ssw0rd", "NewPass1")
        .await
        .unwrap();

    client.set_gender(Gender::Male).await.unwrap();
    assert_eq!(client.own_profile().await.unwrap().gender, "male");

    // Q: taken "including yourself", case-insensitively.
    let taken = client.set_st_account("HAIXING_REF").await.unwrap_err();
    assert!(matches!(taken, SealtalkError::Refused { code: 1000, .. }));
    assert!(taken.to_string().contains("already taken"));
    let short = client.set_st_account("ab").await.unwrap_err();
    assert!(short.to_string().ends_with("Incorrect parameter length."));
    let symbol = client.set_st_account("1abcdef").await.unwrap_err();
    assert!(
        symbol
            .to_string()
            .ends_with("Not letter beginning or invalid symbol.")
    );
    client.set_st_account("haixing_2025").await.unwrap();
    assert_eq!(
        client.own_profile().await.unwrap().st_account,
        "haixing_2025"
    );
}

#[tokio::test]
async fn changed_password_logs_in_and_the_old_one_does_not() {
    let (demo, client) = logged_in().await;
    client
        .change_password("P@ssw0rd", "Fresh123")
        .await
        .unwrap();
    let mut fresh = SealtalkClient::new(demo.client_config()).unwrap();
    assert!(fresh.login("86", "13900000001", "P@ssw0rd").await.is_err());
    fresh.login("86", "13900000001", "Fresh123").await.unwrap();
    assert_eq!(demo.login().password, "Fresh123");
}

#[tokio::test]
async fn t11_to_t14_lists_and_unblocking() {
    let (_demo, client) = logged_in().await;
    let rows = client.friendships().await.unwrap();
    let friends: Vec<_> = rows
        .iter()
        .filter(|f| f.status() == FriendStatus::Friend)
        .collect();
    assert_eq!(friends.len(), 4);
    assert_eq!(friends[0].name(), "青青", "the remark first");
    assert_eq!(
        friends[1].name(),
        "&lt;b&gt;粗体&lt;/b&gt;",
        "else the nickname"
    );
    assert_eq!(friends[0].updated_time, 1_760_000_011_000);
    assert_eq!(friends[0].updated_at, "2025-10-09T08:53:31.000Z");
    let pending = rows
        .iter()
        .filter(|f| f.status() == FriendStatus::Pending)
        .count();
    assert_eq!(pending, 2);

    let groups = client.groups().await.unwrap();
    assert_eq!(groups.len(), 3, "the dismissed group is skipped");
    let roles: Vec<_> = groups.iter().map(|g| g.role).collect();
    assert_eq!(
        roles,
        [
            Some(GroupRole::Owner),
            Some(GroupRole::Manager),
            Some(GroupRole::Member)
        ]
    );
    let rust = &groups[1].group;
    assert!(rust.muted && rust.join_needs_approval());
    assert_eq!(
        (
            rust.member_count,
            rust.max_member_count,
            rust.creator_id.as_str()
        ),
        (3, 500, "jkuE8NrB0")
    );

    let blocked = client.blacklist().await.unwrap();
    assert_eq!(blocked.len(), 1);
    assert_eq!(blocked[0].id, "n2JcOUd0x");
    client.unblock("n2JcOUd0x").await.unwrap();
    assert!(client.blacklist().await.unwrap().is_empty());
    let back = client.friendships().await.unwrap();
    assert!(
        back.iter()
            .any(|f| f.user.id == "n2JcOUd0x" && f.status() == FriendStatus::Friend)
    );
    // Also 200 for an id that is not on the list.
    client.unblock("TrpmMGHlX").await.unwrap();
}

#[tokio::test]
async fn t15_to_t17_screen_capture_posts_a_message() {
    let (demo, client) = logged_in().await;
    let friend = Conversation::Private("TrpmMGHlX".into());
    let group = Conversation::Group("ZGwMKFBoO".into());
    assert!(
        !client.screen_capture(&friend).await.unwrap(),
        "never set reads off"
    );
    client.set_screen_capture(&friend, true).await.unwrap();
    assert!(client.screen_capture(&friend).await.unwrap());
    client.set_screen_capture(&group, false).await.unwrap();
    assert!(!client.screen_capture(&group).await.unwrap());
    client.send_screen_capture_notice(&group).await.unwrap();
    let sent = demo.published();
    let ops: Vec<_> = sent
        .iter()
        .map(|p| {
            (
                p.conversation_type,
                p.target_id.as_str(),
                p.object_name.as_str(),
                p.content.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            (
                1,
                "TrpmMGHlX",
                "ST:ConNtf",
                r#"{"operatorUserId":"DH7W1QuDp","operation":"openScreenNtf"}"#
            ),
            (
                3,
                "ZGwMKFBoO",
                "ST:ConNtf",
                r#"{"operatorUserId":"DH7W1QuDp","operation":"closeScreenNtf"}"#
            ),
            (
                3,
                "ZGwMKFBoO",
                "ST:ConNtf",
                r#"{"operatorUserId":"DH7W1QuDp","operation":"sendScreenNtf"}"#
            ),
        ]
    );
}

#[tokio::test]
async fn t18_to_t20_versions_need_no_login() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let client = SealtalkClient::new(demo.client_config()).unwrap();
    let newer = client.latest_desktop("1.0.0").await.unwrap().unwrap();
    assert_eq!(
        (newer.version.as_str(), newer.name.as_str()),
        ("2.2.0", "SealTalk 2.2.0")
    );
    assert_eq!(client.latest_desktop("v2.2.0").await.unwrap(), None);
    assert_eq!(client.latest_desktop("2.2.0+build.7").await.unwrap(), None);
    assert!(
        client
            .latest_desktop("2.2.0-beta.1")
            .await
            .unwrap()
            .is_some()
    );
    let bad = client.latest_desktop("1.0").await.unwrap_err();
    assert_eq!(
        bad.to_string(),
        "the server refused the input: Invalid version."
    );
    let raw = client.client_version().await.unwrap();
    let wrapped = client.mobile_version().await.unwrap();
    assert_eq!(raw, wrapped);
    let ios = raw.ios.unwrap();
    assert_eq!(
        (ios.version.as_str(), ios.build.as_deref()),
        ("2.2.0", Some("201910221630"))
    );
    assert_eq!(raw.android.unwrap().build, None);
}

#[tokio::test]
async fn t21_sends_only_to_friends_and_members_and_t22_syncs() {
    let (demo, client) = logged_in().await;
    client
        .send_text(&Conversation::Private("TrpmMGHlX".into()), "你好")
        .await
        .unwrap();
    client
        .send_text(&Conversation::Group("GDMeS95QO".into()), "hi all")
        .await
        .unwrap();
    let last = demo.published().pop().unwrap();
    assert_eq!(
        (last.object_name.as_str(), last.content.as_str()),
        ("RC:TxtMsg", r#"{"content":"hi all"}"#)
    );
    let stranger = client
        .send_text(&Conversation::Private("tpHBvy1RN".into()), "x")
        .await
        .unwrap_err();
    assert_eq!(
        stranger,
        SealtalkError::Rejected {
            status: 403,
            text: "User tpHBvy1RN is not your friend.".into()
        },
        "a refusal, not a logout"
    );
    let outsider = client
        .send_text(&Conversation::Group("Xd2VbN8mK".into()), "x")
        .await
        .unwrap_err();
    assert!(
        outsider
            .to_string()
            .contains("Your are not member of Group Xd2VbN8mK.")
    );

    let all = client.sync(0).await.unwrap();
    let version = all.version.unwrap();
    assert!(all.user.unwrap()["id"].is_number(), "raw database ids");
    let none = client.sync(version).await.unwrap();
    assert_eq!(
        (none.version, none.user, none.group_members),
        (None, None, None)
    );
}
