//! Client versions (public): T18 the desktop update check, T19 and T20 the mobile clients.

use reqwest::Method;

use super::client::SealtalkClient;
use super::endpoint::Endpoint;
use super::envelope;
use super::error::SealtalkError;
use super::model::{ClientVersions, DesktopRelease};

impl SealtalkClient {
    /// T18: the newer desktop release for `version`, or `None` when it is the latest (204).
    /// A version that is not strict SemVer is answered 400 `Invalid version.`.
    pub async fn latest_desktop(
        &self,
        version: &str,
    ) -> Result<Option<DesktopRelease>, SealtalkError> {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("version", version)
            .finish();
        let path = format!("/misc/latest_update?{query}");
        let answer = self
            .send(Endpoint::LatestUpdate, Method::GET, &path, None, false)
            .await?;
        if answer.status == 204 || answer.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        envelope::raw_json(Endpoint::LatestUpdate, &answer.body).map(Some)
    }

    /// T19: the latest mobile clients, not wrapped; served by every version since 2016, so
    /// also the reachability probe for older servers.
    pub async fn client_version(&self) -> Result<ClientVersions, SealtalkError> {
        let answer = self
            .send(
                Endpoint::ClientVersion,
                Method::GET,
                "/misc/client_version",
                None,
                false,
            )
            .await?;
        envelope::raw_json(Endpoint::ClientVersion, &answer.body)
    }

    /// T20: the same, wrapped in the envelope (since V1.0.0).
    pub async fn mobile_version(&self) -> Result<ClientVersions, SealtalkError> {
        self.get(Endpoint::MobileVersion, "/misc/mobile_version", false)
            .await
    }
}
