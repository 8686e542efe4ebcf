//! The one error that ends the program, from a one-shot command or the dashboard: each prints
//! as one line on stderr, and its variant decides the exit code.

use crate::api::ApiError;
use crate::api::chaoqer::ChaoqerError;
use crate::api::sealtalk::SealtalkError;
use crate::demo::DemoError;
use crate::paths::FileError;
use crate::settings::SettingsError;

/// The exit codes, one per kind of failure (0 is success).
pub mod exit {
    /// The server or the network failed (or the demo server could not start, or
    /// `--offline` found nothing stored).
    pub const SERVER: u8 = 1;
    /// Bad input: a flag, an argument, `YUNHU_TOKEN`, or a config file refused for what it
    /// holds or is; nothing was sent.
    pub const USAGE: u8 = 2;
    /// Not logged in: no token, or the server said −101.
    pub const NOT_LOGGED_IN: u8 = 3;
    /// A local file, directory or stdout could not be read or written.
    pub const LOCAL_IO: u8 = 4;
    /// The terminal failed under the dashboard.
    pub const TERMINAL: u8 = 5;
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The server said −101; `msg` is its own message, verbatim.
    #[error("not logged in (code -101: {msg}): run yunhu-tui to log in")]
    NotLoggedIn { msg: String },
    #[error("not logged in: set YUNHU_TOKEN or run yunhu-tui to log in")]
    NoLogin,
    #[error("{0}")]
    Api(ApiError),
    /// A SealTalk server's or the network's failure, with the server's words.
    #[error("{0}")]
    Sealtalk(SealtalkError),
    /// A chaoqer gateway's or the network's failure, with the server's words (a 401 is
    /// [`AppError::LogInAgain`] instead).
    #[error("{0}")]
    Chaoqer(ChaoqerError),
    /// A SealTalk account without a valid session (none saved, 403, or a cookie the server
    /// cannot read: Q3); the sentence says how to log in again.
    #[error("{0}")]
    LogInAgain(String),
    #[error("{0}")]
    Demo(#[from] DemoError),
    /// The config dir, the token file, the device id: see [`AppError::exit_code`].
    #[error("{0}")]
    File(#[from] FileError),
    /// `config.toml` that cannot be used.
    #[error("{0}")]
    Settings(#[from] SettingsError),
    /// Bad input: nothing was sent.
    #[error("{0}")]
    Input(String),
    /// `--offline` and the local store has nothing for the command (or cannot be read).
    #[error("{0}")]
    Offline(String),
    /// stdout could not be written (a closed pipe is not an error: see `oneshot`).
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
    /// The terminal failed while the dashboard ran on it.
    #[error("terminal: {0}")]
    Terminal(std::io::Error),
    /// Part of the work was done before `error` stopped the rest (`login` logged in but could
    /// not save the login; `logout` deleted the saved login but could not tell the server):
    /// `done` says, in words, what was and what was not. The exit code is `error`'s.
    #[error("{done}: {error}")]
    Partly { done: String, error: Box<AppError> },
}

impl AppError {
    /// `error`, after `done` (see [`AppError::Partly`]).
    pub fn partly(done: impl Into<String>, error: impl Into<AppError>) -> AppError {
        AppError::Partly {
            done: done.into(),
            error: Box::new(error.into()),
        }
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        if e.is_not_logged_in() {
            match e {
                ApiError::NotLoggedIn { msg } if msg == "no saved login" => AppError::NoLogin,
                ApiError::NotLoggedIn { msg } => AppError::NotLoggedIn { msg },
                other => AppError::Api(other),
            }
        } else {
            AppError::Api(e)
        }
    }
}

/// A file refused for what it is or holds (a FIFO, a device, too large, not a token) is bad
/// input; a file the system could not read or write is a local I/O failure.
fn file_exit_code(e: &FileError) -> u8 {
    match e {
        FileError::Unsafe { .. } => exit::USAGE,
        FileError::NoHome | FileError::Io { .. } | FileError::ChangedElsewhere(_) => exit::LOCAL_IO,
    }
}

impl AppError {
    /// True for failures the API client has already logged (no usable HTTP answer):
    /// logging them again would double the log.
    pub fn was_logged(&self) -> bool {
        match self {
            AppError::Api(e) => e.is_logged_by_client(),
            // The SealTalk client logs every request that fails; not what it refused to send.
            AppError::Sealtalk(e) => !matches!(e, SealtalkError::Input(_)),
            AppError::Chaoqer(e) => !matches!(e, ChaoqerError::Input(_)),
            AppError::Partly { error, .. } => error.was_logged(),
            _ => false,
        }
    }

    /// 1: the server or the network failed; 2: bad input; 3: not logged in; 4: a local file
    /// or stdout failed; 5: the terminal failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::NotLoggedIn { .. } | AppError::NoLogin | AppError::LogInAgain(_) => {
                exit::NOT_LOGGED_IN
            }
            AppError::Input(_)
            | AppError::Api(ApiError::Input(_))
            | AppError::Sealtalk(SealtalkError::Input(_))
            | AppError::Chaoqer(ChaoqerError::Input(_)) => exit::USAGE,
            AppError::Settings(SettingsError::Io(e)) | AppError::File(e) => file_exit_code(e),
            AppError::Settings(_) => exit::USAGE,
            AppError::Output(_) => exit::LOCAL_IO,
            AppError::Terminal(_) => exit::TERMINAL,
            AppError::Api(_)
            | AppError::Sealtalk(_)
            | AppError::Chaoqer(_)
            | AppError::Demo(_)
            | AppError::Offline(_) => exit::SERVER,
            AppError::Partly { error, .. } => error.exit_code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn io() -> std::io::Error {
        std::io::Error::from(std::io::ErrorKind::PermissionDenied)
    }

    fn io_file() -> FileError {
        FileError::Io {
            path: PathBuf::from("/cfg/token"),
            source: io(),
        }
    }

    fn unsafe_file() -> FileError {
        FileError::Unsafe {
            path: PathBuf::from("/cfg/config.toml"),
            reason: "not a regular file; it is not read".into(),
        }
    }

    #[test]
    fn each_variant_has_its_exit_code() {
        let cases: Vec<(AppError, u8)> = vec![
            (ApiError::Transport("connection refused".into()).into(), 1),
            (
                ApiError::Http {
                    status: 502,
                    excerpt: String::new(),
                }
                .into(),
                1,
            ),
            (
                ApiError::Api {
                    code: -1,
                    msg: "功能仅限VIP用户使用".into(),
                }
                .into(),
                1,
            ),
            (
                DemoError::NotLoopback(std::net::Ipv4Addr::new(10, 0, 0, 1).into()).into(),
                1,
            ),
            (AppError::Input("unknown category 'x'".into()), 2),
            (
                ApiError::Input("x.png is not a regular file".into()).into(),
                2,
            ),
            (unsafe_file().into(), 2),
            (SettingsError::Io(unsafe_file()).into(), 2),
            (
                SettingsError::Syntax {
                    path: PathBuf::from("config.toml"),
                    line: 3,
                    message: "expected `=`".into(),
                }
                .into(),
                2,
            ),
            (
                SettingsError::Broken(PathBuf::from("config.toml")).into(),
                2,
            ),
            (
                ApiError::NotLoggedIn {
                    msg: "未登录".into(),
                }
                .into(),
                3,
            ),
            (
                ApiError::NotLoggedIn {
                    msg: "no saved login".into(),
                }
                .into(),
                3,
            ),
            (io_file().into(), 4),
            (FileError::NoHome.into(), 4),
            (SettingsError::Io(io_file()).into(), 4),
            (AppError::Output(io()), 4),
            (AppError::Terminal(io()), 5),
            (
                AppError::Sealtalk(SealtalkError::Rejected {
                    status: 400,
                    text: "Invalid nickname length.".into(),
                }),
                1,
            ),
            (AppError::Sealtalk(SealtalkError::Input("x".into())), 2),
            (AppError::LogInAgain("log in again".into()), 3),
            (
                AppError::partly(
                    "logged in, but the login was not saved",
                    FileError::ChangedElsewhere(PathBuf::from("/cfg/token")),
                ),
                4,
            ),
            (
                AppError::partly(
                    "the saved login is deleted, but the server could not be told",
                    ApiError::Transport("connection refused".into()),
                ),
                1,
            ),
        ];
        for (error, code) in cases {
            assert_eq!(error.exit_code(), code, "{error:?}");
        }
    }

    #[test]
    fn messages_are_kept() {
        let e: AppError = ApiError::NotLoggedIn {
            msg: "未登录".into(),
        }
        .into();
        assert_eq!(
            e.to_string(),
            "not logged in (code -101: 未登录): run yunhu-tui to log in"
        );
        let e: AppError = ApiError::NotLoggedIn {
            msg: "no saved login".into(),
        }
        .into();
        assert!(matches!(e, AppError::NoLogin));
        assert_eq!(
            e.to_string(),
            "not logged in: set YUNHU_TOKEN or run yunhu-tui to log in"
        );
        assert_eq!(
            AppError::Terminal(io()).to_string(),
            format!("terminal: {}", io())
        );
        assert_eq!(
            AppError::Output(io()).to_string(),
            format!("cannot write output: {}", io())
        );
    }

    #[test]
    fn only_what_the_client_logged_is_marked_logged() {
        assert!(AppError::from(ApiError::Transport("refused".into())).was_logged());
        assert!(
            !AppError::from(ApiError::Api {
                code: -1,
                msg: "x".into()
            })
            .was_logged()
        );
        assert!(!AppError::Terminal(io()).was_logged());
        let told = |e: ApiError| AppError::partly("the saved login is deleted", e);
        assert!(told(ApiError::Transport("refused".into())).was_logged());
        assert!(
            !told(ApiError::Api {
                code: -1,
                msg: "x".into()
            })
            .was_logged()
        );
    }

    #[test]
    fn a_partial_failure_says_what_was_done_then_what_failed() {
        let e = AppError::partly(
            "logged in, but the login was not saved",
            FileError::ChangedElsewhere(PathBuf::from("/cfg/token")),
        );
        assert_eq!(
            e.to_string(),
            "logged in, but the login was not saved: /cfg/token: another yunhu-tui changed the saved login since this one read it; it is kept as it is"
        );
    }
}
