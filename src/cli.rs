//! Command-line definitions (clap). The token is never taken from argv: it comes from
//! `YUNHU_TOKEN` or the saved login.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::demo::FaultMode;

/// The `--help` heading of the demo server's fault-injection flags.
pub const DEMO_HEADING: &str = "Demo server fault injection (--demo, serve-demo)";

/// The range `--timeout` accepts, in seconds.
pub const TIMEOUT_RANGE: std::ops::RangeInclusive<f64> = 0.01..=3600.0;

/// `--timeout`: a finite number of seconds in [`TIMEOUT_RANGE`]. One check for the CLI and
/// the dashboard; clap turns a refusal into a usage error (exit 2).
pub fn parse_timeout(arg: &str) -> Result<f64, String> {
    let secs: f64 = arg
        .trim()
        .parse()
        .map_err(|_| format!("'{arg}' is not a number of seconds"))?;
    if secs.is_finite() && TIMEOUT_RANGE.contains(&secs) {
        Ok(secs)
    } else {
        Err(format!(
            "the timeout must be between {} and {} seconds",
            TIMEOUT_RANGE.start(),
            TIMEOUT_RANGE.end()
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Parser)]
#[command(
    name = "yunhu-tui",
    version,
    about = "A terminal dashboard and command-line client for Yunhu (云湖) accounts, and a command-line client for SealTalk and chaoqer accounts"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalOpts {
    /// The account to use (see `yunhu-tui accounts`) [default: config.toml's default_account,
    /// else the first]
    #[arg(long, global = true, value_name = "NAME", env = "YUNHU_TUI_ACCOUNT")]
    pub account: Option<String>,

    /// API base URL for this run (env YUNHU_SERVER) [default: the account's server, else
    /// config.toml's server, else https://chat-go.jwzhd.com]; with `accounts add`: the new
    /// account's server
    #[arg(long, global = true, value_name = "URL")]
    pub server: Option<String>,

    /// Interface language: zh or en [default: config.toml's, else the locale; one-shot
    /// commands: YUNHU_TUI_LANG, else English]
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<LangArg>,

    /// Run against an embedded demo server on loopback, logged in to the demo VIP account
    /// (it takes precedence over --server and YUNHU_SERVER)
    #[arg(long, global = true)]
    pub demo: bool,

    /// Print machine-readable JSON instead of aligned text
    #[arg(long, global = true)]
    pub json: bool,

    /// Use the local store only and send nothing (profile, medals, coins, categories,
    /// groups, bots); what was never stored is an error (exit 1)
    #[arg(long, global = true)]
    pub offline: bool,

    /// Seconds to wait for an answer (0.01 to 3600)
    #[arg(long, global = true, value_name = "SECS", default_value_t = 10.0, value_parser = parse_timeout)]
    pub timeout: f64,

    /// Multipart upload endpoint for avatars (Qiniu in production)
    #[arg(long, global = true, value_name = "URL")]
    pub upload_url: Option<String>,

    /// URL prefix uploaded images are served under (the image CDN in production)
    #[arg(long, global = true, value_name = "URL")]
    pub image_base: Option<String>,

    /// Log level of the log file (error, warn, info, debug, trace)
    #[arg(long, global = true, value_name = "LEVEL", default_value = "info")]
    pub log_level: tracing_subscriber::filter::LevelFilter,

    #[command(flatten)]
    pub faults: FaultArgs,
}

/// Fault injection for the embedded demo server (`--demo` and `serve-demo`), listed under
/// their own heading in `--help` so they do not crowd the options people use.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = DEMO_HEADING)]
pub struct FaultArgs {
    /// Milliseconds added to every demo answer
    #[arg(
        long,
        global = true,
        value_name = "N",
        default_value_t = 0,
        hide_short_help = true
    )]
    pub latency_ms: u64,

    /// Share of demo requests that fail (0 to 1)
    #[arg(
        long,
        global = true,
        value_name = "F",
        default_value_t = 0.0,
        hide_short_help = true
    )]
    pub fail_rate: f64,

    /// How failing demo requests fail; without --fail-rate every request fails this way
    #[arg(long, global = true, value_name = "MODE", hide_short_help = true)]
    pub fault: Option<FaultMode>,

    /// Give the demo VIP account this many generated coin records (for measurements)
    #[arg(long, global = true, value_name = "N", hide_short_help = true)]
    pub demo_coin_records: Option<usize>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Serve the demo server until Ctrl-C; prints its base URL and the demo tokens
    ServeDemo {
        /// Loopback address to listen on (port 0 picks a free port)
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: SocketAddr,
    },
    /// Show the account's profile
    Profile,
    /// List the account's medals, in their display order
    Medals,
    /// Show the coin history, newest first
    Coins {
        /// Page number, from 1
        #[arg(long, default_value_t = 1, conflicts_with = "all", value_parser = clap::value_parser!(u32).range(1..))]
        page: u32,
        /// Records per page (1-100)
        #[arg(long, default_value_t = 20, conflicts_with = "all", value_parser = clap::value_parser!(u32).range(1..=100))]
        size: u32,
        /// Every record: synced into the local store (only what is new is fetched), then
        /// shown from it
        #[arg(long)]
        all: bool,
        /// With --all: write the stored history as csv (header row: id, time, change,
        /// balance_after, reason, remark), a json array or ndjson, newest first
        #[arg(long, value_enum, requires = "all")]
        format: Option<crate::store::export::ExportFormat>,
        /// With --format: only records from this day (YYYY-MM-DD, local time) or instant
        /// (RFC 3339) on
        #[arg(long, value_name = "DATE", requires = "format", value_parser = parse_since)]
        since: Option<i64>,
        /// With --format: only records up to this day (included) or before this instant
        #[arg(long, value_name = "DATE", requires = "format", value_parser = parse_until)]
        until: Option<i64>,
    },
    /// List the discover categories
    Categories,
    /// List recommended groups of a category
    Groups {
        /// Category (default: the first one)
        #[arg(long)]
        category: Option<String>,
        /// Only groups whose name or introduction contains this
        #[arg(long, default_value = "")]
        keyword: String,
        /// Page number, from 1
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        page: u32,
        /// Groups per page (1-100)
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=100))]
        size: u32,
    },
    /// List the recommended bots
    Bots,
    /// Change the nickname
    SetNickname { name: String },
    /// Change the avatar to an image URL, or upload a local image file
    SetAvatar {
        #[arg(value_name = "URL|FILE")]
        source: String,
    },
    /// Log in and save the login: email and password for Yunhu, region, phone and password
    /// for SealTalk (the password read from stdin), phone and SMS code for chaoqer
    #[command(
        long_about = "Log in with a password and save the login for the commands (and, for Yunhu, \
the dashboard). A Yunhu account logs in with --email; a SealTalk account with --region (default \
86) and --phone; a chaoqer account with --phone and --sms (the server sends a code by SMS, which is \
then read from the first line of stdin, with a prompt on stderr when stdin is a terminal; \
--country-code defaults to 86). The password is read from stdin, never from the command line or the environment: \
its first line, without the line break (at most 4096 bytes; a terminal is refused, as it would show \
the password). Yunhu saves the token file, SealTalk the session cookie (each in the account's \
directory, mode 0600); SealTalk's RongCloud IM token is neither shown nor saved. Prints `logged in as \
NAME (ID)`. With --demo it logs in to the embedded demo server and saves nothing. With \
YUNHU_TOKEN set, the login is saved all the same, but commands keep using YUNHU_TOKEN until it \
is unset.",
        after_help = "Examples:\n  printf '%s\\n' \"$PW\" | yunhu-tui login --email you@example.com --password-stdin\n  printf '%s\\n' \"$PW\" | yunhu-tui --account st login --region 86 --phone 13900000001 --password-stdin\n  yunhu-tui --account cq login --phone 13900000002 --sms\n\nYunhu's SMS login stays in the dashboard (run yunhu-tui without a command): it needs the captcha picture.",
        group(clap::ArgGroup::new("who").required(true).args(["email", "phone"])),
        group(clap::ArgGroup::new("how").required(true).args(["password_stdin", "sms"]))
    )]
    Login {
        /// The account's email address (Yunhu)
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// The calling code of the phone number, digits without '+' (SealTalk) [default: 86]
        #[arg(long, value_name = "CODE", requires = "phone")]
        region: Option<String>,
        /// The account's phone number, without the calling code (SealTalk, chaoqer)
        #[arg(long, value_name = "PHONE")]
        phone: Option<String>,
        /// Read the password from stdin (the only way to give it; its first line is used)
        #[arg(long)]
        password_stdin: bool,
        /// chaoqer: have the server send a code by SMS to --phone, then read the code from
        /// stdin (a prompt on stderr when stdin is a terminal)
        #[arg(long, requires = "phone", conflicts_with_all = ["password_stdin", "email", "region"])]
        sms: bool,
        /// chaoqer: the country code of --phone, digits without '+' [default: 86]
        #[arg(long, value_name = "CODE", requires = "sms")]
        country_code: Option<String>,
    },
    /// End the saved login's session on the server and delete the saved login
    #[command(
        long_about = "End the saved login's session on the server, then delete the saved login \
(the token file). If the server cannot be told, the saved login is deleted all the same and the \
command says so and exits 1: the session may stay open on the server until it expires. A session \
the server had already ended (code -101) is not a failure. With YUNHU_TOKEN set, it is the saved \
login that ends, not YUNHU_TOKEN's session. With --demo it ends the demo session and touches no \
file."
    )]
    Logout,
    /// SealTalk: list the friends (incoming friend requests are counted on stderr)
    Friends,
    /// SealTalk, chaoqer: list the blocked users
    Blacklist,
    /// SealTalk, chaoqer: remove a user from the blacklist (on SealTalk they become a friend
    /// again if they were one); needs --yes
    Unblock {
        /// The user's id, as `blacklist` shows it (case-sensitive)
        id: String,
        /// Really unblock (without it nothing is sent)
        #[arg(long)]
        yes: bool,
    },
    /// SealTalk: change the gender
    SetGender {
        #[arg(value_enum)]
        gender: GenderArg,
    },
    /// SealTalk: change the password; the current and the new one on the first two lines of
    /// stdin
    #[command(
        after_help = "Example:\n  printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | yunhu-tui --account st change-password --stdin\n\nThe new password has 6 to 20 characters and no space. SealTalk keeps the saved login valid (it never ends sessions)."
    )]
    ChangePassword {
        /// Read the current and the new password from stdin (the only way to give them)
        #[arg(long, required = true)]
        stdin: bool,
    },
    /// SealTalk: the screen-capture notice of each friend and group; `screen-capture set ID
    /// on|off --yes` turns one on or off (which posts a message into that chat)
    ScreenCapture {
        #[command(subcommand)]
        action: Option<ScreenCaptureCommand>,
    },
    /// The latest official clients: Yunhu's for Windows, macOS, Android and iOS; SealTalk's
    /// desktop, iOS and Android; chaoqer's iOS and Android
    Versions {
        /// SealTalk: ask the desktop update check about this version (X.Y.Z) instead of
        /// asking for the latest
        #[arg(long, value_name = "X.Y.Z")]
        desktop_version: Option<String>,
    },
    /// SealTalk: send a text message as the account (a real message, sent through RongCloud);
    /// needs --yes
    #[command(group(clap::ArgGroup::new("kind").required(true).args(["private", "group"])))]
    SendMessage {
        /// The friend's user id (--private) or the group's id (--group)
        #[arg(long, value_name = "ID")]
        to: String,
        /// To a friend (a private chat)
        #[arg(long)]
        private: bool,
        /// To a group the account is a member of
        #[arg(long)]
        group: bool,
        /// The text to send
        #[arg(long, value_name = "TEXT")]
        text: String,
        /// Really send it (without it nothing is sent)
        #[arg(long)]
        yes: bool,
    },
    /// chaoqer: the inbox, newest first (reading it marks the messages read on the server)
    Messages {
        /// Every message, page after page (else the newest 20)
        #[arg(long)]
        all: bool,
    },
    /// chaoqer: the number of unread messages
    Unread,
    /// chaoqer: change the bio (an empty TEXT removes it)
    SetBio {
        #[arg(value_name = "TEXT")]
        text: String,
    },
    /// chaoqer: complete a new account's profile (a nickname and an avatar URL or image
    /// file); nothing else works before
    CompleteProfile {
        /// At most 20 characters (an emoji counts 2)
        #[arg(long, value_name = "NAME")]
        nickname: String,
        /// An image URL, or a local image file (uploaded as JPEG)
        #[arg(long, value_name = "URL|FILE")]
        avatar: String,
    },
    /// chaoqer: the cards received (名片夹), newest first
    Cards,
    /// chaoqer: the clubs the account is a member of
    Clubs,
    /// chaoqer: a club's details and its members
    Club {
        /// The club's id (32 lower-case hex characters), as `clubs` shows it
        id: String,
    },
    /// chaoqer: the public events from an hour ago on, soonest first
    Events,
    /// chaoqer: send feedback about the app (at most 500 characters)
    Feedback {
        #[arg(value_name = "TEXT")]
        text: String,
    },
    /// List the accounts, or add, remove or choose the default one
    #[command(
        long_about = "List the accounts of config.toml (name, service, server, default, logged in \
or not), or change them. Each account keeps its saved login in its own file (mode 0600) under \
the config dir's accounts/NAME/; removing an account deletes it. Without a subcommand: list."
    )]
    Accounts {
        #[command(subcommand)]
        action: Option<AccountsCommand>,
    },
    /// Show where the account's local store is, its size and what it holds; `cache clear`
    /// empties it
    Cache {
        #[command(subcommand)]
        action: Option<CacheCommand>,
    },
    /// Print a shell completion script (e.g. `yunhu-tui completions bash > ~/.local/share/bash-completion/completions/yunhu-tui`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `yunhu-tui man | man -l -`
    Man,
}

