//! `duban`: the official working-day calendar of mainland China from the command line, for
//! people and shell scripts.
//!
//! ```text
//! cargo run --example duban -- calendar 2026-09-20 2026-10-12
//! cargo run --example duban -- --lang en add-workdays 2023-09-20 30
//! cargo run --example duban -- --help
//! ```
//!
//! Results go to stdout. An error is one line on stderr and a non-zero exit status: 2 for a
//! usage error (unknown command, wrong number of arguments, a malformed date or number), 1 for
//! any other (a date outside the loaded notices, an unreadable notice file...). It never
//! panics.
//!
//! To add a subcommand: write a `fn cmd_xxx(ctx: &Ctx) -> Result<String, CliError>` and add
//! one entry to [`COMMANDS`]; dispatch, argument counting and `--help` follow from the table.

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use duban::{Calendar, CalendarBuilder, Day, DayKind, Language};

/// The longest range `calendar` prints: 100 years of days.
const MAX_RANGE_DAYS: i64 = 36_525;

fn main() -> ExitCode {
    // `args_os` rather than `args`: an argument that is not UTF-8 must be an error, not a panic.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = language_of(&args);
    match run(&args) {
        Ok(text) => write_stdout(&text, lang),
        Err(err) => {
            report(&err.message(lang), lang);
            err.exit_code()
        }
    }
}

// ---------------------------------------------------------------------------------------
// Errors and output

/// Why a run failed.
#[derive(Debug)]
enum CliError {
    /// The command line itself is wrong (exit status 2). The message is already localized.
    Usage(String),
    /// The library refused (exit status 1).
    Lib(duban::Error),
    /// Anything else that is not the caller's syntax (exit status 1): an unreadable notice
    /// file, a range too long to print. The message is already localized.
    Failed(String),
}

impl CliError {
    fn message(&self, lang: Language) -> String {
        match self {
            CliError::Usage(m) | CliError::Failed(m) => m.clone(),
            CliError::Lib(e) => e.message(lang).to_owned(),
        }
    }

    fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            CliError::Lib(_) | CliError::Failed(_) => ExitCode::from(1),
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

/// Writes the result to stdout through a locked, buffered writer. A closed pipe
/// (`duban calendar ... | head`) ends the program quietly and successfully.
fn write_stdout(text: &str, lang: Language) -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(
                &tr(
                    lang,
                    format!("无法写出结果：{e}"),
                    format!("cannot write output: {e}"),
                ),
                lang,
            );
            ExitCode::from(1)
        }
    }
}

// ---------------------------------------------------------------------------------------
// The command table

/// A subcommand: its name, its arguments as shown in the help, a one-line summary in each
/// language, and the function that runs it.
struct Command {
    name: &'static str,
    args: &'static [&'static str],
    summary_zh: &'static str,
    summary_en: &'static str,
    run: fn(&Ctx) -> Result<String, CliError>,
}

/// Every subcommand, in the order the help lists them.
const COMMANDS: &[Command] = &[
    Command {
        name: "calendar",
        args: &["FROM", "TO"],
        summary_zh: "逐日列出 FROM 至 TO（含两端）的日期，每日一行",
        summary_en: "one line per date from FROM to TO, both included",
        run: cmd_calendar,
    },
    Command {
        name: "day",
        args: &["DATE"],
        summary_zh: "DATE 这一天，格式同 calendar",
        summary_en: "the one line of DATE, as calendar prints it",
        run: cmd_day,
    },
    Command {
        name: "add-workdays",
        args: &["DATE", "N"],
        summary_zh: "DATE 之后第 N 个工作日（N<0 为之前，N=0 为 DATE 本身）",
        summary_en: "the N-th working day after DATE (N < 0: before it; 0: DATE)",
        run: cmd_add_workdays,
    },
    Command {
        name: "workdays-between",
        args: &["A", "B"],
        summary_zh: "A（不含）至 B（含）的工作日数；B 早于 A 时为负",
        summary_en: "working days in (A, B]; negative if B is before A",
        run: cmd_workdays_between,
    },
];

