//! Which pictures the terminal draws (kitty, iTerm2, sixel), asked at start without holding
//! up the first frame: the query (ratatui-image's) is written before the first frame, and its
//! answer read on a thread for at most [`QUERY_BOUND`]. The dashboard draws half blocks until
//! then, and for good when no answer comes. Terminal events are read only once this is over,
//! so the answer is never taken for keys (keys typed meanwhile wait in the terminal).

use std::io::Write;
use std::time::{Duration, Instant};

use ratatui_image::picker::ProtocolType;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};

use crate::app::pictures::{Graphics, TerminalGraphics};

/// How long the answer is waited for: a terminal answers within a few ms, and one that does
/// not answer must not hold up the keys for long.
pub const QUERY_BOUND: Duration = Duration::from_millis(40);

fn env_is(name: &str, f: impl Fn(&str) -> bool) -> bool {
    std::env::var(name).is_ok_and(|v| f(&v))
}

fn in_tmux() -> bool {
    env_is("TERM", |t| t.starts_with("tmux")) || env_is("TERM_PROGRAM", |t| t == "tmux")
}

/// iTerm2's protocol cannot be asked for; these terminals say they have it.
fn iterm2_from_env() -> bool {
    env_is("TERM_PROGRAM", |t| {
        t.contains("iTerm") || t.contains("WezTerm") || t.contains("vscode")
    }) || env_is("LC_TERMINAL", |t| t.contains("iTerm"))
}

/// Writes the query and starts reading its answer. `None` when it cannot be written (then
/// half blocks it is). The answer is `None` when none came in time.
pub fn start() -> Option<tokio::sync::oneshot::Receiver<Option<TerminalGraphics>>> {
    let mut options = QueryStdioOptions {
        timeout: QUERY_BOUND,
        ..QueryStdioOptions::default()
    };
    // As ratatui-image does: WezTerm and Konsole say kitty or sixel but draw them badly.
    if env_is("WEZTERM_EXECUTABLE", |v| !v.is_empty())
        || env_is("KONSOLE_VERSION", |v| !v.is_empty())
    {
        options.blacklist_protocols = vec![ProtocolType::Kitty, ProtocolType::Sixel];
    }
    let query = Parser::query(in_tmux(), options);
    let mut out = std::io::stdout();
    if let Err(e) = out.write_all(query.as_bytes()).and_then(|()| out.flush()) {
        tracing::info!(error = %e, "terminal graphics not asked: half blocks");
        return None;
    }
    let deadline = Instant::now() + QUERY_BOUND;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("graphics-query".into())
        .spawn(move || {
            let answer = read_answer(deadline);
            let _ = tx.send(answer);
        });
    match spawned {
        Ok(_) => Some(rx),
        Err(e) => {
            tracing::info!(error = %e, "terminal graphics not read: half blocks");
            None
        }
    }
}

/// Reads the answer byte by byte (nothing after it is taken from the terminal) until the
/// status report that ends it, or the deadline.
fn read_answer(deadline: Instant) -> Option<TerminalGraphics> {
    let mut parser = Parser::new();
    let mut responses = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return None;
        }
        let byte = read_byte(left)?;
        for response in parser.push(char::from(byte)) {
            if response == Response::Status {
                return Some(interpret(&responses, cell_from_ioctl()));
            }
            responses.push(response);
        }
    }
}

/// One byte of stdin, waiting at most `wait`; `None` when none came or stdin failed.
#[cfg(unix)]
fn read_byte(wait: Duration) -> Option<u8> {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = wait.as_millis().clamp(1, 1000) as libc::c_int;
    // SAFETY: one valid pollfd, its count 1.
    let ready = unsafe { libc::poll(&mut fds, 1, ms) };
    if ready <= 0 || fds.revents & libc::POLLIN == 0 {
        return None;
    }
    let mut byte = 0u8;
    // SAFETY: a one-byte buffer we own, its length 1.
    let n = unsafe { libc::read(libc::STDIN_FILENO, (&mut byte as *mut u8).cast(), 1) };
    (n == 1).then_some(byte)
}

#[cfg(not(unix))]
fn read_byte(_wait: Duration) -> Option<u8> {
    None
}

/// The cell size from the terminal's window size in pixels, when it says it.
#[cfg(unix)]
fn cell_from_ioctl() -> Option<(u16, u16)> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one winsize into the one we own.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
    if rc != 0 || ws.ws_col == 0 || ws.ws_row == 0 || ws.ws_xpixel == 0 || ws.ws_ypixel == 0 {
        return None;
    }
    Some((ws.ws_xpixel / ws.ws_col, ws.ws_ypixel / ws.ws_row))
}

#[cfg(not(unix))]
fn cell_from_ioctl() -> Option<(u16, u16)> {
    None
}

/// What the answers mean: kitty before sixel, iTerm2 from the environment; any of them only
/// with a cell size (pictures are sized in pixels), half blocks otherwise.
pub fn interpret(responses: &[Response], ioctl_cell: Option<(u16, u16)>) -> TerminalGraphics {
    let cell = responses
        .iter()
        .find_map(|r| match r {
            Response::CellSize(Some((w, h))) if *w > 0 && *h > 0 => Some((*w, *h)),
            _ => None,
        })
        .or(ioctl_cell);
    let kind = if responses.contains(&Response::Kitty) {
        Graphics::Kitty
    } else if responses.contains(&Response::Sixel) {
        Graphics::Sixel
    } else if iterm2_from_env() {
        Graphics::Iterm2
    } else {
        Graphics::Halfblocks
    };
    match cell {
        Some(cell) => TerminalGraphics {
            kind,
            cell: Some(cell),
        },
        None => TerminalGraphics::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kitty_wins_and_nothing_is_drawn_finer_without_a_cell_size() {
        let kitty = [
            Response::Sixel,
            Response::Kitty,
            Response::CellSize(Some((9, 18))),
        ];
        assert_eq!(
            interpret(&kitty, None),
            TerminalGraphics {
                kind: Graphics::Kitty,
                cell: Some((9, 18))
            }
        );
        let sixel_no_size = [Response::Sixel, Response::CellSize(None)];
        assert_eq!(interpret(&sixel_no_size, None), TerminalGraphics::default());
        assert_eq!(
            interpret(&sixel_no_size, Some((8, 16))).kind,
            Graphics::Sixel
        );
    }
}
