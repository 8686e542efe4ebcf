//! `serve-demo`: the demo server until Ctrl-C.

use super::*;

pub(super) async fn serve_demo(
    addr: std::net::SocketAddr,
    faults: &FaultArgs,
) -> Result<(), AppError> {
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
    write_stdout(sanitize::text(&text).as_bytes())?;
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
