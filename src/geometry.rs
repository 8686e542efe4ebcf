//! Where things go on screen, as pure functions of the terminal size and of plain text: the
//! renderer (`ui`) draws by them and `update` (`app`) pages and hit-tests by them, so both
//! always agree. It knows neither the app's state nor the renderer.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The screen row of the tab bar.
pub const TAB_ROW: u16 = 1;

/// The columns each tab label takes in the tab bar (` 1 name `, one space between).
pub fn tab_ranges(names: &[&str]) -> Vec<(u16, u16)> {
    let mut x = 1u16;
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let w = format!(" {} {} ", i + 1, name).width() as u16;
            let range = (x, x + w);
            x += w + 1;
            range
        })
        .collect()
}

/// The index of the tab under column `x` of the tab bar.
pub fn tab_at(names: &[&str], x: u16) -> Option<usize> {
    tab_ranges(names)
        .iter()
        .position(|(a, b)| (*a..*b).contains(&x))
}

/// The index of the label under column `x`, for labels placed at `(text, start, end)`.
pub fn label_at(labels: &[(String, u16, u16)], x: u16) -> Option<usize> {
    labels.iter().position(|(_, a, b)| (*a..*b).contains(&x))
}

/// The pane area: everything but the header, the tab bar and the status line.
pub fn body(size: (u16, u16)) -> Rect {
    Rect::new(0, 2, size.0, size.1.saturating_sub(3))
}

/// Profile: the avatar's box at the pane's top right, inside its border, when the pane is
/// wide enough to have it beside the fields (not at 60 columns). Twice as wide as high:
/// square in half blocks, where a cell is two pixels high.
pub fn profile_avatar(pane: Rect) -> Option<Rect> {
    let inner_w = pane.width.saturating_sub(2);
    let inner_h = pane.height.saturating_sub(2);
    if inner_w < 70 || inner_h < 8 {
        return None;
    }
    let w = (inner_w / 5).clamp(12, 24) & !1;
    let h = (w / 2).min(inner_h);
    Some(Rect::new(pane.x + pane.width - 1 - w, pane.y + 1, w, h))
}

/// chaoqer's club details: the cover's box at the top right of the popup's inside, beside
/// the club's facts, when the popup is large enough (not at 60×16). Square in half blocks.
pub fn club_cover(inner: Rect) -> Option<Rect> {
    if inner.width < 48 || inner.height < 14 {
        return None;
    }
    let (w, h) = (12, 6);
    Some(Rect::new(inner.x + inner.width - w, inner.y, w, h))
}

/// Profile: the width its fields are laid out in, with the avatar (if `pictures`) beside
/// them and a column between.
pub fn profile_text_width(pane: Rect, pictures: bool) -> u16 {
    match profile_avatar(pane).filter(|_| pictures) {
        Some(avatar) => pane.width - avatar.width - 1,
        None => pane.width,
    }
}

/// SealTalk Friends: the selected friend's details beside the list (their picture first),
/// from 100 columns. Returns the list's area and the details'.
pub fn friend_details(pane: Rect) -> (Rect, Option<Rect>) {
    if pane.width < 100 || pane.height < 10 {
        return (pane, None);
    }
    let w = 34;
    let list = Rect {
        width: pane.width - w,
        ..pane
    };
    (
        list,
        Some(Rect::new(pane.x + pane.width - w, pane.y, w, pane.height)),
    )
}

/// Coins: the balance chart above the table (none on short terminals).
pub fn coins_split(body: Rect) -> (Rect, Rect) {
    let chart = if body.height >= 24 {
        body.height * 2 / 5
    } else if body.height >= 14 {
        7
    } else {
        0
    };
    (
        Rect {
            height: chart,
            ..body
        },
        Rect {
            y: body.y + chart,
            height: body.height - chart,
            ..body
        },
    )
}

/// Table rows that fit in `area` (borders and a header row taken off).
pub fn table_rows(area: Rect, row_height: u16) -> usize {
    (area.height.saturating_sub(3) / row_height.max(1)) as usize
}

pub fn coins_rows(size: (u16, u16)) -> usize {
    table_rows(coins_split(body(size)).1, 1)
}

/// Discover: the sub-tab row, then the list.
pub fn discover_split(body: Rect) -> (Rect, Rect) {
    (
        Rect {
            height: 1.min(body.height),
            ..body
        },
        Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        },
    )
}

/// Each group (and bot) takes two rows: its line and the introduction's second line.
pub const GROUP_ROW_HEIGHT: u16 = 2;

pub fn discover_rows(size: (u16, u16)) -> usize {
    table_rows(discover_split(body(size)).1, GROUP_ROW_HEIGHT)
}

/// Medals: the table, with the selected medal's details beside it (or below, when narrow).
pub fn medals_split(body: Rect) -> (Rect, Rect) {
    if body.width >= 90 {
        let table = body.width * 3 / 5;
        (
            Rect {
                width: table,
                ..body
            },
            Rect {
                x: body.x + table,
                width: body.width - table,
                ..body
            },
        )
    } else {
        let detail = 6.min(body.height / 2);
        (
            Rect {
                height: body.height - detail,
                ..body
            },
            Rect {
                y: body.y + body.height - detail,
                height: detail,
                ..body
            },
        )
    }
}

pub fn medals_rows(size: (u16, u16)) -> usize {
    table_rows(medals_split(body(size)).0, 1)
}

/// The first table row's screen row, for mouse clicks on a list in `area`.
pub fn first_row(area: Rect) -> u16 {
    area.y + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_ranges_do_not_overlap_and_hit_test() {
        let s = &crate::i18n::ZH;
        let r = tab_ranges(&s.tabs);
        assert!(r.windows(2).all(|w| w[0].1 < w[1].0));
        assert_eq!(
            tab_at(&s.tabs, r[2].0),
            Some(crate::app::state::Tab::Coins.index())
        );
        assert_eq!(tab_at(&s.tabs, 0), None);
    }
}
