//! Every client method against the demo server, including its state across calls.

use std::time::Duration;

use yunhu_tui::api::model::{EmailCodePurpose, ProfileEdit, round_cents};
use yunhu_tui::api::{ApiClient, ApiError, ClientConfig, MEDIA_REFERER};
use yunhu_tui::demo::{DEMO_EMAIL_CODE, DEMO_SMS_CODE, DemoLogin, DemoServer, read_captcha};
use yunhu_tui::oneshot::demo_client_config;
use yunhu_tui::proto::VipStatus;

pub fn tiny_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(4, 3, |x, y| image::Rgb([x as u8 * 60, y as u8 * 80, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

struct Demo {
    server: DemoServer,
    vip: DemoLogin,
    basic: DemoLogin,
}

impl Demo {
    async fn start() -> Demo {
        let server = DemoServer::start().await.unwrap();
        let logins = server.handle().logins();
        Demo {
            vip: logins[0].clone(),
            basic: logins[1].clone(),
            server,
        }
    }

    fn anonymous(&self) -> ApiClient {
        let config = ClientConfig {
            timeout: Duration::from_secs(5),
            device_id: "test-device".into(),
            ..ClientConfig::default()
        };
        ApiClient::new(demo_client_config(&self.server, config)).unwrap()
    }

    fn client(&self, login: &DemoLogin) -> ApiClient {
        self.anonymous().with_token(Some(login.token.clone()))
    }
}

#[tokio::test]
async fn the_demo_data_meets_its_promises() {
    let d = Demo::start().await;
    assert!(d.vip.vip && !d.basic.vip, "a VIP account and a non-VIP one");
    let c = d.client(&d.vip);
    let info = c.user_info().await.unwrap();
    assert_eq!(info.vip_status, VipStatus::Active as i32);
    assert!(c.self_medals().await.unwrap().len() >= 12);
    let (records, total) = c.all_coin_records().await.unwrap();
    assert!(total >= 240 && records.len() as i64 == total);
    // Newest first; each record starts where the one before it (in time) ended.
    for pair in records.windows(2) {
        let (newer, older) = (&pair[0], &pair[1]);
        assert!(newer.create_time >= older.create_time);
        assert_eq!(
            round_cents(newer.before_amount),
            round_cents(older.after_amount),
            "records {} and {}",
            older.id,
            newer.id
        );
    }
    assert_eq!(
        round_cents(records[0].after_amount),
        round_cents(info.coin),
        "the history ends at the balance"
    );
    let first = records.last().unwrap().create_time;
    assert!(
        records[0].create_time - first > 90 * 86_400,
        "several months of history"
    );
    let cats = c.categories().await.unwrap();
    assert_eq!(cats.len(), 7);
    for cat in &cats {
        let mut count = 0;
        for page in 1.. {
            let groups = c.groups(cat, "", page, 30).await.unwrap();
            count += groups.len();
            if groups.len() < 30 {
                break;
            }
        }
        assert!(count >= 75, "{cat} has {count} groups");
    }
    assert!(c.bots().await.unwrap().len() >= 20);
}

#[tokio::test]
async fn email_login_both_accounts_and_wrong_password() {
    let d = Demo::start().await;
    let anon = d.anonymous();
    for login in [&d.vip, &d.basic] {
        let token = anon
            .email_login(&login.email, &login.password)
            .await
            .unwrap();
        let me = anon
            .clone()
            .with_token(Some(token))
            .user_info()
            .await
            .unwrap();
        assert_eq!(me.id, login.id);
    }
    let err = anon.email_login(&d.vip.email, "wrong").await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Api {
            code: -1,
            msg: "邮箱或密码错误".into()
        }
    );
}

#[tokio::test]
async fn sms_login_reads_the_captcha_image() {
    let d = Demo::start().await;
    let anon = d.anonymous();
    let captcha = anon.captcha().await.unwrap();
    assert!(captcha.b64s.starts_with("data:image/png;base64,"));
    // The code is read from the picture itself, as a person would.
    let text = read_captcha(&captcha.png_bytes().unwrap()).expect("the captcha shows its code");
    anon.request_sms_code(&d.vip.phone, &text.to_lowercase(), &captcha.id)
        .await
        .unwrap();
    assert_eq!(
        anon.sms_login(&d.vip.phone, "000000").await,
        Err(ApiError::Api {
            code: -1,
            msg: "验证码错误".into()
        })
    );
    let token = anon.sms_login(&d.vip.phone, DEMO_SMS_CODE).await.unwrap();
    assert_eq!(
        anon.clone()
            .with_token(Some(token))
            .user_info()
            .await
            .unwrap()
            .id,
        d.vip.id
    );
    // The code is used up, and so is the captcha.
    assert!(anon.sms_login(&d.vip.phone, DEMO_SMS_CODE).await.is_err());
    let err = anon
        .request_sms_code(&d.vip.phone, &text, &captcha.id)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Api {
            code: -1,
            msg: "图形验证码错误".into()
        }
    );
}

#[tokio::test]
async fn wrong_captcha_text_is_refused() {
    let d = Demo::start().await;
    let anon = d.anonymous();
    let captcha = anon.captcha().await.unwrap();
    let right = d.server.handle().captcha_text(&captcha.id).unwrap();
    let wrong = if right == "AAAA" { "BBBB" } else { "AAAA" };
    assert!(
        anon.request_sms_code(&d.vip.phone, wrong, &captcha.id)
            .await
            .is_err()
    );
    let captcha = anon.captcha().await.unwrap();
    let right = d.server.handle().captcha_text(&captcha.id).unwrap();
    let err = anon
        .request_sms_code("12345", &right, &captcha.id)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Api {
            code: -1,
            msg: "手机号格式不正确".into()
        }
    );
}