/// `accounts …`.
#[derive(Debug, Clone, Subcommand)]
pub enum AccountsCommand {
    /// List the accounts (the default one marked)
    List,
    /// Add an account, on the server of `--server URL` (else the service's default; a
    /// SealTalk account needs --server: SealTalk is self-hosted); log in to it with
    /// `--account NAME login …` (Yunhu also in the dashboard)
    Add {
        /// Letters, digits, '-', '_' and '.'; at most 32 characters
        name: String,
        /// The service the account is on
        #[arg(long, value_enum, default_value_t = crate::service::Service::Yunhu)]
        service: crate::service::Service,
    },
    /// Remove an account and delete its saved login (the server's session is not ended:
    /// log out first for that)
    Remove { name: String },
    /// Make an account the default one
    Default { name: String },
}

/// `set-gender`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GenderArg {
    Male,
    Female,
}

/// `on` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

/// `screen-capture …`.
#[derive(Debug, Clone, Subcommand)]
pub enum ScreenCaptureCommand {
    /// Each friend's and group's notice, on or off (the default)
    List,
    /// Turn a friend's or group's notice on or off. The server posts "… turned screenshot
    /// notification on/off" into that chat, so it needs --yes
    Set {
        /// The friend's or group's id (case-sensitive)
        id: String,
        #[arg(value_enum)]
        state: Switch,
        /// Really change it (without it nothing is sent)
        #[arg(long)]
        yes: bool,
    },
}

