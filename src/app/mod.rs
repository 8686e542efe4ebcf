//! The dashboard's state and logic; knows nothing of terminals or HTTP.

pub mod account;
pub mod action;
pub mod chaoqer;
pub mod code_flow;
pub mod coin_window;
pub mod coins;
pub mod discover;
pub mod edit;
pub mod export;
pub mod filter;
pub mod form;
pub mod help;
pub mod keymap;
pub mod layer;
pub mod links;
pub mod login;
pub mod medals;
pub mod paged;
pub mod pane;
pub mod phone_login;
pub mod pictures;
pub mod pointer;
pub mod profile;
pub mod profile_view;
pub mod remote;
pub mod requests;
pub mod sealtalk;
pub mod session;
pub mod settings_pane;
pub mod settings_view;
pub mod state;
pub mod stored;
pub mod switcher;
pub mod update;
pub mod verify;

/// The item after (or before) `current` in `items`, wrapping around; the first if `current`
/// is not there.
pub fn cycle<T: Copy + PartialEq>(items: &[T], current: T, forward: bool) -> T {
    let n = items.len();
    match items.iter().position(|x| *x == current) {
        _ if n == 0 => current,
        Some(at) => {
            items[if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }]
        }
        None => items[0],
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cycle_wraps_both_ways_and_starts_over_when_lost() {
        let items = [1, 2, 3];
        assert_eq!(super::cycle(&items, 3, true), 1);
        assert_eq!(super::cycle(&items, 1, false), 3);
        assert_eq!(super::cycle(&items, 9, true), 1);
        assert_eq!(super::cycle(&[] as &[u8], 4, true), 4);
    }
}
