/*
 * The C test of duban's C ABI: every conformance case (flattened by flatten_cases.py), every
 * function of duban.h, the bad inputs (nulls, invalid UTF-8, impossible dates) and 8 threads
 * on one calendar. Run from the repository root under AddressSanitizer (see ffi/tests/c/run.sh):
 *
 *     test_duban target/cases.tsv
 *
 * Exit status 0 when every check passes; each failure is printed.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        checks++;                                                          \
        if (!(cond)) {                                                     \
            failures++;                                                    \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

/* ---- dates: days since 1970-01-01 <-> YYYY-MM-DD (proleptic Gregorian) ---- */

static int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

static void civil_from_days(int32_t z, char out[32]) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = (int)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(out, 32, "%04d-%02u-%02u", y, m, d);
}

/* Parses YYYY-MM-DD strictly; 0 when it is not an existing date. */
static int parse_date(const char *s, int32_t *out) {
    int y;
    unsigned m, d;
    char check[32];
    if (strlen(s) != 10 || sscanf(s, "%4d-%2u-%2u", &y, &m, &d) != 3) return 0;
    *out = days_from_civil(y, m, d);
    civil_from_days(*out, check);
    return strcmp(check, s) == 0;
}

static int32_t D(const char *s) {
    int32_t v = 0;
    if (!parse_date(s, &v)) {
        fprintf(stderr, "bad date in test: %s\n", s);
        exit(2);
    }
    return v;
}

/* ---- text helpers ---- */

static char *unescape(char *s) {
    char *r = s, *w = s;
    while (*r) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 'n' ? '\n' : *r == 't' ? '\t' : *r;
            r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
    return s;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = 0;
    if (len) *len = got;
    return buf;
}

static int split(char *line, char **fields, int max) {
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == '\t') {
            *p = 0;
            fields[n++] = p + 1;
        }
    }
    return n;
}

/* The kind of an error, checked to have messages in both languages; frees it. */
static char kind_buf[64];
static const char *take_err(DubanError *err) {
    if (!err) return "(no error)";
    const char *zh = duban_error_message(err, DUBAN_LANGUAGE_CHINESE);
    const char *en = duban_error_message(err, DUBAN_LANGUAGE_ENGLISH);
    CHECK(zh && *zh && en && *en, "error without messages");
    snprintf(kind_buf, sizeof kind_buf, "%s", duban_error_kind(err));
    duban_error_free(err);
    return kind_buf;
}

/* ---- calendars named by a case ---- */

static DubanCalendar *calendar_of(const char *spec) {
    DubanCalendarBuilder *b = NULL;
    DubanCalendar *cal = NULL;
    if (duban_calendar_builder_new(true, &b) != DUBAN_STATUS_OK) exit(2);
    if (strncmp(spec, "notices=", 8) == 0) {
        char paths[1024];
        snprintf(paths, sizeof paths, "%s", spec + 8);
        for (char *p = strtok(paths, ","); p; p = strtok(NULL, ",")) {
            size_t len;
            char *text = read_file(p, &len);
            CHECK(text, "cannot read %s", p);
            CHECK(duban_calendar_builder_notice(b, (const uint8_t *)text, len, NULL) == DUBAN_STATUS_OK,
                  "notice %s", p);
            free(text);
        }
    } else if (strncmp(spec, "known_on=", 9) == 0) {
        CHECK(duban_calendar_builder_known_on(b, D(spec + 9), NULL) == DUBAN_STATUS_OK, "known_on");
    } else if (strcmp(spec, "provisional") == 0) {
        CHECK(duban_calendar_builder_provisional(b, true, NULL) == DUBAN_STATUS_OK, "provisional");
    }
    CHECK(duban_calendar_builder_build(b, &cal, NULL) == DUBAN_STATUS_OK, "build %s", spec);
    duban_calendar_builder_free(b);
    return cal;
}

static DubanPolicy *policy_of(const char *spec) {
    DubanPolicy *p = NULL;
    if (strcmp(spec, "-") == 0 || strcmp(spec, "builtin") == 0) {
        duban_policy_builtin(&p);
        return p;
    }
    size_t len;
    char *text = read_file(spec, &len);
    CHECK(text, "cannot read %s", spec);
    CHECK(duban_policy_from_json((const uint8_t *)text, len, &p, NULL) == DUBAN_STATUS_OK, "policy %s", spec);
    free(text);
    return p;
}

/* ---- conformance: calendar ---- */

