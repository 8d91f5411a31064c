//! Art. 12 (1)(2)(4): the four grades of the evaluation of supervised work, and what each
//! brings.

use serde::{Deserialize, Serialize};

use crate::{Article, Language};

/// A grade of the evaluation of supervised work (Art. 12 (1)).
///
/// “依据重点工作任务分类建立督办工作及落实情况进行总体评价，分类制定评价标准，依次为：优秀、良好、合格、较差四个等次。”
/// (Work is evaluated overall, by category of key task, in four grades: excellent, good,
/// pass, poor.)
///
/// A unit also lands in [`Grade::Poor`] directly, without evaluation, through
/// accountability ([`AccountabilityState::GradedPoor`](crate::AccountabilityState::GradedPoor)).
///
/// ```
/// use duban::{Grade, Language};
/// assert_eq!(Grade::Excellent.label(Language::Chinese), "优秀");
/// assert_eq!(serde_json::to_string(&Grade::Poor).unwrap(), "\"poor\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Grade {
    /// 优秀.
    Excellent,
    /// 良好.
    Good,
    /// 合格.
    Pass,
    /// 较差.
    Poor,
}

impl Grade {
    /// The four grades, best first, in the order of the regulation.
    ///
    /// ```
    /// assert_eq!(duban::Grade::ALL[0], duban::Grade::Excellent);
    /// ```
    pub const ALL: &'static [Grade] = &[Grade::Excellent, Grade::Good, Grade::Pass, Grade::Poor];

    /// The article that sets the grades: Art. 12 (1).
    ///
    /// ```
    /// assert_eq!(duban::Grade::article(), duban::Article::item(12, 1));
    /// ```
    pub fn article() -> Article {
        Article::item(12, 1)
    }

    /// The grade in words.
    ///
    /// ```
    /// use duban::{Grade, Language};
    /// assert_eq!(Grade::Pass.label(Language::English), "pass");
    /// assert_eq!(Grade::Poor.label(Language::Chinese), "较差");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            Grade::Excellent => ("优秀", "excellent"),
            Grade::Good => ("良好", "good"),
            Grade::Pass => ("合格", "pass"),
            Grade::Poor => ("较差", "poor"),
        };
        language.pick(zh, en)
    }

    /// What the grade by itself brings (Art. 12 (2)): only [`Grade::Excellent`] is commended
    /// and may be chosen for the advanced units and individuals.
    ///
    /// A [`Grade::Poor`] reached through accountability (经约谈仍无明显进展) also brings
    /// city-wide criticism and media exposure (Art. 12 (3)); that depends on the route, not
    /// the grade, so ask the case:
    /// [`AccountabilityState::consequences`](crate::AccountabilityState::consequences).
    /// All grades go to the assessment office at year end for points (Art. 12 (4)); that is
    /// the year-end summary obligation, not a consequence listed here.
    ///
    /// ```
    /// use duban::{Consequence, Grade};
    /// assert_eq!(Grade::Excellent.consequences(),
    ///            vec![Consequence::Commended, Consequence::EligibleForAdvancedSelection]);
    /// assert!(Grade::Good.consequences().is_empty());
    /// assert!(Grade::Poor.consequences().is_empty());
    /// ```
    pub fn consequences(self) -> Vec<Consequence> {
        match self {
            Grade::Excellent => vec![
                Consequence::Commended,
                Consequence::EligibleForAdvancedSelection,
            ],
            Grade::Good | Grade::Pass | Grade::Poor => Vec::new(),
        }
    }
}

/// What Art. 12 attaches to a grade or to the end of an accountability case.
///
/// “对落实工作得力、成绩突出的“优秀”等次部门和单位给予通报表扬。在“优秀”等次的单位范围内评选全市政务督查工作先进单位及先进个人进行表彰。”
/// (Excellent units are commended; the advanced units and individuals are chosen among
/// them.) — Art. 12 (2)
///
/// “对经约谈仍无明显进展的单位，直接认定为“较差”等次，在全市范围进行通报批评，并在新闻媒体上公开曝光。对于工作落实中发现的失职渎职、违纪违法等问题，移送相关执纪执法部门。”
/// (A unit with no clear progress after its interview is graded poor directly, criticised
/// city-wide and exposed in the media; dereliction or law-breaking is referred to the
/// discipline and law enforcement bodies.) — Art. 12 (3)
///
/// ```
/// use duban::{Article, Consequence, Language};
/// assert_eq!(Consequence::ExposedInMedia.label(Language::Chinese), "在新闻媒体上公开曝光");
/// assert_eq!(Consequence::Commended.article(), Article::item(12, 2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Consequence {
    /// 通报表扬 (Art. 12 (2)).
    Commended,
    /// 可评选全市政务督查工作先进单位及先进个人 (Art. 12 (2)).
    EligibleForAdvancedSelection,
    /// 在全市范围进行通报批评 (Art. 12 (3)).
    CriticisedCityWide,
    /// 在新闻媒体上公开曝光 (Art. 12 (3)).
    ExposedInMedia,
    /// 移送相关执纪执法部门 (Art. 12 (3)).
    ReferredForDiscipline,
}

impl Consequence {
    /// The consequence in words.
    ///
    /// ```
    /// use duban::{Consequence, Language};
    /// assert_eq!(Consequence::Commended.label(Language::English), "commended");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            Consequence::Commended => ("通报表扬", "commended"),
            Consequence::EligibleForAdvancedSelection => (
                "可评选全市政务督查工作先进单位及先进个人",
                "eligible for selection as an advanced unit or individual",
            ),
            Consequence::CriticisedCityWide => ("在全市范围进行通报批评", "criticised city-wide"),
            Consequence::ExposedInMedia => ("在新闻媒体上公开曝光", "exposed in the media"),
            Consequence::ReferredForDiscipline => (
                "移送相关执纪执法部门",
                "referred to the discipline and law enforcement bodies",
            ),
        };
        language.pick(zh, en)
    }

    /// The article item that attaches it.
    ///
    /// ```
    /// use duban::{Article, Consequence};
    /// assert_eq!(Consequence::CriticisedCityWide.article(), Article::item(12, 3));
    /// ```
    pub fn article(self) -> Article {
        match self {
            Consequence::Commended | Consequence::EligibleForAdvancedSelection => {
                Article::item(12, 2)
            }
            Consequence::CriticisedCityWide
            | Consequence::ExposedInMedia
            | Consequence::ReferredForDiscipline => Article::item(12, 3),
        }
    }
}
