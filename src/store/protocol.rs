//! What the dashboard asks of its account's store, and what comes back: plain data, so that
//! `update` can ask (`Effect::Store`) and take the answer (`Action::Stored`) without touching
//! SQLite. The runtime carries the commands out off the UI path ([`super::actor`]).

use super::panes::{SettingSnapshot, Stored};
use super::query::{BalanceSeries, ChartPeriod, CoinQuery, MonthTotal};
use super::{Store, StoreError, StoredCoin};
use crate::api::model::{Bot, Group};
use crate::output::ProfileView;
use crate::proto::MedalInfo;

/// Names a store command, so its answer can be matched to who asked (ids come from the same
/// counter as request ids: unique across accounts).
pub type StoreId = u64;

/// A pane's answer to keep, as it arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum PaneSnapshot {
    Profile(Box<ProfileView>),
    Medals(Vec<MedalInfo>),
    Categories(Vec<String>),
    /// The first page of a category's groups (no keyword).
    Groups {
        category: String,
        groups: Vec<Group>,
    },
    Bots(Vec<Bot>),
    /// One answer of the Settings pane.
    Setting(SettingSnapshot),
    /// One answer of a SealTalk account's pane.
    Sealtalk(Box<super::sealtalk::SealtalkSnapshot>),
    /// One answer of a chaoqer account's pane.
    Chaoqer(Box<super::chaoqer::ChaoqerSnapshot>),
}

/// What the store is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreCommand {
    /// Keep a pane's answer. Fire and forget: only a failure is answered.
    Save(PaneSnapshot),
    /// Every stored pane answer, for an account's first view (answered with `Panes`).
    LoadPanes,
    /// A category's stored first page of groups, for a category chosen later (answered with
    /// `Groups`).
    LoadGroups { category: String },
    /// The Coins pane's window: up to `limit` records passing `query` from its `offset`-th,
    /// newest first; `count` (the query's count, when known) lets a window near the oldest
    /// end be read from there (answered with `Coins`).
    CoinsMatching {
        query: CoinQuery,
        offset: u64,
        limit: u32,
        count: Option<u64>,
    },
    /// How many stored records pass `query` (answered with `Count`).
    CountMatching { query: CoinQuery },
    /// The balance over `period` up to `now` (Unix s; the clock's when `None`), at most
    /// `points` points (answered with `Balance`).
    Balance {
        period: ChartPeriod,
        now: Option<i64>,
        points: usize,
    },
    /// Income and spending of the newest `months` months, in the zone `utc_offset_s` east
    /// of UTC (the local zone's when `None`; answered with `Months`).
    Months {
        utc_offset_s: Option<i64>,
        months: u32,
    },
    /// The whole stored history as CSV (as `coins --all --format csv`) into a new file at
    /// `path` (answered with `Exported`).
    ExportCsv { path: std::path::PathBuf },
    /// Fetch what is new of the coin history from the server into the store: newest first,
    /// until a page reaches a stored record (answered with `Synced`). Carried out by the
    /// store thread with the account's API client.
    SyncCoins,
    /// Keep a picture's thumbnail (PNG) by its address. Fire and forget; a failure is only
    /// logged (a picture is never worth a message).
    SavePicture {
        url: String,
        png: std::sync::Arc<[u8]>,
    },
    /// A kept picture, decoded here (answered with `Picture`).
    LoadPicture { url: String },
    /// Answered with `Done` once every command before it has been carried out (tests wait
    /// on it; a failure of an earlier save has been answered by then).
    Flush,
}

impl StoreCommand {
    /// Whether an answer comes when it succeeds (a save answers only when it fails).
    pub fn answers(&self) -> bool {
        !matches!(
            self,
            StoreCommand::Save(_) | StoreCommand::SavePicture { .. }
        )
    }
}

/// Every stored pane answer of an account, with when each was fetched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredPanes {
    pub profile: Option<Stored<ProfileView>>,
    pub medals: Option<Stored<Vec<MedalInfo>>>,
    pub categories: Option<Stored<Vec<String>>>,
    /// The first category's first page of groups, and that category.
    pub groups: Option<(String, Stored<Vec<Group>>)>,
    pub bots: Option<Stored<Vec<Bot>>>,
    /// The Settings pane's answers, each with its own time.
    pub settings: Vec<Stored<SettingSnapshot>>,
    /// A SealTalk account's answers (empty in a Yunhu account's store).
    pub sealtalk: super::sealtalk::StoredSealtalk,
    /// A chaoqer account's answers (empty in the others' stores).
    pub chaoqer: super::chaoqer::StoredChaoqer,
}

