//! `duban`: the official working-day calendar of mainland China, and the deadlines of
//! 安政办发〔2020〕1号, from the command line, for people and shell scripts.
//!
//! ```text
//! cargo run -p duban-cli -- calendar 2026-09-20 2026-10-12
//! cargo run -p duban-cli -- --lang en add-workdays 2023-09-20 30
//! cargo run -p duban-cli -- due meeting-follow-up 2023-09-20 --explain
//! cargo run -p duban-cli -- check examples/data/caseload.json --format table
//! cargo run -p duban-cli -- diff --policy builtin --policy FILE examples/data/caseload.json
//! cargo run -p duban-cli -- --help
//! ```
//!
//! Results go to stdout. An error is one line on stderr and a non-zero exit status: 2 for a
//! usage error (unknown command or option, wrong number of arguments, a malformed date,
//! number or trigger), 1 for any other (a date outside the loaded notices, a trigger before
//! the policy is in force, an unreadable notice, policy or caseload file...). On error
//! nothing is printed on stdout. It never panics. `coverage --warn-within DAYS` exits with
//! status 3 (after printing its answer) when the loaded notices end within DAYS days.
//!
//! To add a subcommand: write a `fn cmd_xxx(ctx: &Ctx) -> Result<String, CliError>` and add
//! one entry to [`COMMANDS`]; dispatch, argument counting, the options a command accepts and
//! `--help` follow from the table.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use duban::{
    Calendar, CalendarBuilder, Caseload, CaseloadDocument, CaseloadReader, Day, DayKind,
    Explanations, Language, MeetingKind, Obligation, Policy, ProvisionalCalendar, Quarter,
    StreamOptions, YearMonth, NOTICES_DIR_ENV,
};

/// The longest range `calendar` prints: 100 years of days.
const MAX_RANGE_DAYS: i64 = 36_525;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `args_os` rather than `args`: an argument that is not UTF-8 must be an error, not a panic.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = language_of(&args);
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let result = run(&args).and_then(|output| {
        output
            .write_to(&mut stdout)
            .and_then(|()| stdout.flush())
            .map_err(CliError::Output)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`duban calendar ... | head`) ends the program quietly.
        Err(CliError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(CliError::Alarm(text, message)) => {
            // The answer is printed, then the warning, then the alarm's own exit status.
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    report(&CliError::Output(e).message(lang), lang);
                    return ExitCode::from(1);
                }
                _ => {}
            }
            let prefix = tr(lang, "duban：警告：".into(), "duban: warning: ".into());
            let _ = writeln!(io::stderr().lock(), "{prefix}{message}");
            ExitCode::from(ALARM_STATUS)
        }
        Err(err) => {
            report(&err.message(lang), lang);
            err.exit_code()
        }
    }
}

/// What a command prints on stdout. Everything that can fail for a reason other than
/// writing is done before a command returns, so a failing run prints nothing but its error.
enum Output {
    /// Text computed in full.
    Text(String),
    /// Output written as it is produced (the check report, which can be larger than the
    /// caseload it reports on).
    Stream(StreamWriter),
}

/// Writes a streamed output once.
type StreamWriter = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()>>;

impl Output {
    fn write_to(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Output::Text(text) => out.write_all(text.as_bytes()),
            Output::Stream(write) => write(out),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Errors and output

/// The exit status of `coverage --warn-within DAYS` when the coverage ends within DAYS days.
const ALARM_STATUS: u8 = 3;

/// Why a run failed.
#[derive(Debug)]
enum CliError {
    /// Not a failure: the answer (printed on stdout) comes with a warning (on stderr) and
    /// exit status 3, for a cron job or health check. The message is already localized.
    Alarm(String, String),
    /// The command line itself is wrong (exit status 2). The message is already localized.
    Usage(String),
    /// The library refused (exit status 1).
    Lib(duban::Error),
    /// Anything else that is not the caller's syntax (exit status 1): an unreadable notice
    /// file, a range too long to print. The message is already localized.
    Failed(String),
    /// Stdout could not be written (exit status 1; quiet success for a closed pipe).
    Output(io::Error),
}

impl CliError {
    fn message(&self, lang: Language) -> String {
        match self {
            CliError::Usage(m) | CliError::Failed(m) | CliError::Alarm(_, m) => m.clone(),
            CliError::Lib(e) => e.message(lang).to_owned(),
            CliError::Output(e) => tr(
                lang,
                format!("无法写出结果：{}", os_error_zh(e)),
                format!("cannot write output: {e}"),
            ),
        }
    }

    fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            CliError::Lib(_) | CliError::Failed(_) | CliError::Output(_) => ExitCode::from(1),
            CliError::Alarm(..) => ExitCode::from(ALARM_STATUS),
        }
    }
}

impl From<duban::Error> for CliError {
    fn from(err: duban::Error) -> CliError {
        CliError::Lib(err)
    }
}

/// Picks the Chinese or English version of a message.
fn tr(lang: Language, zh: String, en: String) -> String {
    match lang {
        Language::English => en,
        _ => zh,
    }
}

/// Writes the one-line error report to stderr. Control characters (a newline inside an
/// argument that a message quotes) are escaped so that the report stays on one line.
fn report(message: &str, lang: Language) {
    let prefix = tr(lang, "duban：错误：".into(), "duban: error: ".into());
    let mut line = prefix;
    for c in message.chars() {
        if c.is_control() {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    // Nothing sensible is left to do if stderr itself is gone.
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// An operating-system error in Chinese, naming what went wrong without the system's
/// English text (the English message keeps it).
fn os_error_zh(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "文件或目录不存在".to_owned(),
        io::ErrorKind::PermissionDenied => "没有访问权限".to_owned(),
        io::ErrorKind::InvalidData => "内容不是有效的 UTF-8 文本".to_owned(),
        io::ErrorKind::UnexpectedEof => "内容意外结束".to_owned(),
        io::ErrorKind::OutOfMemory => "内存不足".to_owned(),
        io::ErrorKind::Interrupted => "操作被中断".to_owned(),
        io::ErrorKind::BrokenPipe => "输出管道已关闭".to_owned(),
        _ => match e.raw_os_error() {
            // EISDIR, ENOTDIR and ENAMETOOLONG on Linux; other systems get the code.
            Some(21) if cfg!(target_os = "linux") => "这是一个目录，不是文件".to_owned(),
            Some(20) if cfg!(target_os = "linux") => "路径中有一部分不是目录".to_owned(),
            Some(36) if cfg!(target_os = "linux") => "文件名过长".to_owned(),
            Some(code) => format!("操作系统报告错误（错误码 {code}）"),
            None => "输入输出错误".to_owned(),
        },
    }
}

/// "cannot read WHAT PATH: why" in the run's language.
fn read_error(lang: Language, what_zh: &str, what_en: &str, path: &str, e: &io::Error) -> CliError {
    CliError::Failed(tr(
        lang,
        format!("无法读取{what_zh} {path}：{}", os_error_zh(e)),
        format!("cannot read {what_en} {path}: {e}"),
    ))
}

// ---------------------------------------------------------------------------------------
// The command table

/// A subcommand: its name, its arguments as shown in the help, the command options it
/// accepts (names from [`COMMAND_OPTIONS`]), a one-line summary in each language, and the
/// function that runs it.
struct Command {
    name: &'static str,
    args: &'static [&'static str],
    options: &'static [&'static str],
    /// The options as the usage line shows them (required ones without brackets).
    synopsis: &'static str,
    summary_zh: &'static str,
    summary_en: &'static str,
    run: fn(&Ctx) -> Result<Output, CliError>,
}

