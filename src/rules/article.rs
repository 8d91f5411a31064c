//! Citations of the regulation, and the closed lists of where supervised matters come from.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Language;

/// A place in 安政办发〔2020〕1号: article, and optionally paragraph (款) or item (项).
///
/// ```
/// use duban::{Article, Language};
/// let a = Article::item(12, 3);
/// assert_eq!(a.label(Language::Chinese), "第十二条第（三）项");
/// assert_eq!(a.label(Language::English), "Art. 12(3)");
/// assert_eq!(Article::paragraph(9, 1).label(Language::English), "Art. 9 ¶1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The article number (条).
    pub number: u8,
    /// The paragraph (款), if the citation is to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u8>,
    /// The item (项), if the citation is to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u8>,
}

const NUMERALS: [&str; 14] = [
    "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
];

fn numeral(n: u8) -> String {
    NUMERALS
        .get(n as usize)
        .map(|s| (*s).to_owned())
        .unwrap_or_else(|| n.to_string())
}

impl Article {
    /// A whole article.
    ///
    /// ```
    /// assert_eq!(duban::Article::whole(10).to_string(), "第十条");
    /// ```
    pub const fn whole(number: u8) -> Article {
        Article {
            number,
            paragraph: None,
            item: None,
        }
    }

    /// A paragraph (款) of an article.
    ///
    /// ```
    /// assert_eq!(duban::Article::paragraph(9, 2).to_string(), "第九条第二款");
    /// ```
    pub const fn paragraph(number: u8, paragraph: u8) -> Article {
        Article {
            number,
            paragraph: Some(paragraph),
            item: None,
        }
    }

    /// An item (项) of an article.
    ///
    /// ```
    /// assert_eq!(duban::Article::item(12, 4).to_string(), "第十二条第（四）项");
    /// ```
    pub const fn item(number: u8, item: u8) -> Article {
        Article {
            number,
            paragraph: None,
            item: Some(item),
        }
    }

    /// The citation in the given language.
    ///
    /// ```
    /// use duban::{Article, Language};
    /// assert_eq!(Article::whole(7).label(Language::English), "Art. 7");
    /// ```
    pub fn label(self, language: Language) -> String {
        match language {
            Language::Chinese => {
                let mut s = format!("第{}条", numeral(self.number));
                if let Some(p) = self.paragraph {
                    s.push_str(&format!("第{}款", numeral(p)));
                }
                if let Some(i) = self.item {
                    s.push_str(&format!("第（{}）项", numeral(i)));
                }
                s
            }
            Language::English => {
                let mut s = format!("Art. {}", self.number);
                if let Some(p) = self.paragraph {
                    s.push_str(&format!(" ¶{p}"));
                }
                if let Some(i) = self.item {
                    s.push_str(&format!("({i})"));
                }
                s
            }
        }
    }
}

impl fmt::Display for Article {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(Language::Chinese))
    }
}

/// The meetings whose decisions Art. 9 ¶1 puts under the 30-working-day follow-up, and the
/// on-site meetings of Art. 6 (1) that it does not name.
///
/// “市政府全体会议、常务会议、市长办公会议、市政府专项问题办公会议召开后的30个工作日内报送会议决定事项进展情况”
/// (progress on decisions of these meetings within 30 working days after they are held).
///
/// ```
/// use duban::{Language, MeetingKind};
/// assert_eq!(MeetingKind::Executive.label(Language::Chinese), "市政府常务会议");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeetingKind {
    /// 市政府全体会议.
    Plenary,
    /// 市政府常务会议.
    Executive,
    /// 市长办公会议.
    MayorsOffice,
    /// 市政府专项问题办公会议.
    SpecialTopic,
    /// 现场办公会议 (Art. 6 (1)); not named in Art. 9 ¶1.
    OnSite,
}

impl MeetingKind {
    /// Every kind, in the order of the regulation.
    ///
    /// ```
    /// assert_eq!(duban::MeetingKind::ALL.len(), 5);
    /// ```
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::Plenary,
        MeetingKind::Executive,
        MeetingKind::MayorsOffice,
        MeetingKind::SpecialTopic,
        MeetingKind::OnSite,
    ];

    /// The snake_case name used in JSON and on the command line.
    ///
    /// ```
    /// assert_eq!(duban::MeetingKind::MayorsOffice.code(), "mayors_office");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::Plenary => "plenary",
            MeetingKind::Executive => "executive",
            MeetingKind::MayorsOffice => "mayors_office",
            MeetingKind::SpecialTopic => "special_topic",
            MeetingKind::OnSite => "on_site",
        }
    }

    /// The meeting's name.
    ///
    /// ```
    /// use duban::{Language, MeetingKind};
    /// assert_eq!(MeetingKind::MayorsOffice.label(Language::English), "mayor's office meeting");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            MeetingKind::Plenary => ("市政府全体会议", "plenary meeting"),
            MeetingKind::Executive => ("市政府常务会议", "executive meeting"),
            MeetingKind::MayorsOffice => ("市长办公会议", "mayor's office meeting"),
            MeetingKind::SpecialTopic => ("市政府专项问题办公会议", "special-topic meeting"),
            MeetingKind::OnSite => ("现场办公会议", "on-site meeting"),
        };
        language.pick(zh, en)
    }
}

