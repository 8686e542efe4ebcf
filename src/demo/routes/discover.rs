//! D: discover groups and bots (token).

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use serde_json::{Value, json};

use super::page_range;
use crate::demo::extract::{Account, JsonBody};
use crate::demo::reply::{Answer, json_ok};
use crate::demo::state::SharedState;

pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/user/recommend-category-list", post(categories))
        .route("/v1/user/recommend-list", post(groups))
        .route("/v1/user/recommend", post(bots))
}

/// D1
async fn categories(State(s): State<SharedState>, _: Account, _: JsonBody) -> Answer {
    Ok(json_ok(json!({"categories": s.lock().discover.categories})))
}

/// D2: a page of one category's groups, filtered by a keyword.
async fn groups(State(s): State<SharedState>, _: Account, body: JsonBody) -> Answer {
    let (category, keyword) = (body.text("category")?, body.text("keyword")?);
    let (size, page) = (body.int("size")?, body.int("page")?);
    let keyword = keyword.trim().to_lowercase();
    let matches = |g: &&Value| {
        keyword.is_empty()
            || ["nickname", "introduction"].iter().any(|k| {
                g.get(*k)
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.to_lowercase().contains(&keyword))
            })
    };
    let st = s.lock();
    let found: Vec<&Value> = st
        .discover
        .groups
        .get(&category)
        .map(|g| g.iter().filter(matches).collect())
        .unwrap_or_default();
    let range = page_range(page, size, found.len())?;
    Ok(json_ok(json!({"groupList": found[range]})))
}

/// D3
async fn bots(State(s): State<SharedState>, _: Account) -> Answer {
    Ok(json_ok(json!({"botList": s.lock().bots})))
}