/// Every subcommand, in the order the help lists them.
const COMMANDS: &[Command] = &[
    Command {
        name: "calendar",
        args: &["FROM", "TO"],
        options: &[],
        synopsis: "",
        summary_zh: "逐日列出 FROM 至 TO（含两端）的日期，每日一行",
        summary_en: "one line per date from FROM to TO, both included",
        run: |ctx| cmd_calendar(ctx).map(Output::Text),
    },
    Command {
        name: "day",
        args: &["DATE"],
        options: &[],
        synopsis: "",
        summary_zh: "DATE 这一天，格式同 calendar",
        summary_en: "the one line of DATE, as calendar prints it",
        run: |ctx| cmd_day(ctx).map(Output::Text),
    },
    Command {
        name: "add-workdays",
        args: &["DATE", "N"],
        options: &[],
        synopsis: "",
        summary_zh: "DATE 之后第 N 个工作日（N<0 为之前，N=0 为 DATE 本身）",
        summary_en: "the N-th working day after DATE (N < 0: before it; 0: DATE)",
        run: |ctx| cmd_add_workdays(ctx).map(Output::Text),
    },
    Command {
        name: "workdays-between",
        args: &["A", "B"],
        options: &[],
        synopsis: "",
        summary_zh: "A（不含）至 B（含）的工作日数；B 早于 A 时为负",
        summary_en: "working days in (A, B]; negative if B is before A",
        run: |ctx| cmd_workdays_between(ctx).map(Output::Text),
    },
    Command {
        name: "coverage",
        args: &[],
        options: &["--warn-within", "--as-of"],
        synopsis: "[--warn-within DAYS] [--as-of DATE]",
        summary_zh: "已加载通知的覆盖范围，以及距其结束还剩几天",
        summary_en: "the range the loaded notices cover, and the days left until it ends",
        run: |ctx| cmd_coverage(ctx).map(Output::Text),
    },
    Command {
        name: "due",
        args: &["KIND", "TRIGGER"],
        options: &["--explain", "--policy", "--meeting-kind"],
        synopsis: "[--explain] [--policy FILE] [--meeting-kind KIND]",
        summary_zh: "安政办发〔2020〕1号规定事项的截止日期",
        summary_en: "the due date of an obligation of 安政办发〔2020〕1号",
        run: |ctx| cmd_due(ctx).map(Output::Text),
    },
    Command {
        name: "check",
        args: &["FILE|-"],
        options: &[
            "--as-of",
            "--format",
            "--policy",
            "--no-explain",
            "--threads",
        ],
        synopsis:
            "[--as-of DATE] [--format json|table] [--policy FILE] [--no-explain] [--threads N]",
        summary_zh: "检查事项清单（duban-caseload/1，- 为标准输入）",
        summary_en: "check a caseload (duban-caseload/1; - reads stdin)",
        run: cmd_check,
    },
    Command {
        name: "diff",
        args: &["FILE|-"],
        options: &["--policy", "--as-of", "--format"],
        synopsis: "--policy A --policy B [--as-of DATE] [--format table|json]",
        summary_zh: "在两个政策下检查同一事项清单，列出不同之处",
        summary_en: "check a caseload under two policies and list what differs",
        run: |ctx| cmd_diff(ctx).map(Output::Text),
    },
    Command {
        name: "next",
        args: &["FILE|-", "ID"],
        options: &["--as-of", "--format", "--policy"],
        synopsis: "[--as-of DATE] [--format json|table] [--policy FILE]",
        summary_zh: "事项 ID 的当前状态、现在可以发生的事件、未完成的义务及问题",
        summary_en: "matter ID's state, the events allowed now, its open obligations and findings",
        run: |ctx| cmd_next(ctx).map(Output::Text),
    },
    Command {
        name: "apply",
        args: &["STATE", "EVENT"],
        options: &["--policy"],
        synopsis: "[--policy FILE]",
        summary_zh: "对保存的流程状态（duban-state/1）施加一个事件，输出下一状态（STATE、EVENT 为文件、- 或 JSON 文本）",
        summary_en: "apply one event to a stored workflow state (duban-state/1) and print the next state (STATE, EVENT: a file, - or JSON text)",
        run: |ctx| cmd_apply(ctx).map(Output::Text),
    },
    Command {
        name: "ics",
        args: &["FILE|-"],
        options: &["--as-of", "--policy", "--alarm"],
        synopsis: "[--as-of DATE] [--policy FILE] [--alarm N|none]",
        summary_zh: "事项清单中未完成义务的截止日期，导出为日历文件（.ics）",
        summary_en: "the open deadlines of a caseload as an iCalendar (.ics) file",
        run: |ctx| cmd_ics(ctx).map(Output::Text),
    },
    Command {
        name: "calendar-ics",
        args: &["FROM", "TO"],
        options: &[],
        synopsis: "",
        summary_zh: "FROM 至 TO 的放假日和调休上班日，导出为日历文件（.ics）",
        summary_en: "the days off and make-up working days of FROM..TO as an .ics file",
        run: |ctx| cmd_calendar_ics(ctx).map(Output::Text),
    },
];

/// An option that belongs to some commands only: its name, its value as shown in the help
/// (`None` for a flag), and what it does.
struct CommandOption {
    name: &'static str,
    value: Option<&'static str>,
    help_zh: &'static str,
    help_en: &'static str,
}

/// The command options, in the order the help lists them.
const COMMAND_OPTIONS: &[CommandOption] = &[
    CommandOption {
        name: "--explain",
        value: None,
        help_zh: "due：在日期之后输出计算说明（条文、规则、各种理解下的日期）",
        help_en: "due: print the explanation after the date (article, rule, readings)",
    },
    CommandOption {
        name: "--policy",
        value: Some("FILE"),
        help_zh: "政策文件（duban-policy/1）或 builtin（安政办发〔2020〕1号）；diff 须给两次",
        help_en: "a policy file (duban-policy/1), or builtin (安政办发〔2020〕1号); diff: twice",
    },
    CommandOption {
        name: "--meeting-kind",
        value: Some("KIND"),
        help_zh: "due meeting-follow-up 的会议类型（默认 executive）：\n\
                  \x20                       plenary|executive|mayors-office|special-topic|on-site",
        help_en: "due meeting-follow-up: the meeting (default executive), one of\n\
                  \x20                       plenary|executive|mayors-office|special-topic|on-site",
    },
    CommandOption {
        name: "--as-of",
        value: Some("DATE"),
        help_zh: "check、diff、next：检查日期（默认取文件中的 as_of）；coverage：从哪天算起（默认北京时间今天）",
        help_en: "check, diff, next: the day to check on (default: the document's as_of);\n\
                  \x20                       coverage: the day to count from (default: today, Beijing time)",
    },
    CommandOption {
        name: "--format",
        value: Some("FORMAT"),
        help_zh: "check、next：json（默认）或 table；diff：table（默认）或 json",
        help_en: "check, next: json (default) or table; diff: table (default) or json",
    },
    CommandOption {
        name: "--warn-within",
        value: Some("DAYS"),
        help_zh: "coverage：通知覆盖范围在 DAYS 天内结束（或今天已不在范围内）时，照常输出后\n\
                  \x20                       在标准错误输出警告，退出码为 3",
        help_en: "coverage: when the coverage ends within DAYS days (or today is not covered),\n\
                  \x20                       print the answer, a warning on stderr, and exit with status 3",
    },
    CommandOption {
        name: "--alarm",
        value: Some("N"),
        help_zh: "ics：截止日前第 N 个工作日上午 9 时提醒（默认 3；none 为不提醒）",
        help_en: "ics: an alarm at 09:00, N working days before the due date (default 3; none)",
    },
    CommandOption {
        name: "--no-explain",
        value: None,
        help_zh: "check：JSON 中不含各项义务的计算说明",
        help_en: "check: leave the explanations out of the JSON",
    },
    CommandOption {
        name: "--threads",
        value: Some("N"),
        help_zh: "check：用 N 个线程读取和检查事项（默认每个处理器核心一个）；结果与线程数无关",
        help_en: "check: read and check the matters on N threads (default: one per core);\n\
                  \x20                       the report is the same for any N",
    },
];

/// What a subcommand gets: the global options, its command options, and its own arguments.
struct Ctx<'a> {
    lang: Language,
    command: &'static Command,
    args: &'a [String],
    notices: &'a [String],
    /// `--notices-dir`, else the directory named by `DUBAN_NOTICES_DIR`.
    notices_dir: Option<String>,
    known_on: Option<NaiveDate>,
    provisional: bool,
    opts: &'a CommandOptions,
}

