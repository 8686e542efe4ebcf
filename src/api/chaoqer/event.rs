//! Events (Q20–Q21): the public ones from an hour ago on, and one event.

use super::client::{Auth, ChaoqerClient};
use super::endpoint::Endpoint;
use super::envelope;
use super::error::ChaoqerError;
use super::model::{Event, EventEntry};
use super::paging::Page;
use super::user::{check_id, page};

impl ChaoqerClient {
    /// Q20: public events from an hour ago on, in ascending event time.
    pub async fn events(
        &self,
        count: u32,
        last_id: Option<&str>,
    ) -> Result<Page<EventEntry>, ChaoqerError> {
        page(self, Endpoint::Events, "/event", count, last_id).await
    }

    /// Q21: an event.
    pub async fn event(&self, event_id: &str) -> Result<Event, ChaoqerError> {
        check_id("an event id", event_id)?;
        let body = self
            .get(
                Endpoint::Event,
                &format!("/event/{event_id}"),
                &[],
                Auth::User,
            )
            .await?;
        envelope::result(Endpoint::Event, &body)
    }
}
