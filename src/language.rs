//! The language of messages and explanations.

use serde::{Deserialize, Serialize};

/// The language in which explanations and error messages are written.
///
/// Simplified Chinese is the default: the people who read a deadline's explanation are
/// clerks of Chinese government offices. Quotes of the law stay in Chinese in both.
///
/// ```
/// use duban::Language;
/// assert_eq!(Language::default(), Language::Chinese);
/// assert_eq!("en".parse::<Language>()?, Language::English);
/// assert_eq!("zh".parse::<Language>()?, Language::Chinese);
/// # Ok::<(), duban::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Language {
    /// 简体中文.
    #[default]
    Chinese,
    /// English.
    English,
}

impl Language {
    /// Picks the text for this language from a Chinese and an English version.
    ///
    /// ```
    /// use duban::Language;
    /// assert_eq!(Language::English.pick("工作日", "working day"), "working day");
    /// ```
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Chinese => zh,
            Language::English => en,
        }
    }
}

impl std::str::FromStr for Language {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Language, crate::Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "chinese" | "中文" => Ok(Language::Chinese),
            "en" | "english" => Ok(Language::English),
            _ => Err(crate::Error::invalid_input(
                format!("无法识别的语言“{s}”（可用 zh 或 en）"),
                format!("unknown language {s:?} (use zh or en)"),
            )),
        }
    }
}