#[tokio::test]
async fn logout_invalidates_the_token() {
    let d = Demo::start().await;
    let anon = d.anonymous();
    let token = anon
        .email_login(&d.basic.email, &d.basic.password)
        .await
        .unwrap();
    let c = anon.with_token(Some(token));
    c.logout().await.unwrap();
    assert!(c.user_info().await.unwrap_err().is_not_logged_in());
    assert!(c.coin_records(1, 10).await.unwrap_err().is_not_logged_in());
    // Other sessions of the account are untouched.
    assert!(d.client(&d.basic).user_info().await.is_ok());
}

#[tokio::test]
async fn nickname_edit_shows_in_info_and_get_user() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    c.edit_nickname("深圳骑行者🚲").await.unwrap();
    assert_eq!(c.user_info().await.unwrap().name, "深圳骑行者🚲");
    assert_eq!(c.get_user(&d.vip.id).await.unwrap().name, "深圳骑行者🚲");
    let refused = c.edit_nickname("   ").await.unwrap_err();
    assert!(matches!(refused, ApiError::Api { code: -1, .. }));
    assert_eq!(
        c.user_info().await.unwrap().name,
        "深圳骑行者🚲",
        "a refused edit changes nothing"
    );
}

#[tokio::test]
async fn profile_data_round_trips_into_get_user() {
    let d = Demo::start().await;
    let c = d.client(&d.basic);
    let before = c.user_data().await.unwrap();
    assert_eq!(before.user_id, d.basic.id);
    let edit = ProfileEdit {
        introduction: "在北京学 Rust，也拍照。".into(),
        gender: 3,
        birthday: 946_656_000,
        province: "北京市".into(),
        city: "北京城区".into(),
        district: "东城区".into(),
        location_code: "110101".into(),
    };
    c.save_user_data(&edit).await.unwrap();
    let after = c.user_data().await.unwrap();
    assert_eq!(ProfileEdit::from(&after), edit);
    assert!(after.update_time >= before.update_time);
    let profile = c.get_user(&d.basic.id).await.unwrap().profile_info.unwrap();
    assert_eq!(
        (
            profile.introduction.as_str(),
            profile.gender,
            profile.birthday_timestamp
        ),
        ("在北京学 Rust，也拍照。", 3, 946_656_000)
    );
    assert_eq!(
        (profile.city.as_str(), profile.district.as_str()),
        ("北京城区", "东城区")
    );
    // The server checks too, and a refusal changes nothing.
    let bad = ProfileEdit {
        location_code: "1101".into(),
        ..edit.clone()
    };
    assert!(matches!(
        c.save_user_data(&bad).await,
        Err(ApiError::Api { code: -1, .. })
    ));
    assert_eq!(ProfileEdit::from(&c.user_data().await.unwrap()), edit);
}

#[tokio::test]
async fn get_user_of_someone_else_and_of_nobody() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    let other = c.get_user(&d.basic.id).await.unwrap();
    assert_eq!(other.name, d.basic.name);
    assert!(!other.is_vip);
    assert_eq!(
        c.get_user("1").await,
        Err(ApiError::Api {
            code: 4402,
            msg: "该用户不存在".into()
        })
    );
}

#[tokio::test]
async fn coin_pages_report_total_and_end_short() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    let first = c.coin_records(1, 20).await.unwrap();
    assert_eq!(first.gold_coin_record.len(), 20);
    let last_page = (first.total as u32).div_ceil(20);
    let last = c.coin_records(last_page, 20).await.unwrap();
    assert_eq!(
        last.gold_coin_record.len() as i64,
        first.total - 20 * (i64::from(last_page) - 1)
    );
    assert!(
        c.coin_records(last_page + 1, 20)
            .await
            .unwrap()
            .gold_coin_record
            .is_empty()
    );
    assert!(first.gold_coin_record.iter().all(|r| r.user_id == d.vip.id));
}

