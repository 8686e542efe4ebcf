//! C: coins (token).

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use serde_json::{Value, json};

use super::page_range;
use crate::demo::extract::{Account, JsonBody};
use crate::demo::reply::{Answer, json_ok};
use crate::demo::state::SharedState;

pub(super) fn routes() -> Router<SharedState> {
    Router::new().route(
        "/v1/user/gold-coin-increase-decrease-record",
        post(coin_records),
    )
}

/// C1: a page of the coin history, newest first.
async fn coin_records(State(s): State<SharedState>, account: Account, body: JsonBody) -> Answer {
    let (size, page) = (body.int("size")?, body.int("page")?);
    let st = s.lock();
    let a = &st.accounts[account.index];
    let range = page_range(page, size, a.coin_records.len())?;
    let records: Vec<Value> = a.coin_records[range]
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if let Value::Object(map) = &mut r {
                map.insert("userId".into(), Value::String(a.id.clone()));
            }
            r
        })
        .collect();
    Ok(json_ok(
        json!({"goldCoinRecord": records, "total": a.coin_records.len()}),
    ))
}
