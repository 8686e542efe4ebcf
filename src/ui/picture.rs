//! Terminal pictures: the captcha from its bytes (decoded here, once per captcha), and
//! avatars from the decoded thumbnails of `app::pictures`. A picture is prepared for the
//! terminal once per picture, size and protocol and kept here, so a frame costs a lookup.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::layout::{Rect, Size};
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;

use super::theme::Theme;
use crate::api::picture::Picture;
use crate::app::code_flow::{CAPTCHA_SIZES, CaptchaShown};
use crate::app::pictures::{Graphics, PictureState, TerminalGraphics};
use crate::app::state::AppState;
use crate::settings::ImageMode;

/// The captcha last prepared: its id, its PNG's length, and a picture per size.
type Prepared = (String, usize, Vec<Protocol>);

thread_local! {
    static CAPTCHA: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

fn prepare(png: &[u8]) -> Vec<Protocol> {
    // Half blocks work in every terminal, over ssh and in tmux.
    let picker = Picker::halfblocks();
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

/// What an avatar was prepared for: its address and decoded picture (a new picture at the
/// same address is another), its size in cells, and the terminal's graphics.
type AvatarKey = (String, usize, u16, u16, TerminalGraphics);

/// The most prepared avatars kept (a screen shows one or two).
const PREPARED_KEPT: usize = 8;

thread_local! {
    static AVATARS: RefCell<Vec<(AvatarKey, Option<Protocol>)>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    /// The picker for kitty, iTerm2 or sixel, made once: making one looks at the
    /// environment (and in tmux starts `tmux set`), not a thing to do per picture.
    static PICKER: RefCell<Option<(TerminalGraphics, Picker)>> = const { RefCell::new(None) };
}

/// The picker for a protocol other than half blocks, with the terminal's cell size.
fn picker(graphics: TerminalGraphics, kind: ProtocolType, cell: (u16, u16)) -> Picker {
    PICKER.with(|kept| {
        let mut kept = kept.borrow_mut();
        if let Some((for_graphics, picker)) = kept.as_ref()
            && *for_graphics == graphics
        {
            return picker.clone();
        }
        // The only constructor taking a known cell size; the query was ours (see
        // `graphics_query`).
        #[allow(deprecated)]
        let mut picker =
            Picker::from_fontsize(ratatui_image::FontSize::new(cell.0.max(1), cell.1.max(1)));
        picker.set_protocol_type(kind);
        *kept = Some((graphics, picker.clone()));
        picker
    })
}

fn prepare_avatar(picture: &Picture, size: Size, graphics: TerminalGraphics) -> Option<Protocol> {
    let kind = match (graphics.kind, graphics.cell) {
        (Graphics::Kitty, Some(cell)) => Some((ProtocolType::Kitty, cell)),
        (Graphics::Iterm2, Some(cell)) => Some((ProtocolType::Iterm2, cell)),
        (Graphics::Sixel, Some(cell)) => Some((ProtocolType::Sixel, cell)),
        _ => None,
    };
    let prepared = match kind {
        Some((kind, cell)) => picker(graphics, kind, cell).new_protocol(
            (*picture.image).clone(),
            size,
            ratatui_image::Resize::Scale(Some(image::imageops::FilterType::Triangle)),
        ),
        // Half blocks straight away: one cell is a pixel wide and two high, so the picture
        // is scaled to exactly the box (square boxes are twice as wide as high).
        None => {
            ratatui_image::protocol::halfblocks::Halfblocks::new((*picture.image).clone(), size)
                .map(Protocol::Halfblocks)
        }
    };
    prepared
        .map_err(|e| tracing::debug!(error = %e, "a picture cannot be drawn"))
        .ok()
}

/// Draws the picture of `url` in `area`, centred: the picture when it is there, else a dim
/// placeholder (loading, failed, or no picture at all). Nothing with pictures turned off.
pub fn draw_picture(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, url: &str) {
    if state.settings.images == ImageMode::Off || area.width == 0 || area.height == 0 {
        return;
    }
    let graphics = state.pictures.graphics;
    let ready = match state.pictures.get(url) {
        Some(PictureState::Ready(p)) => Some(p),
        _ => None,
    };
    let Some(picture) = ready else {
        let mark = match state.pictures.get(url) {
            Some(PictureState::Loading) => "…",
            _ => "?",
        };
        placeholder(theme, frame, area, mark);
        return;
    };
    let key: AvatarKey = (
        url.to_owned(),
        // The decoded picture's address: another picture for the same URL is another key.
        std::sync::Arc::as_ptr(&picture.image) as usize,
        area.width,
        area.height,
        graphics,
    );
    AVATARS.with(|cell| {
        let mut kept = cell.borrow_mut();
        let at = match kept.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                if kept.len() >= PREPARED_KEPT {
                    kept.remove(0);
                }
                let prepared =
                    prepare_avatar(picture, Size::new(area.width, area.height), graphics);
                kept.push((key, prepared));
                kept.len() - 1
            }
        };
        match &kept[at].1 {
            Some(protocol) => {
                let size = protocol.size();
                let x = area.x + area.width.saturating_sub(size.width) / 2;
                let y = area.y + area.height.saturating_sub(size.height) / 2;
                let rect = Rect::new(
                    x,
                    y,
                    size.width.min(area.width),
                    size.height.min(area.height),
                );
                frame.render_widget(ratatui_image::Image::new(protocol), rect);
            }
            None => placeholder(theme, frame, area, "?"),
        }
    });
}

/// A dim frame with a mark in its middle, where a picture is not (yet) drawn.
fn placeholder(theme: &Theme, frame: &mut Frame, area: Rect, mark: &str) {
    use ratatui::widgets::{Block, Paragraph};
    let block = Block::bordered().border_style(theme.dim);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height > 0 {
        let mid = Rect::new(inner.x, inner.y + inner.height / 2, inner.width, 1);
        frame.render_widget(
            Paragraph::new(mark)
                .style(theme.dim)
                .alignment(ratatui::layout::Alignment::Center),
            mid,
        );
    }
}
