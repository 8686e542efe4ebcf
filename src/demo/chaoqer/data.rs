//! The demo's dataset: one believable account with a block list, cards, a paged inbox with
//! deep links, clubs with members, public events around the start time, and app versions.
//! Ids are MD5s of fixed names, so they are stable 32-hex strings across runs.

use crate::api::chaoqer::sign::md5_hex;

pub const DEMO_COUNTRY_CODE: &str = "86";
pub const DEMO_MOBILE: &str = "13900000002";
/// The SMS code the demo "sends" to every number.
pub const DEMO_SMS_CODE: &str = "246810";
/// A frozen account: a right code still gets errorCode 100002.
pub const FROZEN_MOBILE: &str = "13900000003";
pub const DEMO_NICKNAME: &str = "林间小舟";

/// A stable id for a name.
pub fn id(name: &str) -> String {
    md5_hex(&format!("chaoqer-demo:{name}"))
}

pub fn demo_uid() -> String {
    id("me")
}

/// The one demo club the demo account is not in (to be opened by its id and joined).
pub const CLUB_NOT_JOINED: &str = "超圈爸爸群";

/// A demo club's id, by its name.
pub fn demo_club_id(name: &str) -> String {
    id(&format!("club:{name}"))
}

fn cdn(owner: &str, dir: &str, name: &str) -> String {
    format!(
        "https://cdn.chaoqer.com/image/{owner}/{dir}/{}.jpg",
        id(name)
    )
}

pub struct Account {
    pub uid: String,
    pub country_code: String,
    pub mobile: String,
    /// 0 registering, 1 normal, -1 limited, -2 frozen.
    pub state: i32,
    pub nickname: String,
    pub avatar: String,
    pub bio: Option<String>,
    pub allow_live: bool,
}

pub struct Block {
    pub owner: String,
    pub target: String,
    pub time: i64,
}

pub struct Card {
    pub sender: String,
    pub recipient: String,
    pub time: i64,
    pub hidden: bool,
}

pub struct Message {
    pub owner: String,
    pub id: i64,
    pub origin_uid: Option<String>,
    pub push_type: i64,
    pub title: String,
    pub content: String,
    pub url: Option<String>,
    pub unread: bool,
    pub time: i64,
}

pub struct Club {
    pub id: String,
    pub creator: String,
    pub name: String,
    pub cover: String,
    pub create_time: i64,
}

pub struct Membership {
    pub club: String,
    pub uid: String,
    pub time: i64,
}

pub struct Event {
    pub id: String,
    pub creator: String,
    pub name: String,
    pub desc: Option<String>,
    pub members: Vec<String>,
    pub time: i64,
    pub create_time: i64,
}

pub struct Version {
    pub client_type: i64,
    pub code: i64,
    pub name: String,
    pub desc: String,
    pub forced: bool,
    pub time: i64,
}

pub struct Seed {
    pub accounts: Vec<Account>,
    pub blocks: Vec<Block>,
    pub cards: Vec<Card>,
    pub messages: Vec<Message>,
    pub unread: i64,
    pub clubs: Vec<Club>,
    pub members: Vec<Membership>,
    pub events: Vec<Event>,
    pub reminders: Vec<(String, String)>,
    pub versions: Vec<Version>,
}

impl Seed {
    /// The accounts' avatars and the clubs' covers on the demo's own CDN (`base`/_cdn/…),
    /// which answers each with an identicon: pictures without the network.
    pub fn serve_pictures_from(&mut self, base: &str) {
        let local = |url: &mut String| {
            if let Some(object) = url.strip_prefix("https://cdn.chaoqer.com/") {
                *url = super::oss::image_url(base.trim_end_matches('/'), object);
            }
        };
        self.accounts.iter_mut().for_each(|a| local(&mut a.avatar));
        self.clubs.iter_mut().for_each(|c| local(&mut c.cover));
    }
}