impl StoredPanes {
    pub fn is_empty(&self) -> bool {
        *self == StoredPanes::default()
    }
}

/// A category and its stored first page of groups.
pub type StoredGroups = (String, Stored<Vec<Group>>);

/// The store's answer. Errors are their message: the dashboard says them once and goes on.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreReply {
    /// A save (or another command without an answer of its own) failed.
    Failed(String),
    Panes(Result<Box<StoredPanes>, String>),
    /// A category's stored first page of groups, if there is one.
    Groups(Result<Option<StoredGroups>, String>),
    Coins(Result<Vec<StoredCoin>, String>),
    Count(Result<u64, String>),
    Balance(Result<BalanceSeries, String>),
    Months(Result<Vec<MonthTotal>, String>),
    /// How many records were written to the file, or why it could not be.
    Exported(Result<u64, ExportFailure>),
    /// A coin sync: what it fetched, or why it stopped. A server or network failure is not
    /// the store's (`store_failed` false): the store stays in use.
    Synced {
        result: Result<SyncDone, String>,
        store_failed: bool,
    },
    /// A kept picture (decoded), or `None`: not kept, or unreadable (then fetched again).
    Picture {
        url: String,
        picture: Option<crate::api::picture::Picture>,
    },
    Done,
}

impl StoreReply {
    /// Why the store failed, if it did.
    pub fn error(&self) -> Option<&str> {
        match self {
            StoreReply::Failed(e)
            | StoreReply::Panes(Err(e))
            | StoreReply::Groups(Err(e))
            | StoreReply::Coins(Err(e))
            | StoreReply::Count(Err(e))
            | StoreReply::Balance(Err(e))
            | StoreReply::Months(Err(e)) => Some(e),
            StoreReply::Synced {
                result: Err(e),
                store_failed: true,
            } => Some(e),
            _ => None,
        }
    }
}

/// What a coin sync did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncDone {
    /// Records stored for the first time.
    pub new: u64,
    /// Coin-history requests it sent.
    pub requests: u32,
}

/// Why an export to a file failed, as the dashboard says it (in the language of the moment).
#[derive(Debug, Clone, PartialEq)]
pub enum ExportFailure {
    /// A file is there already: it is never replaced.
    Exists,
    /// The directory does not exist.
    NoDir,
    /// Not allowed to write there (permissions, a read-only disk).
    Denied,
    /// Anything else, in the system's words.
    Other(String),
}

impl ExportFailure {
    fn of(e: super::export::ExportError) -> ExportFailure {
        use std::io::ErrorKind;
        match e {
            super::export::ExportError::Write(io) => match io.kind() {
                ErrorKind::AlreadyExists => ExportFailure::Exists,
                ErrorKind::NotFound | ErrorKind::NotADirectory => ExportFailure::NoDir,
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                    ExportFailure::Denied
                }
                _ => ExportFailure::Other(io.to_string()),
            },
            other => ExportFailure::Other(other.to_string()),
        }
    }
}

/// An answer to command `id`.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreResponse {
    pub id: StoreId,
    pub reply: StoreReply,
}

/// The first category whose groups were kept: the stored list's first, else the service's.
pub const FIRST_CATEGORY: &str = "精选";

/// Reads every stored pane answer. A snapshot that does not decode is left out, and the
/// first such failure returned beside what could be read.
pub fn load_panes(store: &Store) -> (StoredPanes, Option<StoreError>) {
    let mut first_error = None;
    let profile = kept(store.load_profile(), &mut first_error);
    let medals = kept(store.load_medals(), &mut first_error);
    let categories = kept(store.load_categories(), &mut first_error);
    let bots = kept(store.load_bots(), &mut first_error);
    let category = categories
        .as_ref()
        .and_then(|c| c.value.first().cloned())
        .unwrap_or_else(|| FIRST_CATEGORY.to_owned());
    let groups = kept(store.load_groups(&category), &mut first_error).map(|g| (category, g));
    let settings = kept(store.load_settings().map(Some), &mut first_error).unwrap_or_default();
    let (sealtalk, error) = store.load_sealtalk();
    if let Some(e) = error {
        first_error.get_or_insert(e);
    }
    let (chaoqer, error) = store.load_chaoqer();
    if let Some(e) = error {
        first_error.get_or_insert(e);
    }
    let panes = StoredPanes {
        sealtalk,
        chaoqer,
        profile,
        medals,
        categories,
        groups,
        bots,
        settings,
    };
    (panes, first_error)
}

