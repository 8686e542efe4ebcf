//! The one-shot commands: connect, ask, print, exit. Also `serve-demo`.

use std::io::Write;
use std::time::Duration;

use crate::api::model::CoinRecord;
use crate::api::{ApiClient, ApiError, ClientConfig};
use crate::cli::{AvatarSource, Command, FaultArgs, GlobalOpts};
use crate::config::{ConfigError, TokenStore, new_device_id};
use crate::demo::{DemoError, DemoServer, FaultPlan};
use crate::output::{self, CoinListing, GroupListing, ProfileView};
use crate::validate;

/// What ends a one-shot command early; each prints as one line and has its exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("not logged in (code -101): run yunhu-tui to log in")]
    NotLoggedIn,
    #[error("not logged in: set YUNHU_TOKEN or run yunhu-tui to log in")]
    NoLogin,
    #[error("{0}")]
    Api(ApiError),
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Demo(#[from] DemoError),
    #[error("{0}")]
    Input(String),
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> Self {
        if e.is_not_logged_in() {
            if matches!(&e, ApiError::NotLoggedIn { msg } if msg == "no saved login") {
                CliError::NoLogin
            } else {
                CliError::NotLoggedIn
            }
        } else {
            CliError::Api(e)
        }
    }
}

impl CliError {
    /// 1: the server or the network failed; 2: bad input; 3: not logged in.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::NotLoggedIn | CliError::NoLogin => 3,
            CliError::Input(_) | CliError::Api(ApiError::Input(_)) => 2,
            _ => 1,
        }
    }
}

/// The fault plan the flags describe. `--fault` alone makes every request fail.
pub fn fault_plan(args: &FaultArgs) -> Result<FaultPlan, CliError> {
    if !(0.0..=1.0).contains(&args.fail_rate) {
        return Err(CliError::Input(format!(
            "--fail-rate must be between 0 and 1, not {}",
            args.fail_rate
        )));
    }
    let fail_rate = if args.fault.is_some() && args.fail_rate == 0.0 {
        1.0
    } else {
        args.fail_rate
    };
    Ok(FaultPlan {
        latency_ms: args.latency_ms,
        fail_rate,
        mode: args.fault.unwrap_or_default(),
        ..FaultPlan::default()
    })
}

/// A client ready to use, and the demo server behind it when `--demo` was given.
pub struct Session {
    pub client: ApiClient,
    pub demo: Option<DemoServer>,
}

/// Points a client config at a demo server: API, upload host and image CDN are all on it.
pub fn demo_client_config(server: &DemoServer, base: ClientConfig) -> ClientConfig {
    let url = server.base_url();
    ClientConfig {
        base_url: url.clone(),
        upload_url: format!("{url}/"),
        image_base: format!("{url}/img/"),
        ..base
    }
}

pub async fn connect(global: &GlobalOpts) -> Result<Session, CliError> {
    if !(global.timeout > 0.0 && global.timeout.is_finite()) {
        return Err(CliError::Input(format!(
            "--timeout must be a positive number of seconds, not {}",
            global.timeout
        )));
    }
    let store = TokenStore::open_default()?;
    // The device id is kept for the service's sake; a read-only config dir must not stop a
    // one-shot command, so fall back to an id for this run only.
    let device_id = store.device_id().unwrap_or_else(|e| {
        tracing::warn!(error = %e, "cannot keep a device id; using a temporary one");
        new_device_id()
    });
    let base = ClientConfig {
        timeout: Duration::from_secs_f64(global.timeout),
        device_id,
        ..ClientConfig::default()
    };
    if global.demo {
        let server = start_demo(([127, 0, 0, 1], 0).into(), &global.faults).await?;
        let token = server.handle().logins().into_iter().next().map(|l| l.token);
        let client = ApiClient::new(demo_client_config(&server, base))?.with_token(token);
        return Ok(Session {
            client,
            demo: Some(server),
        });
    }
    // Defaults → config.toml → YUNHU_SERVER → --server (clap gives the flag precedence).
    let settings = crate::settings::Settings::load(store.dir())
        .map_err(|e| CliError::Input(e.to_string()))?
        .settings;
    let config = server_client_config(global, &settings.server, base);
    Ok(Session {
        client: ApiClient::new(config)?.with_token(saved_token(&store)?),
        demo: None,
    })
}

/// The client config for a real server: `--server` (or `YUNHU_SERVER`) over config.toml's,
/// and the upload host and image base when given.
pub fn server_client_config(
    global: &GlobalOpts,
    configured: &str,
    base: ClientConfig,
) -> ClientConfig {
    let mut config = ClientConfig {
        base_url: global
            .server
            .clone()
            .unwrap_or_else(|| configured.to_owned()),
        ..base
    };
    if let Some(upload) = &global.upload_url {
        config.upload_url = upload.clone();
    }
    if let Some(images) = &global.image_base {
        config.image_base = images.clone();
    }
    config
}

