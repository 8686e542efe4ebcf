//! Every vector of ../shared/spec/wire-vectors.md, decoded and encoded byte for byte.
//! The hex is copied here so the tests stand alone; `vectors_match_the_spec_file` checks the
//! copy against the spec whenever the spec is beside the checkout.

use prost::Message;
use yunhu_tui::proto::{
    EditAvatarRequest, EditNicknameRequest, GetSelfMedal, GetUserRequest, GetUserResponse,
    MedalInfo, ProfileInfo, Status, StatusResponse, UserInfo, VipStatus, get_user_response,
    user_info,
};

use crate::canned::hex;

pub const VECTORS: &[(&str, &str)] = &[
    ("status_ok", "0a0f08d2fe0610011a0773756363657373"),
    (
        "status_not_logged_in",
        "0a180807109bffffffffffffffff011a09e69caae799bbe5bd95",
    ),
    ("edit_nickname_req", "1a09e696b0e698b5e7a7b0"),
    (
        "edit_avatar_req",
        "122368747470733a2f2f636861742d696d672e6a777a6e622e636f6d2f613162322e706e67",
    ),
    ("get_user_req", "120737303538323632"),
    (
        "user_info",
        "0a0f08d2fe0610011a0773756363657373127c0a07373035383236321212e4ba91e6b996e6b58be8af95e794a8e688b7222168747470733a2f2f636861742d696d672e6a777a6e622e636f6d2f61762e706e67282a320b31333830303133383030303a1064656d6f406578616d706c652e636f6d41e17a14ae47814c4048015080f2d6ca0658016206594832303235",
    ),
    (
        "user_info_unknown_fields",
        "0a0f08d2fe0610011a0773756363657373120c0a01319a0601781805120161",
    ),
    (
        "self_medals",
        "0a0f08d2fe0610011a077375636365737312120803120ce697a9e69c9fe794a8e688b7280a12120809120ce6b4bbe8b783e4b98be6989f2814",
    ),
    (
        "get_user",
        "0a0f08d2fe0610011a077375636365737312c0010a07373035383236321212e4ba91e6b996e6b58be8af95e794a8e688b71801222168747470733a2f2f636861742d696d672e6a777a6e622e636f6d2f61762e706e6732120803120ce697a9e69c9fe794a8e688b7280a3a13323032312d31322d31362031323a30303a323658b009602368017080f2d6ca0678019a013a0a06e5889ae5889a120fe4bda0e5a5bdefbc8ce4b896e7958c18032080a6b3c3032a0ce58c97e4baace59f8ee58cba3209e4b89ce59f8ee58cbaa20106e4b8ade59bbd",
    ),
    (
        "get_user_not_found",
        "0a19080910b2221a12e8afa5e794a8e688b7e4b88de5ad98e59ca8",
    ),
];

pub fn vector(name: &str) -> Vec<u8> {
    let (_, h) = VECTORS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no vector {name}"));
    hex(h)
}

fn ok_status() -> Option<Status> {
    Some(Status {
        request_id: 114514,
        code: 1,
        msg: "success".into(),
    })
}

fn early_user() -> MedalInfo {
    MedalInfo {
        id: 3,
        name: "早期用户".into(),
        sort: 10,
    }
}

pub fn expected_user_info() -> UserInfo {
    UserInfo {
        status: ok_status(),
        data: Some(user_info::Data {
            id: "7058262".into(),
            name: "云湖测试用户".into(),
            field3: 0,
            avatar_url: "https://chat-img.jwznb.com/av.png".into(),
            avatar_id: 42,
            phone: "13800138000".into(),
            email: "demo@example.com".into(),
            coin: 57.01,
            is_vip: true,
            vip_expired_timestamp: 1767225600,
            vip_status: VipStatus::Active as i32,
            invitation_code: "YH2025".into(),
        }),
    }
}

