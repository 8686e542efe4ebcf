//! The demo dataset, compiled into the binary from `assets/demo/` (made by
//! `tools/gen_demo_data.py`). Groups, bots and coin records stay as raw JSON in the wire
//! shape, so the demo server does not share the client's models (a shared mistake would hide).

use serde::Deserialize;
use serde_json::Value;

const ACCOUNTS: &str = include_str!("../../assets/demo/accounts.json");
const DISCOVER: &str = include_str!("../../assets/demo/discover.json");
const BOTS: &str = include_str!("../../assets/demo/bots.json");
const SERVICE: &str = include_str!("../../assets/demo/service.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: String,
    pub name: String,
    pub name_id: u64,
    pub avatar_url: String,
    pub avatar_id: u64,
    pub phone: String,
    pub email: String,
    pub password: String,
    pub token: String,
    pub field3: i32,
    pub is_vip: bool,
    pub vip_expired_timestamp: i64,
    pub vip_status: i32,
    pub invitation_code: String,
    pub register_time: String,
    pub online_day: i32,
    pub continuous_online_day: i32,
    pub ip_geo: String,
    pub do_not_disturb: bool,
    pub ban_id: i64,
    pub ban_until_timestamp: i64,
    pub ban_reason: String,
    pub profile: Profile,
    pub medals: Vec<Medal>,
    /// Newest first, in the wire shape (without `userId`, added when served).
    pub coin_records: Vec<Value>,
    pub notification: Notification,
    pub module_ignore: String,
}

impl Account {
    /// The balance is where the newest record ends.
    pub fn coin_balance(&self) -> f64 {
        self.coin_records
            .first()
            .and_then(|r| r.get("afterAmount"))
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: i64,
    pub last_login_time: i64,
    pub update_time: i64,
    pub last_active_time: String,
    pub introduction: String,
    pub gender: i64,
    pub birthday: i64,
    pub province: String,
    pub city: String,
    pub district: String,
    pub location_code: String,
    pub address: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Medal {
    pub id: u64,
    pub name: String,
    pub sort: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: i64,
    pub registration_id: String,
    pub is_open: i64,
    #[serde(rename = "type")]
    pub kind: i64,
    pub del_flag: i64,
    pub create_time: i64,
    pub update_time: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Discover {
    pub categories: Vec<String>,
    pub groups: std::collections::HashMap<String, Vec<Value>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub distribution: Value,
    pub setting: Value,
    pub gray_status: i64,
    pub show_adv: Value,
    pub updates: Vec<Update>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Update {
    pub platform: String,
    pub version: String,
    pub url: String,
    pub length: u64,
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub accounts: Vec<Account>,
    pub discover: Discover,
    pub bots: Vec<Value>,
    pub service: Service,
}

impl Dataset {
    /// Parses the embedded files. They are part of the build, so a failure here is a bug
    /// caught by the tests, but it is still reported rather than panicking.
    pub fn embedded() -> Result<Dataset, String> {
        fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
            serde_json::from_str(text).map_err(|e| format!("assets/demo/{name}: {e}"))
        }
        Ok(Dataset {
            accounts: parse("accounts.json", ACCOUNTS)?,
            discover: parse("discover.json", DISCOVER)?,
            bots: parse("bots.json", BOTS)?,
            service: parse("service.json", SERVICE)?,
        })
    }
}