static void cal_case(char **f) {
    const char *spec = f[1], *op = f[2], *a1 = f[3], *a2 = f[4], *expect = f[5], *prov_expect = f[6];
    char got[512] = "";
    DubanError *err = NULL;
    DubanStatus s = DUBAN_STATUS_OK;
    bool prov = false;
    int32_t out = 0, date = 0;
    int is_date_op = strcmp(op, "last_workday_of_month") && strcmp(op, "last_workday_of_quarter") &&
                     strcmp(op, "last_workday_of_year");
    if (is_date_op && (!parse_date(a1, &date) ||
                       (strcmp(op, "workdays_between") == 0 && !parse_date(a2, &out)))) {
        /* Impossible dates cannot be written as day numbers: invalid_input on this side. */
        CHECK(strcmp(expect, "!invalid_input") == 0, "%s %s: expected %s", op, a1, expect);
        return;
    }
    DubanCalendar *cal = calendar_of(spec);
    if (strcmp(op, "is_workday") == 0) {
        bool w = false;
        s = duban_calendar_is_workday(cal, date, &w, &prov, &err);
        snprintf(got, sizeof got, "%d", w);
    } else if (strcmp(op, "day") == 0) {
        DubanDay day;
        s = duban_calendar_day(cal, date, &day, &err);
        if (s == DUBAN_STATUS_OK) {
            snprintf(got, sizeof got, "%s|%d|%s|%s|%d", day.kind_name, day.is_workday,
                     day.holiday ? day.holiday : "-", day.notice ? day.notice : "-", day.provisional);
            prov = day.provisional;
            CHECK(day.date == date, "day.date");
        }
    } else if (strcmp(op, "add_workdays") == 0) {
        s = duban_calendar_add_workdays(cal, date, atoi(a2), &out, &prov, &err);
        civil_from_days(out, got);
    } else if (strcmp(op, "workdays_between") == 0) {
        int32_t to = D(a2);
        s = duban_calendar_workdays_between(cal, date, to, &out, &prov, &err);
        snprintf(got, sizeof got, "%d", out);
    } else if (strncmp(op, "next_", 5) == 0 || strncmp(op, "previous_", 9) == 0 ||
               strncmp(op, "workday_on_or_", 14) == 0) {
        DubanStep step = strcmp(op, "next_workday") == 0       ? DUBAN_STEP_NEXT
                         : strcmp(op, "previous_workday") == 0 ? DUBAN_STEP_PREVIOUS
                         : strcmp(op, "workday_on_or_after") == 0 ? DUBAN_STEP_ON_OR_AFTER
                                                                  : DUBAN_STEP_ON_OR_BEFORE;
        s = duban_calendar_step(cal, date, step, &out, &prov, &err);
        civil_from_days(out, got);
    } else if (strcmp(op, "last_workday_of_month") == 0) {
        int y = 0;
        unsigned m = 0;
        sscanf(a1, "%d-%u", &y, &m);
        s = duban_calendar_last_workday_of_month(cal, y, m, &out, &prov, &err);
        civil_from_days(out, got);
    } else if (strcmp(op, "last_workday_of_quarter") == 0) {
        int y = 0;
        unsigned q = 0;
        sscanf(a1, "%d-Q%u", &y, &q);
        s = duban_calendar_last_workday_of_quarter(cal, y, q, &out, &prov, &err);
        civil_from_days(out, got);
    } else if (strcmp(op, "last_workday_of_year") == 0) {
        s = duban_calendar_last_workday_of_year(cal, atoi(a1), &out, &prov, &err);
        civil_from_days(out, got);
    } else {
        CHECK(0, "unknown op %s", op);
    }
    if (s != DUBAN_STATUS_OK) {
        const char *kind = take_err(err);
        CHECK(expect[0] == '!' && strcmp(expect + 1, kind) == 0, "%s %s %s: got error %s, expected %s", op,
              a1, a2, kind, expect);
    } else {
        if (strcmp(op, "is_workday") == 0) snprintf(got, sizeof got, "%d", out = (strcmp(got, "1") == 0));
        CHECK(strcmp(got, expect) == 0, "%s %s %s [%s]: got %s, expected %s", op, a1, a2, spec, got, expect);
        if (strcmp(prov_expect, "-") != 0) CHECK(prov == (prov_expect[0] == '1'), "%s %s provisional", op, a1);
    }
    duban_calendar_free(cal);
}

/* ---- conformance: deadlines ---- */

