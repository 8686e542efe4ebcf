//! P: the own account, its public card, medals, and edits to the profile.

use prost::Message;
use reqwest::Method;

use super::error::ApiError;
use super::model::{ProfileEdit, UserData, UserDataWrapper};
use crate::proto::{
    self, EditAvatarRequest, EditNicknameRequest, GetSelfMedal, GetUserRequest, GetUserResponse,
    MedalInfo, StatusResponse, UserInfo,
};

use super::client::{ApiClient, Body};

impl ApiClient {
    /// P1: the own account.
    pub async fn user_info(&self) -> Result<proto::user_info::Data, ApiError> {
        let info: UserInfo = self.proto_get("/v1/user/info").await?;
        info.data
            .ok_or_else(|| ApiError::Decode("user info has no data".into()))
    }

    /// P2: the public profile of any user.
    pub async fn get_user(&self, id: &str) -> Result<proto::get_user_response::Data, ApiError> {
        let body = GetUserRequest { id: id.to_owned() }.encode_to_vec();
        let resp: GetUserResponse = self.proto(Method::POST, "/v1/user/get-user", body).await?;
        resp.data
            .ok_or_else(|| ApiError::Decode("user profile has no data".into()))
    }

    /// P3: the own medals, as sent (not sorted).
    pub async fn self_medals(&self) -> Result<Vec<MedalInfo>, ApiError> {
        let resp: GetSelfMedal = self
            .proto(Method::POST, "/v1/user/medal", Vec::new())
            .await?;
        Ok(resp.medal)
    }

    /// P4.
    pub async fn edit_nickname(&self, name: &str) -> Result<(), ApiError> {
        let body = EditNicknameRequest {
            name: name.to_owned(),
        }
        .encode_to_vec();
        self.proto::<StatusResponse>(Method::POST, "/v1/user/edit-nickname", body)
            .await
            .map(drop)
    }

    /// P5: `url` is a full URL of an image already on the image host.
    pub async fn edit_avatar(&self, url: &str) -> Result<(), ApiError> {
        let body = EditAvatarRequest {
            url: url.to_owned(),
        }
        .encode_to_vec();
        self.proto::<StatusResponse>(Method::POST, "/v1/user/edit-avatar", body)
            .await
            .map(drop)
    }

    /// P6: the editable profile fields.
    pub async fn user_data(&self) -> Result<UserData, ApiError> {
        let wrapper: UserDataWrapper = self
            .json_data(Method::POST, "/v1/user/get-user-data", Body::None, true)
            .await?;
        wrapper
            .data
            .ok_or_else(|| ApiError::Decode("profile data has no inner data".into()))
    }

    /// P7.
    pub async fn save_user_data(&self, edit: &ProfileEdit) -> Result<(), ApiError> {
        let body = serde_json::to_value(edit).map_err(|e| ApiError::Input(e.to_string()))?;
        self.json_ok("/v1/user/save-user-data", body, true).await
    }
}
