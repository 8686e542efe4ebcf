//! Avatar image files and bytes: read from disk bounded, decoded with bounded dimensions
//! before upload, the extension and key the upload uses.

use super::ApiError;
use super::client::MAX_IMAGE_SIDE;

/// Opens a file without blocking on a FIFO and without reading more than `limit` bytes;
/// only a regular file is read, and only if it is a decodable image of sane dimensions.
pub fn read_image_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ApiError> {
    use crate::paths::{BoundedRead, read_regular_file};
    let shown = crate::sanitize::line(&path.display().to_string()).into_owned();
    let bytes = read_regular_file(path, limit).map_err(|e| {
        ApiError::Input(match e {
            BoundedRead::Io(e) => format!("cannot read {shown}: {e}"),
            BoundedRead::NotRegular => format!("{shown} is not a regular file"),
            BoundedRead::TooLarge { len } => format!(
                "{shown} is {:.1} MB; the service takes images of at most {:.1} MB",
                len as f64 / 1_048_576.0,
                limit as f64 / 1_048_576.0
            ),
        })
    })?;
    check_image(&bytes)?;
    Ok(bytes)
}

/// Decodes an image with bounded dimensions and memory: a PNG header followed by garbage,
/// or a tiny file claiming huge dimensions, is refused here rather than uploaded.
pub fn check_image(bytes: &[u8]) -> Result<(), ApiError> {
    image_extension(bytes)?;
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ApiError::Input(format!("not a readable image: {e}")))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader
        .decode()
        .map(drop)
        .map_err(|e| ApiError::Input(format!("not a readable image: {e}")))
}

/// The file extension for an image's bytes, or an `Input` error if they are not an image
/// the service takes.
pub fn image_extension(bytes: &[u8]) -> Result<&'static str, ApiError> {
    if bytes.is_empty() {
        return Err(ApiError::Input("the image file is empty".into()));
    }
    match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png) => Ok("png"),
        Ok(image::ImageFormat::Jpeg) => Ok("jpg"),
        Ok(image::ImageFormat::Gif) => Ok("gif"),
        Ok(image::ImageFormat::WebP) => Ok("webp"),
        _ => Err(ApiError::Input("not a PNG, JPEG, GIF or WebP image".into())),
    }
}

/// `<md5 hex>.<ext>`.
pub fn image_key(bytes: &[u8], ext: &str) -> String {
    use md5::{Digest, Md5};
    let digest = Md5::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{ext}")
}