/// Where a supervised matter comes from: the closed lists of Art. 5 (handled by the
/// Supervision Office, 市政府督查室) and Art. 6 (handled by the office sections). Art. 5 (6)
/// and 5 (7) each name two sources, and each is a variant of its own.
///
/// ```
/// use duban::{Article, Language, MatterSource, MeetingKind};
/// assert_eq!(MatterSource::MeetingDecisions.article(), Article::item(5, 3));
/// assert_eq!(MatterSource::LeaderMeetingDecisions.article(), Article::item(6, 1));
/// assert_eq!(MatterSource::OnlineMessages.article(), Article::item(5, 6));
/// assert!(MatterSource::GovernmentWorkReport.label(Language::Chinese).contains("涉及安康事项"));
/// assert_eq!(MatterSource::MeetingDecisions.meetings(),
///            &[MeetingKind::Plenary, MeetingKind::Executive, MeetingKind::MayorsOffice]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatterSource {
    /// Art. 5 (1): 中、省及市委、市政府重大决策部署.
    MajorDecisions,
    /// Art. 5 (2): 省《政府工作报告》涉及安康事项和市《政府工作报告》目标任务分解、公开承诺事项.
    GovernmentWorkReport,
    /// Art. 5 (3): 市政府全体会议、常务会议、市长办公会议决定事项.
    MeetingDecisions,
    /// Art. 5 (4): 中、省及市委、市政府领导明确批示指示要求市政府督查室督办事项.
    LeaderInstructions,
    /// Art. 5 (5): 市政府系统承办的人大代表建议、政协提案.
    DeputiesProposals,
    /// Art. 5 (6), first source: 省级以上新闻媒体及内刊中反映重要问题.
    MediaReports,
    /// Art. 5 (6), second source: 省政府督查室转办的国务院“互联网+督查”平台、人民网网民留言.
    OnlineMessages,
    /// Art. 5 (7), first source: 政府系统巡视和审计重要问题整改.
    InspectionAndAuditFindings,
    /// Art. 5 (7), second source: 市政府领导交办的其他重要事项.
    LeaderAssignments,
    /// Art. 6 (1): 对应市政府领导召开的专项问题办公会议、现场办公会议及调研检查工作确定事项.
    LeaderMeetingDecisions,
    /// Art. 6 (2): 中、省及市委、市政府涉及对口联系工作的批示件和重要文件.
    InstructionsAndDocuments,
    /// Art. 6 (3): 对应市政府领导联系重点项目及其他专项工作.
    KeyProjects,
}