impl Ctx<'_> {
    /// The subcommand's arguments, exactly `N` of them, or a usage error naming them.
    fn args<const N: usize>(&self) -> Result<[&str; N], CliError> {
        let mut out = [""; N];
        if self.args.len() != N || self.command.args.len() != N {
            let usage = usage_line(self.command);
            return Err(CliError::Usage(tr(
                self.lang,
                format!(
                    "{} 需要 {} 个参数，实际给了 {} 个（用法：duban {usage}）",
                    self.command.name,
                    self.command.args.len(),
                    self.args.len()
                ),
                format!(
                    "{} takes {} argument(s), got {} (usage: duban {usage})",
                    self.command.name,
                    self.command.args.len(),
                    self.args.len()
                ),
            )));
        }
        for (slot, arg) in out.iter_mut().zip(self.args) {
            *slot = arg.as_str();
        }
        Ok(out)
    }

    /// Parses the `i`-th argument as a date.
    fn date(&self, i: usize, text: &str) -> Result<NaiveDate, CliError> {
        parse_date_arg(
            self.lang,
            self.command.args.get(i).copied().unwrap_or("?"),
            text,
        )
    }

    /// The calendar to answer with: the embedded national notices, plus the notice files of
    /// `--notices-dir` (or `DUBAN_NOTICES_DIR`), plus each `--notice` file, as known on
    /// `--known-on` if given.
    fn calendar(&self) -> Result<Calendar, CliError> {
        let mut cal = if self.notices.is_empty() && self.notices_dir.is_none() {
            Calendar::china()
        } else {
            let mut builder = CalendarBuilder::china();
            if let Some(dir) = &self.notices_dir {
                builder = builder.notices_dir(dir)?;
            }
            for path in self.notices {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    read_error(self.lang, "节假日通知文件", "notice file", path, &e)
                })?;
                builder = builder
                    .notice_text(&text)
                    .map_err(|e| CliError::Failed(format!("{path}: {}", e.message(self.lang))))?;
            }
            builder.build()?
        };
        if let Some(date) = self.known_on {
            cal = cal.as_known_on(date);
        }
        Ok(cal)
    }

    /// With `--provisional`: the calendar extended by the provisional years.
    fn provisional(&self) -> Result<Option<ProvisionalCalendar>, CliError> {
        if !self.provisional {
            return Ok(None);
        }
        Ok(Some(self.calendar()?.with_provisional()?))
    }

    /// Refuses `--provisional` for a command whose answers could not say they are.
    fn refuse_provisional(&self) -> Result<(), CliError> {
        if self.provisional {
            return Err(CliError::Usage(self.tr(
                format!("--provisional 只适用于 calendar、day、add-workdays、workdays-between，不适用于 {}", self.command.name),
                format!("--provisional applies to calendar, day, add-workdays and workdays-between, not to {}", self.command.name),
            )));
        }
        Ok(())
    }

    /// A localized message.
    fn tr(&self, zh: String, en: String) -> String {
        tr(self.lang, zh, en)
    }

    /// A usage error for a malformed value of `what` (an argument or option).
    fn bad(&self, what: &str, zh: String, en: String) -> CliError {
        CliError::Usage(format!("{what}: {}", self.tr(zh, en)))
    }

    /// `--format`: one of `allowed`, the first being the default.
    fn format(&self, allowed: &[&'static str]) -> Result<&'static str, CliError> {
        let Some(given) = self.opts.format.as_deref() else {
            return Ok(allowed[0]);
        };
        allowed
            .iter()
            .copied()
            .find(|f| *f == given)
            .ok_or_else(|| {
                let list = allowed.join("|");
                self.bad(
                    "--format",
                    format!(
                        "{} 的输出格式只能是 {list}，不是“{given}”",
                        self.command.name
                    ),
                    format!("{} writes {list}, not {given:?}", self.command.name),
                )
            })
    }

    /// Loads a policy: `builtin` is 安政办发〔2020〕1号, anything else a policy file.
    fn load_policy(&self, spec: &str) -> Result<Policy, CliError> {
        if spec == "builtin" {
            return Ok(Policy::ankang_2020());
        }
        let bytes = std::fs::read(spec)
            .map_err(|e| read_error(self.lang, "政策文件", "policy file", spec, &e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            CliError::Failed(self.tr(
                format!(
                    "政策文件 {spec} 不是 UTF-8 文本（第 {} 字节）",
                    e.utf8_error().valid_up_to()
                ),
                format!(
                    "policy file {spec} is not UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                ),
            ))
        })?;
        Policy::from_json(&text)
            .map_err(|e| CliError::Failed(format!("{spec}: {}", e.message(self.lang))))
    }

    /// The one policy of `due` and `check`: `--policy` if given (at most once), else
    /// 安政办发〔2020〕1号.
    fn policy(&self) -> Result<Policy, CliError> {
        match self.opts.policies.as_slice() {
            [] => Ok(Policy::ankang_2020()),
            [spec] => self.load_policy(spec),
            more => Err(CliError::Usage(self.tr(
                format!(
                    "{} 最多接受一个 --policy，实际给了 {} 个",
                    self.command.name,
                    more.len()
                ),
                format!(
                    "{} takes at most one --policy, got {}",
                    self.command.name,
                    more.len()
                ),
            ))),
        }
    }

    /// Reads a caseload's bytes from a file, or from stdin for `-`, and the name messages
    /// give it.
    fn caseload_bytes(&self, path: &str) -> Result<(Vec<u8>, String), CliError> {
        if path == "-" {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).map_err(|e| {
                CliError::Failed(self.tr(
                    format!("无法读取标准输入：{}", os_error_zh(&e)),
                    format!("cannot read stdin: {e}"),
                ))
            })?;
            Ok((bytes, self.tr("标准输入".into(), "stdin".into())))
        } else {
            let bytes = std::fs::read(path)
                .map_err(|e| read_error(self.lang, "事项清单", "caseload file", path, &e))?;
            Ok((bytes, path.to_owned()))
        }
    }

    /// Reads a caseload from a file, or from stdin for `-`, as bytes: the reader reports
    /// text that is not UTF-8 as an error of the matter it is in.
    fn caseload(&self, path: &str) -> Result<Caseload, CliError> {
        let (bytes, name) = self.caseload_bytes(path)?;
        Caseload::from_json(bytes)
            .map_err(|e| CliError::Failed(format!("{name}: {}", e.message(self.lang))))
    }

    /// A file's text, or stdin's for `-`.
    fn text(&self, path: &str, what_zh: &str, what_en: &str) -> Result<String, CliError> {
        let bytes = if path == "-" {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).map_err(|e| {
                CliError::Failed(self.tr(
                    format!("无法读取标准输入：{}", os_error_zh(&e)),
                    format!("cannot read stdin: {e}"),
                ))
            })?;
            bytes
        } else {
            std::fs::read(path).map_err(|e| read_error(self.lang, what_zh, what_en, path, &e))?
        };
        String::from_utf8(bytes).map_err(|e| {
            CliError::Failed(self.tr(
                format!(
                    "{} 不是 UTF-8 文本（第 {} 字节）",
                    self.name(path),
                    e.utf8_error().valid_up_to()
                ),
                format!(
                    "{} is not UTF-8 (byte {})",
                    self.name(path),
                    e.utf8_error().valid_up_to()
                ),
            ))
        })
    }

    /// A JSON argument: JSON text itself when it starts with `{`, else a file or `-`.
    fn json_arg(&self, arg: &str, what_zh: &str, what_en: &str) -> Result<String, CliError> {
        if arg.trim_start().starts_with('{') {
            Ok(arg.to_owned())
        } else {
            self.text(arg, what_zh, what_en)
        }
    }

    /// A path as messages name it (stdin for `-`).
    fn name(&self, path: &str) -> String {
        if path == "-" {
            self.tr("标准输入".into(), "stdin".into())
        } else {
            path.to_owned()
        }
    }

    /// The day to check on: `--as-of`, else the document's `as_of`.
    fn as_of(&self, document_as_of: Option<NaiveDate>, path: &str) -> Result<NaiveDate, CliError> {
        // A document error, like every other problem with the caseload (exit status 1).
        self.opts.as_of.or(document_as_of).ok_or_else(|| {
            let name = if path == "-" {
                self.tr("标准输入".into(), "stdin".into())
            } else {
                path.to_owned()
            };
            CliError::Failed(self.tr(
                format!("{name}：事项清单没有“as_of”字段，请用 --as-of DATE 指定检查日期"),
                format!("{name}: the caseload has no `as_of`: give the day to check on with --as-of DATE"),
            ))
        })
    }
}

/// Parses a date argument with [`duban::parse_date`]; a malformed or impossible date is a
/// usage error that names the argument.
fn parse_date_arg(lang: Language, name: &str, text: &str) -> Result<NaiveDate, CliError> {
    duban::parse_date(text).map_err(|e| CliError::Usage(format!("{name}: {}", e.message(lang))))
}

// ---------------------------------------------------------------------------------------
// Global options and dispatch