/// `cache …`.
#[derive(Debug, Clone, Subcommand)]
pub enum CacheCommand {
    /// Show the store (the default)
    Show,
    /// Empty the store: pane snapshots and coin history (the login is not touched)
    Clear,
}

/// `--since`: a day (its local midnight) or an RFC 3339 instant, as Unix seconds.
pub fn parse_since(arg: &str) -> Result<i64, String> {
    parse_date(arg, false)
}

/// `--until`: a day (included: the next local midnight) or an RFC 3339 instant.
pub fn parse_until(arg: &str) -> Result<i64, String> {
    parse_date(arg, true)
}

fn parse_date(arg: &str, end_of_day: bool) -> Result<i64, String> {
    use chrono::TimeZone;
    let arg = arg.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(arg) {
        return Ok(t.timestamp());
    }
    let day = chrono::NaiveDate::parse_from_str(arg, "%Y-%m-%d")
        .map_err(|_| format!("'{arg}' is not a date (YYYY-MM-DD) or an RFC 3339 time"))?;
    let day = if end_of_day {
        day.succ_opt()
            .ok_or_else(|| format!("'{arg}' is out of range"))?
    } else {
        day
    };
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    chrono::Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.timestamp())
        .ok_or_else(|| format!("'{arg}' has no local midnight"))
}

