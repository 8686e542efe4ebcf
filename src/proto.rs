//! The protobuf messages of the API, generated at build time from `proto/yunhu.proto`.

#![allow(clippy::doc_lazy_continuation, clippy::derive_partial_eq_without_eq)]

include!(concat!(env!("OUT_DIR"), "/yunhu.rs"));

/// Every protobuf answer of the service carries a `Status` in field 1.
pub trait HasStatus {
    fn status(&self) -> Option<&Status>;
}

macro_rules! has_status {
    ($($t:ty),*) => {
        $(impl HasStatus for $t {
            fn status(&self) -> Option<&Status> {
                self.status.as_ref()
            }
        })*
    };
}

has_status!(StatusResponse, UserInfo, GetUserResponse, GetSelfMedal);

/// Medals in display order: by `sort`, then id.
pub fn sort_medals(medals: &mut [MedalInfo]) {
    medals.sort_by_key(|m| (m.sort, m.id));
}