#[derive(Default)]
struct Options {
    lang: Language,
    help: bool,
    version: bool,
    notices: Vec<String>,
    notices_dir: Option<String>,
    known_on: Option<NaiveDate>,
    provisional: bool,
    /// The options that only some commands accept.
    command: CommandOptions,
    /// The command and its arguments.
    positional: Vec<String>,
}

/// The values of the [`COMMAND_OPTIONS`] on the command line.
#[derive(Default)]
struct CommandOptions {
    explain: bool,
    no_explain: bool,
    policies: Vec<String>,
    meeting_kind: Option<String>,
    as_of: Option<NaiveDate>,
    format: Option<String>,
    /// `--threads`: 0 (the default) is one per core.
    threads: usize,
    warn_within: Option<u32>,
    alarm: Option<String>,
    /// Each command option given, by name, once, in order: checked against the command.
    given: Vec<&'static str>,
}

impl CommandOptions {
    /// Records `name` (with `value` for a valued option). A single-valued option given twice
    /// is a usage error.
    fn set(&mut self, lang: Language, name: &str, value: Option<&str>) -> Result<(), CliError> {
        let Some(option) = COMMAND_OPTIONS.iter().find(|o| o.name == name) else {
            return Ok(());
        };
        let repeated = self.given.contains(&option.name);
        if !repeated {
            self.given.push(option.name);
        }
        if repeated && option.value.is_some() && option.name != "--policy" {
            return Err(CliError::Usage(tr(
                lang,
                format!("选项 {name} 只能给一次"),
                format!("option {name} may be given only once"),
            )));
        }
        let value = value.unwrap_or_default();
        match option.name {
            "--explain" => self.explain = true,
            "--no-explain" => self.no_explain = true,
            "--policy" => self.policies.push(value.to_owned()),
            "--meeting-kind" => self.meeting_kind = Some(value.to_owned()),
            "--format" => self.format = Some(value.to_owned()),
            "--alarm" => self.alarm = Some(value.to_owned()),
            "--as-of" => self.as_of = Some(parse_date_arg(lang, name, value)?),
            "--threads" => {
                self.threads = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        CliError::Usage(tr(
                            lang,
                            format!("{name}：“{value}”不是正整数（线程数至少为 1）"),
                            format!("{name}: {value:?} is not a positive whole number of threads"),
                        ))
                    })?
            }
            "--warn-within" => {
                self.warn_within = Some(value.parse().map_err(|_| {
                    CliError::Usage(tr(
                        lang,
                        format!("{name}：“{value}”不是非负整数（天数）"),
                        format!("{name}: {value:?} is not a non-negative whole number of days"),
                    ))
                })?)
            }
            _ => {}
        }
        Ok(())
    }
}

/// Whether an argument is an option: `-x` or `--xyz`, but not `-` nor a negative number.
fn is_option(arg: &str) -> bool {
    arg.len() > 1 && arg.starts_with('-') && !arg[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// The language asked for with `--lang`, looked up before anything else so that every error,
/// even one about the command line, is reported in it. An unknown language is reported by
/// [`parse_options`]; here it falls back to the default.
fn language_of(args: &[String]) -> Language {
    let mut lang = Language::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = match arg.as_str() {
            "--" => break,
            "--lang" => iter.next().map(String::as_str),
            other => other.strip_prefix("--lang="),
        };
        if let Some(parsed) = value.and_then(|v| v.parse().ok()) {
            lang = parsed;
        }
    }
    lang
}

/// Splits the command line into global options (allowed before or after the command) and
/// the command with its arguments. `--` ends the options.
fn parse_options(args: &[String], lang: Language) -> Result<Options, CliError> {
    let mut opts = Options {
        lang,
        ..Options::default()
    };
    let mut iter = args.iter();
    let mut options_done = false;
    while let Some(arg) = iter.next() {
        if options_done || !is_option(arg) {
            opts.positional.push(arg.clone());
            continue;
        }
        if arg == "--" {
            options_done = true;
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (arg.as_str(), None),
        };
        let command_option = COMMAND_OPTIONS.iter().find(|o| o.name == name);
        match name {
            "-h" | "--help" if inline.is_none() => opts.help = true,
            "-V" | "--version" if inline.is_none() => opts.version = true,
            "--provisional" if inline.is_none() => opts.provisional = true,
            _ if command_option.is_some_and(|o| o.value.is_none()) && inline.is_none() => {
                opts.command.set(lang, name, None)?;
            }
            _ if command_option.is_some_and(|o| o.value.is_some()) => {
                let Some(value) = inline.or_else(|| iter.next().map(String::as_str)) else {
                    return Err(CliError::Usage(tr(
                        lang,
                        format!("选项 {name} 缺少取值（见 duban --help）"),
                        format!("option {name} needs a value (see duban --help)"),
                    )));
                };
                opts.command.set(lang, name, Some(value))?;
            }
            "--lang" | "--notice" | "--notices-dir" | "--known-on" => {
                let Some(value) = inline.or_else(|| iter.next().map(String::as_str)) else {
                    return Err(CliError::Usage(tr(
                        lang,
                        format!("选项 {name} 缺少取值（见 duban --help）"),
                        format!("option {name} needs a value (see duban --help)"),
                    )));
                };
                match name {
                    "--lang" => {
                        opts.lang = value.parse().map_err(|e: duban::Error| {
                            // The language is what is unknown: say it in both.
                            CliError::Usage(format!(
                                "{} / {}",
                                e.message(Language::Chinese),
                                e.message(Language::English)
                            ))
                        })?;
                    }
                    "--notice" => opts.notices.push(value.to_owned()),
                    "--notices-dir" => opts.notices_dir = Some(value.to_owned()),
                    _ => opts.known_on = Some(parse_date_arg(lang, "--known-on", value)?),
                }
            }
            _ => {
                return Err(CliError::Usage(tr(
                    lang,
                    format!("未知的选项“{arg}”（见 duban --help）"),
                    format!("unknown option {arg:?} (see duban --help)"),
                )))
            }
        }
    }
    Ok(opts)
}

/// Runs a command line (without the program name) and returns what to print on stdout.
/// Nothing is printed here, so that a failing run prints nothing but its error.
fn run(args: &[String]) -> Result<Output, CliError> {
    let opts = parse_options(args, language_of(args))?;
    let lang = opts.lang;
    if opts.version {
        return Ok(Output::Text(version()));
    }
    if opts.help {
        // `duban due --help` is the help of `due`; help wins over a bad command line.
        let command = opts
            .positional
            .first()
            .and_then(|name| COMMANDS.iter().find(|c| c.name == name));
        return Ok(Output::Text(match command {
            Some(command) => command_help(lang, command),
            None => help(lang),
        }));
    }
    let Some((name, rest)) = opts.positional.split_first() else {
        return Err(CliError::Usage(tr(
            lang,
            "缺少命令（见 duban --help）".into(),
            "missing command (see duban --help)".into(),
        )));
    };
    if name == "help" {
        return match rest {
            [] => Ok(Output::Text(help(lang))),
            [topic] => Ok(Output::Text(command_help(lang, find_command(lang, topic)?))),
            _ => Err(CliError::Usage(tr(
                lang,
                "help 最多接受一个命令名".into(),
                "help takes at most one command name".into(),
            ))),
        };
    }
    let command = find_command(lang, name)?;
    if let Some(option) = opts
        .command
        .given
        .iter()
        .find(|o| !command.options.contains(o))
    {
        return Err(CliError::Usage(tr(
            lang,
            format!(
                "选项 {option} 不适用于 {name}（用法：duban {}）",
                usage_line(command)
            ),
            format!(
                "option {option} does not apply to {name} (usage: duban {})",
                usage_line(command)
            ),
        )));
    }
    let ctx = Ctx {
        lang,
        command,
        args: rest,
        notices: &opts.notices,
        notices_dir: opts.notices_dir.clone().or_else(|| {
            std::env::var_os(NOTICES_DIR_ENV)
                .filter(|d| !d.is_empty())
                .map(|d| d.to_string_lossy().into_owned())
        }),
        known_on: opts.known_on,
        provisional: opts.provisional,
        opts: &opts.command,
    };
    (command.run)(&ctx)
}

/// The command called `name`, or a usage error.
fn find_command(lang: Language, name: &str) -> Result<&'static Command, CliError> {
    COMMANDS.iter().find(|c| c.name == name).ok_or_else(|| {
        CliError::Usage(tr(
            lang,
            format!("未知的命令“{name}”（见 duban --help）"),
            format!("unknown command {name:?} (see duban --help)"),
        ))
    })
}

