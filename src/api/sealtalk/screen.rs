//! Screen-capture notices: T15 read, T16 set (posts a message into the chat), T17 (fakes a
//! "screenshot taken" notice; typed for completeness, not offered by the dashboard).
//!
//! Q16: the server keeps these calls' arguments in process-global variables, so a caller
//! issues them one at a time.

use serde::Serialize;

use super::client::SealtalkClient;
use super::endpoint::Endpoint;
use super::error::SealtalkError;
use super::model::{Conversation, ScreenCaptureResult};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Target<'a> {
    conversation_type: u8,
    target_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SetStatus<'a> {
    conversation_type: u8,
    target_id: &'a str,
    notice_status: u8,
}

fn target(conversation: &Conversation) -> Target<'_> {
    Target {
        conversation_type: conversation.type_number(),
        target_id: conversation.target_id(),
    }
}

impl SealtalkClient {
    /// T15: whether the notice is on (never set reads as off).
    pub async fn screen_capture(&self, conversation: &Conversation) -> Result<bool, SealtalkError> {
        let result: ScreenCaptureResult = self
            .post(
                Endpoint::GetScreenCapture,
                "/misc/get_screen_capture",
                &target(conversation),
            )
            .await?;
        Ok(result.status != 0)
    }

    /// T16: turns the notice on or off. **Publishes an IM message as the user** into that
    /// conversation; callers confirm first. Only 0 and 1 are sent (other values are stored
    /// as given).
    pub async fn set_screen_capture(
        &self,
        conversation: &Conversation,
        on: bool,
    ) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::SetScreenCapture,
            "/misc/set_screen_capture",
            &SetStatus {
                conversation_type: conversation.type_number(),
                target_id: conversation.target_id(),
                notice_status: u8::from(on),
            },
        )
        .await
    }

    /// T17: announces "the user took a screenshot" whatever the status. Not for the
    /// dashboard, which takes no screenshots.
    pub async fn send_screen_capture_notice(
        &self,
        conversation: &Conversation,
    ) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::SendScreenCaptureNotice,
            "/misc/send_sc_msg",
            &target(conversation),
        )
        .await
    }
}