#[tokio::test]
async fn group_keyword_search_and_unknown_category() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    let hits = c.groups("IT/互联网", "rust", 1, 50).await.unwrap();
    assert!(hits.len() >= 3);
    assert!(hits.iter().all(|g| {
        format!("{}{}", g.nickname, g.introduction)
            .to_lowercase()
            .contains("rust")
    }));
    let all = c.groups("IT/互联网", "", 1, 100).await.unwrap();
    assert!(all.len() > hits.len());
    assert!(
        c.groups("不存在的分区", "", 1, 30)
            .await
            .unwrap()
            .is_empty()
    );
    let page2 = c.groups("地区", "", 2, 30).await.unwrap();
    let page1 = c.groups("地区", "", 1, 30).await.unwrap();
    assert!(
        page1
            .iter()
            .all(|g| !page2.iter().any(|h| h.chat_id == g.chat_id)),
        "pages do not overlap"
    );
}

#[tokio::test]
async fn notification_switch_round_trips() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    let n = c.notification_status().await.unwrap();
    assert_eq!(n.user_id, d.vip.id);
    assert_eq!(n.device_id, "test-device");
    c.set_notification(!n.is_open).await.unwrap();
    assert_eq!(c.notification_status().await.unwrap().is_open, !n.is_open);
}

#[tokio::test]
async fn module_switches_round_trip_for_vip() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    c.set_module_ignore(&[10, 30]).await.unwrap();
    assert_eq!(c.module_ignore().await.unwrap().modules(), [10, 30]);
    c.set_module_ignore(&[]).await.unwrap();
    assert!(c.module_ignore().await.unwrap().modules().is_empty());
}

/// Gets a captcha and answers it correctly, as the UI flow does.
async fn solved_captcha(_d: &Demo, anon: &ApiClient) -> (String, String) {
    let captcha = anon.captcha().await.unwrap();
    let text = read_captcha(&captcha.png_bytes().unwrap()).unwrap();
    (text, captcha.id)
}

#[tokio::test]
async fn bind_and_change_phone_with_sms_codes() {
    let d = Demo::start().await;
    let c = d.client(&d.basic);
    // The basic account has no phone: binding works, changing does not.
    let (text, id) = solved_captcha(&d, &c).await;
    c.request_sms_code("13900139000", &text, &id).await.unwrap();
    assert_eq!(
        c.bind_phone("13900139000", "999999").await,
        Err(ApiError::Api {
            code: -1,
            msg: "验证码错误".into()
        })
    );
    assert!(c.change_phone("13900139000", DEMO_SMS_CODE).await.is_err());
    c.bind_phone("13900139000", DEMO_SMS_CODE).await.unwrap();
    assert_eq!(c.user_info().await.unwrap().phone, "13900139000");
    // The VIP's phone cannot be taken over.
    let (text, id) = solved_captcha(&d, &c).await;
    c.request_sms_code(&d.vip.phone, &text, &id).await.unwrap();
    assert_eq!(
        c.change_phone(&d.vip.phone, DEMO_SMS_CODE).await,
        Err(ApiError::Api {
            code: -9,
            msg: "该手机号已被绑定".into()
        })
    );
    let (text, id) = solved_captcha(&d, &c).await;
    c.request_sms_code("13900139001", &text, &id).await.unwrap();
    c.change_phone("13900139001", DEMO_SMS_CODE).await.unwrap();
    assert_eq!(c.user_info().await.unwrap().phone, "13900139001");
}

