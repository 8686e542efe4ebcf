//! Every decoder of an answer from the service, on arbitrary bytes: the protobuf messages
//! (through the body sniffing), the JSON envelopes and models, the update feed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yunhu_tui::api::model::{
    Bot, Captcha, CoinPage, Distribution, Group, ModuleIgnore, Notification, ServiceSetting,
    ShowAdv, UserData,
};
use yunhu_tui::api::{body_excerpt, decode_json_data, decode_json_ok, decode_proto};
use yunhu_tui::proto::{GetSelfMedal, GetUserResponse, StatusResponse, UserInfo};

fuzz_target!(|bytes: &[u8]| {
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
    let _ = decode_json_data::<Vec<Group>>(bytes);
    let _ = decode_json_data::<Vec<Bot>>(bytes);
    let _ = body_excerpt(bytes, 80);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = yunhu_tui::api::rss::parse_update_feed(text);
    }
});