pub fn expected_get_user() -> GetUserResponse {
    GetUserResponse {
        status: ok_status(),
        data: Some(get_user_response::Data {
            id: "7058262".into(),
            name: "云湖测试用户".into(),
            name_id: 1,
            avatar_url: "https://chat-img.jwznb.com/av.png".into(),
            medal: vec![early_user()],
            register_time: "2021-12-16 12:00:26".into(),
            online_day: 1200,
            continuous_online_day: 35,
            is_vip: true,
            vip_expired_timestamp: 1767225600,
            vip_status: VipStatus::Active as i32,
            profile_info: Some(ProfileInfo {
                last_active_time: "刚刚".into(),
                introduction: "你好，世界".into(),
                gender: 3,
                birthday_timestamp: 946656000,
                city: "北京城区".into(),
                district: "东城区".into(),
                address: String::new(),
            }),
            ip_geo: "中国".into(),
            ..Default::default()
        }),
    }
}

/// Decoding gives exactly the described values, and encoding them gives exactly the bytes.
fn both_ways<M: Message + Default + PartialEq + std::fmt::Debug>(name: &str, expected: M) {
    let bytes = vector(name);
    assert_eq!(
        M::decode(bytes.as_slice()).unwrap(),
        expected,
        "decoding {name}"
    );
    assert_eq!(expected.encode_to_vec(), bytes, "encoding {name}");
}

#[test]
fn status_ok() {
    both_ways(
        "status_ok",
        StatusResponse {
            status: ok_status(),
        },
    );
}

#[test]
fn status_not_logged_in_is_a_ten_byte_varint() {
    both_ways(
        "status_not_logged_in",
        StatusResponse {
            status: Some(Status {
                request_id: 7,
                code: -101,
                msg: "未登录".into(),
            }),
        },
    );
}

#[test]
fn edit_nickname_req() {
    both_ways(
        "edit_nickname_req",
        EditNicknameRequest {
            name: "新昵称".into(),
        },
    );
}

#[test]
fn edit_avatar_req() {
    both_ways(
        "edit_avatar_req",
        EditAvatarRequest {
            url: "https://chat-img.jwznb.com/a1b2.png".into(),
        },
    );
}

#[test]
fn get_user_req() {
    both_ways(
        "get_user_req",
        GetUserRequest {
            id: "7058262".into(),
        },
    );
}

#[test]
fn user_info() {
    both_ways("user_info", expected_user_info());
}

#[test]
fn user_info_unknown_fields_are_skipped() {
    let decoded = UserInfo::decode(vector("user_info_unknown_fields").as_slice()).unwrap();
    let data = decoded.data.unwrap();
    assert_eq!(
        (data.id.as_str(), data.name.as_str(), data.field3),
        ("1", "a", 5)
    );
    assert_eq!(decoded.status, ok_status());
}

#[test]
fn self_medals() {
    both_ways(
        "self_medals",
        GetSelfMedal {
            status: ok_status(),
            medal: vec![
                early_user(),
                MedalInfo {
                    id: 9,
                    name: "活跃之星".into(),
                    sort: 20,
                },
            ],
        },
    );
}

#[test]
fn get_user() {
    both_ways("get_user", expected_get_user());
}

#[test]
fn get_user_not_found() {
    both_ways(
        "get_user_not_found",
        GetUserResponse {
            status: Some(Status {
                request_id: 9,
                code: 4402,
                msg: "该用户不存在".into(),
            }),
            data: None,
        },
    );
}

#[test]
fn vectors_match_the_spec_file() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/wire-vectors.md");
    let Ok(spec) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} not found: the embedded copy is used alone",
            path.display()
        );
        return;
    };
    let mut found = 0;
    let mut name = None;
    let mut in_block = false;
    for line in spec.lines() {
        if let Some(n) = line.strip_prefix("### ") {
            name = Some(n.trim().to_owned());
        } else if line.starts_with("```") {
            in_block = !in_block;
        } else if in_block && let Some(n) = &name {
            let ours = VECTORS
                .iter()
                .find(|(v, _)| v == n)
                .unwrap_or_else(|| panic!("vector {n} of the spec is not tested"));
            assert_eq!(ours.1, line.trim(), "vector {n} differs from the spec");
            found += 1;
        }
    }
    assert_eq!(found, VECTORS.len(), "every tested vector is in the spec");
}
