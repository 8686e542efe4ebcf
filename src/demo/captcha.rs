//! Captcha images for the demo's SMS login: a real PNG that shows its code, drawn with the
//! `font8x8` bitmap font, scaled up, on a noisy light background.

use image::{ImageFormat, Rgb, RgbImage};
use rand::Rng;

/// Characters that cannot be mistaken for one another, as real captcha services choose
/// them: both members of every look-alike pair (0/O/D/Q, 1/I/l/L, 2/Z, 5/S, 6/G, 8/B,
/// 9/q, U/V …) are left out, and one of each weaker pair (7/T, E/F, M/N/W, K/X, A/4, P/R);
/// in the font drawn, every two of them differ in at least 10 of 64 pixels.
pub const ALPHABET: &[u8] = b"34CEHJPTWXY";
pub const LEN: usize = 4;
/// Each font pixel becomes a SCALE×SCALE block.
pub const SCALE: u32 = 4;
pub const MARGIN_X: u32 = 12;
pub const MARGIN_Y: u32 = 14;
/// Horizontal distance between glyph origins.
pub const ADVANCE: u32 = 8 * SCALE + 6;
pub const WIDTH: u32 = MARGIN_X * 2 + ADVANCE * LEN as u32;
pub const HEIGHT: u32 = MARGIN_Y * 2 + 8 * SCALE;

pub fn random_code(rng: &mut impl Rng) -> String {
    (0..LEN)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The 8×8 bitmap of `c`: row bytes, bit 0 is the leftmost column.
pub fn glyph(c: char) -> [u8; 8] {
    font8x8::legacy::BASIC_LEGACY
        .get(c as usize)
        .copied()
        .unwrap_or([0; 8])
}

/// Renders `code` as a PNG. Noise is light; the glyphs are dark, each in its own colour.
pub fn render_png(code: &str, rng: &mut impl Rng) -> Result<Vec<u8>, image::ImageError> {
    let mut img = RgbImage::from_pixel(WIDTH, HEIGHT, Rgb([238, 242, 246]));
    for _ in 0..(WIDTH * HEIGHT / 6) {
        let (x, y) = (rng.random_range(0..WIDTH), rng.random_range(0..HEIGHT));
        let shade = rng.random_range(180..225);
        img.put_pixel(x, y, Rgb([shade, shade.saturating_add(10), 230]));
    }
    // A few faint strokes across the text, as real captchas have.
    for _ in 0..3 {
        let y0 = rng.random_range(0..HEIGHT) as f32;
        let slope = rng.random_range(-0.3f32..0.3);
        for x in 0..WIDTH {
            let y = (y0 + slope * x as f32).round();
            if (0.0..HEIGHT as f32).contains(&y) {
                img.put_pixel(x, y as u32, Rgb([170, 190, 210]));
            }
        }
    }
    const INKS: [[u8; 3]; 4] = [[20, 40, 120], [120, 20, 40], [20, 90, 40], [70, 30, 100]];
    for (i, c) in code.chars().enumerate() {
        let ink = Rgb(INKS[i % INKS.len()]);
        let origin_x = MARGIN_X + ADVANCE * i as u32;
        for (row, bits) in glyph(c).iter().enumerate() {
            for col in 0..8u32 {
                if bits & (1 << col) == 0 {
                    continue;
                }
                for dy in 0..SCALE {
                    for dx in 0..SCALE {
                        let x = origin_x + col * SCALE + dx;
                        let y = MARGIN_Y + row as u32 * SCALE + dy;
                        if x < WIDTH && y < HEIGHT {
                            img.put_pixel(x, y, ink);
                        }
                    }
                }
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png)?;
    Ok(out.into_inner())
}

/// Reads the code back from a rendered captcha by matching glyph cells: proof, in tests,
/// that the image really shows its code.
pub fn read_back(png: &[u8]) -> Option<String> {
    let img = image::load_from_memory_with_format(png, ImageFormat::Png)
        .ok()?
        .to_rgb8();
    let dark = |x: u32, y: u32| {
        let p = img.get_pixel(x, y);
        (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3 < 100
    };
    let mut text = String::new();
    for i in 0..LEN as u32 {
        let origin_x = MARGIN_X + ADVANCE * i;
        let mut cells = [0u8; 8];
        for (row, bits) in cells.iter_mut().enumerate() {
            for col in 0..8u32 {
                let x = origin_x + col * SCALE + SCALE / 2;
                let y = MARGIN_Y + row as u32 * SCALE + SCALE / 2;
                if dark(x, y) {
                    *bits |= 1 << col;
                }
            }
        }
        let c = ALPHABET
            .iter()
            .map(|&b| char::from(b))
            .find(|&c| glyph(c) == cells)?;
        text.push(c);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_captcha_is_a_png_that_shows_its_code() {
        let mut rng = rand::rng();
        for _ in 0..20 {
            let code = random_code(&mut rng);
            let png = render_png(&code, &mut rng).unwrap();
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
            assert_eq!(read_back(&png).as_deref(), Some(code.as_str()));
        }
    }

    /// Groups of characters people confuse in a captcha: from each group at most one may
    /// be in the alphabet.
    const LOOK_ALIKES: &[&str] = &[
        "0OoDQ", "1IlL|", "7T", "2Z", "5S", "6Gb", "8B", "9gq", "UV", "VY", "MNW", "KX", "EF",
        "A4", "HN", "PR", "CG",
    ];

    #[test]
    fn the_alphabet_has_no_look_alikes() {
        for group in LOOK_ALIKES {
            let kept: Vec<char> = group
                .chars()
                .filter(|&c| u8::try_from(c).is_ok_and(|b| ALPHABET.contains(&b)))
                .collect();
            assert!(
                kept.len() <= 1,
                "look-alikes {kept:?} are both in the alphabet"
            );
        }
        // Drawn, every pair differs in many pixels of the 8×8 font.
        for (i, &a) in ALPHABET.iter().enumerate() {
            for &b in &ALPHABET[i + 1..] {
                let differ: u32 = glyph(char::from(a))
                    .iter()
                    .zip(glyph(char::from(b)))
                    .map(|(x, y)| (x ^ y).count_ones())
                    .sum();
                assert!(
                    differ >= MIN_GLYPH_DISTANCE,
                    "{} and {} differ in only {differ} pixels",
                    char::from(a),
                    char::from(b)
                );
            }
        }
        // Enough codes that guessing is pointless in a demo.
        assert!(ALPHABET.len().pow(LEN as u32) >= 10_000);
    }

    /// Fewest differing font pixels allowed between two alphabet glyphs.
    const MIN_GLYPH_DISTANCE: u32 = 10;

    #[test]
    fn every_alphabet_glyph_is_distinct_and_drawn() {
        for (i, &a) in ALPHABET.iter().enumerate() {
            assert_ne!(
                glyph(char::from(a)),
                [0; 8],
                "{} has no glyph",
                char::from(a)
            );
            for &b in &ALPHABET[i + 1..] {
                assert_ne!(glyph(char::from(a)), glyph(char::from(b)));
            }
        }
    }
}
