//! `x` in the Coins pane: the stored coin history written as CSV to a file the user names
//! (`StoreCommand::ExportCsv`: a new 0600 file, never one that is there already). A popup asks
//! for the path, prefilled with the download dir (else home) and today's date; `Enter`
//! writes, `Esc` closes. A failure keeps the popup open with the reason under the path.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::app::action::Effect;
use crate::app::state::{AppState, Msg, MsgKey, Popup};
use crate::i18n::Strings;
use crate::store::protocol::{ExportFailure, StoreCommand, StoreReply, StoreResponse};

/// Where the default file goes: the runtime fills it from the user's dirs (tests set their
/// own); both unknown, the file name alone (the working dir).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportDirs {
    pub download: Option<PathBuf>,
    pub home: Option<PathBuf>,
}

impl ExportDirs {
    /// The user's download and home dirs, as the platform says.
    pub fn of_user() -> ExportDirs {
        match directories::UserDirs::new() {
            Some(dirs) => ExportDirs {
                download: dirs.download_dir().map(Path::to_path_buf),
                home: Some(dirs.home_dir().to_path_buf()),
            },
            None => ExportDirs::default(),
        }
    }
}

/// The export popup: the path being typed, and why the last try failed.
#[derive(Debug, Clone)]
pub struct ExportForm {
    pub input: Input,
    pub error: Option<String>,
}

/// An export on its way: the store's command id and the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Exporting {
    pub id: crate::store::protocol::StoreId,
    pub path: PathBuf,
}

/// The file's default name for the local date of `now_ms` (Unix ms).
pub fn default_name(now_ms: i64) -> String {
    use chrono::TimeZone;
    let date = chrono::Local
        .timestamp_millis_opt(now_ms)
        .single()
        .map(|t| t.format("%Y%m%d").to_string())
        .unwrap_or_else(|| "00000000".into());
    format!("yunhu-tui-coins-{date}.csv")
}

/// The default path: the download dir, else home, and the default name.
pub fn default_path(state: &AppState) -> PathBuf {
    let dirs = &state.export_dirs;
    let name = default_name(state.now_ms);
    match dirs.download.as_ref().or(dirs.home.as_ref()) {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// The path typed: a leading `~` is the home dir. `None` when it names nothing.
pub fn typed_path(text: &str, home: Option<&Path>) -> Result<PathBuf, ExportProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ExportProblem::Empty);
    }
    let rest = if text == "~" {
        Some("")
    } else {
        text.strip_prefix("~/")
    };
    match (rest, home) {
        (Some(_), None) => Err(ExportProblem::NoHome),
        (Some(rest), Some(home)) => Ok(home.join(rest)),
        (None, _) => Ok(PathBuf::from(text)),
    }
}

/// What is wrong with the path before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportProblem {
    Empty,
    NoHome,
}

/// A path as shown: control characters made visible.
pub fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string()).into_owned()
}

/// `x`: the popup with the default path, or a word that there is nothing to export.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    let c = &state.account.coins;
    if state.account.store_down || !c.stored.in_use() {
        state.alert(Msg::key(MsgKey::ExportNothing));
        return Vec::new();
    }
    let path = default_path(state).display().to_string();
    state.account.popup = Some(Popup::Export(Box::new(ExportForm {
        input: Input::new(path),
        error: None,
    })));
    Vec::new()
}

fn failure_text(s: &Strings, failure: &ExportFailure) -> String {
    match failure {
        ExportFailure::Exists => s.export_exists.to_owned(),
        ExportFailure::NoDir => s.export_no_dir.to_owned(),
        ExportFailure::Denied => s.export_denied.to_owned(),
        ExportFailure::Other(why) => crate::i18n::fill(s.export_failed, &[why]),
    }
}

/// Keys of the export popup.
pub fn popup_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let s = state.s();
    let writing = state.account.coins.exporting.is_some();
    let home = state.export_dirs.home.clone();
    let Some(Popup::Export(form)) = state.account.popup.as_mut() else {
        return Vec::new();
    };
    match key.code {
        // The file is written on: its answer goes to the status line.
        KeyCode::Esc => state.account.popup = None,
        _ if writing => {}
        KeyCode::Enter => match typed_path(form.input.value(), home.as_deref()) {
            Err(problem) => {
                form.error = Some(
                    match problem {
                        ExportProblem::Empty => s.export_no_path,
                        ExportProblem::NoHome => s.export_no_home,
                    }
                    .to_owned(),
                );
            }
            Ok(path) => {
                form.error = None;
                let id = state.next_request();
                state.account.coins.exporting = Some(Exporting {
                    id,
                    path: path.clone(),
                });
                return vec![Effect::Store(id, StoreCommand::ExportCsv { path })];
            }
        },
        _ => {
            form.input.handle_event(&crossterm::event::Event::Key(key));
            form.error = None;
        }
    }
    Vec::new()
}

/// The store's answer to the export: `Err` gives back an answer that is not one.
pub fn on_stored(
    state: &mut AppState,
    response: StoreResponse,
) -> Result<Vec<Effect>, StoreResponse> {
    let ours = (state.account.coins.exporting.as_ref()).is_some_and(|e| e.id == response.id);
    let Some(exporting) = ours.then(|| state.account.coins.exporting.take()).flatten() else {
        return Err(response);
    };
    let s = state.s();
    let path = shown(&exporting.path);
    let failure = match response.reply {
        StoreReply::Exported(Ok(n)) => {
            if matches!(state.account.popup, Some(Popup::Export(_))) {
                state.account.popup = None;
            }
            state.notify(Msg::Key(
                MsgKey::Exported,
                vec![Msg::Plain(n.to_string()), Msg::Plain(path)],
            ));
            return Ok(Vec::new());
        }
        StoreReply::Exported(Err(failure)) => failure_text(s, &failure),
        // The store could not be used at all.
        other => match other.error() {
            Some(e) => crate::i18n::fill(s.export_failed, &[&e]),
            None => return Ok(Vec::new()),
        },
    };
    match state.account.popup.as_mut() {
        Some(Popup::Export(form)) => form.error = Some(failure),
        _ => state.alert(Msg::Join(vec![Msg::Plain(path), Msg::Plain(failure)])),
    }
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_is_home_and_an_empty_path_is_refused() {
        let home = Path::new("/home/u");
        assert_eq!(
            typed_path("~/a.csv", Some(home)),
            Ok(PathBuf::from("/home/u/a.csv"))
        );
        assert_eq!(typed_path(" ~ ", Some(home)), Ok(PathBuf::from("/home/u/")));
        assert_eq!(typed_path("~x/a", Some(home)), Ok(PathBuf::from("~x/a")));
        assert_eq!(typed_path("~/a", None), Err(ExportProblem::NoHome));
        assert_eq!(typed_path("  ", Some(home)), Err(ExportProblem::Empty));
    }

    #[test]
    fn the_default_name_has_the_local_date() {
        let name = default_name(0);
        assert!(name.starts_with("yunhu-tui-coins-19"), "{name}");
        assert!(name.ends_with(".csv") && name.len() == "yunhu-tui-coins-YYYYMMDD.csv".len());
    }
}
