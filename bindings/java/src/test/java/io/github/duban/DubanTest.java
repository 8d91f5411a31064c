package io.github.duban;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Java binding's tests, a plain runner (no JUnit at hand offline): every conformance case
 * (conformance/cases.json flattened by ffi/tests/c/flatten_cases.py), then the API's own
 * checks: nulls, bad dates, closed handles, batches, 8 threads on one calendar. Run from the
 * repository root: {@code java -cp ... io.github.duban.DubanTest target/c/cases.tsv}.
 */
public final class DubanTest {
    private static int checks;
    private static final List<String> failures = new ArrayList<String>();

    private static void check(boolean ok, String what) {
        checks++;
        if (!ok) {
            failures.add(what);
            System.err.println("FAIL " + what);
        }
    }

    private static void eq(Object got, Object want, String what) {
        check(got == null ? want == null : got.equals(want), what + ": got " + got + ", expected " + want);
    }

    interface Call {
        Object run();
    }

    /** The kind of error {@code call} throws, or "ok: <result>" when it does not. */
    private static String kindOf(Call call) {
        try {
            return "ok: " + call.run();
        } catch (DubanException e) {
            check(!e.message(Language.CHINESE).isEmpty() && !e.getMessage().isEmpty(), "messages of " + e.kind());
            return e.kind();
        }
    }

    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** A date of the cases, or null when the text is not one (the case then expects invalid_input). */
    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s, STRICT);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String read(String path) throws IOException {
        return new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
    }

    private static Calendar calendarOf(String spec) throws IOException {
        if (spec.equals("-")) {
            return Calendar.china();
        }
        Calendar.Builder b = Calendar.builder();
        if (spec.startsWith("notices=")) {
            for (String p : spec.substring(8).split(",")) {
                b.notice(read(p));
            }
        } else if (spec.startsWith("known_on=")) {
            b.knownOn(LocalDate.parse(spec.substring(9)));
        } else if (spec.equals("provisional")) {
            b.provisional(true);
        }
        return b.build();
    }

    private static Policy policyOf(String spec) throws IOException {
        return spec.equals("-") || spec.equals("builtin") ? null : Policy.fromJson(read(spec));
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static void calCase(String[] f) throws IOException {
        final String op = f[2], a1 = f[3], a2 = f[4], expect = f[5];
        final Calendar cal = calendarOf(f[1]);
        try {
            String got;
            if (op.startsWith("last_workday_of_")) {
                got = kindOf(new Call() {
                    public Object run() {
                        if (op.endsWith("month")) {
                            String[] p = a1.split("-");
                            int m = Integer.parseInt(p[1]);
                            if (m < 1 || m > 12) {
                                // YearMonth cannot hold month 13: the binding's type refuses it first.
                                throw new DubanException(2, "invalid_input", "bad month " + a1, "月份无效 " + a1);
                            }
                            return cal.lastWorkdayOfMonth(YearMonth.of(Integer.parseInt(p[0]), m));
                        } else if (op.endsWith("quarter")) {
                            String[] p = a1.split("-Q");
                            return cal.lastWorkdayOfQuarter(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
                        }
                        return cal.lastWorkdayOfYear(Integer.parseInt(a1));
                    }
                });
            } else {
                final LocalDate d = date(a1);
                final LocalDate d2 = op.equals("workdays_between") ? date(a2) : d;
                if (d == null || d2 == null) {
                    eq("invalid_input", expect.substring(1), op + " " + a1 + " (not a date)");
                    return;
                }
                got = kindOf(new Call() {
                    public Object run() {
                        if (op.equals("is_workday")) {
                            return cal.isWorkday(d) ? "1" : "0";
                        } else if (op.equals("day")) {
                            Day day = cal.day(d);
                            check(day.date().equals(d), "day.date");
                            return day.kind().code() + "|" + (day.isWorkday() ? 1 : 0) + "|" + dash(day.holiday()) + "|"
                                    + dash(day.notice()) + "|" + (day.isProvisional() ? 1 : 0);
                        } else if (op.equals("add_workdays")) {
                            return cal.addWorkdays(d, Integer.parseInt(a2));
                        } else if (op.equals("workdays_between")) {
                            return cal.workdaysBetween(d, d2);
                        } else if (op.equals("next_workday")) {
                            return cal.nextWorkday(d);
                        } else if (op.equals("previous_workday")) {
                            return cal.previousWorkday(d);
                        } else if (op.equals("workday_on_or_after")) {
                            return cal.workdayOnOrAfter(d);
                        } else if (op.equals("workday_on_or_before")) {
                            return cal.workdayOnOrBefore(d);
                        }
                        throw new IllegalArgumentException(op);
                    }
                });
            }
            String want = expect.startsWith("!") ? expect.substring(1) : "ok: " + expect;
            eq(got, want, op + " " + a1 + " " + a2 + " [" + f[1] + "]");
        } finally {
            cal.close();
        }
    }

    private static void dueCase(String[] f) throws IOException {
        final Calendar cal = calendarOf(f[1]);
        final Policy policy = policyOf(f[2]);
        final String kind = f[3], trigger = f[4], meeting = f[5].equals("-") ? null : f[5];
        String expect = f[6];
        try {
            final Deadline[] d = new Deadline[1];
            String got = kindOf(new Call() {
                public Object run() {
                    d[0] = Duban.due(kind, trigger, meeting, policy, cal);
                    return "";
                }
            });
            if (d[0] == null) {
                eq(got, expect.substring(1), "due " + kind + " " + trigger);
                return;
            }
            Deadline dl = d[0];
            StringBuilder r = new StringBuilder();
            for (Reading x : dl.readings()) {
                r.append(r.length() == 0 ? "" : ",").append(x.reading()).append(':').append(x.date()).append(':')
                        .append(x.chosen() ? 1 : 0);
            }
            String line = dl.due() + "|" + dl.earliest() + "|" + dl.code() + "|" + dl.kind() + "|" + r + "|"
                    + (dl.rolledFrom() == null ? "-" : dl.rolledFrom().toString());
            eq(line, expect, "due " + kind + " " + trigger);
            eq(dl.explain(Language.CHINESE), unescape(f[7]), "zh explanation of " + kind + " " + trigger);
            eq(dl.explain(Language.ENGLISH), unescape(f[8]), "en explanation of " + kind + " " + trigger);
            check(dl.toJson().contains("\"due\":\"" + dl.due() + "\""), "deadline JSON");
            dl.close();
        } finally {
            cal.close();
            if (policy != null) {
                policy.close();
            }
        }
    }

    private static byte[] source(String s) throws IOException {
        return s.startsWith("file:") ? Files.readAllBytes(Paths.get(s.substring(5)))
                : unescape(s.substring(5)).getBytes(StandardCharsets.UTF_8);
    }

    private static void reportCase(final String[] f, boolean whatIf) throws IOException {
        final byte[] doc = source(f[1]);
        final LocalDate asOf = f[2].equals("-") ? null : LocalDate.parse(f[2]);
        String expect = whatIf ? f[5] : f[6];
        String got;
        if (whatIf) {
            final Policy a = policyOf(f[3]), b = policyOf(f[4]);
            got = kindOf(new Call() {
                public Object run() {
                    return Duban.whatIf(doc, asOf, a, b, null);
                }
            });
        } else {
            final Policy p = policyOf(f[3]);
            final Language lang = f[4].equals("en") ? Language.ENGLISH : Language.CHINESE;
            final boolean explain = f[5].equals("1");
            got = kindOf(new Call() {
                public Object run() {
                    return Duban.check(doc, asOf, p, null, lang, explain);
                }
            });
        }
        String want = expect.startsWith("!") ? expect.substring(1) : "ok: " + read(expect);
        check(got.equals(want), (whatIf ? "what_if " : "check ") + f[1].substring(0, Math.min(60, f[1].length()))
                + ": " + (expect.startsWith("!") ? "got " + got + ", expected " + expect : "report differs from " + expect));
    }

    private static void loadCase(final String[] f) {
        final String text = unescape(f[2]);
        String got = kindOf(new Call() {
            public Object run() {
                if (f[1].equals("policy")) {
                    Policy.fromJson(text).close();
                } else {
                    Calendar.builder().notice(text).build().close();
                }
                return "";
            }
        });
        eq(got, f[3].equals("ok") ? "ok: " : f[3].substring(1), "load " + f[1]);
    }

    /** An answer of a workflow case: the exact text, or the error's kind and both messages. */
    private static void workflowCase(String what, Call call, String expect, String zh, String en) {
        try {
            String got = (String) call.run();
            eq(got, expect, what);
        } catch (DubanException e) {
            eq("!" + e.kind(), expect, what + ": kind");
            eq(e.message(Language.CHINESE), zh, what + ": Chinese message");
            eq(e.message(Language.ENGLISH), en, what + ": English message");
        }
    }

    private static void applyCase(final String[] f) {
        final String state = unescape(f[1]), event = unescape(f[2]);
        workflowCase("apply " + event + " to " + state, new Call() {
            public Object run() {
                return Duban.apply(state, event);
            }
        }, unescape(f[3]), unescape(f[4]), unescape(f[5]));
    }

    private static void nextCase(final String[] f) throws IOException {
        final String doc = new String(source(f[1]), StandardCharsets.UTF_8);
        final String id = unescape(f[2]);
        final LocalDate asOf = f[3].equals("-") ? null : LocalDate.parse(f[3]);
        final Language lang = f[4].equals("en") ? Language.ENGLISH : Language.CHINESE;
        workflowCase("next " + id + " " + f[3], new Call() {
            public Object run() {
                return Duban.next(doc, id, asOf, null, null, lang);
            }
        }, unescape(f[5]), unescape(f[6]), unescape(f[7]));
    }

    private static void api() throws Exception {
        final Calendar cal = Calendar.china();
        // The README's examples.
        eq(cal.addWorkdays(LocalDate.of(2023, 9, 20), 30), LocalDate.of(2023, 11, 7), "D1 over National Day");
        Day oct7 = cal.day(LocalDate.of(2023, 10, 7));
        eq(oct7.kind(), DayKind.MAKE_UP_WORKDAY, "2023-10-07 kind");
        eq(oct7.notice(), "国办发明电〔2022〕16号", "2023-10-07 notice");
        eq(cal.lastWorkdayOfMonth(YearMonth.of(2022, 1)), LocalDate.of(2022, 1, 30), "January 2022");
        Deadline plan = Duban.due("rectification-plan", "2023-09-27");
        eq(plan.due(), LocalDate.of(2023, 10, 7), "D6");
        eq(plan.readings().get(1).date(), LocalDate.of(2023, 10, 10), "D6 five working days");
        check(plan.explain(Language.CHINESE).startsWith("截止日期：2023-10-07"), "zh explanation");
        plan.close();
        // Errors carry their kind and both messages.
        try {
            cal.isWorkday(LocalDate.of(2027, 1, 4));
            check(false, "2027 must be outside coverage");
        } catch (DubanException e) {
            eq(e.kind(), "outside_coverage", "kind");
            check(e.getMessage().contains("2027-01-04") && e.message(Language.CHINESE).contains("2027-01-04"),
                    "messages name the date");
        }
        // Nulls are errors, not crashes.
        eq(kindOf(new Call() { public Object run() { return cal.isWorkday((LocalDate) null); } }), "invalid_input", "null date");
        eq(kindOf(new Call() { public Object run() { return Duban.due(null, "2023-09-20"); } }), "invalid_input", "null kind");
        eq(kindOf(new Call() { public Object run() { return Duban.due("monthly-report", null); } }), "invalid_input", "null trigger");
        eq(kindOf(new Call() { public Object run() { return Duban.check(null); } }), "invalid_input", "null caseload");
        eq(kindOf(new Call() { public Object run() { return Policy.fromJson(null); } }), "invalid_input", "null policy");
        eq(kindOf(new Call() { public Object run() { return Calendar.builder().notice(null).build(); } }), "invalid_input", "null notice");
        eq(kindOf(new Call() { public Object run() { return Duban.check("{\"schema\": \"duban-caseload/1\", \"matt"); } }),
                "invalid_caseload", "truncated caseload");
        eq(kindOf(new Call() { public Object run() { return cal.addWorkdays(LocalDate.of(9999, 1, 1), 1); } }),
                "outside_coverage", "year 9999");
        eq(kindOf(new Call() { public Object run() { return cal.addWorkdays(LocalDate.MAX, 1); } }), "invalid_input", "LocalDate.MAX");
        // Batches agree with single calls; the first bad element is named.
        LocalDate[] days = new LocalDate[2500];
        for (int i = 0; i < days.length; i++) {
            days[i] = LocalDate.of(2020, 1, 1).plusDays(i);
        }
        LocalDate[] batch = cal.addWorkdays(days, 10);
        boolean[] work = cal.isWorkday(days);
        int[] between = cal.workdaysBetween(days, batch);
        boolean same = true;
        for (int i = 0; i < days.length; i += 7) {
            same &= batch[i].equals(cal.addWorkdays(days[i], 10)) && work[i] == cal.isWorkday(days[i]) && between[i] == 10;
        }
        check(same, "batches agree with single calls");
        LocalDate[] due = Duban.dueBatch("monthly-report", new LocalDate[] {LocalDate.of(2022, 1, 15)}, null, null);
        eq(due[0], LocalDate.of(2022, 1, 30), "monthly report batch");
        try {
            cal.addWorkdays(new LocalDate[] {LocalDate.of(2023, 1, 3), LocalDate.of(2026, 12, 31)}, 1);
            check(false, "batch past coverage must fail");
        } catch (DubanException e) {
            check(e.getMessage().startsWith("element 1: "), "batch error names the element: " + e.getMessage());
        }
        // 8 threads on one calendar give the serial answers.
        final int[] start = new int[2400];
        for (int i = 0; i < start.length; i++) {
            start[i] = (int) LocalDate.of(2020, 1, 1).toEpochDay() + i;
        }
        final int[] serial = new int[start.length];
        for (int i = 0; i < start.length; i++) {
            serial[i] = cal.addWorkdays(start[i], 20);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<Future<Boolean>>();
        for (int t = 0; t < 8; t++) {
            results.add(pool.submit(new Callable<Boolean>() {
                public Boolean call() {
                    for (int i = 0; i < start.length; i++) {
                        if (cal.addWorkdays(start[i], 20) != serial[i]) {
                            return false;
                        }
                    }
                    return java.util.Arrays.equals(cal.addWorkdays(start, 20), serial);
                }
            }));
        }
        for (Future<Boolean> r : results) {
            check(r.get(), "thread answers");
        }
        pool.shutdown();
        // A closed handle refuses, it does not crash.
        Calendar closed = Calendar.china();
        closed.close();
        closed.close();
        try {
            closed.isWorkday(LocalDate.of(2023, 1, 3));
            check(false, "closed calendar must refuse");
        } catch (IllegalStateException e) {
            check(true, "closed");
        }
        // Handles left to the garbage collector are released (no crash, no growth).
        for (int i = 0; i < 20000; i++) {
            Calendar.china();
            Duban.due("year-end-summary", "2023");
        }
        System.gc();
        // Provisional and as-known-on calendars.
        Calendar then = cal.asKnownOn(LocalDate.of(2020, 1, 20));
        check(then.isWorkday(LocalDate.of(2020, 2, 1)), "before the 2020 extension");
        Calendar prov = cal.withProvisional();
        check(prov.day(LocalDate.of(2027, 2, 5)).isProvisional(), "provisional day");
        then.close();
        prov.close();
        Policy p = Policy.builtin();
        check(p.toJson().contains("duban-policy/1"), "policy JSON");
        p.close();
        check(Duban.version().matches("\\d+\\.\\d+\\.\\d+.*"), "version");
        cal.close();
        workflows();
    }

    /** One event and one matter at a time: apply and next. */
    private static void workflows() {
        final String awaiting = "{\"schema\":\"duban-state/1\",\"kind\":\"report\",\"state\":{\"state\":\"awaiting\"}}";
        String submitted = Duban.apply(awaiting, "{\"event\":\"submit\",\"on\":\"2024-03-28\"}");
        check(submitted.contains("\"state\":{\"state\":\"submitted\""), "apply submit: " + submitted);
        try {
            Duban.apply(awaiting, "{\"event\":\"accept\",\"on\":\"2024-03-28\"}");
            check(false, "accept before submit must fail");
        } catch (DubanException e) {
            eq(e.kind(), "illegal_transition", "accept before submit");
            check(e.message(Language.CHINESE).contains("待报送"), "zh names the state");
        }
        String doc = "{\"schema\":\"duban-caseload/1\",\"as_of\":\"2023-10-31\",\"matters\":[{\"id\":\"YB-1\","
                + "\"kind\":\"monthly_report\",\"unit\":\"u\",\"sector\":\"s\",\"month\":\"2023-10\","
                + "\"events\":[{\"event\":\"submit\",\"on\":\"2023-10-30\"}]}]}";
        String next = Duban.next(doc, "YB-1", null, null, null, Language.ENGLISH);
        check(next.contains("\"allowed\":[\"return\",\"accept\"]"), "next: " + next);
        eq(kindOf(new Call() { public Object run() { return Duban.apply(null, null); } }), "invalid_input", "null state");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DubanTest CASES.tsv (run from the repository root)");
            System.exit(2);
        }
        int cases = 0;
        for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            cases++;
            if (f[0].equals("cal")) {
                calCase(f);
            } else if (f[0].equals("due")) {
                dueCase(f);
            } else if (f[0].equals("check")) {
                reportCase(f, false);
            } else if (f[0].equals("what_if")) {
                reportCase(f, true);
            } else if (f[0].equals("load")) {
                loadCase(f);
            } else if (f[0].equals("apply")) {
                applyCase(f);
            } else if (f[0].equals("next")) {
                nextCase(f);
            } else {
                check(false, "malformed line " + cases);
            }
        }
        api();
        failures.addAll(WorkflowRandomTest.run());
        System.out.println(cases + " conformance cases, " + checks + " checks, " + failures.size() + " failures (Java "
                + System.getProperty("java.version") + ")");
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}