/// `duban --version`: the command's version, the library's, and the calendar it embeds.
fn version() -> String {
    let cal = Calendar::china();
    let coverage = match (cal.coverage().first(), cal.coverage().last()) {
        (Some((first, _)), Some((_, last))) => format!("{first}..={last}"),
        _ => "-".to_owned(),
    };
    format!(
        "duban {} (duban library {}, national calendar {coverage}, {} notices)\n",
        env!("CARGO_PKG_VERSION"),
        duban::VERSION,
        cal.notices().len()
    )
}

// ---------------------------------------------------------------------------------------
// Subcommands

/// `DATE<TAB>workday|restday<TAB>KIND<TAB>HOLIDAY|-<TAB>NOTICE|-`
fn day_line(day: &Day<'_>) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        day.date,
        if day.is_workday() {
            "workday"
        } else {
            "restday"
        },
        day.kind.code(),
        day.holiday.unwrap_or("-"),
        day.notice.unwrap_or("-"),
    )
}

/// With `--provisional`, every answer says whether it is: `confirmed` or `provisional`.
fn mark(provisional: bool) -> &'static str {
    if provisional {
        "provisional"
    } else {
        "confirmed"
    }
}

fn cmd_calendar(ctx: &Ctx) -> Result<String, CliError> {
    let [from, to] = ctx.args()?;
    let (from, to) = (ctx.date(0, from)?, ctx.date(1, to)?);
    let too_long = || {
        CliError::Failed(tr(
            ctx.lang,
            format!("日期范围 {from}..{to} 超过 100 年，请分段查询"),
            format!("range {from}..{to} is longer than 100 years; ask for it in parts"),
        ))
    };
    if let Some(cal) = ctx.provisional()? {
        let days = cal.days(from, to)?;
        if (to - from).num_days() >= MAX_RANGE_DAYS {
            return Err(too_long());
        }
        return Ok(days
            .map(|day| format!("{}\t{}\n", day_line(&day), mark(day.provisional)))
            .collect());
    }
    let cal = ctx.calendar()?;
    // `days` checks the order and the coverage of the whole range before yielding anything.
    let days = cal.days(from, to)?;
    if (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(too_long());
    }
    Ok(days.map(|day| day_line(&day) + "\n").collect())
}

fn cmd_day(ctx: &Ctx) -> Result<String, CliError> {
    let [date] = ctx.args()?;
    let date = ctx.date(0, date)?;
    if let Some(cal) = ctx.provisional()? {
        let day = cal.day(date)?;
        return Ok(format!(
            "{}\t{}\n",
            day_line(&day.value),
            mark(day.provisional)
        ));
    }
    let cal = ctx.calendar()?;
    let day = cal.day(date)?;
    Ok(day_line(&day) + "\n")
}

fn cmd_add_workdays(ctx: &Ctx) -> Result<String, CliError> {
    let [date, n] = ctx.args()?;
    let date = ctx.date(0, date)?;
    let n: i32 = n.parse().map_err(|e: std::num::ParseIntError| {
        use std::num::IntErrorKind::{NegOverflow, PosOverflow};
        CliError::Usage(match e.kind() {
            PosOverflow | NegOverflow => tr(
                ctx.lang,
                format!("N: {n} 超出范围（{}..={}）", i32::MIN, i32::MAX),
                format!("N: {n} is out of range ({}..={})", i32::MIN, i32::MAX),
            ),
            _ => tr(
                ctx.lang,
                format!("N: “{n}”不是整数"),
                format!("N: {n:?} is not an integer"),
            ),
        })
    })?;
    if let Some(cal) = ctx.provisional()? {
        let r = cal.add_workdays(date, n)?;
        return Ok(format!("{}\t{}\n", r.value, mark(r.provisional)));
    }
    let cal = ctx.calendar()?;
    Ok(format!("{}\n", cal.add_workdays(date, n)?))
}

fn cmd_workdays_between(ctx: &Ctx) -> Result<String, CliError> {
    let [a, b] = ctx.args()?;
    let (a, b) = (ctx.date(0, a)?, ctx.date(1, b)?);
    if let Some(cal) = ctx.provisional()? {
        let r = cal.workdays_between(a, b)?;
        return Ok(format!("{}\t{}\n", r.value, mark(r.provisional)));
    }
    let cal = ctx.calendar()?;
    Ok(format!("{}\n", cal.workdays_between(a, b)?))
}

/// `coverage`: what the loaded notices cover and how long they still answer, one
/// `KEY<TAB>VALUE` line each (`-` for none). With `--warn-within DAYS`, an alarm (exit
/// status 3) when the coverage ends within DAYS days or today is not covered.
fn cmd_coverage(ctx: &Ctx) -> Result<String, CliError> {
    let [] = ctx.args()?;
    ctx.refuse_provisional()?;
    let cal = ctx.calendar()?;
    let today = ctx.opts.as_of.unwrap_or_else(duban::today_in_china);
    let seen = cal.outlook(today);
    let ranges = cal
        .coverage()
        .iter()
        .map(|(a, b)| format!("{a}..={b}"))
        .collect::<Vec<_>>()
        .join(", ");
    let or_dash = |x: Option<String>| x.unwrap_or_else(|| "-".to_owned());
    let out = format!(
        "covered\t{}\ntoday\t{today}\nends\t{}\ndays_left\t{}\n",
        if ranges.is_empty() {
            "-".to_owned()
        } else {
            ranges.clone()
        },
        or_dash(seen.ends.map(|d| d.to_string())),
        or_dash(seen.days_left.map(|n| n.to_string())),
    );
    let Some(within) = ctx.opts.warn_within else {
        return Ok(out);
    };
    if !seen.ends_within(i64::from(within)) {
        return Ok(out);
    }
    let message = match (seen.ends, seen.days_left) {
        (Some(end), Some(left)) => ctx.tr(
            format!(
                "已加载的节假日安排于 {end} 结束，距 {today} 还剩 {left} 天（预警期 {within} 天）：请加载下一年的通知"
            ),
            format!(
                "the loaded holiday schedules end on {end}, {left} day(s) after {today} (warning within {within}): load next year's notice"
            ),
        ),
        _ => {
            let zh_ranges = if ranges.is_empty() { "无".to_owned() } else { ranges.clone() };
            let en_ranges = if ranges.is_empty() { "none".to_owned() } else { ranges };
            ctx.tr(
                format!("{today} 不在已加载的节假日安排范围内（{zh_ranges}）：请加载新的通知"),
                format!("{today} is outside the loaded holiday schedules ({en_ranges}): load the new notice"),
            )
        }
    };
    Err(CliError::Alarm(out, message))
}

/// The obligations `due` knows: KIND, its TRIGGER's form, and what the trigger is.
const DUE_KINDS: &[(&str, &str, &str, &str)] = &[
    (
        "meeting-follow-up",
        "DATE",
        "D1 第九条第一款：会议召开日期（会议类型见 --meeting-kind）",
        "D1 Art. 9 ¶1: the meeting's date (see --meeting-kind)",
    ),
    (
        "monthly-report",
        "YYYY-MM",
        "D2 第九条第一款：报送的月份",
        "D2 Art. 9 ¶1: the month reported on",
    ),
    (
        "quarterly-report",
        "YYYY-Qn",
        "D3 第七条：报送的季度",
        "D3 Art. 7: the quarter reported on",
    ),
    (
        "inspection-application",
        "DATE",
        "D4 第十条：督查检查的实施日期；结果为最迟申报日",
        "D4 Art. 10: the inspection's start date; the last day to apply",
    ),
    (
        "inspection-approval",
        "DATE",
        "D5 第十条：督查检查的实施日期；结果为最迟审批日",
        "D5 Art. 10: the inspection's start date; the last day to approve",
    ),
    (
        "rectification-plan",
        "DATE",
        "D6 第十二条第（三）项：约谈日期",
        "D6 Art. 12(3): the interview's date",
    ),
    (
        "year-end-summary",
        "YYYY",
        "D7 第十二条第（四）项：年份",
        "D7 Art. 12(4): the year",
    ),
];