#[tokio::test]
async fn change_email_and_reset_password_with_email_codes() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    let (text, id) = solved_captcha(&d, &c).await;
    c.request_email_code("new@yhchat.example", EmailCodePurpose::Bind, &text, &id)
        .await
        .unwrap();
    assert!(
        c.bind_email("new@yhchat.example", DEMO_EMAIL_CODE)
            .await
            .is_err(),
        "already has an email: bind refuses"
    );
    c.change_email("new@yhchat.example", DEMO_EMAIL_CODE)
        .await
        .unwrap();
    assert_eq!(c.user_info().await.unwrap().email, "new@yhchat.example");

    let anon = d.anonymous();
    let (text, id) = solved_captcha(&d, &anon).await;
    let unknown = anon
        .request_email_code(
            "nobody@yhchat.example",
            EmailCodePurpose::ResetPassword,
            &text,
            &id,
        )
        .await;
    assert_eq!(
        unknown,
        Err(ApiError::Api {
            code: 4402,
            msg: "该邮箱未注册".into()
        })
    );
    let (text, id) = solved_captcha(&d, &anon).await;
    anon.request_email_code(
        "new@yhchat.example",
        EmailCodePurpose::ResetPassword,
        &text,
        &id,
    )
    .await
    .unwrap();
    assert!(
        anon.reset_password("new@yhchat.example", "000000", "新密码123456")
            .await
            .is_err()
    );
    assert!(
        anon.reset_password("new@yhchat.example", DEMO_EMAIL_CODE, "123")
            .await
            .is_err(),
        "too short"
    );
    anon.reset_password("new@yhchat.example", DEMO_EMAIL_CODE, "新密码123456")
        .await
        .unwrap();
    assert!(
        anon.email_login("new@yhchat.example", &d.vip.password)
            .await
            .is_err()
    );
    assert!(
        anon.email_login("new@yhchat.example", "新密码123456")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn misc_endpoints() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    let dist = c.distribution().await.unwrap();
    assert_eq!(dist.share_url, "https://yhfx.jwznb.com/");
    assert_eq!(dist.image_url, format!("{}/img/", d.server.base_url()));
    assert!(c.upload_token().await.unwrap().contains(':'));
    let limits = d.anonymous().service_setting().await.unwrap();
    assert!(
        limits.image_size_limit_vip >= limits.image_size_limit_normal
            && limits.file_size_limit_vip > 0.0
    );
    assert!(!c.gray_status().await.unwrap());
    d.server.handle().set_gray_status(1);
    assert!(d.anonymous().gray_status().await.unwrap());
    assert!(!c.show_adv().await.unwrap().is_show);
    for platform in ["windows", "android", "macos", "ios"] {
        let u = d
            .anonymous()
            .latest_version(platform, &d.vip.id)
            .await
            .unwrap();
        assert_eq!(u.os, platform);
        assert!(u.version.split('.').count() == 3, "{}", u.version);
    }
    assert!(matches!(
        d.anonymous().latest_version("beos", "1").await,
        Err(ApiError::Http { status: 400, .. })
    ));
}

#[tokio::test]
async fn avatar_upload_is_served_back_and_shown_in_info() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    let png = tiny_png();
    let url = c.set_avatar_image(png.clone()).await.unwrap();
    assert!(url.starts_with(&format!("{}/img/", d.server.base_url())));
    assert_eq!(c.user_info().await.unwrap().avatar_url, url);
    assert_eq!(c.get_user(&d.vip.id).await.unwrap().avatar_url, url);
    assert_eq!(c.fetch_media(&url).await.unwrap().as_ref(), png.as_slice());
    // Like the real CDN, no Referer means 403.
    let plain = reqwest::get(&url).await.unwrap();
    assert_eq!(plain.status(), 403);
    let with_referer = reqwest::Client::new()
        .get(&url)
        .header("referer", MEDIA_REFERER)
        .send()
        .await
        .unwrap();
    assert_eq!(with_referer.status(), 200);
    // A URL avatar is taken as is; what is not an image never leaves the machine.
    c.edit_avatar("https://chat-img.jwznb.com/a1b2.png")
        .await
        .unwrap();
    assert_eq!(
        c.user_info().await.unwrap().avatar_url,
        "https://chat-img.jwznb.com/a1b2.png"
    );
    d.server.handle().clear_requests();
    let err = c
        .set_avatar_image(b"GIF? no, text".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Input(_)));
    assert!(d.server.handle().requests().is_empty());
    assert!(matches!(
        c.edit_avatar("not a url").await,
        Err(ApiError::Api { code: -1, .. })
    ));
}

#[tokio::test]
async fn the_demo_sees_spec_conformant_requests() {
    let d = Demo::start().await;
    let c = d.client(&d.vip);
    d.server.handle().clear_requests();
    c.edit_nickname("新昵称").await.unwrap();
    c.bots().await.unwrap();
    let seen = d.server.handle().requests();
    assert_eq!(seen[0].path, "/v1/user/edit-nickname");
    assert_eq!(
        seen[0].body.as_ref(),
        crate::wire_vectors::vector("edit_nickname_req").as_slice()
    );
    assert_eq!(
        seen[0].content_type.as_deref(),
        Some("application/x-protobuf")
    );
    assert_eq!(seen[0].token.as_deref(), Some(d.vip.token.as_str()));
    assert!(seen.iter().all(|r| {
        r.user_agent
            .as_deref()
            .is_some_and(|u| u.starts_with("yunhu-tui/"))
    }));
}
