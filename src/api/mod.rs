//! Talks to the Yunhu service; knows nothing of terminals.

pub mod actor;
mod client;
mod error;
pub mod lenient;
pub mod model;
pub mod rss;

pub use client::{
    ApiClient, ClientConfig, DEFAULT_BASE_URL, DEFAULT_IMAGE_BASE, DEFAULT_UPLOAD_URL,
    MAX_BODY_BYTES, MAX_RECORDS, MEDIA_REFERER, check_image, check_token, current_platform,
    decode_json_data, decode_json_ok, decode_proto, image_extension, image_key, plain_http_warning,
    read_image_file,
};
pub use error::{ApiError, CODE_NOT_LOGGED_IN, body_excerpt};