/// What `set-avatar` was given.
#[derive(Debug, PartialEq)]
pub enum AvatarSource {
    Url(String),
    File(PathBuf),
}

impl AvatarSource {
    pub fn parse(arg: &str) -> AvatarSource {
        match url::Url::parse(arg) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => AvatarSource::Url(arg.to_owned()),
            _ => AvatarSource::File(PathBuf::from(arg)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn avatar_source_tells_urls_from_files() {
        assert_eq!(
            AvatarSource::parse("https://a.example/x.png"),
            AvatarSource::Url("https://a.example/x.png".into())
        );
        assert_eq!(
            AvatarSource::parse("./me.png"),
            AvatarSource::File("./me.png".into())
        );
        assert_eq!(
            AvatarSource::parse("C:\\me.png"),
            AvatarSource::File("C:\\me.png".into())
        );
    }

    #[test]
    fn paging_options_are_checked() {
        assert!(Cli::try_parse_from(["yunhu-tui", "coins", "--page", "0"]).is_err());
        assert!(Cli::try_parse_from(["yunhu-tui", "coins", "--size", "101"]).is_err());
        assert!(Cli::try_parse_from(["yunhu-tui", "coins", "--all", "--page", "2"]).is_err());
        let both = Cli::try_parse_from(["yunhu-tui", "--demo", "--server", "http://x", "profile"]);
        assert!(
            both.is_ok_and(|c| c.global.demo),
            "--demo takes precedence over --server"
        );
        let cli = Cli::try_parse_from(["yunhu-tui", "coins", "--all", "--json"]).unwrap();
        assert!(cli.global.json);
    }

    #[test]
    fn the_password_is_never_an_argument() {
        let login = |args: &[&str]| {
            let mut argv = vec!["yunhu-tui", "login"];
            argv.extend_from_slice(args);
            Cli::try_parse_from(argv)
        };
        let ok = login(&["--email", "a@b.example", "--password-stdin"]);
        assert!(matches!(
            ok.map(|c| c.command),
            Ok(Some(Command::Login { email: Some(email), password_stdin: true, .. })) if email == "a@b.example"
        ));
        for args in [
            &["--email", "a@b.example", "--password", "x"][..],
            &["--email", "a@b.example", "--password-stdin", "x"],
            &["--email", "a@b.example", "--password-stdin=x"],
            &["--email", "a@b.example"],
            &["--password-stdin"],
            &["--region", "86", "--password-stdin"],
            &[
                "--email",
                "a@b.example",
                "--phone",
                "139",
                "--password-stdin",
            ],
        ] {
            let err = login(args)
                .err()
                .unwrap_or_else(|| panic!("{args:?} accepted"));
            assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
        }
    }
}
