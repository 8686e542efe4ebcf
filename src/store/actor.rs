//! The dashboard's store thread: it owns each account's [`Store`] and carries out the
//! commands of `Effect::Store` in order, off the UI path (SQLite calls block; a busy store
//! waits up to its busy timeout). Answers go back on a channel the event loop selects on.
//!
//! One store per account, switched with the account like the API client. A store that
//! cannot be opened or fails is answered once with the reason and not used again this run:
//! later reads get a short error, later saves are dropped.

use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;
use std::thread::JoinHandle;

use tokio::sync::mpsc;

use super::protocol::{StoreCommand, StoreId, StoreReply, StoreResponse};
use super::{Store, StoreError, StoreKey};
use crate::service::Service;

/// Where an account's store is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The data dir (one file per account in it).
    Dir(PathBuf),
    /// In memory, gone at exit (`--demo`).
    Memory,
}

/// What the thread needs to open an account's store.
#[derive(Debug)]
pub struct StoreAccount {
    pub service: Service,
    pub server: String,
    /// `None` until the account's id is known (a first login): nothing is stored before.
    pub account_id: Option<String>,
    pub place: Place,
    /// Opened already (the start reads the shown account's store before the first frame),
    /// or failed to open (said then; not tried again).
    pub opened: Opened,
    /// Its API client, for the coin sync (`None`: no sync, e.g. in tests of the store alone).
    pub client: Option<crate::api::ApiClient>,
}

#[derive(Debug, Default)]
pub enum Opened {
    #[default]
    NotYet,
    // Boxed: the store is large beside the empty variants.
    Open(Box<Store>),
    Failed,
}

enum Job {
    Run(StoreId, StoreCommand),
    Switch(usize),
    /// The shown account's token changed (a login, a logout, −101).
    Token(Option<String>),
    /// The shown account's id, learnt from the server.
    AccountId(String),
}

/// The handle the runtime keeps. Dropping it lets the thread finish what it was given.
pub struct StoreHandle {
    tx: Option<std_mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    /// Stops a coin sync in progress (at exit: quitting never waits for the network).
    stop: Stop,
}

/// A one-way signal to stop the coin sync.
#[derive(Clone, Default)]
struct Stop {
    set: std::sync::Arc<std::sync::atomic::AtomicBool>,
    notify: std::sync::Arc<tokio::sync::Notify>,
}