/// The obligation of `due KIND TRIGGER`. A malformed trigger is a usage error.
fn obligation_of(ctx: &Ctx, kind: &str, trigger: &str) -> Result<Obligation, CliError> {
    let lib = |e: duban::Error| CliError::Usage(format!("TRIGGER: {}", e.message(ctx.lang)));
    let date = || duban::parse_date(trigger).map_err(lib);
    if kind != "meeting-follow-up" && ctx.opts.meeting_kind.is_some() {
        return Err(CliError::Usage(ctx.tr(
            format!("--meeting-kind 只适用于 meeting-follow-up，不适用于 {kind}"),
            format!("--meeting-kind applies to meeting-follow-up only, not to {kind}"),
        )));
    }
    Ok(match kind {
        "meeting-follow-up" => {
            let name = ctx.opts.meeting_kind.as_deref().unwrap_or("executive");
            let meeting_kind: MeetingKind = name.parse().map_err(|e: duban::Error| {
                ctx.bad(
                    "--meeting-kind",
                    e.message(duban::Language::Chinese).to_owned(),
                    e.message(duban::Language::English).to_owned(),
                )
            })?;
            Obligation::MeetingFollowUp {
                meeting: date()?,
                kind: meeting_kind,
            }
        }
        "monthly-report" => Obligation::MonthlyReport {
            month: trigger.parse::<YearMonth>().map_err(lib)?,
        },
        "quarterly-report" => Obligation::QuarterlyReport {
            quarter: trigger.parse::<Quarter>().map_err(lib)?,
        },
        "inspection-application" => Obligation::InspectionApplication { start: date()? },
        "inspection-approval" => Obligation::InspectionApproval { start: date()? },
        "rectification-plan" => Obligation::RectificationPlan { interview: date()? },
        "year-end-summary" => {
            let year = (trigger.len() == 4 && trigger.bytes().all(|b| b.is_ascii_digit()))
                .then(|| trigger.parse::<i32>().ok())
                .flatten()
                .ok_or_else(|| {
                    ctx.bad(
                        "TRIGGER",
                        format!("“{trigger}”不是有效的年份（应为 YYYY）"),
                        format!("{trigger:?} is not a valid year (expected YYYY)"),
                    )
                })?;
            Obligation::YearEndSummary { year }
        }
        _ => {
            let list = DUE_KINDS.iter().map(|k| k.0).collect::<Vec<_>>().join("|");
            return Err(ctx.bad(
                "KIND",
                format!("未知的事项“{kind}”（可用 {list}）"),
                format!("unknown obligation {kind:?} (one of {list})"),
            ));
        }
    })
}

/// `due KIND TRIGGER`: the due date alone on the first line; with `--explain`, the
/// explanation after it.
fn cmd_due(ctx: &Ctx) -> Result<String, CliError> {
    ctx.refuse_provisional()?;
    let [kind, trigger] = ctx.args()?;
    let obligation = obligation_of(ctx, kind, trigger)?;
    let policy = ctx.policy()?;
    let cal = ctx.calendar()?;
    let deadline = obligation.deadline(&policy, &cal)?;
    let mut out = format!("{}\n", deadline.due());
    if ctx.opts.explain {
        for line in deadline.explain(&policy, &cal, ctx.lang)?.lines {
            out.push_str(&line);
            out.push('\n');
        }
    } else if let Some(note) = deadline.in_force_note(&policy, ctx.lang) {
        // A due date before the regulation took effect is never returned silently.
        out.push_str(&note);
        out.push('\n');
    }
    Ok(out)
}

/// `check FILE|-`: the `duban-report/1` JSON, streamed to stdout, or a table.
fn cmd_check(ctx: &Ctx) -> Result<Output, CliError> {
    ctx.refuse_provisional()?;
    let [path] = ctx.args()?;
    let format = ctx.format(&["json", "table"])?;
    let policy = ctx.policy()?;
    let (bytes, name) = if format == "json" {
        match check_streamed(ctx, path, &policy)? {
            Streamed::Done(output) => return Ok(output),
            Streamed::Whole(bytes, name) => (bytes, name),
        }
    } else {
        ctx.caseload_bytes(path)?
    };
    let document = CaseloadDocument::scan(&bytes)
        .map_err(|e| CliError::Failed(format!("{name}: {}", e.message(ctx.lang))))?;
    let as_of = ctx.as_of(document.as_of(), path)?;
    let cal = ctx.calendar()?;
    // Each matter is read and checked on one of the threads, and dropped once checked.
    let report = document.check(&policy, &cal, as_of, ctx.opts.threads)?;
    drop(document);
    drop(bytes);
    if format == "table" {
        let table = report.to_table(ctx.lang);
        std::mem::forget(report);
        return Ok(Output::Text(table));
    }
    let (lang, no_explain) = (ctx.lang, ctx.opts.no_explain);
    Ok(Output::Stream(Box::new(move |out: &mut dyn Write| {
        let explanations = if no_explain {
            Explanations::Omit
        } else {
            Explanations::Include(&policy, &cal)
        };
        report.write_json(&mut *out, lang, explanations)?;
        std::mem::forget(report);
        out.write_all(b"\n")
    })))
}

/// What `check_streamed` did.
enum Streamed {
    /// The report, ready to write.
    Done(Output),
    /// The caseload gives its `as_of` only after its matters, and the command line none:
    /// the whole document, to be checked once read.
    Whole(Vec<u8>, String),
}

/// The least bytes of report entries `check` keeps in memory before spilling the rest.
const SPILL_LEAST: usize = 1 << 20;
/// The most bytes of report entries `check` keeps in memory before spilling the rest.
const SPILL_MOST: usize = 1 << 30;

/// `check FILE|-` with a JSON report: the caseload read a window at a time and checked on
/// `--threads` threads, each matter's entry of the report written as it is checked and
/// kept (in memory, then in an unlinked temporary file) until the summary before them is
/// known.
fn check_streamed(ctx: &Ctx, path: &str, policy: &Policy) -> Result<Streamed, CliError> {
    // Entries held in memory before the rest spill to a temporary file: as many bytes as
    // the caseload file has (at least 1 MiB, at most 1 GiB), else the default. Entries are
    // kept at about 0.19 times their input, so a generated caseload's all stay in memory up
    // to 1 GiB of entries, peak memory stays within twice the input, and it does not grow
    // with the input past that.
    let mut spill_threshold = StreamOptions::default().spill_threshold;
    let (input, name): (Box<dyn Read>, String) = if path == "-" {
        (
            Box::new(io::stdin().lock()),
            ctx.tr("标准输入".into(), "stdin".into()),
        )
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| read_error(ctx.lang, "事项清单", "caseload file", path, &e))?;
        if let Ok(meta) = file.metadata() {
            let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
            spill_threshold = size.clamp(SPILL_LEAST, SPILL_MOST);
        }
        (Box::new(file), path.to_owned())
    };
    let failed = |e: duban::Error| CliError::Failed(format!("{name}: {}", e.message(ctx.lang)));
    let reader = CaseloadReader::open(input).map_err(failed)?;
    if ctx.opts.as_of.is_none() && reader.as_of().is_none() {
        let bytes = reader
            .into_bytes()
            .map_err(|e| read_error(ctx.lang, "事项清单", "caseload file", path, &e))?;
        return Ok(Streamed::Whole(bytes, name));
    }
    let as_of = ctx.as_of(reader.as_of(), path)?;
    let cal = ctx.calendar()?;
    let options = StreamOptions {
        threads: ctx.opts.threads,
        language: ctx.lang,
        explanations: if ctx.opts.no_explain {
            Explanations::Omit
        } else {
            Explanations::Include(policy, &cal)
        },
        spill_threshold,
        ..StreamOptions::default()
    };
    let streamed = reader.check(policy, &cal, as_of, &options)?;
    Ok(Streamed::Done(Output::Stream(Box::new(
        move |out: &mut dyn Write| {
            streamed.write_json(&mut *out)?;
            out.write_all(b"\n")
        },
    ))))
}