/// `YUNHU_TOKEN` when set (it is never written anywhere), else the saved login.
pub fn env_token() -> Option<String> {
    std::env::var("YUNHU_TOKEN")
        .ok()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

pub fn saved_token(store: &TokenStore) -> Result<Option<String>, CliError> {
    match env_token() {
        Some(t) => Ok(Some(t)),
        None => Ok(store.load_token()?),
    }
}

fn emit(json: bool, value: serde_json::Value, text: String) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    let result = if json {
        let pretty =
            serde_json::to_string_pretty(&value).map_err(|e| CliError::Input(e.to_string()))?;
        writeln!(out, "{pretty}")
    } else {
        write!(out, "{text}")
    };
    match result.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Input(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Runs one command against the session's server and prints its result.
pub async fn run(global: &GlobalOpts, command: Command) -> Result<(), CliError> {
    if let Command::ServeDemo { addr } = command {
        return serve_demo(addr, &global.faults).await;
    }
    let session = connect(global).await?;
    let client = &session.client;
    let json = global.json;
    match command {
        Command::ServeDemo { .. } => Ok(()),
        Command::Profile => {
            let info = client.user_info().await?;
            let (user, data) = tokio::join!(client.get_user(&info.id), client.user_data());
            let view = ProfileView {
                info,
                user: user?,
                data: data?,
            };
            emit(
                json,
                output::profile_json(&view),
                output::profile_text(&view),
            )
        }
        Command::Medals => {
            let medals = client.self_medals().await?;
            emit(
                json,
                output::medals_json(&medals),
                output::medals_text(&medals),
            )
        }
        Command::Coins { page, size, all } => {
            let (records, total, shown_page) = if all {
                let (records, total) = all_coin_records(client).await?;
                (records, total, None)
            } else {
                let p = client.coin_records(page, size).await?;
                (p.gold_coin_record, p.total, Some((page, size)))
            };
            let listing = CoinListing {
                records: &records,
                total,
                page: shown_page,
            };
            emit(
                json,
                output::coins_json(&listing),
                output::coins_text(&listing),
            )
        }
        Command::Categories => {
            let categories = client.categories().await?;
            emit(
                json,
                output::categories_json(&categories),
                output::categories_text(&categories),
            )
        }
        Command::Groups {
            category,
            keyword,
            page,
            size,
        } => {
            let category = match category {
                Some(c) => c,
                None => client
                    .categories()
                    .await?
                    .into_iter()
                    .next()
                    .ok_or_else(|| CliError::Input("the server lists no categories".into()))?,
            };
            let groups = client.groups(&category, &keyword, page, size).await?;
            let listing = GroupListing {
                category: &category,
                keyword: &keyword,
                page,
                size,
                groups: &groups,
            };
            emit(
                json,
                output::groups_json(&listing),
                output::groups_text(&listing),
            )
        }
        Command::Bots => {
            let bots = client.bots().await?;
            emit(json, output::bots_json(&bots), output::bots_text(&bots))
        }
        Command::SetNickname { name } => {
            let name = validate::nickname(&name)
                .map_err(|e| CliError::Input(format!("nickname refused: {e}")))?;
            client.edit_nickname(&name).await?;
            // Read it back: what is printed is what the server now has.
            let saved = client.user_info().await?.name;
            emit(
                json,
                serde_json::json!({"name": saved}),
                format!("nickname set: {saved}\n"),
            )
        }
        Command::SetAvatar { source } => {
            let url = match AvatarSource::parse(&source) {
                AvatarSource::Url(url) => {
                    client.edit_avatar(&url).await?;
                    url
                }
                AvatarSource::File(path) => client.set_avatar_file(&path).await?,
            };
            emit(
                json,
                serde_json::json!({"avatarUrl": url}),
                format!("avatar set: {url}\n"),
            )
        }
    }
}

/// Every coin record, page by page, until `total` is reached or a page comes back short.
pub async fn all_coin_records(client: &ApiClient) -> Result<(Vec<CoinRecord>, i64), ApiError> {
    const SIZE: u32 = 100;
    let mut records = Vec::new();
    let mut page = 1;
    loop {
        let p = client.coin_records(page, SIZE).await?;
        let short = p.gold_coin_record.len() < SIZE as usize;
        records.extend(p.gold_coin_record);
        if short || records.len() as i64 >= p.total {
            return Ok((records, p.total));
        }
        page += 1;
    }
}

/// Starts a demo server as the flags describe (faults, a generated coin history).
pub async fn start_demo(
    addr: std::net::SocketAddr,
    args: &FaultArgs,
) -> Result<DemoServer, CliError> {
    let server = DemoServer::start_with(addr, fault_plan(args)?).await?;
    if let Some(n) = args.demo_coin_records {
        server.handle().generate_coin_history(n);
    }
    Ok(server)
}

async fn serve_demo(addr: std::net::SocketAddr, faults: &FaultArgs) -> Result<(), CliError> {
    let server = start_demo(addr, faults).await?;
    let url = server.base_url();
    let logins = server.handle().logins();
    let mut text = format!("yunhu-tui demo server listening on {url}\n");
    for l in &logins {
        let kind = if l.vip {
            "VIP account  "
        } else {
            "basic account"
        };
        let phone = if l.phone.is_empty() {
            "no phone".to_owned()
        } else {
            format!("phone {}", l.phone)
        };
        text.push_str(&format!(
            "  {kind}  {} ({})  token {}\n                 email {} / password {}  {phone}\n",
            l.name, l.id, l.token, l.email, l.password
        ));
    }
    text.push_str(&format!(
        "  SMS code {}  email code {}\nTry:  YUNHU_TOKEN={} yunhu-tui --server {url} --upload-url {url}/ --image-base {url}/img/ profile\nCtrl-C stops the server.\n",
        crate::demo::DEMO_SMS_CODE,
        crate::demo::DEMO_EMAIL_CODE,
        logins.first().map(|l| l.token.as_str()).unwrap_or(""),
    ));
    emit(false, serde_json::Value::Null, text)?;
    shutdown_signal().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM/SIGHUP where there are signals.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (term, hup) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        );
        if let (Ok(mut term), Ok(mut hup)) = (term, hup) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