/// The kept picture of `url`, decoded; a store or decoding failure is logged and read as
/// none (the picture is fetched again).
pub fn load_picture(store: &Store, url: &str) -> Option<crate::api::picture::Picture> {
    let png = store
        .load_picture(url)
        .map_err(|e| tracing::warn!(error = %e, "a kept picture does not read"))
        .ok()??;
    crate::api::picture::picture_from_stored(&png)
        .map_err(|e| tracing::warn!(error = %e, "a kept picture does not decode"))
        .ok()
}

/// The value of a read; a failure is kept in `first` (the first one only) and read as none.
pub(super) fn kept<T>(
    read: Result<Option<T>, StoreError>,
    first: &mut Option<StoreError>,
) -> Option<T> {
    match read {
        Ok(value) => value,
        Err(e) => {
            first.get_or_insert(e);
            None
        }
    }
}

impl Store {
    /// Carries out `command`; `None` when it has nothing to answer.
    pub fn execute(&self, command: StoreCommand) -> Option<StoreReply> {
        let msg = |e: StoreError| e.to_string();
        match command {
            StoreCommand::Save(snapshot) => {
                let saved = match &snapshot {
                    PaneSnapshot::Profile(view) => self.save_profile(view),
                    PaneSnapshot::Medals(m) => self.save_medals(m),
                    PaneSnapshot::Categories(c) => self.save_categories(c),
                    PaneSnapshot::Groups { category, groups } => self.save_groups(category, groups),
                    PaneSnapshot::Bots(b) => self.save_bots(b),
                    PaneSnapshot::Setting(s) => self.save_setting(s),
                    PaneSnapshot::Sealtalk(s) => self.save_sealtalk(s),
                    PaneSnapshot::Chaoqer(c) => self.save_chaoqer(c),
                };
                saved.err().map(|e| StoreReply::Failed(msg(e)))
            }
            StoreCommand::LoadPanes => {
                let (panes, error) = load_panes(self);
                Some(StoreReply::Panes(match error {
                    // What was read is shown; the damaged snapshot is said once.
                    Some(e) if panes.is_empty() => Err(msg(e)),
                    _ => Ok(Box::new(panes)),
                }))
            }
            StoreCommand::LoadGroups { category } => Some(StoreReply::Groups(
                self.load_groups(&category)
                    .map(|g| g.map(|g| (category, g)))
                    .map_err(msg),
            )),
            StoreCommand::CoinsMatching {
                query,
                offset,
                limit,
                count,
            } => Some(StoreReply::Coins(
                self.coins_matching(&query, offset, limit, count)
                    .map_err(msg),
            )),
            StoreCommand::CountMatching { query } => {
                Some(StoreReply::Count(self.count_matching(&query).map_err(msg)))
            }
            StoreCommand::Balance {
                period,
                now,
                points,
            } => {
                let now = now.unwrap_or_else(|| super::now_ms() / 1000);
                Some(StoreReply::Balance(
                    self.balance_series(period, now, points).map_err(msg),
                ))
            }
            StoreCommand::Months {
                utc_offset_s,
                months,
            } => {
                let offset = utc_offset_s
                    .unwrap_or_else(|| i64::from(chrono::Local::now().offset().local_minus_utc()));
                Some(StoreReply::Months(
                    self.monthly_totals(offset, months).map_err(msg),
                ))
            }
            StoreCommand::ExportCsv { path } => Some(StoreReply::Exported(
                super::export::export_csv_file(self, &path).map_err(ExportFailure::of),
            )),
            StoreCommand::SavePicture { url, png } => {
                if let Err(e) = self.save_picture(&url, &png) {
                    tracing::warn!(error = %e, "a picture is not kept");
                }
                None
            }
            StoreCommand::LoadPicture { url } => {
                let picture = load_picture(self, &url);
                Some(StoreReply::Picture { url, picture })
            }
            StoreCommand::Flush => Some(StoreReply::Done),
            // It needs the network: the store thread carries it out (see `actor`).
            StoreCommand::SyncCoins => Some(StoreReply::Synced {
                result: Err("no API client for the coin sync".into()),
                store_failed: false,
            }),
        }
    }
}
