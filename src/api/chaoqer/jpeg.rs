//! An avatar file as JPEG bytes (Q24's upload address always names a `.jpg`): a JPEG as
//! it is, another format decoded (bounded by `read_image_file`) and encoded. Shared by the
//! CLI's `set-avatar` and the dashboard's profile form.

/// The largest avatar file read.
pub const MAX_AVATAR_BYTES: u64 = 10 * 1024 * 1024;

/// The file's bytes as a JPEG, or why not (a sentence for the user).
pub fn jpeg_of(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let bytes = crate::api::read_image_file(path, MAX_AVATAR_BYTES).map_err(|e| e.to_string())?;
    if matches!(image::guess_format(&bytes), Ok(image::ImageFormat::Jpeg)) {
        return Ok(bytes);
    }
    let unreadable =
        |e: image::ImageError| format!("the image could not be converted to JPEG: {e}");
    let rgb = image::load_from_memory(&bytes)
        .map_err(unreadable)?
        .to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&rgb)
        .map_err(unreadable)?;
    Ok(out)
}
