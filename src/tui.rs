//! The terminal: raw mode and the alternate screen behind an RAII guard plus a panic hook,
//! so every exit path restores it; and the one async loop that selects over terminal
//! events, API answers, signals and (only while a spinner is visible) a frame deadline.

use std::io::{Write, stdout};
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream, KeyEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::sync::mpsc;

use crate::api::actor::Response;
use crate::app::action::{Action, Effect};
use crate::app::state::AppState;
use crate::app::update::update;
use crate::store::protocol::StoreResponse;

static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Call first thing in `main`: start-up times in the log are measured from here.
pub fn mark_process_start() {
    let _ = PROCESS_START.set(std::time::Instant::now());
}

fn since_start_ms() -> f64 {
    PROCESS_START
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0)
}

/// How often the spinner turns while it is on screen.
const SPINNER_FRAME: Duration = Duration::from_millis(100);

/// Puts the terminal back as it was. Safe to call more than once and from a panic.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Raw mode and the alternate screen for as long as it lives.
pub struct TerminalGuard {
    /// Mouse capture, as last chosen (restored after Ctrl-Z).
    mouse: bool,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> std::io::Result<TerminalGuard> {
        enable_raw_mode()?;
        let guard = TerminalGuard { mouse };
        guard.reenter()?;
        Ok(guard)
    }

    fn reenter(&self) -> std::io::Result<()> {
        enable_raw_mode()?;
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            Clear(ClearType::All)
        )?;
        if self.mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Restores the terminal before the default panic message is printed, so it is readable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// What the loop needs from the outside: it carries out the effects `update` asks for.
pub trait Effects {
    /// Carries out one effect; may set a status on the state (a failed token save, …).
    fn apply(&mut self, state: &mut AppState, effect: Effect);
}

/// OSC 52: the terminal (and tmux, with `set-clipboard on`) puts `text` on the clipboard.
pub fn copy_to_clipboard(text: &str) {
    let mut out = stdout();
    let _ = out.write_all(osc52(text).as_bytes());
    let _ = out.flush();
}

/// The OSC 52 sequence that puts `text` on the clipboard. What lands there is pasted into
/// shells, so it is made safe here, the one place every copy goes through: one line, no
/// control, bidi or format characters.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let text = crate::sanitize::line(text);
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{payload}\x07")
}

