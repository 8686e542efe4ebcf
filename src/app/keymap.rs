//! Keys of the main screen → intents. Defaults are vim-style plus arrows; `[keys]` in
//! config.toml replaces an intent's keys (`down = ["j", "ctrl-n"]`). Text fields, the login
//! screen and popups take keys directly and are not remapped.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intent {
    Quit,
    Help,
    NextTab,
    PrevTab,
    Tab(usize),
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Retry,
    Edit,
    Reveal,
    Copy,
    Logout,
    /// The account switcher.
    Accounts,
    Filter,
    /// Coins: the chart's period (week, month, year, all).
    Period,
    /// Coins: the stored history written to a CSV file.
    Export,
    Search,
    Open,
    /// The share link (Discover) or the avatar (Profile) in the browser.
    OpenLink,
}

/// Config names and default keys of every intent.
const DEFAULTS: &[(&str, Intent, &[&str])] = &[
    ("quit", Intent::Quit, &["q"]),
    ("help", Intent::Help, &["?", "f1"]),
    ("next_tab", Intent::NextTab, &["tab"]),
    ("prev_tab", Intent::PrevTab, &["backtab"]),
    ("tab_1", Intent::Tab(0), &["1"]),
    ("tab_2", Intent::Tab(1), &["2"]),
    ("tab_3", Intent::Tab(2), &["3"]),
    ("tab_4", Intent::Tab(3), &["4"]),
    ("tab_5", Intent::Tab(4), &["5"]),
    // SealTalk has six panes; on Yunhu's five `6` does nothing.
    ("tab_6", Intent::Tab(5), &["6"]),
    // chaoqer has seven panes.
    ("tab_7", Intent::Tab(6), &["7"]),
    ("up", Intent::Up, &["k", "up"]),
    ("down", Intent::Down, &["j", "down"]),
    ("left", Intent::Left, &["h", "left"]),
    ("right", Intent::Right, &["l", "right"]),
    ("top", Intent::Top, &["g", "home"]),
    ("bottom", Intent::Bottom, &["G", "end"]),
    ("page_up", Intent::PageUp, &["pageup", "ctrl-u"]),
    ("page_down", Intent::PageDown, &["pagedown", "ctrl-d"]),
    ("retry", Intent::Retry, &["r"]),
    ("edit", Intent::Edit, &["e"]),
    ("reveal", Intent::Reveal, &["v"]),
    ("copy", Intent::Copy, &["c"]),
    ("logout", Intent::Logout, &["L"]),
    ("accounts", Intent::Accounts, &["a"]),
    ("filter", Intent::Filter, &["f"]),
    ("period", Intent::Period, &["p"]),
    ("export", Intent::Export, &["x"]),
    ("search", Intent::Search, &["/"]),
    ("open", Intent::Open, &["enter", "space"]),
    ("open_link", Intent::OpenLink, &["o"]),
];

/// The groups of the help popup, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpGroup {
    General,
    Lists,
    Profile,
    Coins,
    Discover,
    Settings,
    Forms,
}

impl HelpGroup {
    pub const ALL: [HelpGroup; 7] = [
        HelpGroup::General,
        HelpGroup::Lists,
        HelpGroup::Profile,
        HelpGroup::Coins,
        HelpGroup::Discover,
        HelpGroup::Settings,
        HelpGroup::Forms,
    ];

    pub fn title(self, s: &Strings) -> &'static str {
        match self {
            HelpGroup::General => s.help_general,
            HelpGroup::Lists => s.help_lists,
            HelpGroup::Profile => s.tabs[0],
            HelpGroup::Coins => s.tabs[2],
            HelpGroup::Discover => s.tabs[3],
            HelpGroup::Settings => s.tabs[4],
            HelpGroup::Forms => s.help_forms,
        }
    }
}

