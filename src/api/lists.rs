//! C and D: the coin history (a page, or all of it, bounded), the discover categories,
//! groups and bots.

use reqwest::Method;
use serde_json::json;

use super::error::ApiError;
use super::model::{Bot, BotList, CategoryList, CoinPage, CoinRecord, Group, GroupList};

use super::client::{ApiClient, Body, MAX_RECORDS};

impl ApiClient {
    /// C1: one page (from 1) of coin records, newest first, and the total count.
    pub async fn coin_records(&self, page: u32, size: u32) -> Result<CoinPage, ApiError> {
        let body = json!({"size": size, "page": page});
        let mut page: CoinPage = self
            .json_data(
                Method::POST,
                "/v1/user/gold-coin-increase-decrease-record",
                Body::Json(body),
                true,
            )
            .await?;
        // Rows beyond the page size asked for are not ours to keep.
        page.gold_coin_record.truncate(size as usize);
        Ok(page)
    }

    /// D1.
    pub async fn categories(&self) -> Result<Vec<String>, ApiError> {
        let body = json!({"appChannel": "default"});
        let list: CategoryList = self
            .json_data(
                Method::POST,
                "/v1/user/recommend-category-list",
                Body::Json(body),
                true,
            )
            .await?;
        Ok(list.categories)
    }

    /// D2: one page (from 1) of a category's groups; a page shorter than `size` is the last.
    pub async fn groups(
        &self,
        category: &str,
        keyword: &str,
        page: u32,
        size: u32,
    ) -> Result<Vec<Group>, ApiError> {
        let body = json!({"category": category, "keyword": keyword, "size": size, "page": page});
        let list: GroupList = self
            .json_data(
                Method::POST,
                "/v1/user/recommend-list",
                Body::Json(body),
                true,
            )
            .await?;
        let mut groups = list.group_list;
        groups.truncate(size as usize);
        Ok(groups)
    }

    /// D3.
    pub async fn bots(&self) -> Result<Vec<Bot>, ApiError> {
        let list: BotList = self
            .json_data(Method::POST, "/v1/user/recommend", Body::None, true)
            .await?;
        Ok(list.bot_list)
    }

    /// Every coin record, page by page, until `total` is reached, a page comes back short
    /// or empty, a page repeats records already seen, or [`MAX_RECORDS`] are gathered:
    /// a server claiming a total of 10^12 cannot keep us paging for ever.
    pub async fn all_coin_records(&self) -> Result<(Vec<CoinRecord>, i64), ApiError> {
        const SIZE: u32 = 100;
        let mut records: Vec<CoinRecord> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut page = 1;
        loop {
            let p = self.coin_records(page, SIZE).await?;
            let short = p.gold_coin_record.len() < SIZE as usize;
            let before = records.len();
            for r in p.gold_coin_record {
                if seen.insert(r.id) && records.len() < MAX_RECORDS {
                    records.push(r);
                }
            }
            let repeated = records.len() == before;
            if short || repeated || records.len() >= MAX_RECORDS || records.len() as i64 >= p.total
            {
                return Ok((records, p.total));
            }
            page += 1;
        }
    }
}
