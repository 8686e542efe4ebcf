//! `x` in the Coins pane: the stored history written as CSV to a file the user names, the
//! popup's default path, and what it says when the file cannot be written.

use crossterm::event::KeyCode;
use yunhu_tui::app::export::{ExportDirs, default_name};
use yunhu_tui::app::state::{MsgKey, Popup, Tab};

use crate::coins_store::stored;
use crate::harness::Harness;

/// 2024-05-06 12:00 UTC: the same local date in every zone from −11 h to +11 h.
const NOW_MS: i64 = 1_714_996_800_000;

/// The Coins pane over 30 stored records, its export dirs in a temp dir (`dl` the
/// download dir), the clock fixed.
async fn ready() -> (Harness, tempfile::TempDir) {
    let mut h = stored(30).await;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("dl")).unwrap();
    h.state.export_dirs = ExportDirs {
        download: Some(tmp.path().join("dl")),
        home: Some(tmp.path().to_owned()),
    };
    h.state.now_ms = NOW_MS;
    (h, tmp)
}

fn typed(h: &Harness) -> Option<(String, Option<String>)> {
    match &h.state.account.popup {
        Some(Popup::Export(form)) => Some((form.input.value().to_owned(), form.error.clone())),
        _ => None,
    }
}

fn status(h: &Harness) -> String {
    h.state
        .status
        .as_ref()
        .map(|s| s.text(h.state.s()))
        .unwrap_or_default()
}

#[tokio::test]
async fn x_writes_the_stored_history_to_the_default_path_and_says_where() {
    let (mut h, tmp) = ready().await;
    assert_eq!(default_name(NOW_MS), "yunhu-tui-coins-20240506.csv");
    h.press('x');
    let want = tmp.path().join("dl").join("yunhu-tui-coins-20240506.csv");
    let (value, error) = typed(&h).expect("the export popup");
    assert_eq!(value, want.display().to_string());
    assert_eq!(error, None);
    let screen = h.screen(100, 30);
    assert!(screen.contains("Export coin history (CSV)"), "{screen}");
    assert!(screen.contains("yunhu-tui-coins-20240506.csv"), "{screen}");

    h.key(KeyCode::Enter);
    assert!(h.screen(100, 30).contains("Writing…"));
    h.idle().await;
    assert!(typed(&h).is_none(), "the popup closes");
    let said = status(&h);
    assert_eq!(
        said,
        format!("30 records written to {}", want.display()),
        "{said}"
    );
    let mut reader = csv::Reader::from_path(&want).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        ["id", "time", "change", "balance_after", "reason", "remark"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 30);
    assert_eq!(&rows[0][0], "50000000");
    assert_eq!(&rows[0][2], "-3.00");
    assert_eq!(&rows[1][4], "每日签到");
    assert_eq!(&rows[29][5], "no 29");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&want).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[tokio::test]
async fn a_missing_directory_is_said_under_the_path_which_is_kept() {
    let (mut h, tmp) = ready().await;
    h.press('x');
    let path = tmp.path().join("nope").join("coins.csv");
    let text = path.display().to_string();
    h.replace_field(&text);
    h.key(KeyCode::Enter);
    h.idle().await;
    let (value, error) = typed(&h).expect("the popup stays open");
    assert_eq!(value, text);
    assert_eq!(error.as_deref(), Some("No such directory"));
    assert!(!path.exists());
    let screen = h.screen(100, 30);
    assert!(screen.contains("✗ No such directory"), "{screen}");
    // Typing clears the error; Esc closes, nothing said.
    h.key(KeyCode::Backspace);
    assert_eq!(typed(&h).and_then(|t| t.1), None);
    h.key(KeyCode::Esc);
    assert!(h.state.account.popup.is_none());
}

#[tokio::test]
async fn an_existing_file_is_refused_and_left_as_it_was() {
    let (mut h, tmp) = ready().await;
    let path = tmp.path().join("mine.csv");
    std::fs::write(&path, "keep me\n").unwrap();
    h.press('x');
    // `~` is home.
    h.replace_field("~/mine.csv");
    h.key(KeyCode::Enter);
    h.idle().await;
    let (value, error) = typed(&h).expect("the popup stays open");
    assert_eq!(value, "~/mine.csv");
    assert!(error.is_some_and(|e| e.contains("not replaced")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me\n");
    // Another name in home is written.
    h.replace_field("~/other.csv");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(typed(&h).is_none());
    let other = tmp.path().join("other.csv");
    assert!(status(&h).ends_with(&other.display().to_string()));
    assert_eq!(
        csv::Reader::from_path(&other).unwrap().records().count(),
        30
    );
}

#[tokio::test]
async fn esc_closes_and_an_empty_path_is_asked_for() {
    let (mut h, _tmp) = ready().await;
    h.press('x');
    h.replace_field("   ");
    h.key(KeyCode::Enter);
    assert_eq!(typed(&h).and_then(|t| t.1).as_deref(), Some("Type a path"));
    h.key(KeyCode::Esc);
    assert!(h.state.account.popup.is_none());
    assert!(h.state.account.coins.exporting.is_none());
}

#[tokio::test]
async fn with_nothing_stored_x_says_there_is_nothing_to_export() {
    let mut h = Harness::logged_in().await;
    h.state.tab = Tab::Coins;
    h.press('x');
    assert!(h.state.account.popup.is_none());
    let msg = h.state.status.as_ref().map(|s| s.msg.first_key());
    assert_eq!(msg, Some(Some(MsgKey::ExportNothing)));
    assert!(status(&h).starts_with("Nothing stored to export"));
}

/// Esc while the file is written closes the popup; the file is still written and the
/// status line says where.
#[tokio::test]
async fn esc_while_writing_closes_the_popup_and_the_result_is_still_said() {
    let (mut h, tmp) = ready().await;
    h.press('x');
    let path = tmp.path().join("later.csv");
    h.replace_field(&path.display().to_string());
    h.key(KeyCode::Enter);
    assert!(h.state.account.coins.exporting.is_some());
    h.key(KeyCode::Esc);
    assert!(h.state.account.popup.is_none());
    h.idle().await;
    assert!(h.state.account.coins.exporting.is_none());
    assert_eq!(
        status(&h),
        format!("30 records written to {}", path.display())
    );
    assert_eq!(csv::Reader::from_path(&path).unwrap().records().count(), 30);
}

/// A place the program may not write (even as root: sysfs refuses new files) is said
/// under the path, which stays as typed.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_place_it_may_not_write_is_said_under_the_path() {
    let (mut h, _tmp) = ready().await;
    h.press('x');
    h.replace_field("/sys/yunhu-tui-coins.csv");
    h.key(KeyCode::Enter);
    h.idle().await;
    let (value, error) = typed(&h).expect("the popup stays open");
    assert_eq!(value, "/sys/yunhu-tui-coins.csv");
    let error = error.expect("the failure is said");
    assert_eq!(error, "Not allowed to write there");
    // The popup takes a new path after the failure.
    h.key(KeyCode::Backspace);
    assert_eq!(typed(&h).and_then(|t| t.1), None);
}