impl Intent {
    /// The help groups the intent is listed in. Exhaustive, so a new intent cannot be left
    /// out of the help.
    pub fn help_groups(self) -> &'static [HelpGroup] {
        use HelpGroup::*;
        match self {
            Intent::Quit
            | Intent::Help
            | Intent::NextTab
            | Intent::PrevTab
            | Intent::Tab(_)
            | Intent::Retry
            | Intent::Logout
            | Intent::Accounts => &[General],
            Intent::Up
            | Intent::Down
            | Intent::Top
            | Intent::Bottom
            | Intent::PageUp
            | Intent::PageDown => &[Lists],
            Intent::Edit | Intent::Reveal => &[Profile],
            Intent::Copy | Intent::OpenLink => &[Profile, Discover],
            Intent::Filter | Intent::Period | Intent::Export => &[Coins],
            // `/` filters every list in place; on the groups it searches the server.
            Intent::Search => &[Lists, Discover],
            Intent::Left | Intent::Right => &[Discover, Settings],
            Intent::Open => &[Coins, Discover, Settings],
        }
    }

    /// What the intent does in `group`, for the help.
    pub fn help_label(self, group: HelpGroup, s: &Strings) -> &'static str {
        match (self, group) {
            (Intent::Quit, _) => s.key_quit,
            (Intent::Help, _) => s.key_help,
            (Intent::NextTab, _) => s.key_next_tab,
            (Intent::PrevTab, _) => s.key_prev_tab,
            (Intent::Tab(_), _) => s.key_tab_n,
            (Intent::Retry, _) => s.key_retry,
            (Intent::Logout, _) => s.key_logout,
            (Intent::Accounts, _) => s.key_accounts,
            (Intent::Up, _) => s.key_up,
            (Intent::Down, _) => s.key_down,
            (Intent::Top, _) => s.key_top,
            (Intent::Bottom, _) => s.key_bottom,
            (Intent::PageUp, _) => s.key_page_up,
            (Intent::PageDown, _) => s.key_page_down,
            (Intent::Edit, _) => s.key_edit,
            (Intent::Reveal, _) => s.key_reveal,
            (Intent::Copy, HelpGroup::Discover) => s.link_copied_hint,
            (Intent::Copy, _) => s.key_copy,
            (Intent::OpenLink, _) => s.key_open_link,
            (Intent::Filter, _) => s.key_filter,
            (Intent::Period, _) => s.key_period,
            (Intent::Export, _) => s.key_export,
            (Intent::Search, HelpGroup::Lists) => s.find_help,
            (Intent::Search, _) => s.key_search,
            (Intent::Left | Intent::Right, HelpGroup::Settings) => s.key_change,
            (Intent::Left | Intent::Right, HelpGroup::Discover) => s.key_category,
            (Intent::Left, _) => s.key_left,
            (Intent::Right, _) => s.key_right,
            (Intent::Open, HelpGroup::Coins) => s.key_retry_page,
            (Intent::Open, HelpGroup::Settings) => s.key_change,
            (Intent::Open, _) => s.key_open,
        }
    }
}

/// Keys that are not remappable (forms, popups, the mouse), for the help.
pub fn fixed_help(s: &Strings) -> Vec<(HelpGroup, &'static str, &'static str)> {
    vec![
        (HelpGroup::General, "^c", s.key_quit),
        (HelpGroup::General, "^z", s.key_suspend),
        (HelpGroup::General, "mouse", s.key_mouse_click),
        (HelpGroup::General, "wheel", s.key_wheel),
        (HelpGroup::Forms, "Enter ^s", s.key_save),
        (HelpGroup::Forms, "Esc", s.key_cancel),
        (HelpGroup::Forms, "Tab ↑ ↓", s.key_next_field),
        (HelpGroup::Forms, "← →", s.key_choose),
        (HelpGroup::Forms, "^r", s.key_new_captcha),
    ]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl KeySpec {
    /// `q`, `G`, `?`, `ctrl-d`, `alt-x`, `tab`, `backtab` (or `shift-tab`), `enter`, `esc`,
    /// `space`, `up`/`down`/`left`/`right`, `home`, `end`, `pageup`, `pagedown`, `f1`–`f12`.
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            f if f.len() > 1
                && f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
                    _ => return Err(format!("unknown key {text:?}")),
                }
            }
        };
        Ok(KeySpec { code, ctrl, alt })
    }

    pub fn matches(&self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        // Shift is part of the character ('G') or of the code (BackTab), so it is not compared.
        let code = match key.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        code == self.code && ctrl == self.ctrl && alt == self.alt
    }

    /// How the key is written in hints: `q`, `Tab`, `^d`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let prefix = match (self.ctrl, self.alt) {
            (true, true) => "^M-",
            (true, false) => "^",
            (false, true) => "M-",
            _ => "",
        };
        format!("{prefix}{base}")
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Intent, Vec<KeySpec>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_overrides(&BTreeMap::new()).unwrap_or(Keymap {
            bindings: Vec::new(),
        })
    }
}

