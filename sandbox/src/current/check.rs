//! Field checks of current-API requests in Yii2's manner, collecting every error in the
//! request's language.

use crate::catalog;
use crate::catalog::{Lang, Rule};
use crate::json::{int_of, num_of, present, text_of, Errors};
use serde_json::Value;

/// Collects field errors in the request's language.
pub(crate) struct FieldCheck {
    pub(crate) errs: Errors,
    pub(crate) lang: Lang,
}

pub(crate) fn is_phone(s: &str) -> bool {
    s.len() == 13 && s.starts_with("+998") && s[4..].bytes().all(|b| b.is_ascii_digit())
}

impl FieldCheck {
    pub(crate) fn new(lang: Lang) -> FieldCheck {
        FieldCheck {
            errs: Errors::default(),
            lang,
        }
    }

    pub(crate) fn add(&mut self, key: &str, rule: Rule) {
        self.errs
            .add(key, catalog::rule_message(key, rule, self.lang));
    }

    /// A string (JSON strings only, as Yii2's string rule), at most `max` characters.
    pub(crate) fn text(
        &mut self,
        key: &str,
        v: Option<&Value>,
        required: bool,
        max: usize,
    ) -> Option<String> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(Value::String(s)) if s.chars().count() > max => {
                self.add(key, Rule::MaxLen(max));
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.add(key, Rule::Text);
                None
            }
        }
    }

    /// Text or a number written as text (ids, coordinates).
    pub(crate) fn loose_text(
        &mut self,
        key: &str,
        v: Option<&Value>,
        required: bool,
    ) -> Option<String> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(v) => match text_of(v) {
                Some(s) => Some(s),
                None => {
                    self.add(key, Rule::Text);
                    None
                }
            },
        }
    }

    pub(crate) fn phone(&mut self, key: &str, v: Option<&Value>, required: bool) -> Option<String> {
        let p = self.text(key, v, required, 255)?;
        if is_phone(&p) {
            Some(p)
        } else {
            self.add(key, Rule::Invalid);
            None
        }
    }

    pub(crate) fn number(
        &mut self,
        key: &str,
        v: Option<&Value>,
        required: bool,
        min: f64,
        max: f64,
    ) -> Option<f64> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(v) => match num_of(v) {
                None => {
                    self.add(key, Rule::Number);
                    None
                }
                Some(x) if x < min => {
                    self.add(key, Rule::Min(&trim_num(min)));
                    None
                }
                Some(x) if x > max => {
                    self.add(key, Rule::Max(&trim_num(max)));
                    None
                }
                Some(x) => Some(x),
            },
        }
    }

    pub(crate) fn integer(
        &mut self,
        key: &str,
        v: Option<&Value>,
        required: bool,
        min: i64,
    ) -> Option<i64> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(v) => match int_of(v) {
                None => {
                    self.add(key, Rule::Integer);
                    None
                }
                Some(x) if x < min => {
                    self.add(key, Rule::Min(&min.to_string()));
                    None
                }
                Some(x) => Some(x),
            },
        }
    }

    /// A 0/1 flag (`true`/`false`, `"0"`/`"1"` too); 0 when missing.
    pub(crate) fn flag(&mut self, key: &str, v: Option<&Value>) -> i64 {
        match present(v) {
            None => 0,
            Some(Value::Bool(b)) => i64::from(*b),
            Some(v) => match int_of(v) {
                Some(x @ (0 | 1)) => x,
                _ => {
                    self.add(key, Rule::Invalid);
                    0
                }
            },
        }
    }

    pub(crate) fn one_of(
        &mut self,
        key: &str,
        v: Option<&Value>,
        allowed: &[&str],
    ) -> Option<String> {
        let s = self.text(key, v, true, 255)?;
        if allowed.contains(&s.as_str()) {
            Some(s)
        } else {
            self.add(key, Rule::Invalid);
            None
        }
    }
}

pub(crate) fn trim_num(x: f64) -> String {
    let s = format!("{x}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

pub(crate) fn loose_bool(v: Option<&Value>) -> bool {
    crate::json::loose_bool(v)
}