/// Runs the dashboard until it quits or a signal ends it.
pub async fn run(
    state: &mut AppState,
    effects: &mut dyn Effects,
    mut api_rx: mpsc::UnboundedReceiver<Response>,
    mut store_rx: mpsc::UnboundedReceiver<StoreResponse>,
    initial: Vec<Effect>,
    mouse: bool,
) -> std::io::Result<()> {
    install_panic_hook();
    let mut guard = TerminalGuard::enter(mouse)?;
    // No `terminal.clear()`: it asks the terminal where the cursor is, a round trip that
    // delays the first frame (and never returns on terminals that do not answer).
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let size = terminal.size()?;
    state.size = (size.width, size.height);
    // Written before the first frame, answered (or not) after it: half blocks until then.
    let mut graphics = (state.settings.images == crate::settings::ImageMode::Auto)
        .then(crate::graphics_query::start)
        .flatten();
    for effect in initial {
        effects.apply(state, effect);
    }

    #[cfg(unix)]
    let mut signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate())?,
            signal(SignalKind::hangup())?,
            signal(SignalKind::interrupt())?,
        )
    };
    let mut events = EventStream::new();
    let mut dirty = true;
    // Start-up milestones for the log (read by the measurement harness).
    let mut first_frame_logged = false;
    let mut first_data_logged = false;
    let mut next_tick = tokio::time::Instant::now() + SPINNER_FRAME;
    loop {
        if dirty {
            // Ages on screen ("updated 3 min ago") are measured against this.
            state.now_ms = crate::store::now_ms();
            terminal.draw(|frame| crate::ui::render(state, frame))?;
            dirty = false;
            if !first_frame_logged {
                first_frame_logged = true;
                tracing::info!(ms = since_start_ms(), "first frame drawn");
            }
            if !first_data_logged && state.first_data_complete() {
                first_data_logged = true;
                tracing::info!(
                    ms = since_start_ms(),
                    "every pane has its first data on screen"
                );
            }
            // Test-only: a panic with the terminal in raw mode, to prove the hook restores it.
            // Release builds do not have this.
            #[cfg(debug_assertions)]
            if std::env::var_os("YUNHU_TUI_TEST_PANIC").is_some() {
                panic!("test panic requested by YUNHU_TUI_TEST_PANIC");
            }
        }
        if state.quit {
            break;
        }
        // No fixed tick: the loop sleeps until something happens, unless a spinner shows.
        let spinning = crate::app::pane::shows_loading(state);
        let tick = async {
            if spinning {
                tokio::time::sleep_until(next_tick).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        let deadline = state.next_deadline();
        let due = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(unix)]
        let signal = async {
            tokio::select! {
                _ = signals.0.recv() => {}
                _ = signals.1.recv() => {}
                _ = signals.2.recv() => {}
            }
        };
        #[cfg(not(unix))]
        let signal = std::future::pending::<()>();
        let asking = graphics.is_some();
        let answer = async {
            match graphics.as_mut() {
                Some(rx) => rx.await.unwrap_or_default(),
                None => std::future::pending().await,
            }
        };
        // Keys typed while the graphics answer was read: acted on after it, in order.
        let mut typed = Vec::new();
        let action = tokio::select! {
            // Not while the graphics query's answer may still come: it would be read as keys.
            event = events.next(), if !asking => match event {
                Some(Ok(event)) => match to_action(event) {
                    Some(action) => action,
                    None => continue,
                },
                Some(Err(e)) => return Err(e),
                None => break,
            },
            answer = answer, if asking => {
                typed = crate::graphics_query::typed_keys(&answer.typed);
                Action::Graphics(answer.graphics)
            }
            Some(response) = api_rx.recv() => Action::Api(response),
            Some(response) = store_rx.recv() => Action::Stored(response),
            () = tick => {
                next_tick = tokio::time::Instant::now() + SPINNER_FRAME;
                Action::Tick
            }
            () = due => Action::Deadline,
            () = signal => {
                tracing::info!("signal received: quitting");
                break;
            }
        };
        if let Action::Graphics(answer) = &action {
            graphics = None;
            match answer {
                Some(g) => {
                    tracing::info!(ms = since_start_ms(), kind = ?g.kind, cell = ?g.cell, "terminal graphics answered")
                }
                None => tracing::info!(
                    ms = since_start_ms(),
                    "terminal graphics: no answer in time, half blocks"
                ),
            }
        }
        if let Action::Resize(..) = action {
            terminal.autoresize()?;
        }
        let actions = std::iter::once(action).chain(typed.into_iter().map(Action::Key));
        for action in actions {
            for effect in update(state, action) {
                match effect {
                    Effect::Suspend => {
                        suspend(&guard)?;
                        // Resizing resets ratatui's last frame, so everything is drawn again.
                        let size = terminal.size()?;
                        terminal.resize(ratatui::layout::Rect::new(
                            0,
                            0,
                            size.width,
                            size.height,
                        ))?;
                    }
                    Effect::Quit => state.quit = true,
                    Effect::SetMouse(on) => {
                        guard.mouse = on;
                        if on {
                            execute!(stdout(), EnableMouseCapture)?;
                        } else {
                            execute!(stdout(), DisableMouseCapture)?;
                        }
                    }
                    other => effects.apply(state, other),
                }
            }
        }
        dirty = true;
    }
    drop(terminal);
    drop(guard);
    Ok(())
}

fn to_action(event: Event) -> Option<Action> {
    match event {
        // Releases and repeats (kitty keyboard protocol) are not acted on.
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Action::Key(key)),
        Event::Key(_) => None,
        Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::FocusGained | Event::FocusLost => None,
    }
}

/// Ctrl-Z: give the terminal back, stop like any job, and take it again on `fg`.
fn suspend(guard: &TerminalGuard) -> std::io::Result<()> {
    restore_terminal();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    guard.reenter()
}
