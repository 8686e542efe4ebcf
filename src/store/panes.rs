//! Typed snapshots of the panes' answers, one key each, shared by the one-shot commands and
//! the dashboard: what one fetched, the other can show. Protobuf answers are kept as their
//! encoded bytes (base64 in the JSON), JSON answers as JSON: both decode again exactly.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use prost::Message;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::{Store, StoreError, now_ms};
use crate::api::model::{
    Bot, Distribution, Group, ModuleIgnore, Notification, ServiceSetting, UpdateInfo, UserData,
};
use crate::output::ProfileView;
use crate::proto::{MedalInfo, get_user_response, user_info};

pub const PROFILE: &str = "profile";
pub const MEDALS: &str = "medals";
pub const CATEGORIES: &str = "categories";
pub const BOTS: &str = "bots";

/// The prefix of the Settings pane's answers, one key each ("settings:grey").
pub const SETTINGS_PREFIX: &str = "settings:";

/// One answer of the Settings pane. Each is kept under its own key with its own time, since
/// they are fetched (and may fail) one by one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SettingSnapshot {
    Distribution(Distribution),
    Grey(bool),
    Notification(Notification),
    Modules(ModuleIgnore),
    Limits(ServiceSetting),
    /// The newest client of a platform (`"ios"`, …).
    Version {
        platform: String,
        info: UpdateInfo,
    },
}

impl SettingSnapshot {
    /// Its key in the store.
    pub fn key(&self) -> String {
        let name = match self {
            SettingSnapshot::Distribution(_) => "distribution",
            SettingSnapshot::Grey(_) => "grey",
            SettingSnapshot::Notification(_) => "notification",
            SettingSnapshot::Modules(_) => "modules",
            SettingSnapshot::Limits(_) => "limits",
            SettingSnapshot::Version { platform, .. } => {
                return format!("{SETTINGS_PREFIX}version:{platform}");
            }
        };
        format!("{SETTINGS_PREFIX}{name}")
    }
}

/// The key of a category's first page of groups (no keyword).
pub fn groups_key(category: &str) -> String {
    format!("groups:{category}")
}

/// A stored value and when it was fetched (Unix ms).
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<T> {
    pub value: T,
    pub fetched_at_ms: i64,
}

fn b64<M: Message>(m: &M) -> Value {
    Value::String(B64.encode(m.encode_to_vec()))
}

fn unb64<M: Message + Default>(v: &Value) -> Option<M> {
    let bytes = B64.decode(v.as_str()?).ok()?;
    M::decode(bytes.as_slice()).ok()
}

impl Store {
    fn put_value(&self, key: &str, value: &Value) -> Result<(), StoreError> {
        self.put_snapshot(key, &value.to_string(), now_ms())
    }

    /// The snapshot `key` decoded by `decode`; one that does not decode is an error (the
    /// caller goes on as if nothing were stored).
    pub(super) fn get_value<T>(
        &self,
        key: &str,
        decode: impl FnOnce(Value) -> Option<T>,
    ) -> Result<Option<Stored<T>>, StoreError> {
        let Some(snap) = self.snapshot(key)? else {
            return Ok(None);
        };
        let value = serde_json::from_str(&snap.json)
            .ok()
            .and_then(decode)
            .ok_or_else(|| StoreError::BadValue {
                path: self.shown_path(),
                what: format!("the snapshot {key:?}"),
            })?;
        Ok(Some(Stored {
            value,
            fetched_at_ms: snap.fetched_at_ms,
        }))
    }

    pub(super) fn get_serde<T: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<Stored<T>>, StoreError> {
        self.get_value(key, |v| serde_json::from_value(v).ok())
    }

    fn put_serde<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let value = serde_json::to_value(value).map_err(|e| StoreError::BadValue {
            path: self.shown_path(),
            what: e.to_string(),
        })?;
        self.put_value(key, &value)
    }

    pub fn save_profile(&self, view: &ProfileView) -> Result<(), StoreError> {
        self.put_value(
            PROFILE,
            &json!({"info": b64(&view.info), "user": b64(&view.user), "data": view.data}),
        )
    }

    pub fn load_profile(&self) -> Result<Option<Stored<ProfileView>>, StoreError> {
        self.get_value(PROFILE, |v| {
            Some(ProfileView {
                info: unb64::<user_info::Data>(&v["info"])?,
                user: unb64::<get_user_response::Data>(&v["user"])?,
                data: serde_json::from_value::<UserData>(v["data"].clone()).ok()?,
            })
        })
    }

    pub fn save_medals(&self, medals: &[MedalInfo]) -> Result<(), StoreError> {
        self.put_value(MEDALS, &Value::Array(medals.iter().map(b64).collect()))
    }

    pub fn load_medals(&self) -> Result<Option<Stored<Vec<MedalInfo>>>, StoreError> {
        self.get_value(MEDALS, |v| {
            v.as_array()?.iter().map(unb64::<MedalInfo>).collect()
        })
    }

    pub fn save_categories(&self, categories: &[String]) -> Result<(), StoreError> {
        self.put_serde(CATEGORIES, &categories)
    }

    pub fn load_categories(&self) -> Result<Option<Stored<Vec<String>>>, StoreError> {
        self.get_serde(CATEGORIES)
    }

    /// A category's first page of groups (the dashboard's first view of it).
    pub fn save_groups(&self, category: &str, groups: &[Group]) -> Result<(), StoreError> {
        self.put_serde(&groups_key(category), &groups)
    }

    pub fn load_groups(&self, category: &str) -> Result<Option<Stored<Vec<Group>>>, StoreError> {
        self.get_serde(&groups_key(category))
    }

    pub fn save_bots(&self, bots: &[Bot]) -> Result<(), StoreError> {
        self.put_serde(BOTS, &bots)
    }

    pub fn load_bots(&self) -> Result<Option<Stored<Vec<Bot>>>, StoreError> {
        self.get_serde(BOTS)
    }

    pub fn save_setting(&self, setting: &SettingSnapshot) -> Result<(), StoreError> {
        self.put_serde(&setting.key(), setting)
    }

    /// Every stored answer of the Settings pane, by key.
    pub fn load_settings(&self) -> Result<Vec<Stored<SettingSnapshot>>, StoreError> {
        let keys: Vec<String> = self
            .snapshot_list()?
            .into_iter()
            .map(|s| s.key)
            .filter(|k| k.starts_with(SETTINGS_PREFIX))
            .collect();
        let mut settings = Vec::with_capacity(keys.len());
        for key in keys {
            if let Some(s) = self.get_serde::<SettingSnapshot>(&key)? {
                settings.push(s);
            }
        }
        Ok(settings)
    }
}
