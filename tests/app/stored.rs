//! The dashboard and its local store: answers kept, the stored view in the first frame, a
//! store that fails said once while the dashboard goes on.

use yunhu_tui::app::action::Effect;
use yunhu_tui::store::protocol::{PaneSnapshot, StoreCommand};
use yunhu_tui::store::{StoreKey, protocol::StoreId};

use crate::harness::Harness;

/// Where the harness's store for `id` is.
fn store_file(h: &Harness, id: &str) -> std::path::PathBuf {
    let server = h.demo_base_url();
    h.store_dir
        .join(StoreKey::new(yunhu_tui::service::Service::Yunhu, &server, id).file_name())
}

fn save(id: StoreId) -> Effect {
    Effect::Store(
        id,
        StoreCommand::Save(PaneSnapshot::Categories(vec!["精选".into()])),
    )
}

#[tokio::test]
async fn a_corrupt_store_is_said_once_and_the_dashboard_goes_on() {
    let mut h = Harness::logged_in().await;
    h.store_flush().await;
    let vip = h.vip.id.clone();
    let mut h2 = Harness::logged_out().await;
    // A file that is not a database where the account's store goes.
    std::fs::create_dir_all(&h2.store_dir).unwrap();
    std::fs::write(store_file(&h2, &vip), b"not a database at all, just bytes").unwrap();
    h2.use_stores(&[Some(vip.clone())]);
    h2.apply(vec![save(9001), save(9002)]);
    h2.store_flush().await;
    let status = h2.state.status.take().expect("the failure is said");
    let text = status.text(h2.state.s());
    assert!(status.error && text.contains("damaged"), "{text}");
    // Said once: a later failure says nothing more.
    h2.apply(vec![save(9003)]);
    h2.store_flush().await;
    assert_eq!(h2.state.status, None);
    assert!(h2.state.account.store_down);
    drop(h);
}