/// What a subcommand gets: the global options, and its own arguments.
struct Ctx<'a> {
    lang: Language,
    command: &'static Command,
    args: &'a [String],
    notices: &'a [String],
    known_on: Option<NaiveDate>,
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

    /// The calendar to answer with: the embedded national notices, plus each `--notice`
    /// file, as known on `--known-on` if given.
    fn calendar(&self) -> Result<Calendar, CliError> {
        let mut cal = if self.notices.is_empty() {
            Calendar::china()
        } else {
            let mut builder = CalendarBuilder::china();
            for path in self.notices {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    CliError::Failed(tr(
                        self.lang,
                        format!("无法读取节假日通知文件 {path}：{e}"),
                        format!("cannot read notice file {path}: {e}"),
                    ))
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
    notices: Vec<String>,
    known_on: Option<NaiveDate>,
    /// The command and its arguments.
    positional: Vec<String>,
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
        match name {
            "-h" | "--help" if inline.is_none() => opts.help = true,
            "--lang" | "--notice" | "--known-on" => {
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
fn run(args: &[String]) -> Result<String, CliError> {
    let opts = parse_options(args, language_of(args))?;
    let lang = opts.lang;
    if opts.help {
        return Ok(help(lang));
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
            [] => Ok(help(lang)),
            _ => Err(CliError::Usage(tr(
                lang,
                "help 不接受参数".into(),
                "help takes no arguments".into(),
            ))),
        };
    }
    let Some(command) = COMMANDS.iter().find(|c| c.name == name) else {
        return Err(CliError::Usage(tr(
            lang,
            format!("未知的命令“{name}”（见 duban --help）"),
            format!("unknown command {name:?} (see duban --help)"),
        )));
    };
    let ctx = Ctx {
        lang,
        command,
        args: rest,
        notices: &opts.notices,
        known_on: opts.known_on,
    };
    (command.run)(&ctx)
}

// ---------------------------------------------------------------------------------------
// Subcommands

/// `DATE<TAB>workday|restday<TAB>KIND<TAB>HOLIDAY|-<TAB>NOTICE|-`
fn day_line(day: &Day<'_>) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\n",
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

fn cmd_calendar(ctx: &Ctx) -> Result<String, CliError> {
    let [from, to] = ctx.args()?;
    let (from, to) = (ctx.date(0, from)?, ctx.date(1, to)?);
    let cal = ctx.calendar()?;
    // `days` checks the order and the coverage of the whole range before yielding anything.
    let days = cal.days(from, to)?;
    if (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(CliError::Failed(tr(
            ctx.lang,
            format!("日期范围 {from}..{to} 超过 100 年，请分段查询"),
            format!("range {from}..{to} is longer than 100 years; ask for it in parts"),
        )));
    }
    Ok(days.map(|day| day_line(&day)).collect())
}

fn cmd_day(ctx: &Ctx) -> Result<String, CliError> {
    let [date] = ctx.args()?;
    let date = ctx.date(0, date)?;
    let cal = ctx.calendar()?;
    let day = cal.day(date)?;
    Ok(day_line(&day))
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
    let cal = ctx.calendar()?;
    Ok(format!("{}\n", cal.add_workdays(date, n)?))
}

fn cmd_workdays_between(ctx: &Ctx) -> Result<String, CliError> {
    let [a, b] = ctx.args()?;
    let (a, b) = (ctx.date(0, a)?, ctx.date(1, b)?);
    let cal = ctx.calendar()?;
    Ok(format!("{}\n", cal.workdays_between(a, b)?))
}

// ---------------------------------------------------------------------------------------
// Help

fn usage_line(command: &Command) -> String {
    let mut line = command.name.to_owned();
    for arg in command.args {
        line.push(' ');
        line.push_str(arg);
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
        s.push_str("duban（督办）：中国大陆官方工作日历（国务院办公厅节假日安排通知）\n\n");
        s.push_str("用法：duban [选项] 命令 [参数]\n\n命令：\n");
    } else {
        s.push_str(
            "duban (督办): the official working-day calendar of mainland China \
             (State Council holiday notices)\n\n",
        );
        s.push_str("Usage: duban [OPTIONS] COMMAND [ARGS]\n\nCommands:\n");
    }
    for c in COMMANDS {
        let summary = if zh { c.summary_zh } else { c.summary_en };
        s.push_str(&format!("  {:<24}  {summary}\n", usage_line(c)));
    }
    s.push_str(&format!(
        "  {:<24}  {}\n\n",
        "help",
        if zh { "显示本说明" } else { "this text" }
    ));
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
             \x20 --known-on DATE   按 DATE 当日已公布的通知计算（审计用）\n\
             \x20 -h, --help        显示本说明\n\n\
             日期格式为 YYYY-MM-DD。内置通知覆盖 {coverage}；超出已加载通知范围的日期\n\
             （或计算结果）一律报错，绝不按周末猜测：请用 --notice 加载新的通知。\n\
             通知文件格式（每行一条，# 后为注释）：\n\
             \x20 notice 县政办发〔2026〕5号\n\
             \x20 signed 2026-04-20\n\
             \x20 scope  local\n\
             \x20 holiday 建城纪念日 2026-05-11\n\
             \x20 workday 2026-05-16 建城纪念日\n\n\
             结果写到标准输出。出错时在标准错误输出一行说明：用法错误（命令、参数个数、\n\
             日期或数字格式）退出码为 2，其他错误（超出范围、结束日早于开始日、通知文件\n\
             无法读取等）退出码为 1。\n"
        ));
    } else {
        s.push_str(&format!(
            "\nOptions (before or after the command):\n\
             \x20 --lang zh|en      language of messages and labels (default zh)\n\
             \x20 --notice FILE     load a holiday notice file (next year's notice, a correction,\n\
             \x20                   a local adjustment); repeatable\n\
             \x20 --known-on DATE   use only the notices published by DATE (for audits)\n\
             \x20 -h, --help        this text\n\n\
             Dates are YYYY-MM-DD. The embedded notices cover {coverage}. A date (or a\n\
             result) outside the loaded notices is an error, never a guess: load the new\n\
             notice with --notice. A notice file has one directive a line (# starts a comment):\n\
             \x20 notice 县政办发〔2026〕5号\n\
             \x20 signed 2026-04-20\n\
             \x20 scope  local\n\
             \x20 holiday 建城纪念日 2026-05-11\n\
             \x20 workday 2026-05-16 建城纪念日\n\n\
             Results go to stdout. An error is one line on stderr, with exit status 2 for a\n\
             usage error (command, number of arguments, malformed date or number) and 1 for\n\
             any other (outside coverage, TO before FROM, unreadable notice file...).\n"
        ));
    }
    s
}
