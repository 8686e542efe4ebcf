//! Talks to the Yunhu service; knows nothing of terminals.

pub mod actor;
pub mod actor_chaoqer;
pub mod actor_sealtalk;
pub mod chaoqer;
mod client;
mod decode;
mod error;
mod images;
pub mod lenient;
mod lists;
mod login;
mod misc;
pub mod picture;
pub use misc::PLATFORMS;
pub mod model;
mod profile;
pub mod rss;
pub mod sealtalk;
mod settings;
mod transport;

pub use client::{
    ApiClient, ClientConfig, DEFAULT_BASE_URL, DEFAULT_IMAGE_BASE, DEFAULT_UPLOAD_URL,
    MAX_BODY_BYTES, MAX_RECORDS, MEDIA_REFERER, check_token, current_platform, plain_http_warning,
};
pub use decode::{decode_json_data, decode_json_ok, decode_proto};
pub use error::{ApiError, CODE_NOT_LOGGED_IN, body_excerpt};
pub use images::{check_image, image_extension, image_key, read_image_file};
pub use transport::USER_AGENT;
