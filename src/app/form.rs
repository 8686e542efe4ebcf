//! The profile edit form: nickname, avatar and the fields of save-user-data. Values are
//! checked before anything is sent; only the parts that changed are sent; a refusal (local or
//! from the server) is shown beside its field and nothing typed is lost.

use std::path::PathBuf;

use chrono::NaiveDate;
use tui_input::Input;

use crate::api::actor::Command;
use crate::api::model::{ProfileEdit, UserData};
use crate::i18n::{Strings, invalid};
use crate::timefmt::{birthday_date, birthday_timestamp};
use crate::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Nickname,
    Avatar,
    Introduction,
    Gender,
    Birthday,
    Province,
    City,
    District,
    LocationCode,
}

pub const FIELDS: [Field; 9] = [
    Field::Nickname,
    Field::Avatar,
    Field::Introduction,
    Field::Gender,
    Field::Birthday,
    Field::Province,
    Field::City,
    Field::District,
    Field::LocationCode,
];

impl Field {
    pub fn index(self) -> usize {
        FIELDS.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            Field::Nickname => s.name,
            Field::Avatar => s.avatar_field,
            Field::Introduction => s.introduction,
            Field::Gender => s.gender,
            Field::Birthday => s.birthday_field,
            Field::Province => s.province,
            Field::City => s.city,
            Field::District => s.district,
            Field::LocationCode => s.location_code,
        }
    }
}

/// Which endpoint a part of the form goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Nickname,
    Avatar,
    Data,
}

/// What was last saved (or loaded): the baseline for "changed".
#[derive(Debug, Clone, PartialEq)]
struct Baseline {
    nickname: String,
    data: [String; 6],
    gender: i64,
}

#[derive(Debug, Clone)]
pub struct EditForm {
    /// One input per field; the gender slot is unused (it is a choice).
    pub inputs: Vec<Input>,
    /// 1 male, 2 female, 3 other.
    pub gender: i64,
    pub focus: usize,
    pub errors: Vec<Option<String>>,
    /// A server refusal of the profile fields as a whole.
    pub form_error: Option<String>,
    /// A part of the save in flight (or last finished) reached the server.
    pub saved_some: bool,
    baseline: Baseline,
}

/// The text fields of save-user-data, in form order.
const DATA_FIELDS: [Field; 6] = [
    Field::Introduction,
    Field::Birthday,
    Field::Province,
    Field::City,
    Field::District,
    Field::LocationCode,
];

fn data_texts(d: &UserData) -> [String; 6] {
    [
        d.introduction.clone(),
        birthday_date(d.birthday)
            .map(|b| b.to_string())
            .unwrap_or_default(),
        d.province.clone(),
        d.city.clone(),
        d.district.clone(),
        d.location_code.clone(),
    ]
}

impl EditForm {
    pub fn new(nickname: &str, data: &UserData) -> EditForm {
        let texts = data_texts(data);
        let mut inputs = vec![Input::default(); FIELDS.len()];
        inputs[Field::Nickname.index()] = Input::new(nickname.to_owned());
        for (field, text) in DATA_FIELDS.iter().zip(&texts) {
            inputs[field.index()] = Input::new(text.clone());
        }
        EditForm {
            inputs,
            gender: if (1..=3).contains(&data.gender) {
                data.gender
            } else {
                3
            },
            focus: 0,
            errors: vec![None; FIELDS.len()],
            form_error: None,
            saved_some: false,
            baseline: Baseline {
                nickname: nickname.to_owned(),
                data: texts,
                gender: data.gender,
            },
        }
    }

    pub fn field(&self) -> Field {
        FIELDS[self.focus.min(FIELDS.len() - 1)]
    }

    pub fn value(&self, f: Field) -> &str {
        self.inputs[f.index()].value()
    }

    pub fn input_mut(&mut self, f: Field) -> &mut Input {
        &mut self.inputs[f.index()]
    }

    fn data_values(&self) -> [String; 6] {
        DATA_FIELDS.map(|f| self.value(f).to_owned())
    }

    fn nickname_changed(&self) -> bool {
        self.value(Field::Nickname).trim() != self.baseline.nickname
    }

    fn data_changed(&self) -> bool {
        self.data_values() != self.baseline.data || self.gender != self.baseline.gender
    }

    /// Anything typed that is not saved yet.
    pub fn is_dirty(&self) -> bool {
        self.nickname_changed()
            || self.data_changed()
            || !self.value(Field::Avatar).trim().is_empty()
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % FIELDS.len();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len();
    }

    /// Cycles the gender choice (1 → 2 → 3 → 1, or back).
    pub fn cycle_gender(&mut self, forward: bool) {
        self.gender = if forward {
            self.gender % 3 + 1
        } else {
            (self.gender + 1) % 3 + 1
        };
    }

