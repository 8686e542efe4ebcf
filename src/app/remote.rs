//! A value the app asked the server for: what is shown, what is awaited, what went wrong.

use crate::api::ApiError;
use crate::api::actor::RequestId;

#[derive(Debug, Clone)]
pub struct Remote<T> {
    /// The last value received; kept while a reload is in flight.
    pub value: Option<T>,
    /// The request whose answer is awaited; any other answer is stale and dropped.
    pub pending: Option<RequestId>,
    pub error: Option<ApiError>,
}

impl<T> Default for Remote<T> {
    fn default() -> Self {
        Remote {
            value: None,
            pending: None,
            error: None,
        }
    }
}

impl<T> Remote<T> {
    pub fn begin(&mut self, id: RequestId) {
        self.pending = Some(id);
        self.error = None;
    }

    /// Takes the answer to request `id`. Returns false (changing nothing) for a stale one.
    pub fn settle(&mut self, id: RequestId, result: Result<T, ApiError>) -> bool {
        if self.pending != Some(id) {
            return false;
        }
        self.pending = None;
        match result {
            Ok(v) => {
                self.value = Some(v);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        true
    }

    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    pub fn clear(&mut self) {
        *self = Remote::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_answers_are_dropped_and_values_survive_a_failed_reload() {
        let mut r: Remote<u32> = Remote::default();
        r.begin(1);
        r.begin(2);
        assert!(!r.settle(1, Ok(10)), "superseded");
        assert_eq!(r.value, None);
        assert!(r.settle(2, Ok(20)));
        r.begin(3);
        assert!(r.settle(3, Err(ApiError::Timeout(std::time::Duration::from_secs(1)))));
        assert_eq!(r.value, Some(20));
        assert!(r.error.is_some() && !r.is_loading());
    }
}
