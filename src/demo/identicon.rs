//! Pictures for the demo's accounts, groups and bots: a 5 × 5 mirrored identicon made from
//! the picture's name, the same every time, as a small PNG. Every demo server serves them,
//! so `--demo` shows pictures without the network.

use md5::{Digest, Md5};

/// The side of an identicon in pixels.
pub const SIDE: u32 = 80;

/// The PNG of the identicon for `name`.
pub fn identicon_png(name: &str) -> Vec<u8> {
    let digest = Md5::digest(name.as_bytes());
    let colour = image::Rgba([
        64 + digest[0] / 2,
        64 + digest[1] / 2,
        64 + digest[2] / 2,
        255,
    ]);
    let background = image::Rgba([240, 240, 240, 255]);
    // 5 × 5 cells with a margin of half a cell: 16 px cells on 80 px.
    let cell = SIDE / 6;
    let margin = (SIDE - cell * 5) / 2;
    let on = |col: u32, row: u32| {
        // Mirrored: columns 3 and 4 repeat 1 and 0.
        let col = col.min(4 - col);
        let bit = row * 3 + col;
        digest[3 + (bit / 8) as usize] >> (bit % 8) & 1 == 1
    };
    let img = image::RgbaImage::from_fn(SIDE, SIDE, |x, y| {
        let (Some(cx), Some(cy)) = (x.checked_sub(margin), y.checked_sub(margin)) else {
            return background;
        };
        let (col, row) = (cx / cell, cy / cell);
        if col < 5 && row < 5 && on(col, row) {
            colour
        } else {
            background
        }
    });
    let mut png = Vec::new();
    // Encoding a small in-memory image does not fail; an empty answer would be refused by
    // the client as not a picture.
    let _ = image::DynamicImage::ImageRgba8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png);
    png
}

/// An identicon as an HTTP answer.
pub fn identicon_response(name: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [(axum::http::header::CONTENT_TYPE, "image/png")],
        identicon_png(name),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn identicons_are_deterministic_pngs_and_differ_by_name() {
        let a = super::identicon_png("a.png");
        assert_eq!(a, super::identicon_png("a.png"));
        assert_ne!(a, super::identicon_png("b.png"));
        let img = image::load_from_memory(&a).unwrap();
        assert_eq!((img.width(), img.height()), (super::SIDE, super::SIDE));
    }
}
