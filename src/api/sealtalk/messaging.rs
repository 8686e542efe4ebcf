//! T21 (sends an IM message as the user) and T22 (raw sync): typed, but not for the
//! dashboard's panes; T21 is only ever called behind an explicit confirmation.

use serde::Serialize;

use super::client::SealtalkClient;
use super::endpoint::Endpoint;
use super::error::SealtalkError;
use super::model::{Conversation, SyncResult};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SendMessage<'a> {
    conversation_type: &'static str,
    target_id: &'a str,
    object_name: &'static str,
    /// A string holding the message JSON (the seed's bare string is wrong).
    content: String,
    push_content: &'a str,
}

impl SealtalkClient {
    /// T21: publishes a text message (`RC:TxtMsg`) as the user. A rejected message makes the
    /// server never answer (Q18): that ends as a timeout, and is not retried.
    pub async fn send_text(&self, to: &Conversation, text: &str) -> Result<(), SealtalkError> {
        let content = serde_json::json!({ "content": text }).to_string();
        self.post_ok(
            Endpoint::SendMessage,
            "/misc/send_message",
            &SendMessage {
                conversation_type: to.type_name(),
                target_id: to.target_id(),
                object_name: "RC:TxtMsg",
                content,
                push_content: text,
            },
        )
        .await
    }

    /// T22: everything changed since `version` (0 for all). Its ids are raw numbers.
    pub async fn sync(&self, version: i64) -> Result<SyncResult, SealtalkError> {
        self.get(Endpoint::Sync, &format!("/user/sync/{version}"), true)
            .await
    }
}
