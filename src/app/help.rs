//! The help popup's content, generated from the keymap (so it follows `[keys]` and cannot
//! drift): rows grouped by where they act, and the lines the popup shows. The renderer styles
//! them; `update` scrolls over the same lines.

use unicode_width::UnicodeWidthStr;

use crate::app::keymap::{HelpGroup, fixed_help};
use crate::app::state::AppState;

/// A line of the help popup.
#[derive(Debug, Clone, PartialEq)]
pub enum HelpLine {
    Title(HelpGroup),
    /// The keys, padded to the widest keys, and what they do.
    Keys {
        keys: String,
        label: &'static str,
    },
    Blank,
}

/// The help's rows, `(group, keys, what they do)`, in group order: every intent of the keymap
/// with its keys as configured, and the keys that are not remappable. Generated, so the help
/// cannot leave a key out or name one that is not bound.
pub fn help_rows(state: &AppState) -> Vec<(HelpGroup, String, &'static str)> {
    let s = state.s();
    let sealtalk = state.account.service == crate::service::Service::Sealtalk;
    let chaoqer = state.account.service == crate::service::Service::Chaoqer;
    let mut rows: Vec<(HelpGroup, String, &'static str)> = Vec::new();
    let mut add = |group: HelpGroup, keys: String, label: &'static str| {
        // Keys that do the same thing in a group share a row (1 2 3 4 5, h ← l →).
        match rows.iter_mut().find(|(g, _, l)| *g == group && *l == label) {
            Some(row) if !keys.is_empty() => {
                row.1.push(' ');
                row.1.push_str(&keys);
            }
            Some(_) => {}
            None => rows.push((group, keys, label)),
        }
    };
    for (intent, keys) in state.keymap.bindings() {
        if sealtalk && intent == crate::app::keymap::Intent::Tab(6) {
            // SealTalk has six panes.
            continue;
        }
        if sealtalk {
            // A SealTalk account's panes: their own meanings of the keys.
            if let Some((group, label)) = crate::app::sealtalk::help_label(intent, s) {
                add(group, keys.join(" "), label);
            }
            continue;
        }
        if chaoqer {
            // A chaoqer account's panes: their own meanings of the keys.
            if let Some((group, label)) = crate::app::chaoqer::help_label(intent, s) {
                add(group, keys.join(" "), label);
            }
            continue;
        }
        if matches!(intent, crate::app::keymap::Intent::Tab(i) if i >= 5) {
            // Yunhu has five panes.
            continue;
        }
        for group in intent.help_groups() {
            add(*group, keys.join(" "), intent.help_label(*group, s));
        }
    }
    for (group, keys, label) in fixed_help(s) {
        // SealTalk's login has no captcha.
        if (sealtalk || chaoqer) && label == s.key_new_captcha {
            continue;
        }
        add(group, keys.to_owned(), label);
    }
    rows.sort_by_key(|(g, _, _)| HelpGroup::ALL.iter().position(|x| x == g));
    rows
}

/// The popup's lines: each group's title, its rows, a blank line between groups.
pub fn help_lines(state: &AppState) -> Vec<HelpLine> {
    let rows = help_rows(state);
    let key_w = rows.iter().map(|(_, k, _)| k.width()).max().unwrap_or(0);
    let mut lines = Vec::new();
    let mut group = None;
    for (g, keys, label) in rows {
        if group != Some(g) {
            if group.is_some() {
                lines.push(HelpLine::Blank);
            }
            group = Some(g);
            lines.push(HelpLine::Title(g));
        }
        let pad = " ".repeat(key_w.saturating_sub(keys.width()));
        lines.push(HelpLine::Keys {
            keys: format!("  {keys}{pad}  "),
            label,
        });
    }
    lines
}

/// How far the help can scroll at the current size.
pub fn help_max_scroll(state: &AppState) -> u16 {
    let total = help_lines(state).len() as u16;
    total.saturating_sub(state.size.1.saturating_sub(2))
}
