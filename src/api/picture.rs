//! Pictures to draw (the account's avatar, a group's, bot's or friend's): fetched with the
//! same care as API answers (no redirects, a capped body), only `image/*` answers decoded,
//! with bounded dimensions and memory, and made into a small thumbnail here, off the UI
//! path. The UI gets the decoded thumbnail; the store keeps its PNG.

use std::sync::Arc;

use reqwest::header::{CONTENT_TYPE, REFERER};

use super::ApiError;
use super::client::{ApiClient, DEFAULT_IMAGE_BASE, MEDIA_REFERER};
use super::transport::{read_capped, redirect_target};

/// The largest picture answer read: avatars are small; anything larger is not a picture to
/// show in a terminal.
pub const MAX_PICTURE_BYTES: usize = 3 * 1024 * 1024;
/// The largest width or height decoded: a tiny file claiming more is refused before any
/// pixel is allocated.
pub const MAX_PICTURE_SIDE: u32 = 2048;
/// What the decoder may allocate for one picture (2048 × 2048 RGBA is 16 MB).
pub const MAX_PICTURE_ALLOC: u64 = 24 * 1024 * 1024;
/// The side of the thumbnail kept and drawn: enough for a large avatar box even with kitty
/// or sixel at a usual cell size, small in the store (a few KB of PNG).
pub const THUMB_SIDE: u32 = 128;

/// A picture ready to draw: its thumbnail decoded, and the same as PNG for the store.
#[derive(Clone, PartialEq)]
pub struct Picture {
    pub png: Arc<[u8]>,
    pub image: Arc<image::DynamicImage>,
}

impl std::fmt::Debug for Picture {
    // Not the pixels: replies are logged with `{:?}` in tests.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Picture({}x{}, {} bytes of PNG)",
            self.image.width(),
            self.image.height(),
            self.png.len()
        )
    }
}

fn decode_bounded(bytes: &[u8], side: u32) -> Result<image::DynamicImage, ApiError> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ApiError::Decode(format!("not a readable picture: {e}")))?;
    if reader.format().is_none() {
        return Err(ApiError::Decode(
            "not a PNG, JPEG, GIF or WebP picture".into(),
        ));
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    limits.max_alloc = Some(MAX_PICTURE_ALLOC);
    reader.limits(limits);
    reader
        .decode()
        .map_err(|e| ApiError::Decode(format!("picture refused: {e}")))
}

/// Decodes a fetched picture (bounded) and makes its thumbnail. CPU work: run it off the
/// async threads.
pub fn picture_from_bytes(bytes: &[u8]) -> Result<Picture, ApiError> {
    let full = decode_bounded(bytes, MAX_PICTURE_SIDE)?;
    let thumb = if full.width() > THUMB_SIDE || full.height() > THUMB_SIDE {
        full.thumbnail(THUMB_SIDE, THUMB_SIDE)
    } else {
        full
    };
    let thumb = image::DynamicImage::ImageRgba8(thumb.into_rgba8());
    let mut png = Vec::new();
    thumb
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| ApiError::Decode(format!("cannot keep the picture: {e}")))?;
    Ok(Picture {
        png: png.into(),
        image: Arc::new(thumb),
    })
}

/// A thumbnail as the store kept it (bounded like a fresh one, at the thumbnail's size).
pub fn picture_from_stored(png: &[u8]) -> Result<Picture, ApiError> {
    let image = decode_bounded(png, THUMB_SIDE)?;
    Ok(Picture {
        png: png.into(),
        image: Arc::new(image),
    })
}

/// Whether `url` is on the Yunhu media CDN (the default one, or the configured image base):
/// only it is sent the app's Referer, which it wants (403 without).
fn is_media_cdn(url: &url::Url, image_base: &str) -> bool {
    let same = |base: &str| {
        url::Url::parse(base).is_ok_and(|b| {
            b.scheme() == url.scheme()
                && b.host_str() == url.host_str()
                && b.port_or_known_default() == url.port_or_known_default()
        })
    };
    same(DEFAULT_IMAGE_BASE) || same(image_base)
}

impl ApiClient {
    /// The address a picture is fetched from: the Yunhu CDN's own addresses go to the
    /// configured image base (the same host unless `--image-base` or the demo says another).
    pub fn picture_address(&self, url: &str) -> String {
        match url.strip_prefix(DEFAULT_IMAGE_BASE) {
            Some(key) if self.config.image_base != DEFAULT_IMAGE_BASE => {
                format!("{}{key}", self.config.image_base)
            }
            _ => url.to_owned(),
        }
    }

    /// Fetches a picture and makes its thumbnail. Never sends the token (the picture host
    /// is another origin, and pictures are public); only the CDN gets the Referer.
    pub async fn picture(&self, url: &str) -> Result<Picture, ApiError> {
        let address = self.picture_address(url);
        let parsed = url::Url::parse(&address)
            .map_err(|_| ApiError::Input("not a picture address".into()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(ApiError::Input("not an http(s) picture address".into()));
        }
        let mut req = self.http.get(parsed.clone());
        if is_media_cdn(&parsed, &self.config.image_base) {
            req = req.header(REFERER, MEDIA_REFERER);
        }
        let timeout = self.config.timeout;
        let resp = req
            .send()
            .await
            .map_err(|e| ApiError::from_reqwest(&e, timeout))?;
        let status = resp.status();
        if status.is_redirection() {
            return Err(ApiError::Redirect {
                status: status.as_u16(),
                location: redirect_target(&resp),
            });
        }
        if !status.is_success() {
            return Err(ApiError::Http {
                status: status.as_u16(),
                excerpt: String::new(),
            });
        }
        let kind = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !kind.starts_with("image/") {
            return Err(ApiError::Decode(format!(
                "not a picture (Content-Type {:?})",
                crate::sanitize::line(&kind)
            )));
        }
        let bytes = read_capped(resp, MAX_PICTURE_BYTES, timeout).await?;
        // Decoding is CPU work: not on the runtime's threads, which carry every request.
        tokio::task::spawn_blocking(move || picture_from_bytes(&bytes))
            .await
            .map_err(|e| ApiError::Decode(format!("picture decoder stopped: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 10, 10, 255]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgba8(img)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_large_picture_becomes_a_small_thumbnail_that_reads_back() {
        let p = picture_from_bytes(&png(600, 300)).unwrap();
        assert_eq!((p.image.width(), p.image.height()), (128, 64));
        let again = picture_from_stored(&p.png).unwrap();
        assert_eq!(again.image, p.image);
        assert!(picture_from_bytes(b"<html>not a picture</html>").is_err());
    }

    #[test]
    fn the_cdn_gets_the_referer_and_other_hosts_do_not() {
        let cdn = url::Url::parse("https://chat-img.jwznb.com/a.png").unwrap();
        let other = url::Url::parse("https://evil.example/a.png").unwrap();
        let demo = url::Url::parse("http://127.0.0.1:9/img/a.png").unwrap();
        assert!(is_media_cdn(&cdn, DEFAULT_IMAGE_BASE));
        assert!(!is_media_cdn(&other, DEFAULT_IMAGE_BASE));
        assert!(is_media_cdn(&demo, "http://127.0.0.1:9/img/"));
        assert!(!is_media_cdn(&demo, DEFAULT_IMAGE_BASE));
    }
}