const OTHERS: &[(&str, &str)] = &[
    ("Tony", "开心就好"),
    ("阿青", "山川湖海"),
    ("道源", "- 超圈打杂\n- 👆👇👉👈"),
    ("小满", "小满胜万全"),
    ("周末摄影师", ""),
    ("陈一鸣", "产品经理，爱爬山"),
];

/// The dataset relative to `now` (ms): events sit around it.
pub fn seed(now: i64) -> Seed {
    let me = demo_uid();
    let day = 86_400_000;
    let mut accounts = vec![
        Account {
            uid: me.clone(),
            country_code: DEMO_COUNTRY_CODE.into(),
            mobile: DEMO_MOBILE.into(),
            state: 1,
            nickname: DEMO_NICKNAME.into(),
            avatar: cdn(&me, "avatar", "me-avatar"),
            bio: Some("周末在杭州徒步，平时写代码。\n欢迎交换名片 🙂".into()),
            allow_live: false,
        },
        Account {
            uid: id("frozen"),
            country_code: DEMO_COUNTRY_CODE.into(),
            mobile: FROZEN_MOBILE.into(),
            state: -2,
            nickname: "已冻结用户".into(),
            avatar: cdn(&id("frozen"), "avatar", "frozen"),
            bio: None,
            allow_live: false,
        },
    ];
    for (i, (name, bio)) in OTHERS.iter().enumerate() {
        let uid = id(name);
        accounts.push(Account {
            avatar: cdn(&uid, "avatar", name),
            uid,
            country_code: DEMO_COUNTRY_CODE.into(),
            mobile: format!("1370000{:04}", i + 1),
            state: 1,
            nickname: (*name).into(),
            bio: (!bio.is_empty()).then(|| (*bio).into()),
            allow_live: *name == "道源",
        });
    }
    for n in 1..=24 {
        let name = format!("摄友{n:02}");
        let uid = id(&name);
        accounts.push(Account {
            avatar: cdn(&uid, "avatar", &name),
            uid,
            country_code: DEMO_COUNTRY_CODE.into(),
            mobile: format!("1360000{n:04}"),
            state: 1,
            nickname: name,
            bio: None,
            allow_live: false,
        });
    }
    let base = 1_700_000_000_000;
    let blocks = vec![
        Block {
            owner: me.clone(),
            target: id("Tony"),
            time: base + 5 * day,
        },
        Block {
            owner: me.clone(),
            target: id("阿青"),
            time: base + 9 * day,
        },
    ];
    let cards = vec![
        Card {
            sender: id("道源"),
            recipient: me.clone(),
            time: base + 3 * day,
            hidden: false,
        },
        Card {
            sender: id("小满"),
            recipient: me.clone(),
            time: base + 7 * day,
            hidden: false,
        },
        Card {
            sender: me.clone(),
            recipient: id("道源"),
            time: base + 4 * day,
            hidden: false,
        },
        Card {
            sender: id("陈一鸣"),
            recipient: id("道源"),
            time: base + 2 * day,
            hidden: false,
        },
    ];
    let messages = inbox(&me, base);
    let clubs_spec: &[(&str, &str)] = &[
        ("徒步同好会", "me"),
        ("产品交流圈", "陈一鸣"),
        ("摄影爱好者", "周末摄影师"),
        ("Bug交流圈", "道源"),
        ("杭州读书会", "小满"),
        ("咖啡地图", "阿青"),
        ("独立开发者", "道源"),
        ("超圈爸爸群", "Tony"),
    ];
    let mut clubs = Vec::new();
    let mut members = Vec::new();
    for (i, (name, creator)) in clubs_spec.iter().enumerate() {
        let club = demo_club_id(name);
        let creator = id(creator);
        let created = base + i as i64 * day;
        clubs.push(Club {
            id: club.clone(),
            creator: creator.clone(),
            name: (*name).into(),
            cover: cdn(&creator, "cover", name),
            create_time: created,
        });
        members.push(Membership {
            club: club.clone(),
            uid: creator.clone(),
            time: created + 1,
        });
        // Everything but the last club has the demo account (and it joins in order).
        if i + 1 < clubs_spec.len() && creator != me {
            members.push(Membership {
                club: club.clone(),
                uid: me.clone(),
                time: created + 3_600_000,
            });
        }
        if *name == "摄影爱好者" {
            for n in 1..=22 {
                members.push(Membership {
                    club: club.clone(),
                    uid: id(&format!("摄友{n:02}")),
                    time: created + 7_200_000 + n * 60_000,
                });
            }
        } else if *name == "徒步同好会" {
            members.push(Membership {
                club: club.clone(),
                uid: id("小满"),
                time: created + 7_200_000,
            });
        }
    }
    let minute = 60_000;
    let events_spec: &[(&str, i64, &str)] = &[
        ("晨间徒步：九溪十八涧", -50 * minute, "道源"),
        ("超圈产品周会", -10 * minute, "陈一鸣"),
        ("夜拍西湖", 2 * 60 * minute, "周末摄影师"),
        ("独立开发者分享会", day, "道源"),
        ("读书会：《置身事内》", 3 * day, "小满"),
        ("咖啡品鉴", 7 * day, "阿青"),
    ];
    let events: Vec<Event> = events_spec
        .iter()
        .map(|(name, offset, creator)| Event {
            id: id(&format!("event:{name}")),
            creator: id(creator),
            name: (*name).into(),
            desc: (!name.starts_with('咖')).then(|| format!("{name}，欢迎参加。")),
            members: vec![id(creator), me.clone()],
            time: now + offset,
            create_time: now - 2 * day,
        })
        .collect();
    let reminders = vec![(me.clone(), id("event:独立开发者分享会"))];
    let mut versions = Vec::new();
    for client_type in [1, 2] {
        for (i, code) in (27..=31).enumerate() {
            versions.push(Version {
                client_type,
                code,
                name: format!("0.2.{i}"),
                desc: format!("1. 名片夹改进\n2. 修复了若干问题（0.2.{i}）"),
                forced: code == 28,
                time: base + code * day,
            });
        }
    }
    Seed {
        accounts,
        blocks,
        cards,
        unread: messages.iter().filter(|m| m.unread).count() as i64,
        messages,
        clubs,
        members,
        events,
        reminders,
        versions,
    }
}

