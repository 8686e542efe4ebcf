//! Terminal pictures from image bytes kept in the state. `update` never decodes images: the
//! renderer does, once per picture, and keeps the result here (one captcha at a time), so
//! drawing the same captcha again costs a lookup.

use std::cell::RefCell;

use ratatui::layout::Size;
use ratatui_image::protocol::Protocol;

use crate::app::code_flow::{CAPTCHA_SIZES, CaptchaShown};

/// The captcha last prepared: its id, its PNG's length, and a picture per size.
type Prepared = (String, usize, Vec<Protocol>);

thread_local! {
    static CAPTCHA: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

fn prepare(png: &[u8]) -> Vec<Protocol> {
    // Half blocks work in every terminal, over ssh and in tmux.
    let picker = ratatui_image::picker::Picker::halfblocks();
    let Ok(img) = image::load_from_memory(png) else {
        return Vec::new();
    };
    CAPTCHA_SIZES
        .iter()
        .filter_map(|(w, h)| {
            picker
                .new_protocol(
                    img.clone(),
                    Size::new(*w, *h),
                    ratatui_image::Resize::Scale(None),
                )
                .ok()
        })
        .collect()
}

/// Calls `f` with the largest picture of `shown` that fits in `width` × `height` cells (none
/// when none fits or the PNG cannot be read).
pub fn with_captcha<R>(
    shown: &CaptchaShown,
    width: u16,
    height: u16,
    f: impl FnOnce(Option<&Protocol>) -> R,
) -> R {
    CAPTCHA.with(|cell| {
        let mut cell = cell.borrow_mut();
        let fresh = cell
            .as_ref()
            .is_some_and(|(id, len, _)| *id == shown.id && *len == shown.png.len());
        if !fresh {
            *cell = Some((shown.id.clone(), shown.png.len(), prepare(&shown.png)));
        }
        let best = cell.as_ref().and_then(|(_, _, pictures)| {
            pictures.iter().find(|p| {
                let size = p.size();
                size.width <= width && size.height <= height
            })
        });
        f(best)
    })
}

/// Whether the captcha's PNG makes a picture at all (for tests and diagnostics).
pub fn captcha_is_drawable(shown: &CaptchaShown) -> bool {
    with_captcha(shown, u16::MAX, u16::MAX, |p| p.is_some())
}
