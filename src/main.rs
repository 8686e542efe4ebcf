use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use yunhu_tui::cli::Cli;
use yunhu_tui::{dashboard, logging, oneshot};

fn main() -> ExitCode {
    yunhu_tui::tui::mark_process_start();
    let cli = Cli::parse();
    let _log_guard = logging::init(cli.global.log_level);
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
            tracing::error!(error = %e, "command failed");
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