/// `next FILE|- ID`: what may happen next to one matter, as JSON or as lines for people.
fn cmd_next(ctx: &Ctx) -> Result<String, CliError> {
    ctx.refuse_provisional()?;
    let [path, id] = ctx.args()?;
    let format = ctx.format(&["json", "table"])?;
    let policy = ctx.policy()?;
    let text = ctx.text(path, "事项清单", "caseload file")?;
    let cal = ctx.calendar()?;
    let next = duban::next_step(&text, id, ctx.opts.as_of, &policy, &cal, ctx.lang)
        .map_err(|e| CliError::Failed(format!("{}: {}", ctx.name(path), e.message(ctx.lang))))?;
    if format == "json" {
        let mut json = serde_json::json!({
            "state": next.state,
            "allowed": next.allowed,
            "open": next.open.iter().map(|o| serde_json::json!({
                "code": o.code, "due": o.due, "status": o.status,
            })).collect::<Vec<_>>(),
            "findings": next.findings,
        });
        if let (Some(on), Some(fields)) = (next.referred_on, json.as_object_mut()) {
            fields.insert("referred_on".into(), serde_json::json!(on));
        }
        return Ok(format!("{json}\n"));
    }
    let none = ctx.tr("无".into(), "none".into());
    let list = |items: Vec<String>| {
        if items.is_empty() {
            none.clone()
        } else {
            items.join(ctx.lang.pick("、", ", "))
        }
    };
    let mut out = String::new();
    let (state, allowed, open, findings, colon) = match ctx.lang {
        Language::Chinese => ("状态", "现在可以发生的事件", "未完成的义务", "问题", "："),
        _ => (
            "State",
            "Events allowed now",
            "Open obligations",
            "Findings",
            ": ",
        ),
    };
    out.push_str(&ctx.tr(
        format!("{}，截至 {}\n", next.id, next.as_of),
        format!("{}, as of {}\n", next.id, next.as_of),
    ));
    out.push_str(&format!("{state}{colon}{}\n", next.state_label));
    if let Some(on) = next.referred_on {
        out.push_str(&ctx.tr(
            format!("已移送执纪执法部门：{on}\n"),
            format!("Referred to the discipline and law enforcement bodies: {on}\n"),
        ));
    }
    out.push_str(&format!(
        "{allowed}{colon}{}\n",
        list(next.allowed_labels.clone())
    ));
    out.push_str(&format!(
        "{open}{colon}{}\n",
        list(
            next.open
                .iter()
                .map(|o| format!("{} {} {}", o.code, o.due, o.status_text))
                .collect()
        )
    ));
    out.push_str(&format!(
        "{findings}{colon}{}\n",
        list(next.finding_texts.clone())
    ));
    Ok(out)
}

/// `apply STATE EVENT`: the next stored state, or the error naming the state and event.
fn cmd_apply(ctx: &Ctx) -> Result<String, CliError> {
    ctx.refuse_provisional()?;
    let [state, event] = ctx.args()?;
    if state == "-" && event == "-" {
        return Err(CliError::Usage(ctx.tr(
            "apply 的 STATE 和 EVENT 不能都从标准输入读取".into(),
            "apply cannot read both STATE and EVENT from stdin".into(),
        )));
    }
    let state = ctx.json_arg(state, "流程状态", "state")?;
    let event = ctx.json_arg(event, "流程事件", "event")?;
    let kind = duban::stored_kind(&state)?;
    let (policy, cal) = (ctx.policy()?, ctx.calendar()?);
    Ok(format!(
        "{}\n",
        duban::apply_json_with(kind, &state, &event, &policy, &cal)?
    ))
}

/// `diff --policy A --policy B FILE|-`: what changes under B, as a table or JSON.
fn cmd_diff(ctx: &Ctx) -> Result<String, CliError> {
    ctx.refuse_provisional()?;
    let [path] = ctx.args()?;
    let format = ctx.format(&["table", "json"])?;
    let [a, b] = ctx.opts.policies.as_slice() else {
        return Err(CliError::Usage(ctx.tr(
            format!(
                "diff 需要两个 --policy（FILE 或 builtin），实际给了 {} 个（用法：duban {}）",
                ctx.opts.policies.len(),
                usage_line(ctx.command)
            ),
            format!(
                "diff takes exactly two --policy (FILE or builtin), got {} (usage: duban {})",
                ctx.opts.policies.len(),
                usage_line(ctx.command)
            ),
        )));
    };
    let (a, b) = (ctx.load_policy(a)?, ctx.load_policy(b)?);
    let caseload = ctx.caseload(path)?;
    let as_of = ctx.as_of(caseload.as_of(), path)?;
    let cal = ctx.calendar()?;
    let diff = duban::what_if(&caseload, &a, &b, &cal, as_of)?;
    if format == "table" {
        return Ok(diff.to_table(ctx.lang));
    }
    let mut json = serde_json::to_string_pretty(&diff).map_err(|e| {
        CliError::Failed(ctx.tr(
            format!("无法写出比较结果：{e}"),
            format!("cannot write the comparison: {e}"),
        ))
    })?;
    json.push('\n');
    Ok(json)
}

/// `calendar-ics FROM TO`: the rest days and make-up working days as an iCalendar file.
fn cmd_calendar_ics(ctx: &Ctx) -> Result<String, CliError> {
    ctx.refuse_provisional()?;
    let [from, to] = ctx.args()?;
    let (from, to) = (ctx.date(0, from)?, ctx.date(1, to)?);
    Ok(ctx.calendar()?.to_ics(from, to, ctx.lang)?)
}

/// `ics FILE|-`: the caseload's open deadlines as an iCalendar (RFC 5545) file.
fn cmd_ics(ctx: &Ctx) -> Result<String, CliError> {
    ctx.refuse_provisional()?;
    let [path] = ctx.args()?;
    let alarm = match ctx.opts.alarm.as_deref() {
        None => Some(duban::WorkingDays(3)),
        Some("none") => None,
        Some(n) => Some(duban::WorkingDays(n.parse().map_err(|_| {
            ctx.bad(
                "--alarm",
                format!("“{n}”不是有效的工作日数（应为非负整数或 none）"),
                format!("{n:?} is not a number of working days (a whole number >= 0, or none)"),
            )
        })?)),
    };
    let policy = ctx.policy()?;
    let caseload = ctx.caseload(path)?;
    let as_of = ctx.as_of(caseload.as_of(), path)?;
    let cal = ctx.calendar()?;
    let report = duban::check(&caseload, &policy, &cal, as_of)?;
    let options = duban::IcsOptions::new(ctx.lang).alarm(alarm);
    Ok(report.to_ics(&policy, &cal, options)?)
}

// ---------------------------------------------------------------------------------------
// Help

/// The command and its arguments, as the help's first column shows them.
fn command_line(command: &Command) -> String {
    let mut line = command.name.to_owned();
    for arg in command.args {
        line.push(' ');
        line.push_str(arg);
    }
    line
}

/// The whole usage of a command, with its options.
fn usage_line(command: &Command) -> String {
    let mut line = command_line(command);
    if !command.synopsis.is_empty() {
        line.push(' ');
        line.push_str(command.synopsis);
    }
    line
}

/// The day kinds, in the order the help lists them.
const KINDS: [DayKind; 7] = [
    DayKind::Workday,
    DayKind::MakeUpWorkday,
    DayKind::Weekend,
    DayKind::StatutoryHoliday,
    DayKind::ShiftedRestDay,
    DayKind::LocalRestDay,
    DayKind::LocalWorkday,
];

/// `duban help COMMAND` and `duban COMMAND --help`: its usage, what it does, its options,
/// and for `due` the kinds and triggers.
fn command_help(lang: Language, command: &Command) -> String {
    let zh = lang == Language::Chinese;
    let mut s = format!(
        "{}duban {}\n\n{}\n",
        if zh { "用法：" } else { "Usage: " },
        usage_line(command),
        if zh {
            command.summary_zh
        } else {
            command.summary_en
        }
    );
    if !command.options.is_empty() {
        s.push_str(if zh { "\n选项：\n" } else { "\nOptions:\n" });
        for o in COMMAND_OPTIONS
            .iter()
            .filter(|o| command.options.contains(&o.name))
        {
            let name = match o.value {
                Some(v) => format!("{} {v}", o.name),
                None => o.name.to_owned(),
            };
            let about = if zh { o.help_zh } else { o.help_en };
            s.push_str(&format!("  {name:<20}  {about}\n"));
        }
    }
    if command.name == "due" {
        s.push_str(if zh {
            "\nKIND 与 TRIGGER（D1-D7 见安政办发〔2020〕1号）：\n"
        } else {
            "\nKIND and TRIGGER (D1-D7 of 安政办发〔2020〕1号):\n"
        });
        for (kind, trigger, about_zh, about_en) in DUE_KINDS {
            let about = if zh { about_zh } else { about_en };
            s.push_str(&format!("  {:<28}  {about}\n", format!("{kind} {trigger}")));
        }
    }
    s.push_str(if zh {
        "\n全局选项（--lang、--notice、--notices-dir、--known-on、--provisional）与退出码见 duban --help。\n"
    } else {
        "\nGlobal options (--lang, --notice, --notices-dir, --known-on, --provisional) and exit statuses: see duban --help.\n"
    });
    s
}