impl MatterSource {
    /// Every source, in the order of the regulation.
    ///
    /// ```
    /// assert_eq!(duban::MatterSource::ALL.len(), 12);
    /// ```
    pub const ALL: &'static [MatterSource] = &[
        MatterSource::MajorDecisions,
        MatterSource::GovernmentWorkReport,
        MatterSource::MeetingDecisions,
        MatterSource::LeaderInstructions,
        MatterSource::DeputiesProposals,
        MatterSource::MediaReports,
        MatterSource::OnlineMessages,
        MatterSource::InspectionAndAuditFindings,
        MatterSource::LeaderAssignments,
        MatterSource::LeaderMeetingDecisions,
        MatterSource::InstructionsAndDocuments,
        MatterSource::KeyProjects,
    ];

    /// The article and item that lists this source.
    ///
    /// ```
    /// assert_eq!(duban::MatterSource::KeyProjects.article().to_string(), "第六条第（三）项");
    /// ```
    pub fn article(self) -> Article {
        use MatterSource::*;
        match self {
            MajorDecisions => Article::item(5, 1),
            GovernmentWorkReport => Article::item(5, 2),
            MeetingDecisions => Article::item(5, 3),
            LeaderInstructions => Article::item(5, 4),
            DeputiesProposals => Article::item(5, 5),
            MediaReports | OnlineMessages => Article::item(5, 6),
            InspectionAndAuditFindings | LeaderAssignments => Article::item(5, 7),
            LeaderMeetingDecisions => Article::item(6, 1),
            InstructionsAndDocuments => Article::item(6, 2),
            KeyProjects => Article::item(6, 3),
        }
    }

    /// The snake_case name used in JSON.
    ///
    /// ```
    /// assert_eq!(duban::MatterSource::OnlineMessages.code(), "online_messages");
    /// ```
    pub fn code(self) -> &'static str {
        use MatterSource::*;
        match self {
            MajorDecisions => "major_decisions",
            GovernmentWorkReport => "government_work_report",
            MeetingDecisions => "meeting_decisions",
            LeaderInstructions => "leader_instructions",
            DeputiesProposals => "deputies_proposals",
            MediaReports => "media_reports",
            OnlineMessages => "online_messages",
            InspectionAndAuditFindings => "inspection_and_audit_findings",
            LeaderAssignments => "leader_assignments",
            LeaderMeetingDecisions => "leader_meeting_decisions",
            InstructionsAndDocuments => "instructions_and_documents",
            KeyProjects => "key_projects",
        }
    }

    /// The source in the words of the article (Chinese), or glossed (English).
    ///
    /// ```
    /// use duban::{Language, MatterSource};
    /// assert_eq!(MatterSource::MediaReports.label(Language::Chinese), "省级以上新闻媒体及内刊中反映重要问题");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        use MatterSource::*;
        let (zh, en) = match self {
            MajorDecisions => ("中、省及市委、市政府重大决策部署", "major decisions of the central, provincial and city Party committees and governments"),
            GovernmentWorkReport => ("省《政府工作报告》涉及安康事项和市《政府工作报告》目标任务分解、公开承诺事项", "matters of the provincial Government Work Report concerning Ankang, and the targets and public commitments of the city's"),
            MeetingDecisions => ("市政府全体会议、常务会议、市长办公会议决定事项", "decisions of the city government's plenary, executive and mayor's office meetings"),
            LeaderInstructions => ("中、省及市委、市政府领导明确批示指示要求市政府督查室督办事项", "leaders' instructions that name the Supervision Office"),
            DeputiesProposals => ("市政府系统承办的人大代表建议、政协提案", "deputies' suggestions and CPPCC proposals handled by the city government"),
            MediaReports => ("省级以上新闻媒体及内刊中反映重要问题", "important problems reported by provincial or national media and internal publications"),
            OnlineMessages => ("省政府督查室转办的国务院“互联网+督查”平台、人民网网民留言", "messages on the State Council's Internet+ Supervision platform and People's Daily Online, passed on by the provincial supervision office"),
            InspectionAndAuditFindings => ("政府系统巡视和审计重要问题整改", "rectification of important problems found by inspection tours and audits"),
            LeaderAssignments => ("市政府领导交办的其他重要事项", "other important matters assigned by city government leaders"),
            LeaderMeetingDecisions => ("对应市政府领导召开的专项问题办公会议、现场办公会议及调研检查工作确定事项", "decisions of the special-topic and on-site meetings and inspection visits of the leader a section serves"),
            InstructionsAndDocuments => ("中、省及市委、市政府涉及对口联系工作的批示件和重要文件", "instructions and important documents concerning the section's area"),
            KeyProjects => ("对应市政府领导联系重点项目及其他专项工作", "key projects and other special work of the leader a section serves"),
        };
        language.pick(zh, en)
    }

    /// The meetings this source lists, whose decisions a meeting follow-up may carry:
    /// Art. 5 (3) names the plenary, executive and mayor's office meetings, Art. 6 (1) the
    /// special-topic and on-site meetings; the other sources name no meeting.
    ///
    /// ```
    /// use duban::{MatterSource, MeetingKind};
    /// assert_eq!(MatterSource::LeaderMeetingDecisions.meetings(),
    ///            &[MeetingKind::SpecialTopic, MeetingKind::OnSite]);
    /// assert!(MatterSource::KeyProjects.meetings().is_empty());
    /// ```
    pub fn meetings(self) -> &'static [MeetingKind] {
        match self {
            MatterSource::MeetingDecisions => &[
                MeetingKind::Plenary,
                MeetingKind::Executive,
                MeetingKind::MayorsOffice,
            ],
            MatterSource::LeaderMeetingDecisions => {
                &[MeetingKind::SpecialTopic, MeetingKind::OnSite]
            }
            _ => &[],
        }
    }

    /// Whether the Supervision Office handles the source itself (Art. 5), rather than an
    /// office section (Art. 6).
    ///
    /// ```
    /// assert!(duban::MatterSource::MeetingDecisions.is_supervision_office()); // Art. 5 (3)
    /// assert!(!duban::MatterSource::KeyProjects.is_supervision_office());    // Art. 6 (3)
    /// ```
    pub fn is_supervision_office(self) -> bool {
        self.article().number == 5
    }
}

impl std::str::FromStr for MeetingKind {
    type Err = crate::Error;

    /// Reads a [`MeetingKind::code`] (`executive`, `mayors_office`, ...), also spelled with
    /// hyphens as command-line options are (`mayors-office`, `on-site`).
    ///
    /// ```
    /// let k: duban::MeetingKind = "special_topic".parse()?;
    /// assert_eq!(k, duban::MeetingKind::SpecialTopic);
    /// assert_eq!("on-site".parse::<duban::MeetingKind>()?, duban::MeetingKind::OnSite);
    /// assert!("cabinet".parse::<duban::MeetingKind>().is_err());
    /// # Ok::<(), duban::Error>(())
    /// ```
    fn from_str(text: &str) -> Result<MeetingKind, crate::Error> {
        MeetingKind::ALL
            .into_iter()
            .find(|k| k.code() == text || k.code().replace('_', "-") == text)
            .ok_or_else(|| {
                let known: Vec<&str> = MeetingKind::ALL.iter().map(|k| k.code()).collect();
                crate::Error::invalid_input(
                    format!("未知的会议类型“{text}”（可用：{}）", known.join("、")),
                    format!(
                        "unknown meeting kind {text:?} (expected one of {})",
                        known.join(", ")
                    ),
                )
            })
    }
}