/// 45 messages, newest first by id; the two newest and the 24th unread (so page 2 of 20
/// holds one), with profile, event and room links.
fn inbox(me: &str, base: i64) -> Vec<Message> {
    (0..45)
        .map(|i: i64| {
            let time = base + 30 * 86_400_000 - i * 3_600_000;
            let (title, content, url, origin) = match i % 4 {
                0 => (
                    "有人邀请你参加活动".to_owned(),
                    "道源邀请你参加「独立开发者分享会」\n点击查看详情".to_owned(),
                    Some(format!("chaoqer://event/{}", id("event:独立开发者分享会"))),
                    Some(id("道源")),
                ),
                1 => (
                    "你收到了一张名片".to_owned(),
                    "小满给了你一张名片".to_owned(),
                    Some(format!("chaoqer://profile/{}", id("小满"))),
                    Some(id("小满")),
                ),
                2 => (
                    "直播开始了".to_owned(),
                    "你关注的房间正在直播".to_owned(),
                    Some(format!("chaoqer://room/{}", id(&format!("room:{i}")))),
                    Some(id("陈一鸣")),
                ),
                _ => (
                    "系统通知".to_owned(),
                    format!("欢迎来到超圈！（{i}）"),
                    None,
                    None,
                ),
            };
            Message {
                owner: me.to_owned(),
                id: time * 1000 + i,
                origin_uid: origin,
                push_type: if i % 4 == 3 { 0 } else { 2 },
                title,
                content,
                url,
                unread: i < 2 || i == 23,
                time,
            }
        })
        .collect()
}
