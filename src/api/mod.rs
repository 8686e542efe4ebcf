//! Talks to the Yunhu service; knows nothing of terminals.

pub mod actor;
mod client;
mod error;
pub mod lenient;
pub mod model;
pub mod rss;

pub use client::{
    ApiClient, ClientConfig, DEFAULT_BASE_URL, DEFAULT_IMAGE_BASE, DEFAULT_UPLOAD_URL,
    MEDIA_REFERER, current_platform, decode_json_data, decode_json_ok, decode_proto,
    image_extension, image_key,
};
pub use error::{ApiError, CODE_NOT_LOGGED_IN, body_excerpt};
