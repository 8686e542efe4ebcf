//! A value the app asked the server for: what is shown and what went wrong (Yunhu's errors
//! by default; SealTalk's and chaoqer's panes hold their own). Whether it is on its way is
//! the account's request registry's to say ([`crate::app::requests`]).

use crate::api::ApiError;

#[derive(Debug, Clone)]
pub struct Remote<T, E = ApiError> {
    /// The last value received; kept while a reload is in flight.
    pub value: Option<T>,
    pub error: Option<E>,
    /// The value came from the local store (fetched then, Unix ms) and no answer has
    /// replaced it yet this session.
    pub stored_at: Option<i64>,
}

impl<T, E> Default for Remote<T, E> {
    fn default() -> Self {
        Remote {
            value: None,
            error: None,
            stored_at: None,
        }
    }
}

impl<T, E> Remote<T, E> {
    /// A request for it is on its way: the last error no longer stands.
    pub fn begin(&mut self) {
        self.error = None;
    }

    /// Takes the answer (only answers still awaited reach here: the registry drops the rest).
    pub fn settle(&mut self, result: Result<T, E>) {
        match result {
            Ok(v) => {
                self.value = Some(v);
                self.error = None;
                self.stored_at = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Something came this session: a value from the server or an error (a stored value
    /// still waits for its answer).
    pub fn is_settled(&self) -> bool {
        (self.value.is_some() && self.stored_at.is_none()) || self.error.is_some()
    }

    /// Shows `value` from the local store, fetched at `at` (Unix ms), unless something is
    /// shown already (an answer that came first is fresher).
    pub fn show_stored(&mut self, value: T, at: i64) {
        if self.value.is_none() {
            self.value = Some(value);
            self.stored_at = Some(at);
        }
    }

    pub fn clear(&mut self) {
        *self = Remote::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_survive_a_failed_reload() {
        let mut r: Remote<u32> = Remote::default();
        r.begin();
        r.settle(Ok(20));
        r.begin();
        r.settle(Err(ApiError::Timeout(std::time::Duration::from_secs(1))));
        assert_eq!(r.value, Some(20));
        assert!(r.error.is_some());
        r.begin();
        assert!(r.error.is_none(), "a reload forgets the last error");
    }
}
