//! The commands over the local store: `coins --all` synced then read from it, and every
//! read command with `--offline`.

use super::*;

/// The session's store with the coin history synced into it: on disk when it can be, else
/// in memory for this run (a store that fails is a warning, not the command's failure).
pub(super) async fn synced_store(session: &Session) -> Result<(Store, SyncSummary), AppError> {
    if let Some(store) = store_commands::online(session, None).await {
        match sync_coins(&session.client, &store, SyncMode::Incremental).await {
            Ok(summary) => return Ok((store, summary)),
            Err(SyncError::Api(e)) => return Err(e.into()),
            Err(SyncError::Store(e)) => store_commands::warn(&e),
            Err(SyncError::Busy) => {}
        }
    }
    let id = session.account_id.clone().unwrap_or_default();
    let key = crate::store::StoreKey::new(
        session.account().service,
        &session.client.config().base_url,
        &id,
    );
    let store = Store::open_in_memory(&key).map_err(|e| AppError::Offline(e.to_string()))?;
    match sync_coins(&session.client, &store, SyncMode::Incremental).await {
        Ok(summary) => Ok((store, summary)),
        Err(SyncError::Api(e)) => Err(e.into()),
        Err(e) => Err(AppError::Offline(e.to_string())),
    }
}

/// Every stored record, newest first (for the text and JSON listings of `coins --all`;
/// `--format` streams instead).
pub(super) fn stored_records(store: &Store) -> Result<Vec<CoinRecord>, AppError> {
    let mut records = Vec::new();
    store
        .for_each_coin(TimeRange::default(), |c| -> Result<(), StoreError> {
            records.push(c.record.clone());
            Ok(())
        })
        .map_err(|e| AppError::Offline(e.to_string()))?;
    Ok(records)
}

/// `coins --all --format F`: the stored history on stdout, streamed; the count on stderr.
pub(super) fn export(
    store: &Store,
    range: TimeRange,
    format: ExportFormat,
    synced: Option<&SyncSummary>,
) -> Result<(), AppError> {
    let n = match export_coins(store, range, format, std::io::stdout().lock()) {
        Ok(n) => n,
        Err(ExportError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        Err(ExportError::Write(e)) => return Err(AppError::Output(e)),
        Err(ExportError::Store(e)) => return Err(AppError::Offline(e.to_string())),
    };
    let mut said = format!("{n} records written");
    if let Some(s) = synced {
        said.push_str(&format!(
            " ({} new from the server in {} request{}; {} stored)",
            s.new,
            s.requests,
            if s.requests == 1 { "" } else { "s" },
            s.total_stored
        ));
    } else {
        said.push_str(" (offline, from the local store)");
    }
    note(&said);
    Ok(())
}

/// A read command with `--offline`: from the store only, nothing sent.
pub(super) fn run_offline(
    session: &Session,
    command: Command,
    json: bool,
    style: output::Style,
) -> Result<(), AppError> {
    let online_only = |what: &str| {
        Err(AppError::Input(format!(
            "--offline: {what} changes the account on the server; it cannot run offline"
        )))
    };
    let store = match &command {
        Command::SetNickname { .. } => return online_only("set-nickname"),
        Command::SetAvatar { .. } => return online_only("set-avatar"),
        _ => store_commands::offline(session)?,
    };
    let err = |e: StoreError| AppError::Offline(format!("--offline: {e}"));
    match command {
        Command::Profile => {
            let view = store_commands::need(store.load_profile(), "profile")?;
            emit(
                json,
                output::profile_json(&view),
                output::profile_text(&view, style),
            )
        }
        Command::Medals => {
            let medals = store_commands::need(store.load_medals(), "medals")?;
            emit(
                json,
                output::medals_json(&medals),
                output::medals_text(&medals, style),
            )
        }
        Command::Coins {
            page,
            size,
            all,
            format,
            since,
            until,
        } => {
            let stats = store.coin_stats().map_err(err)?;
            if stats.count == 0 && stats.synced_at_ms.is_none() {
                return Err(store_commands::never_stored("coin history"));
            }
            if let Some(format) = format {
                return export(&store, TimeRange { since, until }, format, None);
            }
            let total = stats.count as i64;
            let (records, shown_page) = if all {
                (stored_records(&store)?, None)
            } else {
                let offset = u64::from(page - 1) * u64::from(size);
                let records = store
                    .coin_page(offset, size)
                    .map_err(err)?
                    .into_iter()
                    .map(|c| c.record)
                    .collect();
                (records, Some((page, size)))
            };
            note(&format!(
                "offline: the coin history as stored{}",
                stats
                    .synced_at_ms
                    .map(|ms| format!(", synced {}", crate::timefmt::local_datetime(ms / 1000)))
                    .unwrap_or_default()
            ));
            let listing = CoinListing {
                records: &records,
                total,
                page: shown_page,
            };
            emit(
                json,
                output::coins_json(&listing),
                output::coins_text(&listing, style),
            )
        }
        Command::Categories => {
            let categories = store_commands::need(store.load_categories(), "categories")?;
            emit(
                json,
                output::categories_json(&categories),
                output::categories_text(&categories),
            )
        }
        Command::Groups {
            category,
            keyword,
            page,
            size,
        } => {
            if !keyword.is_empty() || page != 1 {
                return Err(AppError::Offline(
                    "--offline: only the first page of each category, without a keyword, is stored"
                        .into(),
                ));
            }
            let known = store_commands::need(store.load_categories(), "categories")?;
            let category = choose_category(category, &known)?;
            let mut groups = store_commands::need(
                store.load_groups(&category),
                &format!("groups of {category}"),
            )?;
            groups.truncate(size as usize);
            let listing = GroupListing {
                category: &category,
                keyword: &keyword,
                page,
                size,
                groups: &groups,
                share_url: None,
            };
            emit(
                json,
                output::groups_json(&listing),
                output::groups_text(&listing, style),
            )
        }
        Command::Bots => {
            let bots = store_commands::need(store.load_bots(), "bots")?;
            emit(
                json,
                output::bots_json(&bots, None),
                output::bots_text(&bots, style),
            )
        }
        _ => Err(AppError::Input(
            "--offline applies to profile, medals, coins, categories, groups and bots".into(),
        )),
    }
}