fn help(lang: Language) -> String {
    let zh = lang == Language::Chinese;
    let coverage = Calendar::china()
        .coverage()
        .iter()
        .map(|(a, b)| format!("{a}..={b}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = String::new();
    if zh {
        s.push_str(
            "duban（督办）：中国大陆官方工作日历（国务院办公厅节假日安排通知）与\n\
             安政办发〔2020〕1号规定事项的截止日期\n\n",
        );
        s.push_str("用法：duban [选项] 命令 [参数]\n\n命令：\n");
    } else {
        s.push_str(
            "duban (督办): the official working-day calendar of mainland China \
             (State Council holiday notices),\nand the deadlines of 安政办发〔2020〕1号\n\n",
        );
        s.push_str("Usage: duban [OPTIONS] COMMAND [ARGS]\n\nCommands:\n");
    }
    for c in COMMANDS {
        let summary = if zh { c.summary_zh } else { c.summary_en };
        s.push_str(&format!("  {:<24}  {summary}\n", command_line(c)));
        if !c.synopsis.is_empty() {
            s.push_str(&format!("      {}\n", c.synopsis));
        }
    }
    s.push_str(&format!(
        "  {:<24}  {}\n\n",
        "help [COMMAND]",
        if zh {
            "显示本说明，或某个命令的说明（同 COMMAND --help）"
        } else {
            "this text, or the help of one command (as COMMAND --help)"
        }
    ));
    s.push_str(if zh {
        "due 的 KIND 与 TRIGGER（D1-D7 见安政办发〔2020〕1号）：\n"
    } else {
        "KIND and TRIGGER of due (D1-D7 of 安政办发〔2020〕1号):\n"
    });
    for (kind, trigger, about_zh, about_en) in DUE_KINDS {
        let about = if zh { about_zh } else { about_en };
        s.push_str(&format!("  {:<28}  {about}\n", format!("{kind} {trigger}")));
    }
    s.push_str(if zh {
        "\ndue 的第一行只有截止日期（YYYY-MM-DD）；--explain 在其后输出条文、规则、各种理解下的日期\n\
         和最早日期。触发日期早于政策施行日期，或结果超出已加载的通知范围，均为错误（退出码 1）。\n\n\
         命令选项：\n"
    } else {
        "\nThe first line of due is the due date alone (YYYY-MM-DD); --explain adds the article,\n\
         the rule, the date under each reading and the earliest. A trigger before the policy is\n\
         in force, or a result outside the loaded notices, is an error (exit status 1).\n\n\
         Command options:\n"
    });
    for o in COMMAND_OPTIONS {
        let name = match o.value {
            Some(v) => format!("{} {v}", o.name),
            None => o.name.to_owned(),
        };
        let about = if zh { o.help_zh } else { o.help_en };
        s.push_str(&format!("  {name:<20}  {about}\n"));
    }
    s.push_str(if zh {
        "\ncheck 读取 duban-caseload/1 文档（schema/caseload-1.schema.json），输出 duban-report/1\n\
         （schema/report-1.schema.json）。文档整体无效时报错（退出码 1）；单个事项的错误写在报告的\n\
         errors 中，退出码仍为 0。政策文件格式见 examples/data/policy-*.json，未写出的参数取\n\
         安政办发〔2020〕1号的值。\n\n"
    } else {
        "\ncheck reads a duban-caseload/1 document (schema/caseload-1.schema.json) and writes\n\
         duban-report/1 (schema/report-1.schema.json). A document that is not a caseload is an\n\
         error (exit status 1); errors in single matters are part of the report (exit status 0).\n\
         Policy files look like examples/data/policy-*.json; parameters left out keep the\n\
         values of 安政办发〔2020〕1号.\n\n"
    });
    if zh {
        s.push_str(
            "calendar 与 day 每日输出一行，以制表符分隔：\n  \
             日期  workday|restday  类型  节日名称  通知文号\n\
             节日名称与通知文号缺省时为 -。类型为：\n",
        );
    } else {
        s.push_str(
            "calendar and day print one line per date, tab-separated:\n  \
             DATE  workday|restday  KIND  HOLIDAY  NOTICE\n\
             HOLIDAY is the holiday's name and NOTICE the 文号 of the notice that set\n\
             the day, or - for none. KIND is one of:\n",
        );
    }
    for kind in KINDS {
        s.push_str(&format!("  {:<18}  {}\n", kind.code(), kind.label(lang)));
    }
    if zh {
        s.push_str(&format!(
            "\n选项（可放在命令前或后）：\n\
             \x20 --lang zh|en      错误信息与说明的语言（默认 zh）\n\
             \x20 --notice FILE     加载一份节假日通知文件（下一年的通知、更正或地方调整），可重复\n\
             \x20 --notices-dir DIR 加载目录 DIR 中的全部通知文件（*.txt）；未给出时读取环境变量\n\
             \x20                   DUBAN_NOTICES_DIR\n\
             \x20 --known-on DATE   按 DATE 当日已公布的通知计算（审计用）\n\
             \x20 --provisional     calendar、day、add-workdays、workdays-between：对尚无通知的 2027、\n\
             \x20                   2028 年按《全国年节及纪念日放假办法》法定节假日暂定计算（不含调休、\n\
             \x20                   补假），每个结果末列注明 confirmed（已确定）或 provisional（暂定）\n\
             \x20 -h, --help        显示本说明\n\
             \x20 -V, --version     显示版本与内置日历范围\n\n\
             日期格式为 YYYY-MM-DD。内置通知覆盖 {coverage}；超出已加载通知范围的日期\n\
             （或计算结果）一律报错，绝不按周末猜测：请用 --notice 加载新的通知。\n\
             通知文件格式（每行一条，# 后为注释）：\n\
             \x20 notice 县政办发〔2026〕5号\n\
             \x20 signed 2026-04-20\n\
             \x20 scope  local\n\
             \x20 holiday 建城纪念日 2026-05-11\n\
             \x20 workday 2026-05-16 建城纪念日\n\n\
             结果写到标准输出。出错时在标准错误输出一行说明，标准输出为空：用法错误（命令、选项、\n\
             参数个数，日期、数字或 TRIGGER 格式）退出码为 2，其他错误（超出范围、结束日早于\n\
             开始日、早于政策施行日期，通知、政策或事项清单文件无法读取等）退出码为 1。\n\
             coverage --warn-within 预警时照常输出结果，另在标准错误输出一行警告，退出码为 3。\n"
        ));
    } else {
        s.push_str(&format!(
            "\nOptions (before or after the command):\n\
             \x20 --lang zh|en      language of messages and labels (default zh)\n\
             \x20 --notice FILE     load a holiday notice file (next year's notice, a correction,\n\
             \x20                   a local adjustment); repeatable\n\
             \x20 --notices-dir DIR load every notice file (*.txt) of DIR; default: the directory\n\
             \x20                   named by the environment variable DUBAN_NOTICES_DIR\n\
             \x20 --known-on DATE   use only the notices published by DATE (for audits)\n\
             \x20 --provisional     calendar, day, add-workdays, workdays-between: answer for 2027\n\
             \x20                   and 2028, which have no notice yet, from the statutory holidays\n\
             \x20                   alone (no make-up or substitute days); every result ends with a\n\
             \x20                   column `confirmed` or `provisional`\n\
             \x20 -h, --help        this text\n\
             \x20 -V, --version     the version and the embedded calendar's range\n\n\
             Dates are YYYY-MM-DD. The embedded notices cover {coverage}. A date (or a\n\
             result) outside the loaded notices is an error, never a guess: load the new\n\
             notice with --notice. A notice file has one directive a line (# starts a comment):\n\
             \x20 notice 县政办发〔2026〕5号\n\
             \x20 signed 2026-04-20\n\
             \x20 scope  local\n\
             \x20 holiday 建城纪念日 2026-05-11\n\
             \x20 workday 2026-05-16 建城纪念日\n\n\
             Results go to stdout. An error is one line on stderr and nothing on stdout, with\n\
             exit status 2 for a usage error (command, option, number of arguments, malformed\n\
             date, number or TRIGGER) and 1 for any other (outside coverage, TO before FROM, a\n\
             trigger before the policy is in force, an unreadable notice, policy or caseload\n\
             file...). coverage --warn-within prints its answer and, when it raises its alarm,\n\
             a warning on stderr, with exit status 3.\n"
        ));
    }
    s
}
