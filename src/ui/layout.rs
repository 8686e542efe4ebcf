//! Where things go on screen, as pure functions of the terminal size: the renderer draws by
//! them and `update` pages and hit-tests by them, so both always agree.

use ratatui::layout::Rect;

/// The pane area: everything but the header, the tab bar and the status line.
pub fn body(size: (u16, u16)) -> Rect {
    Rect::new(0, 2, size.0, size.1.saturating_sub(3))
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
