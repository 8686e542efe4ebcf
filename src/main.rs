use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use yunhu_tui::cli::{Cli, Command};
use yunhu_tui::{dashboard, logging, oneshot, sanitize};

/// Log fields are cut to this many characters: one huge server message must not make a
/// huge log.
const LOG_FIELD_CHARS: usize = 512;

fn main() -> ExitCode {
    yunhu_tui::tui::mark_process_start();
    // The token lives in this process's memory: never in a core dump.
    let dumps_off = yunhu_tui::hardening::forbid_core_dumps();
    let cli = Cli::parse();
    // Completions and the man page need neither a log nor a runtime.
    let printed = match &cli.command {
        Some(Command::Completions { shell }) => Some(oneshot::print_completions(*shell)),
        Some(Command::Man) => Some(oneshot::print_man_page()),
        _ => None,
    };
    if let Some(result) = printed {
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(e.exit_code())
            }
        };
    }
    let _log_guard = logging::init(cli.global.log_level);
    if let Err(e) = dumps_off {
        tracing::warn!(error = %e, "cannot turn core dumps off");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        None => runtime.block_on(dashboard::run(&cli.global)),
        Some(command) => runtime.block_on(oneshot::run(&cli.global, command)),
    };
    // A demo request held by the `hang` fault must not keep the process alive.
    runtime.shutdown_timeout(Duration::from_millis(200));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The message may carry the server's words: one safe line for the terminal, a
            // safe and bounded field for the log.
            let message = e.to_string();
            // A server's or the network's failure was logged where it happened; once is enough.
            if !e.was_logged() {
                tracing::error!(error = %sanitize::for_log(&message, LOG_FIELD_CHARS), "command failed");
            }
            eprintln!("error: {}", sanitize::line(&message));
            ExitCode::from(e.exit_code())
        }
    }
}
