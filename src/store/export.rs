//! The stored coin history written out as CSV, a JSON array or NDJSON, one record at a
//! time from the store to the writer (memory does not grow with the history).
//!
//! CSV: a header row, then `id, time (RFC 3339, UTC), change (signed), balance_after,
//! reason, remark`, quoted by the `csv` crate where a field holds a comma, a quote or a
//! line break. Text fields pass the sanitiser (line breaks kept, terminal escapes made
//! visible); JSON keeps the exact strings, with unsafe characters as `\uXXXX` escapes.

use std::io::Write;

use super::{Store, StoreError, StoredCoin, TimeRange};
use crate::api::model::round_cents;
use crate::sanitize;
use crate::timefmt::stamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Ndjson,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        // Keep the I/O error's kind: a closed pipe (`| head`) is not a failure to report.
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Write(io),
            other => ExportError::Write(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

pub const CSV_HEADER: [&str; 6] = ["id", "time", "change", "balance_after", "reason", "remark"];

/// An amount with two decimals, signed when negative, never `-0.00`.
fn amount(x: f64) -> String {
    let x = round_cents(x);
    if x == 0.0 {
        "0.00".into()
    } else {
        format!("{x:.2}")
    }
}

fn rfc3339(unix: i64) -> String {
    stamp(unix).map(|s| s.rfc3339).unwrap_or_default()
}

fn json_record(c: &StoredCoin) -> serde_json::Value {
    let r = &c.record;
    serde_json::json!({
        "id": r.id, "type": r.typ, "change": r.signed_change(),
        "before": round_cents(r.before_amount), "after": round_cents(r.after_amount),
        "reason": r.reason, "remark": r.remark, "time": stamp(r.create_time), "gone": c.gone,
    })
}

/// Writes the records of `range`, newest first, to `out` in `format`. Returns how many.
pub fn export_coins(
    store: &Store,
    range: TimeRange,
    format: ExportFormat,
    out: impl Write,
) -> Result<u64, ExportError> {
    let mut out = std::io::BufWriter::new(out);
    let n = match format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(CSV_HEADER)?;
            let n = store.for_each_coin(range, |c| -> Result<(), ExportError> {
                let r = &c.record;
                w.write_record([
                    r.id.to_string().as_str(),
                    &rfc3339(r.create_time),
                    &amount(r.signed_change()),
                    &amount(r.after_amount),
                    &sanitize::text(&r.reason),
                    &sanitize::text(&r.remark),
                ])?;
                Ok(())
            })?;
            w.flush()?;
            n
        }
        ExportFormat::Ndjson => store.for_each_coin(range, |c| -> Result<(), ExportError> {
            let line = sanitize::json(json_record(c).to_string());
            writeln!(out, "{line}")?;
            Ok(())
        })?,
        ExportFormat::Json => {
            out.write_all(b"[")?;
            let mut first = true;
            let n = store.for_each_coin(range, |c| -> Result<(), ExportError> {
                out.write_all(if first { b"\n  " } else { b",\n  " })?;
                first = false;
                out.write_all(sanitize::json(json_record(c).to_string()).as_bytes())?;
                Ok(())
            })?;
            out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
            n
        }
    };
    out.flush()?;
    Ok(n)
}

/// Writes the whole stored history as CSV to a new file at `path` (never over an existing
/// one: a path typed by hand must not replace a file by accident), 0600 on Unix; a file
/// half-written by a failure is removed. Returns how many records.
pub fn export_csv_file(store: &Store, path: &std::path::Path) -> Result<u64, ExportError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    let written = export_coins(store, TimeRange::default(), ExportFormat::Csv, &file)
        .and_then(|n| file.sync_all().map(|()| n).map_err(ExportError::Write));
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}
