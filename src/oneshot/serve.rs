//! `serve-demo`: the demo servers until Ctrl-C: Yunhu's (its lines first, as scripts read
//! them), SealTalk's and chaoqer's beside it.

use super::*;
use crate::demo::chaoqer::ChaoqerDemoServer;
use crate::demo::sealtalk::SealtalkDemoServer;

pub(super) async fn serve_demo(
    addr: std::net::SocketAddr,
    faults: &FaultArgs,
) -> Result<(), AppError> {
    let server = start_demo(addr, faults).await?;
    // SealTalk's on the same loopback address, on a port of its own (fault flags are Yunhu's).
    let sealtalk = SealtalkDemoServer::start_on(std::net::SocketAddr::new(addr.ip(), 0)).await?;
    let chaoqer = ChaoqerDemoServer::start_on(std::net::SocketAddr::new(addr.ip(), 0)).await?;
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
        "  SMS code {}  email code {}\nTry:  YUNHU_TOKEN={} yunhu-tui --server {url} --upload-url {url}/ --image-base {url}/img/ profile\n",
        crate::demo::DEMO_SMS_CODE,
        crate::demo::DEMO_EMAIL_CODE,
        logins.first().map(|l| l.token.as_str()).unwrap_or(""),
    ));
    text.push_str(&sealtalk_lines(&sealtalk));
    text.push_str(&chaoqer_lines(&chaoqer));
    text.push_str("Ctrl-C stops the servers.\n");
    write_stdout(sanitize::text(&text).as_bytes())?;
    shutdown_signal().await;
    Ok(())
}

/// The SealTalk demo's lines: its URL, the demo account's login, and how to try it.
fn sealtalk_lines(server: &SealtalkDemoServer) -> String {
    let url = server.base_url();
    let login = server.login();
    format!(
        "SealTalk demo server listening on {url}\n  demo account  {} (region {} phone {} / password {})\nTry:  yunhu-tui accounts add st-demo --service sealtalk --server {url}\n      printf '%s\\n' '{}' | yunhu-tui --account st-demo login --region {} --phone {} --password-stdin\n      yunhu-tui --account st-demo friends    (set-avatar FILE: add --upload-url {})\n",
        login.user_id,
        login.region,
        login.phone,
        login.password,
        login.password,
        login.region,
        login.phone,
        server.upload_url(),
    )
}

/// The chaoqer demo gateway's lines: its URL, the demo phone and SMS code, how to try it.
fn chaoqer_lines(server: &ChaoqerDemoServer) -> String {
    let url = server.base_url();
    let login = server.login();
    format!(
        "chaoqer demo gateway listening on {url}\n  demo account  {} (country code {} phone {} / SMS code {})\nTry:  yunhu-tui accounts add cq-demo --service chaoqer --server {url}\n      printf '%s\\n' '{}' | yunhu-tui --account cq-demo login --phone {} --sms\n      yunhu-tui --account cq-demo messages\n",
        login.uid, login.country_code, login.mobile, login.sms_code, login.sms_code, login.mobile,
    )
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