impl Stop {
    fn raise(&self) {
        self.set.store(true, std::sync::atomic::Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Resolves once raised (at once if it already was).
    async fn raised(&self) {
        let notified = self.notify.notified();
        tokio::pin!(notified);
        // Registered before the check, so a raise in between is not missed.
        notified.as_mut().enable();
        if self.set.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        notified.await;
    }
}

impl StoreHandle {
    /// Starts the thread with every account (in the switcher's order), `active` shown.
    pub fn spawn(
        accounts: Vec<StoreAccount>,
        active: usize,
        out: mpsc::UnboundedSender<StoreResponse>,
    ) -> StoreHandle {
        let (tx, rx) = std_mpsc::channel();
        // The coin sync is async (the API client): the thread drives it on the app's runtime.
        let runtime = tokio::runtime::Handle::try_current().ok();
        let stop = Stop::default();
        let thread_stop = stop.clone();
        let thread = std::thread::Builder::new()
            .name("store".into())
            .spawn(move || run(accounts, active, runtime, thread_stop, rx, out))
            .map_err(|e| tracing::error!(error = %e, "cannot start the store thread"))
            .ok();
        StoreHandle {
            tx: thread.is_some().then_some(tx),
            thread,
            stop,
        }
    }

    /// A handle that does nothing (a runtime without a store).
    pub fn none() -> StoreHandle {
        StoreHandle {
            tx: None,
            thread: None,
            stop: Stop::default(),
        }
    }

    fn job(&self, job: Job) {
        if let Some(tx) = &self.tx {
            // The thread gone (it never panics on purpose): the dashboard goes on without it.
            let _ = tx.send(job);
        }
    }

    pub fn send(&self, id: StoreId, command: StoreCommand) {
        self.job(Job::Run(id, command));
    }

    /// Later commands are for account `index`.
    pub fn switch(&self, index: usize) {
        self.job(Job::Switch(index));
    }

    /// The shown account's token, for its coin sync.
    pub fn token(&self, token: Option<String>) {
        self.job(Job::Token(token));
    }

    /// The shown account's id is `id` (its store can be opened now).
    pub fn account_id(&self, id: String) {
        self.job(Job::AccountId(id));
    }

    /// Waits for the thread to carry out what it was given (at exit: the last answers are
    /// kept).
    pub fn finish(mut self) {
        self.stop.raise();
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StoreHandle {
    fn drop(&mut self) {
        // Without `finish`, the thread ends on its own once the channel is closed.
        self.stop.raise();
        self.tx = None;
    }
}

fn open(account: &StoreAccount, id: &str) -> Result<Store, StoreError> {
    let key = StoreKey::new(account.service, &account.server, id);
    match &account.place {
        Place::Dir(dir) => Store::open(dir, &key),
        Place::Memory => Store::open_in_memory(&key),
    }
}

/// Why a command found no store, answered to a command that waits for an answer.
const NOT_USED: &str = "the local store is not used";

fn run(
    mut accounts: Vec<StoreAccount>,
    mut active: usize,
    runtime: Option<tokio::runtime::Handle>,
    stop: Stop,
    rx: std_mpsc::Receiver<Job>,
    out: mpsc::UnboundedSender<StoreResponse>,
) {
    let answer = |id, reply| {
        let _ = out.send(StoreResponse { id, reply });
    };
    while let Ok(job) = rx.recv() {
        match job {
            Job::Switch(index) if index < accounts.len() => active = index,
            Job::Switch(_) => {}
            Job::Token(token) => {
                if let Some(client) = accounts.get_mut(active).and_then(|a| a.client.as_mut()) {
                    client.set_token(token);
                }
            }
            Job::AccountId(id) => {
                let Some(account) = accounts.get_mut(active) else {
                    continue;
                };
                if account.account_id.as_deref() != Some(id.as_str()) {
                    // Another account logged in here: its own store, opened when needed.
                    account.account_id = Some(id);
                    account.opened = Opened::NotYet;
                }
            }
            // Whatever the store's state: everything before it is done.
            Job::Run(id, StoreCommand::Flush) => answer(id, StoreReply::Done),
            Job::Run(id, command) => {
                let Some(account) = accounts.get_mut(active) else {
                    continue;
                };
                if let Opened::NotYet = account.opened
                    && let Some(account_id) = account.account_id.clone()
                {
                    account.opened = match open(account, &account_id) {
                        Ok(store) => Opened::Open(Box::new(store)),
                        Err(e) => {
                            tracing::warn!(error = %e, "the local store is not used");
                            answer(id, StoreReply::Failed(e.to_string()));
                            Opened::Failed
                        }
                    };
                    if let Opened::Failed = account.opened {
                        continue;
                    }
                }
                let Opened::Open(store) = &account.opened else {
                    if command.answers() {
                        answer(id, StoreReply::Failed(NOT_USED.into()));
                    }
                    continue;
                };
                let reply = match command {
                    StoreCommand::SyncCoins => Some(sync(
                        store,
                        account.client.as_ref(),
                        runtime.as_ref(),
                        &stop,
                    )),
                    command => store.execute(command),
                };
                let Some(reply) = reply else {
                    continue;
                };
                if let Some(e) = reply.error() {
                    // Said once by the dashboard; this store is not used again this run.
                    tracing::warn!(error = %e, "the local store failed");
                    account.opened = Opened::Failed;
                }
                answer(id, reply);
            }
        }
    }
}

/// The coin sync, on this thread: the network part on the app's runtime, the store's writes
/// here. Only a failure of the store itself puts the store out of use.
fn sync(
    store: &Store,
    client: Option<&crate::api::ApiClient>,
    runtime: Option<&tokio::runtime::Handle>,
    stop: &Stop,
) -> StoreReply {
    use super::sync::{SyncError, SyncMode, sync_coins};
    let (Some(client), Some(runtime)) = (client, runtime) else {
        return StoreReply::Synced {
            result: Err("the coin history cannot be fetched here".into()),
            store_failed: false,
        };
    };
    let synced = runtime.block_on(async {
        tokio::select! {
            r = sync_coins(client, store, SyncMode::Incremental) => Some(r),
            () = stop.raised() => None,
        }
    });
    let Some(synced) = synced else {
        // Stopped at exit: what was fetched is kept; nobody waits for an answer.
        return StoreReply::Done;
    };
    match synced {
        Ok(summary) => StoreReply::Synced {
            result: Ok(super::protocol::SyncDone {
                new: summary.new,
                requests: summary.requests,
            }),
            store_failed: false,
        },
        Err(SyncError::Store(e)) => StoreReply::Synced {
            result: Err(e.to_string()),
            store_failed: true,
        },
        Err(e) => StoreReply::Synced {
            result: Err(e.to_string()),
            store_failed: false,
        },
    }
}
