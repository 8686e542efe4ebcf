//! Pictures (avatars) kept by their address: the thumbnail's PNG, a few KB each. The table
//! is bounded by count, the least recently used going first, and each picture by size, so
//! the store cannot grow with what a server sends.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now_ms};

/// The most pictures kept per account.
pub const MAX_PICTURES: i64 = 300;
/// The largest picture kept (a thumbnail is far smaller; anything else is not ours).
pub const MAX_PICTURE_PNG: usize = 256 * 1024;
/// The longest address kept as a key.
pub const MAX_URL_CHARS: usize = 2048;

impl Store {
    /// Keeps the picture of `url`, then drops the least recently used beyond the bound.
    /// An over-long address or an oversized picture is not kept (and is no error).
    pub fn save_picture(&self, url: &str, png: &[u8]) -> Result<(), StoreError> {
        if url.len() > MAX_URL_CHARS || png.len() > MAX_PICTURE_PNG {
            return Ok(());
        }
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO pictures(url, png, used_at) VALUES (?1, ?2, ?3)",
                params![url, png, now_ms()],
            )?;
            tx.execute(
                "DELETE FROM pictures WHERE url IN (SELECT url FROM pictures
                 ORDER BY used_at DESC LIMIT -1 OFFSET ?1)",
                [MAX_PICTURES],
            )
            .map(|_| ())
        })
    }

    /// The kept picture of `url`, if any (marked as used).
    pub fn load_picture(&self, url: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let png: Option<Vec<u8>> = self.read(|c| {
            c.query_row("SELECT png FROM pictures WHERE url = ?1", [url], |r| {
                r.get(0)
            })
            .optional()
        })?;
        if png.is_some() {
            self.read(|c| {
                c.execute(
                    "UPDATE pictures SET used_at = ?2 WHERE url = ?1",
                    params![url, now_ms()],
                )
            })?;
        }
        Ok(png)
    }

    /// How many pictures are kept.
    pub fn picture_count(&self) -> Result<i64, StoreError> {
        self.read(|c| c.query_row("SELECT count(*) FROM pictures", [], |r| r.get(0)))
    }
}

#[cfg(test)]
mod tests {
    use crate::service::Service;
    use crate::store::{Store, StoreKey};

    #[test]
    fn pictures_are_kept_by_address_and_bounded() {
        let store = Store::open_in_memory(&StoreKey::new(Service::Yunhu, "http://x", "1")).unwrap();
        assert_eq!(store.load_picture("http://a/1.png").unwrap(), None);
        store.save_picture("http://a/1.png", b"png-1").unwrap();
        assert_eq!(
            store.load_picture("http://a/1.png").unwrap().as_deref(),
            Some(&b"png-1"[..])
        );
        for i in 0..super::MAX_PICTURES + 20 {
            store
                .save_picture(&format!("http://a/{i}/x.png"), b"p")
                .unwrap();
        }
        assert_eq!(store.picture_count().unwrap(), super::MAX_PICTURES);
        // Too large to be a thumbnail: not kept.
        let huge = vec![0u8; super::MAX_PICTURE_PNG + 1];
        store.save_picture("http://a/huge.png", &huge).unwrap();
        assert_eq!(store.load_picture("http://a/huge.png").unwrap(), None);
    }
}