    /// Checks every field; if all pass, the commands for the parts that changed. Otherwise
    /// `None`, with each reason left beside its field.
    pub fn plan(&mut self, today: NaiveDate, s: &Strings) -> Option<Vec<(Part, Command)>> {
        self.errors = vec![None; FIELDS.len()];
        self.form_error = None;
        let fail = |form: &mut EditForm, f: Field, e: &validate::Invalid| {
            form.errors[f.index()] = Some(invalid(e, s))
        };

        let nickname = match validate::nickname(self.value(Field::Nickname)) {
            Ok(n) => Some(n),
            Err(e) => {
                fail(self, Field::Nickname, &e);
                None
            }
        };
        let introduction = validate::introduction(self.value(Field::Introduction))
            .map_err(|e| fail(self, Field::Introduction, &e))
            .ok();
        let birthday_text = self.value(Field::Birthday).trim().to_owned();
        let birthday = if birthday_text.is_empty() {
            Some(0)
        } else {
            validate::birthday(&birthday_text, today)
                .map(birthday_timestamp)
                .map_err(|e| fail(self, Field::Birthday, &e))
                .ok()
        };
        let location_code = validate::location_code(self.value(Field::LocationCode))
            .map_err(|e| fail(self, Field::LocationCode, &e))
            .ok();
        for f in [Field::Province, Field::City, Field::District] {
            if self.value(f).chars().any(char::is_control) {
                fail(self, f, &validate::Invalid::ControlCharacter);
            }
        }
        let avatar = self.value(Field::Avatar).trim().to_owned();
        if avatar.chars().any(char::is_control) {
            fail(self, Field::Avatar, &validate::Invalid::ControlCharacter);
        }
        if self.errors.iter().any(Option::is_some) {
            return None;
        }

        let mut plan = Vec::new();
        if let Some(name) = nickname.filter(|_| self.nickname_changed()) {
            plan.push((Part::Nickname, Command::EditNickname(name)));
        }
        if !avatar.is_empty() {
            let is_url =
                url::Url::parse(&avatar).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            plan.push((
                Part::Avatar,
                if is_url {
                    Command::EditAvatarUrl(avatar)
                } else {
                    Command::EditAvatarFile(expand_home(&avatar))
                },
            ));
        }
        if self.data_changed() {
            let edit = ProfileEdit {
                introduction: introduction.unwrap_or_default(),
                gender: self.gender,
                birthday: birthday.unwrap_or_default(),
                province: self.value(Field::Province).trim().to_owned(),
                city: self.value(Field::City).trim().to_owned(),
                district: self.value(Field::District).trim().to_owned(),
                location_code: location_code.unwrap_or_default(),
            };
            plan.push((Part::Data, Command::SaveUserData(edit)));
        }
        Some(plan)
    }

    /// A part was saved: it becomes the new baseline, so a retry does not send it again.
    pub fn part_saved(&mut self, part: Part) {
        match part {
            Part::Nickname => {
                self.baseline.nickname = self.value(Field::Nickname).trim().to_owned()
            }
            Part::Avatar => self.inputs[Field::Avatar.index()] = Input::default(),
            Part::Data => {
                self.baseline.data = self.data_values();
                self.baseline.gender = self.gender;
            }
        }
    }

    /// A part was refused: the reason goes beside the field it concerns.
    pub fn part_failed(&mut self, part: Part, message: String) {
        match part {
            Part::Nickname => self.errors[Field::Nickname.index()] = Some(message),
            Part::Avatar => self.errors[Field::Avatar.index()] = Some(message),
            Part::Data => self.form_error = Some(message),
        }
    }
}

/// `~/x` → `$HOME/x`, as a shell would.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    fn data() -> UserData {
        UserData {
            introduction: "你好".into(),
            gender: 1,
            birthday: 946_656_000,
            province: "广东省".into(),
            city: "深圳市".into(),
            district: "南山区".into(),
            location_code: "440305".into(),
            ..UserData::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    #[test]
    fn an_untouched_form_plans_nothing() {
        let mut f = EditForm::new("名字", &data());
        assert!(!f.is_dirty());
        assert_eq!(f.plan(today(), &EN), Some(vec![]));
        assert_eq!(f.value(Field::Birthday), "2000-01-01");
    }

    #[test]
    fn only_changed_parts_are_sent() {
        let mut f = EditForm::new("名字", &data());
        *f.input_mut(Field::Nickname) = Input::new("新名字".into());
        let plan = f.plan(today(), &EN).unwrap();
        assert_eq!(
            plan,
            vec![(Part::Nickname, Command::EditNickname("新名字".into()))]
        );
        f.cycle_gender(true);
        *f.input_mut(Field::Avatar) = Input::new("https://x.example/a.png".into());
        let parts: Vec<Part> = f
            .plan(today(), &EN)
            .unwrap()
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(parts, [Part::Nickname, Part::Avatar, Part::Data]);
        f.part_saved(Part::Nickname);
        f.part_saved(Part::Avatar);
        f.part_saved(Part::Data);
        assert!(!f.is_dirty());
    }

    #[test]
    fn bad_values_are_refused_beside_their_fields() {
        let mut f = EditForm::new("名字", &data());
        *f.input_mut(Field::Nickname) = Input::new("  ".into());
        *f.input_mut(Field::Birthday) = Input::new("2023-02-29".into());
        *f.input_mut(Field::LocationCode) = Input::new("4403".into());
        assert!(f.plan(today(), &EN).is_none());
        assert_eq!(
            f.errors[Field::Nickname.index()].as_deref(),
            Some("The nickname is empty")
        );
        assert_eq!(
            f.errors[Field::Birthday.index()].as_deref(),
            Some("2023-02-29 is not a date")
        );
        assert_eq!(
            f.errors[Field::LocationCode.index()].as_deref(),
            Some("6 digits")
        );
        assert_eq!(f.value(Field::LocationCode), "4403", "what was typed stays");
    }

    #[test]
    fn gender_cycles_both_ways() {
        let mut f = EditForm::new("n", &data());
        f.cycle_gender(true);
        assert_eq!(f.gender, 2);
        f.cycle_gender(true);
        f.cycle_gender(true);
        assert_eq!(f.gender, 1);
        f.cycle_gender(false);
        assert_eq!(f.gender, 3);
    }
}