static void due_case(char **f) {
    const char *spec = f[1], *policy_path = f[2], *kind = f[3], *trigger = f[4], *meeting = f[5];
    const char *expect = f[6];
    char *zh = unescape(f[7]), *en = unescape(f[8]);
    DubanCalendar *cal = calendar_of(spec);
    DubanPolicy *policy = policy_of(policy_path);
    DubanDeadline *d = NULL;
    DubanError *err = NULL;
    DubanStatus s = duban_due(policy, cal, kind, trigger, strcmp(meeting, "-") ? meeting : NULL, &d, &err);
    if (s != DUBAN_STATUS_OK) {
        const char *k = take_err(err);
        CHECK(expect[0] == '!' && strcmp(expect + 1, k) == 0, "due %s %s: error %s, expected %s", kind, trigger,
              k, expect);
    } else {
        DubanDeadlineInfo info;
        CHECK(duban_deadline_info(d, &info, NULL) == DUBAN_STATUS_OK, "info");
        char got[512], a[32], b[32], r[32], readings[256] = "";
        civil_from_days(info.due, a);
        civil_from_days(info.earliest, b);
        for (uint32_t i = 0; i < info.reading_count; i++) {
            char one[64];
            civil_from_days(info.readings[i].date, r);
            snprintf(one, sizeof one, "%s%s:%s:%d", i ? "," : "", info.readings[i].reading, r,
                     info.readings[i].chosen);
            strcat(readings, one);
        }
        if (info.has_rolled_from)
            civil_from_days(info.rolled_from, r);
        else
            strcpy(r, "-");
        snprintf(got, sizeof got, "%s|%s|%s|%s|%s|%s", a, b, info.code, info.kind, readings, r);
        CHECK(strcmp(got, expect) == 0, "due %s %s: got %s, expected %s", kind, trigger, got, expect);
        char *text = NULL;
        size_t len = 0;
        CHECK(duban_deadline_explain(d, DUBAN_LANGUAGE_CHINESE, &text, &len, NULL) == DUBAN_STATUS_OK, "zh");
        CHECK(text && strcmp(text, zh) == 0 && len == strlen(zh), "due %s %s: zh explanation\n%s", kind, trigger,
              text);
        duban_string_free(text);
        CHECK(duban_deadline_explain(d, DUBAN_LANGUAGE_ENGLISH, &text, &len, NULL) == DUBAN_STATUS_OK, "en");
        CHECK(text && strcmp(text, en) == 0, "due %s %s: en explanation\n%s", kind, trigger, text);
        duban_string_free(text);
        CHECK(duban_deadline_to_json(d, &text, &len, NULL) == DUBAN_STATUS_OK, "to_json");
        char needle[64];
        snprintf(needle, sizeof needle, "\"due\":\"%s\"", a);
        CHECK(text && strstr(text, needle), "deadline JSON %s", text);
        duban_string_free(text);
        duban_deadline_free(d);
    }
    duban_policy_free(policy);
    duban_calendar_free(cal);
}

/* ---- conformance: caseloads ---- */

static char *source_of(char *src, size_t *len) {
    if (strncmp(src, "file:", 5) == 0) return read_file(src + 5, len);
    char *text = strdup(unescape(src + 5));
    *len = strlen(text);
    return text;
}

static void compare_report(const char *what, DubanStatus s, DubanError *err, char *out, size_t out_len,
                           const char *expect) {
    if (s != DUBAN_STATUS_OK) {
        const char *k = take_err(err);
        CHECK(expect[0] == '!' && strcmp(expect + 1, k) == 0, "%s: error %s, expected %s", what, k, expect);
        return;
    }
    size_t len = 0;
    char *want = read_file(expect, &len);
    CHECK(want, "cannot read %s", expect);
    CHECK(want && out_len == len && memcmp(out, want, len) == 0, "%s: report differs from %s", what, expect);
    free(want);
    duban_string_free(out);
}

static void check_case(char **f) {
    size_t len = 0, out_len = 0;
    char *doc = source_of(f[1], &len);
    int32_t as_of = strcmp(f[2], "-") ? D(f[2]) : DUBAN_DATE_NONE;
    DubanPolicy *policy = policy_of(f[3]);
    DubanLanguage lang = strcmp(f[4], "en") == 0 ? DUBAN_LANGUAGE_ENGLISH : DUBAN_LANGUAGE_CHINESE;
    char *out = NULL;
    DubanError *err = NULL;
    DubanStatus s = duban_check(policy, NULL, (const uint8_t *)doc, len, as_of, lang, f[5][0] == '1', &out,
                                &out_len, &err);
    compare_report("check", s, err, out, out_len, f[6]);
    duban_policy_free(policy);
    free(doc);
}

static void what_if_case(char **f) {
    size_t len = 0, out_len = 0;
    char *doc = source_of(f[1], &len);
    int32_t as_of = strcmp(f[2], "-") ? D(f[2]) : DUBAN_DATE_NONE;
    DubanPolicy *a = policy_of(f[3]), *b = policy_of(f[4]);
    char *out = NULL;
    DubanError *err = NULL;
    DubanStatus s = duban_what_if(a, b, NULL, (const uint8_t *)doc, len, as_of, &out, &out_len, &err);
    compare_report("what_if", s, err, out, out_len, f[5]);
    duban_policy_free(a);
    duban_policy_free(b);
    free(doc);
}