impl Keymap {
    /// The defaults with `overrides` (config `[keys]`) replacing whole intents.
    pub fn from_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        for name in overrides.keys() {
            if !DEFAULTS.iter().any(|(n, _, _)| n == name) {
                let known: Vec<&str> = DEFAULTS.iter().map(|(n, _, _)| *n).collect();
                return Err(format!(
                    "[keys] has no action {name:?} (known: {})",
                    known.join(", ")
                ));
            }
        }
        let mut bindings = Vec::with_capacity(DEFAULTS.len());
        for (name, intent, defaults) in DEFAULTS {
            let keys: Vec<KeySpec> = match overrides.get(*name) {
                Some(keys) => keys
                    .iter()
                    .map(|k| KeySpec::parse(k).map_err(|e| format!("[keys] {name}: {e}")))
                    .collect::<Result<_, _>>()?,
                None => defaults
                    .iter()
                    .filter_map(|k| KeySpec::parse(k).ok())
                    .collect(),
            };
            bindings.push((*intent, keys));
        }
        Ok(Keymap { bindings })
    }

    pub fn intent(&self, key: &KeyEvent) -> Option<Intent> {
        self.bindings
            .iter()
            .find(|(_, keys)| keys.iter().any(|k| k.matches(key)))
            .map(|(i, _)| *i)
    }

    /// The first key of `intent`, for hints ("" if it has none).
    pub fn label(&self, intent: Intent) -> String {
        self.bindings
            .iter()
            .find(|(i, _)| *i == intent)
            .and_then(|(_, keys)| keys.first())
            .map(KeySpec::label)
            .unwrap_or_default()
    }

    /// Every intent with its keys, in the order of the defaults (for the help).
    pub fn bindings(&self) -> impl Iterator<Item = (Intent, Vec<String>)> + '_ {
        self.bindings
            .iter()
            .map(|(i, keys)| (*i, keys.iter().map(KeySpec::label).collect()))
    }

    /// Every key of `intent`, for the help popup.
    pub fn labels(&self, intent: Intent) -> String {
        self.bindings
            .iter()
            .find(|(i, _)| *i == intent)
            .map(|(_, keys)| {
                keys.iter()
                    .map(KeySpec::label)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_are_vim_style_and_arrows() {
        let k = Keymap::default();
        assert_eq!(
            k.intent(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Intent::Down)
        );
        assert_eq!(
            k.intent(&key(KeyCode::Down, KeyModifiers::NONE)),
            Some(Intent::Down)
        );
        assert_eq!(
            k.intent(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Intent::Bottom)
        );
        assert_eq!(
            k.intent(&key(KeyCode::Char('g'), KeyModifiers::NONE)),
            Some(Intent::Top)
        );
        assert_eq!(
            k.intent(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Intent::PrevTab)
        );
        assert_eq!(
            k.intent(&key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Intent::PageDown)
        );
        assert_eq!(
            k.intent(&key(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Intent::Tab(2))
        );
        assert_eq!(
            k.intent(&key(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Intent::Export)
        );
        assert_eq!(k.intent(&key(KeyCode::Char('z'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn overrides_replace_an_intent_and_bad_ones_are_reported() {
        let mut o = BTreeMap::new();
        o.insert("down".to_owned(), vec!["n".to_owned(), "ctrl-n".to_owned()]);
        let k = Keymap::from_overrides(&o).unwrap();
        assert_eq!(
            k.intent(&key(KeyCode::Char('n'), KeyModifiers::NONE)),
            Some(Intent::Down)
        );
        assert_eq!(
            k.intent(&key(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Intent::Down)
        );
        assert_eq!(
            k.intent(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            None,
            "j no longer moves down"
        );
        assert_eq!(k.label(Intent::Down), "n");
        o.insert("dwon".to_owned(), vec!["z".to_owned()]);
        assert!(Keymap::from_overrides(&o).unwrap_err().contains("dwon"));
        let mut bad = BTreeMap::new();
        bad.insert("up".to_owned(), vec!["hyper-k".to_owned()]);
        assert!(
            Keymap::from_overrides(&bad)
                .unwrap_err()
                .contains("hyper-k")
        );
    }
}
