//! Which pictures the terminal draws (kitty, iTerm2, sixel), asked at start without holding
//! up the first frame: the query (ratatui-image's) is written before the first frame, and its
//! answer read on a thread for at most [`QUERY_BOUND`] (longer over ssh). The dashboard draws half blocks until
//! then, and for good when no answer comes. Terminal events are read only once this is over,
//! so the answer is never taken for keys; keys typed meanwhile are read with the answer and
//! handed back as key events ([`typed_keys`]), not lost.

use std::io::Write;
use std::time::{Duration, Instant};

use ratatui_image::picker::ProtocolType;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};

use crate::app::pictures::{Graphics, TerminalGraphics};

/// How long the answer is waited for: a terminal answers within a few ms, and one that does
/// not answer must not hold up the keys for long.
pub const QUERY_BOUND: Duration = Duration::from_millis(40);
/// Over ssh the answer takes a round trip: waited for longer, so that a late answer is not
/// read as keys (the first frame is drawn before, either way).
pub const QUERY_BOUND_SSH: Duration = Duration::from_millis(200);

/// The bound for this terminal.
fn bound() -> Duration {
    if env_is("SSH_CONNECTION", |v| !v.is_empty()) || env_is("SSH_TTY", |v| !v.is_empty()) {
        QUERY_BOUND_SSH
    } else {
        QUERY_BOUND
    }
}

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

/// What the query brought: the graphics (`None`: no answer in time), and the bytes read
/// meanwhile that were not the answer (keys typed).
#[derive(Debug, Default)]
pub struct Outcome {
    pub graphics: Option<TerminalGraphics>,
    pub typed: Vec<u8>,
}

/// Writes the query and starts reading its answer. `None` when it cannot be written (then
/// half blocks it is).
pub fn start() -> Option<tokio::sync::oneshot::Receiver<Outcome>> {
    let bound = bound();
    let mut options = QueryStdioOptions {
        timeout: bound,
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
    let deadline = Instant::now() + bound;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("graphics-query".into())
        .spawn(move || {
            let _ = tx.send(read_answer(deadline));
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
fn read_answer(deadline: Instant) -> Outcome {
    let mut parser = Parser::new();
    let mut responses = Vec::new();
    let mut raw = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let byte = if left.is_zero() {
            None
        } else {
            read_byte(left)
        };
        let Some(byte) = byte else {
            return Outcome {
                graphics: None,
                typed: not_answers(&raw),
            };
        };
        raw.push(byte);
        for response in parser.push(char::from(byte)) {
            if response == Response::Status {
                return Outcome {
                    graphics: Some(interpret(&responses, cell_from_ioctl())),
                    typed: not_answers(&raw),
                };
            }
            responses.push(response);
        }
    }
}

const ESC: u8 = 0x1b;

/// The bytes of `raw` that are not the terminal's answers (APC, OSC and DCS strings, and
/// the CSI reports ending in `c`, `t`, `n` or `R`): keys typed while the answer was read.
pub fn not_answers(raw: &[u8]) -> Vec<u8> {
    let mut typed = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != ESC || i + 1 >= raw.len() {
            typed.push(raw[i]);
            i += 1;
            continue;
        }
        match raw[i + 1] {
            // A string, up to its terminator (ESC \ or BEL).
            b'_' | b']' | b'P' => {
                let mut j = i + 2;
                while j < raw.len()
                    && raw[j] != 0x07
                    && !(raw[j] == ESC && raw.get(j + 1) == Some(&b'\\'))
                {
                    j += 1;
                }
                i = if j < raw.len() && raw[j] == ESC {
                    j + 2
                } else {
                    j + 1
                };
            }
            b'[' => {
                let mut j = i + 2;
                while j < raw.len() && !(0x40..=0x7e).contains(&raw[j]) {
                    j += 1;
                }
                let end = j.min(raw.len() - 1);
                if !matches!(raw.get(j), Some(b'c' | b't' | b'n' | b'R')) {
                    typed.extend_from_slice(&raw[i..=end]);
                }
                i = end + 1;
            }
            _ => {
                typed.push(ESC);
                i += 1;
            }
        }
    }
    typed
}

/// Keys typed while the answer was read, as key events: text, Enter, Tab, Backspace, Esc,
/// Ctrl-letters, arrows and the paging keys. Anything else (a mouse report) is dropped.
pub fn typed_keys(bytes: &[u8]) -> Vec<crossterm::event::KeyEvent> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars().peekable();
    let mut keys = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => keys.push(key(KeyCode::Enter)),
            '\t' => keys.push(key(KeyCode::Tab)),
            '\u{7f}' | '\u{8}' => keys.push(key(KeyCode::Backspace)),
            '\u{1b}' => {
                let csi = matches!(chars.peek(), Some('[' | 'O'));
                if !csi {
                    keys.push(key(KeyCode::Esc));
                    continue;
                }
                chars.next();
                let mut seq = String::new();
                for c in chars.by_ref() {
                    seq.push(c);
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
                let code = match seq.as_str() {
                    "A" => KeyCode::Up,
                    "B" => KeyCode::Down,
                    "C" => KeyCode::Right,
                    "D" => KeyCode::Left,
                    "H" | "1~" => KeyCode::Home,
                    "F" | "4~" => KeyCode::End,
                    "5~" => KeyCode::PageUp,
                    "6~" => KeyCode::PageDown,
                    "3~" => KeyCode::Delete,
                    "Z" => KeyCode::BackTab,
                    _ => continue,
                };
                keys.push(key(code));
            }
            c @ '\u{1}'..='\u{1a}' => {
                let letter = char::from(b'a' + (c as u8) - 1);
                keys.push(KeyEvent::new(KeyCode::Char(letter), KeyModifiers::CONTROL));
            }
            c if c.is_control() => {}
            c => keys.push(key(KeyCode::Char(c))),
        }
    }
    keys
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

    #[test]
    fn keys_typed_during_the_query_are_kept_and_the_answers_are_not() {
        use crossterm::event::{KeyCode, KeyModifiers};
        let raw = b"q\x1b_Gi=31;OK\x1b\\2\x1b[?62;4c\x1b[A\x1b[6;20;10t\r\x1b[0n";
        let typed = not_answers(raw);
        assert_eq!(typed, b"q2\x1b[A\r");
        let keys = typed_keys(&typed);
        let codes: Vec<KeyCode> = keys.iter().map(|k| k.code).collect();
        assert_eq!(
            codes,
            [
                KeyCode::Char('q'),
                KeyCode::Char('2'),
                KeyCode::Up,
                KeyCode::Enter
            ]
        );
        let esc_then_ctrl_u = typed_keys(b"\x1b\x15");
        assert_eq!(esc_then_ctrl_u[0].code, KeyCode::Esc);
        assert_eq!(
            (esc_then_ctrl_u[1].code, esc_then_ctrl_u[1].modifiers),
            (KeyCode::Char('u'), KeyModifiers::CONTROL)
        );
        assert_eq!(typed_keys("改名".as_bytes()).len(), 2);
    }
}