static void load_case(char **f) {
    const char *text = unescape(f[2]);
    DubanError *err = NULL;
    DubanStatus s;
    if (strcmp(f[1], "policy") == 0) {
        DubanPolicy *p = NULL;
        s = duban_policy_from_json((const uint8_t *)text, strlen(text), &p, &err);
        duban_policy_free(p);
    } else {
        DubanCalendarBuilder *b = NULL;
        duban_calendar_builder_new(true, &b);
        s = duban_calendar_builder_notice(b, (const uint8_t *)text, strlen(text), &err);
        if (s == DUBAN_STATUS_OK) {
            DubanCalendar *c = NULL;
            s = duban_calendar_builder_build(b, &c, &err);
            duban_calendar_free(c);
        }
        duban_calendar_builder_free(b);
    }
    if (strcmp(f[3], "ok") == 0)
        CHECK(s == DUBAN_STATUS_OK, "load %s: %s", f[1], take_err(err));
    else
        CHECK(s != DUBAN_STATUS_OK && strcmp(take_err(err), f[3] + 1) == 0, "load %s: expected %s", f[1], f[3]);
}

/* ---- the functions no case reaches, and the bad inputs ---- */

static void bad_inputs(void) {
    DubanCalendar *cal = NULL;
    DubanError *err = NULL;
    int32_t out = 0;
    bool b = false;
    CHECK(duban_calendar_china(&cal) == DUBAN_STATUS_OK, "china");
    CHECK(strlen(duban_version()) > 0, "version");

    /* Null handles, null out-parameters, null strings. */
    CHECK(duban_calendar_add_workdays(NULL, D("2023-09-20"), 1, &out, NULL, &err) == DUBAN_STATUS_INVALID_INPUT,
          "null cal");
    CHECK(duban_error_status(err) == DUBAN_STATUS_INVALID_INPUT, "status");
    CHECK(strstr(duban_error_message(err, DUBAN_LANGUAGE_ENGLISH), "cal") != NULL, "message names cal");
    CHECK(strcmp(take_err(err), "invalid_input") == 0, "kind");
    err = NULL;
    CHECK(duban_calendar_is_workday(cal, D("2023-09-20"), NULL, NULL, &err) == DUBAN_STATUS_INVALID_INPUT, "null out");
    take_err(err);
    CHECK(duban_calendar_day(cal, D("2023-10-07"), NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "null day out");
    CHECK(duban_calendar_china(NULL) == DUBAN_STATUS_INVALID_INPUT, "null out china");
    CHECK(duban_policy_builtin(NULL) == DUBAN_STATUS_INVALID_INPUT, "null out policy");
    CHECK(duban_calendar_builder_new(true, NULL) == DUBAN_STATUS_INVALID_INPUT, "null out builder");
    CHECK(duban_calendar_builder_notice(NULL, NULL, 0, NULL) == DUBAN_STATUS_INVALID_INPUT, "null builder");
    CHECK(duban_calendar_builder_known_on(NULL, 0, NULL) == DUBAN_STATUS_INVALID_INPUT, "null builder");
    CHECK(duban_calendar_builder_provisional(NULL, true, NULL) == DUBAN_STATUS_INVALID_INPUT, "null builder");
    CHECK(duban_calendar_builder_build(NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "null builder");
    CHECK(duban_policy_to_json(NULL, NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "null policy");
    CHECK(duban_deadline_info(NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "null deadline");
    CHECK(duban_deadline_explain(NULL, DUBAN_LANGUAGE_CHINESE, NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "%s", "see the condition");
    CHECK(duban_deadline_to_json(NULL, NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "null deadline");
    DubanDeadline *d = NULL;
    err = NULL;
    CHECK(duban_due(NULL, NULL, NULL, "2023-09-20", NULL, &d, &err) == DUBAN_STATUS_INVALID_INPUT, "null kind");
    CHECK(strstr(duban_error_message(err, DUBAN_LANGUAGE_CHINESE), "kind") != NULL, "zh message names kind");
    take_err(err);
    CHECK(duban_due(NULL, NULL, "monthly-report", NULL, NULL, &d, NULL) == DUBAN_STATUS_INVALID_INPUT, "null trig");
    CHECK(duban_due(NULL, NULL, "monthly-report", "2023-10", NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "%s", "see the condition");
    CHECK(d == NULL, "no deadline on failure");
    CHECK(duban_check(NULL, NULL, NULL, 10, DUBAN_DATE_NONE, DUBAN_LANGUAGE_CHINESE, false, NULL, NULL, NULL) ==
              DUBAN_STATUS_INVALID_INPUT,
          "null caseload");
    CHECK(duban_what_if(NULL, NULL, NULL, NULL, 10, DUBAN_DATE_NONE, NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT,
          "null caseload");
    /* Freeing NULL, asking NULL errors. */
    duban_calendar_free(NULL);
    duban_calendar_builder_free(NULL);
    duban_policy_free(NULL);
    duban_deadline_free(NULL);
    duban_error_free(NULL);
    duban_string_free(NULL);
    CHECK(duban_error_kind(NULL) == NULL && duban_error_message(NULL, DUBAN_LANGUAGE_ENGLISH) == NULL, "null err");

    /* Invalid UTF-8 everywhere text goes in. */
    const char bad[] = {'2', (char)0xff, (char)0xfe, 0};
    err = NULL;
    CHECK(duban_due(NULL, cal, "rectification-plan", bad, NULL, &d, &err) == DUBAN_STATUS_INVALID_INPUT, "utf8");
    take_err(err);
    CHECK(duban_due(NULL, cal, bad, "2023-09-20", NULL, &d, NULL) == DUBAN_STATUS_INVALID_INPUT, "utf8 kind");
    CHECK(duban_due(NULL, cal, "meeting-follow-up", "2023-09-20", bad, &d, NULL) == DUBAN_STATUS_INVALID_INPUT, "%s", "see the condition");
    DubanPolicy *p = NULL;
    CHECK(duban_policy_from_json((const uint8_t *)bad, 3, &p, NULL) == DUBAN_STATUS_INVALID_INPUT, "utf8 policy");
    char *out_s = NULL;
    CHECK(duban_check(NULL, NULL, (const uint8_t *)bad, 3, DUBAN_DATE_NONE, DUBAN_LANGUAGE_CHINESE, false, &out_s,
                      NULL, NULL) == DUBAN_STATUS_INVALID_CASELOAD,
          "utf8 caseload");
    DubanCalendarBuilder *builder = NULL;
    CHECK(duban_calendar_builder_new(false, &builder) == DUBAN_STATUS_OK, "empty builder");
    CHECK(duban_calendar_builder_notice(builder, (const uint8_t *)bad, 3, NULL) == DUBAN_STATUS_INVALID_INPUT, "%s", "see the condition");
    duban_calendar_builder_free(builder);

    /* Dates no calendar has, and dates beyond the notices. */
    err = NULL;
    CHECK(duban_calendar_is_workday(cal, INT32_MAX, &b, NULL, &err) == DUBAN_STATUS_INVALID_INPUT, "huge date");
    take_err(err);
    err = NULL;
    CHECK(duban_calendar_is_workday(cal, D("2027-01-04"), &b, NULL, &err) == DUBAN_STATUS_OUTSIDE_COVERAGE, "2027");
    CHECK(strstr(duban_error_message(err, DUBAN_LANGUAGE_ENGLISH), "2027-01-04") != NULL, "names the date");
    take_err(err);
    CHECK(duban_calendar_as_known_on(cal, INT32_MIN, &cal, NULL) == DUBAN_STATUS_INVALID_INPUT, "bad known_on");
    CHECK(duban_calendar_step(cal, D("2026-12-31"), DUBAN_STEP_NEXT, &out, NULL, NULL) ==
              DUBAN_STATUS_OUTSIDE_COVERAGE,
          "next after coverage");

    /* Handles: as_known_on, with_provisional, policy round trip. */
    DubanCalendar *then = NULL, *prov = NULL;
    CHECK(duban_calendar_as_known_on(cal, D("2020-01-20"), &then, NULL) == DUBAN_STATUS_OK, "as_known_on");
    CHECK(duban_calendar_is_workday(then, D("2020-02-01"), &b, NULL, NULL) == DUBAN_STATUS_OK && b, "known then");
    CHECK(duban_calendar_with_provisional(cal, &prov, NULL) == DUBAN_STATUS_OK, "with_provisional");
    bool flag = false;
    CHECK(duban_calendar_add_workdays(prov, D("2026-12-30"), 2, &out, &flag, NULL) == DUBAN_STATUS_OK && flag,
          "provisional flag");
    DubanPolicy *builtin = NULL;
    size_t len = 0;
    CHECK(duban_policy_builtin(&builtin) == DUBAN_STATUS_OK, "builtin");
    CHECK(duban_policy_to_json(builtin, &out_s, &len, NULL) == DUBAN_STATUS_OK && strstr(out_s, "duban-policy/1"),
          "to_json");
    CHECK(duban_policy_from_json((const uint8_t *)out_s, len, &p, NULL) == DUBAN_STATUS_OK, "round trip");
    duban_string_free(out_s);
    duban_policy_free(p);
    duban_policy_free(builtin);
    duban_calendar_free(then);
    duban_calendar_free(prov);

    /* Batches: statuses per element, or the first failure named. */
    int32_t dates[4] = {D("2023-09-28"), D("2026-12-31"), INT32_MAX, D("2023-10-07")};
    int32_t outs[4], statuses[4], to[4] = {D("2023-10-09"), D("2026-12-31"), 0, D("2023-10-08")};
    uint8_t flags[4], provs[4];
    CHECK(duban_calendar_add_workdays_batch(cal, dates, 4, 1, outs, provs, statuses, NULL) == DUBAN_STATUS_OK, "b");
    CHECK(statuses[0] == DUBAN_STATUS_OK && outs[0] == D("2023-10-07"), "batch 0");
    CHECK(statuses[1] == DUBAN_STATUS_OUTSIDE_COVERAGE && statuses[2] == DUBAN_STATUS_INVALID_INPUT, "batch 1,2");
    CHECK(outs[3] == D("2023-10-08") && provs[3] == 0, "batch 3");
    err = NULL;
    CHECK(duban_calendar_add_workdays_batch(cal, dates, 4, 1, outs, NULL, NULL, &err) ==
              DUBAN_STATUS_OUTSIDE_COVERAGE,
          "batch fails");
    CHECK(strncmp(duban_error_message(err, DUBAN_LANGUAGE_ENGLISH), "element 1: ", 11) == 0, "names element");
    take_err(err);
    CHECK(duban_calendar_is_workday_batch(cal, dates, 4, flags, provs, statuses, NULL) == DUBAN_STATUS_OK, "isw");
    CHECK(flags[0] == 1 && flags[3] == 1 && statuses[2] == DUBAN_STATUS_INVALID_INPUT, "isw values");
    CHECK(duban_calendar_workdays_between_batch(cal, dates, to, 4, outs, NULL, statuses, NULL) == DUBAN_STATUS_OK,
          "wb");
    /* 2023-09-28 (excl.)..=10-09: 09-29..10-06 off, 10-07, 10-08 worked, 10-09 Monday. */
    CHECK(outs[0] == 3 && outs[1] == 0 && outs[3] == 1, "wb values %d %d %d", outs[0], outs[1], outs[3]);
    CHECK(duban_calendar_add_workdays_batch(cal, NULL, 4, 1, outs, NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT,
          "null dates");
    int32_t due[4], earliest[4];
    int32_t interviews[4] = {D("2023-09-27"), D("2020-01-01"), D("2023-10-01"), D("2026-12-30")};
    CHECK(duban_due_batch(NULL, cal, "rectification-plan", NULL, interviews, 4, due, earliest, statuses, NULL) ==
              DUBAN_STATUS_OK,
          "due batch");
    /* D6: 2023-09-27 + 7 = 10-04, a holiday, rolls to the make-up Saturday 10-07; the 5-working-day
       reading gives 10-10, so the earliest is 10-07. */
    CHECK(due[0] == D("2023-10-07") && earliest[0] == D("2023-10-07"), "D6 batch");
    CHECK(statuses[1] == DUBAN_STATUS_POLICY_NOT_IN_FORCE, "before 2020-01-06: %d", statuses[1]);
    CHECK(statuses[3] == DUBAN_STATUS_OUTSIDE_COVERAGE, "past the notices");
    CHECK(duban_due_batch(NULL, cal, "fortnightly", NULL, interviews, 4, due, NULL, NULL, NULL) ==
              DUBAN_STATUS_INVALID_INPUT,
          "bad kind");
    duban_calendar_free(cal);
}

/* ---- 8 threads, one calendar ---- */

enum { SPAN = 2400 };
static DubanCalendar *shared_cal;
static int32_t serial[SPAN];

static void *worker(void *arg) {
    (void)arg;
    int32_t first = D("2020-01-01");
    long bad = 0;
    for (int i = 0; i < SPAN; i++) {
        int32_t out = 0;
        DubanError *err = NULL;
        DubanStatus s = duban_calendar_add_workdays(shared_cal, first + i, 20, &out, NULL, &err);
        if (s != DUBAN_STATUS_OK) duban_error_free(err);
        if (s != DUBAN_STATUS_OK || out != serial[i]) bad++;
    }
    return (void *)bad;
}

static void threads(void) {
    duban_calendar_china(&shared_cal);
    int32_t first = D("2020-01-01");
    for (int i = 0; i < SPAN; i++) duban_calendar_add_workdays(shared_cal, first + i, 20, &serial[i], NULL, NULL);
    pthread_t t[8];
    for (int i = 0; i < 8; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 8; i++) {
        void *bad = NULL;
        pthread_join(t[i], &bad);
        CHECK(bad == NULL, "thread %d: %ld wrong answers", i, (long)bad);
    }
    duban_calendar_free(shared_cal);
}

/* Workflows one event and one matter at a time: duban_workflow_apply, duban_next. */
static void workflows(void) {
    const char *awaiting = "{\"schema\":\"duban-state/1\",\"kind\":\"report\",\"state\":{\"state\":\"awaiting\"}}";
    const char *submit = "{\"event\":\"submit\",\"on\":\"2024-03-28\"}";
    const char *accept = "{\"event\":\"accept\",\"on\":\"2024-03-28\"}";
    char *out = NULL;
    size_t out_len = 0;
    DubanError *err = NULL;
    CHECK(duban_workflow_apply((const uint8_t *)awaiting, strlen(awaiting), (const uint8_t *)submit, strlen(submit),
                               &out, &out_len, &err) == DUBAN_STATUS_OK,
          "apply submit");
    CHECK(out && strstr(out, "\"state\":{\"state\":\"submitted\"") != NULL, "submitted: %s", out ? out : "(null)");
    duban_string_free(out);
    out = NULL;
    CHECK(duban_workflow_apply((const uint8_t *)awaiting, strlen(awaiting), (const uint8_t *)accept, strlen(accept),
                               &out, &out_len, &err) == DUBAN_STATUS_ILLEGAL_TRANSITION,
          "accept before submit");
    CHECK(out == NULL, "no state on failure");
    CHECK(err && strstr(duban_error_message(err, DUBAN_LANGUAGE_CHINESE), "待报送") != NULL, "zh names the state");
    CHECK(err && strstr(duban_error_message(err, DUBAN_LANGUAGE_ENGLISH), "cannot accept on 2024-03-28") != NULL,
          "en names the event");
    take_err(err);
    err = NULL;
    const char *doc = "{\"schema\":\"duban-caseload/1\",\"as_of\":\"2023-10-31\",\"matters\":[{\"id\":\"YB-1\","
                      "\"kind\":\"monthly_report\",\"unit\":\"u\",\"sector\":\"s\",\"month\":\"2023-10\","
                      "\"events\":[{\"event\":\"submit\",\"on\":\"2023-10-30\"}]}]}";
    CHECK(duban_next(NULL, NULL, (const uint8_t *)doc, strlen(doc), (const uint8_t *)"YB-1", 4, DUBAN_DATE_NONE,
                     DUBAN_LANGUAGE_ENGLISH, &out, &out_len, &err) == DUBAN_STATUS_OK,
          "next");
    CHECK(out && strstr(out, "\"allowed\":[\"return\",\"accept\"]") != NULL, "allowed: %s", out ? out : "(null)");
    duban_string_free(out);
    out = NULL;
    CHECK(duban_next(NULL, NULL, (const uint8_t *)doc, strlen(doc), (const uint8_t *)"NO", 2, DUBAN_DATE_NONE,
                     DUBAN_LANGUAGE_CHINESE, &out, &out_len, &err) == DUBAN_STATUS_INVALID_CASELOAD,
          "next: unknown id");
    CHECK(err && strstr(duban_error_message(err, DUBAN_LANGUAGE_CHINESE), "NO") != NULL, "names the id");
    take_err(err);
    CHECK(duban_workflow_apply(NULL, 3, NULL, 3, NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT, "null state");
    /* Under a policy and a calendar: D6 of an interview on 2023-09-27 is 2023-10-07 (seven
       days, 10-04 a holiday, rolled to the make-up Saturday); five working days: 2023-10-10. */
    const char *held = "{\"schema\":\"duban-state/1\",\"kind\":\"accountability\",\"state\":{\"state\":"
                       "\"interview_held\",\"on\":\"2023-09-27\",\"supervised_on\":\"2023-09-01\"}}";
    const char *poor = "{\"event\":\"grade_poor\",\"on\":\"2023-10-09\"}";
    err = NULL;
    CHECK(duban_workflow_apply_in(NULL, NULL, (const uint8_t *)held, strlen(held), (const uint8_t *)poor, strlen(poor),
                                  &out, &out_len, &err) == DUBAN_STATUS_OK,
          "graded poor after D6");
    CHECK(out && strstr(out, "graded_poor") != NULL, "graded: %s", out ? out : "(null)");
    duban_string_free(out);
    out = NULL;
    const char *five = "{\"schema\":\"duban-policy/1\",\"id\":\"five\",\"in_force_from\":\"2020-01-06\","
                       "\"parameters\":{\"rectification_plan_period\":{\"value\":\"five_working_days\"}}}";
    DubanPolicy *p = NULL;
    CHECK(duban_policy_from_json((const uint8_t *)five, strlen(five), &p, NULL) == DUBAN_STATUS_OK, "five");
    CHECK(duban_workflow_apply_in(p, NULL, (const uint8_t *)held, strlen(held), (const uint8_t *)poor, strlen(poor),
                                  &out, &out_len, &err) == DUBAN_STATUS_ILLEGAL_TRANSITION,
          "graded poor before D6 under five working days");
    CHECK(out == NULL, "no state on failure");
    CHECK(err && strstr(duban_error_message(err, DUBAN_LANGUAGE_ENGLISH), "due by 2023-10-10") != NULL, "names D6");
    take_err(err);
    err = NULL;
    duban_policy_free(p);
    CHECK(duban_workflow_apply_in(NULL, NULL, NULL, 3, NULL, 3, NULL, NULL, NULL) == DUBAN_STATUS_INVALID_INPUT,
          "apply_in: null state");
    CHECK(duban_next(NULL, NULL, NULL, 3, NULL, 0, DUBAN_DATE_NONE, DUBAN_LANGUAGE_CHINESE, NULL, NULL, NULL) ==
              DUBAN_STATUS_INVALID_INPUT,
          "null caseload");
}

/* ---- conformance: workflows, one event and one matter at a time ---- */

/* An answer against a case's expect (the exact bytes) or its error: kind and both messages. */
static void compare_workflow(const char *what, DubanStatus s, DubanError *err, char *out, size_t out_len,
                             const char *expect, const char *zh, const char *en) {
    if (s != DUBAN_STATUS_OK) {
        const char *got_zh = duban_error_message(err, DUBAN_LANGUAGE_CHINESE);
        const char *got_en = duban_error_message(err, DUBAN_LANGUAGE_ENGLISH);
        CHECK(got_zh && strcmp(got_zh, zh) == 0, "%s: message %s, expected %s", what, got_zh, zh);
        CHECK(got_en && strcmp(got_en, en) == 0, "%s: message %s, expected %s", what, got_en, en);
        const char *k = take_err(err);
        CHECK(expect[0] == '!' && strcmp(expect + 1, k) == 0, "%s: error %s, expected %s", what, k, expect);
        return;
    }
    CHECK(expect[0] != '!', "%s: answered, expected %s", what, expect);
    CHECK(out_len == strlen(expect) && memcmp(out, expect, out_len) == 0, "%s: %.*s, expected %s", what,
          (int)out_len, out, expect);
    duban_string_free(out);
}

static void apply_case(char **f) {
    const char *state = unescape(f[1]), *event = unescape(f[2]);
    char *out = NULL;
    size_t out_len = 0;
    DubanError *err = NULL;
    DubanStatus s = duban_workflow_apply((const uint8_t *)state, strlen(state), (const uint8_t *)event,
                                         strlen(event), &out, &out_len, &err);
    const char *expect = unescape(f[3]), *zh = unescape(f[4]), *en = unescape(f[5]);
    compare_workflow(state, s, err, out, out_len, expect, zh, en);
    /* The same under the built-in policy and the national calendar, named. */
    out = NULL;
    out_len = 0;
    err = NULL;
    s = duban_workflow_apply_in(NULL, NULL, (const uint8_t *)state, strlen(state), (const uint8_t *)event,
                                strlen(event), &out, &out_len, &err);
    compare_workflow(state, s, err, out, out_len, expect, zh, en);
}

static void next_case(char **f) {
    size_t len = 0, out_len = 0;
    char *doc = source_of(f[1], &len);
    const char *id = unescape(f[2]);
    int32_t as_of = strcmp(f[3], "-") ? D(f[3]) : DUBAN_DATE_NONE;
    DubanLanguage lang = strcmp(f[4], "en") == 0 ? DUBAN_LANGUAGE_ENGLISH : DUBAN_LANGUAGE_CHINESE;
    char *out = NULL;
    DubanError *err = NULL;
    DubanStatus s = duban_next(NULL, NULL, (const uint8_t *)doc, len, (const uint8_t *)id, strlen(id), as_of, lang,
                               &out, &out_len, &err);
    compare_workflow(id, s, err, out, out_len, unescape(f[5]), unescape(f[6]), unescape(f[7]));
    free(doc);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: test_duban CASES.tsv (from flatten_cases.py), run from the repository root\n");
        return 2;
    }
    size_t len;
    char *all = read_file(argv[1], &len);
    if (!all) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    int cases = 0;
    for (char *line = all, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        char *f[12] = {0};
        int n = split(line, f, 12);
        cases++;
        if (strcmp(f[0], "cal") == 0 && n == 7)
            cal_case(f);
        else if (strcmp(f[0], "due") == 0 && n == 9)
            due_case(f);
        else if (strcmp(f[0], "check") == 0 && n == 7)
            check_case(f);
        else if (strcmp(f[0], "what_if") == 0 && n == 6)
            what_if_case(f);
        else if (strcmp(f[0], "load") == 0 && n == 4)
            load_case(f);
        else if (strcmp(f[0], "apply") == 0 && n == 6)
            apply_case(f);
        else if (strcmp(f[0], "next") == 0 && n == 8)
            next_case(f);
        else
            CHECK(0, "malformed case line %d (%s, %d fields)", cases, f[0], n);
    }
    free(all);
    bad_inputs();
    workflows();
    threads();
    printf("%d conformance cases, %d checks, %d failures\n", cases, checks, failures);
    return failures ? 1 : 0;
}
