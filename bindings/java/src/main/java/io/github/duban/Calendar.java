package io.github.duban;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The working-day calendar of mainland China under the State Council's holiday notices
 * (2020-2026 compiled in), plus notices and local adjustments loaded at run time. A date no
 * loaded notice covers is an error ({@code outside_coverage}), never a guess.
 *
 * <p>Immutable and thread-safe: one calendar may serve many threads. Close it when done, or
 * let it be released when unreachable.
 *
 * <pre>{@code
 * try (Calendar cal = Calendar.china()) {
 *     cal.addWorkdays(LocalDate.of(2023, 9, 20), 30); // 2023-11-07
 * }
 * }</pre>
 */
public final class Calendar extends Handle {
    private static final Free FREE = new Free() {
        @Override
        public void free(Pointer p) {
            Native.duban_calendar_free(p);
        }
    };

    Calendar(Pointer p) {
        super(p, FREE);
    }

    /** The national calendar, 2020-2026. */
    public static Calendar china() {
        PointerByReference out = new PointerByReference();
        Native.check(Native.duban_calendar_china(out), null);
        return new Calendar(out.getValue());
    }

    /** A builder starting from the national notices. */
    public static Builder builder() {
        return new Builder(true);
    }

    /** A builder with no notices at all (every notice loaded by hand). */
    public static Builder emptyBuilder() {
        return new Builder(false);
    }

    /** Builds calendars: notices from text, the date they are known on, the provisional opt-in. */
    public static final class Builder {
        private final boolean national;
        private final java.util.List<byte[]> notices = new java.util.ArrayList<byte[]>();
        private LocalDate knownOn;
        private boolean provisional;

        private Builder(boolean national) {
            this.national = national;
        }

        /** Adds a notice (next year's, a correction, a local adjustment) in duban's text format. */
        public Builder notice(String text) {
            notices.add(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Only the notices published by {@code date}. */
        public Builder knownOn(LocalDate date) {
            this.knownOn = date;
            return this;
        }

        /** Opts in the provisional years (2027, 2028): rough answers, flagged as provisional. */
        public Builder provisional(boolean provisional) {
            this.provisional = provisional;
            return this;
        }

        /**
         * Builds the calendar.
         *
         * @throws DubanException {@code invalid_notice} for a notice that cannot be read
         */
        public Calendar build() {
            PointerByReference out = new PointerByReference();
            PointerByReference err = new PointerByReference();
            Native.check(Native.duban_calendar_builder_new((byte) (national ? 1 : 0), out), null);
            Pointer b = out.getValue();
            try {
                for (byte[] text : notices) {
                    Native.check(Native.duban_calendar_builder_notice(b, text, text == null ? 1 : text.length, err), err);
                }
                if (knownOn != null) {
                    Native.check(Native.duban_calendar_builder_known_on(b, epoch(knownOn), err), err);
                }
                Native.check(Native.duban_calendar_builder_provisional(b, (byte) (provisional ? 1 : 0), err), err);
                PointerByReference cal = new PointerByReference();
                Native.check(Native.duban_calendar_builder_build(b, cal, err), err);
                return new Calendar(cal.getValue());
            } finally {
                Native.duban_calendar_builder_free(b);
            }
        }
    }

    static int epoch(LocalDate date) {
        if (date == null) {
            throw new DubanException(2, "invalid_input", "date is null", "日期为空");
        }
        long d = date.toEpochDay();
        if (d < Integer.MIN_VALUE + 1 || d > Integer.MAX_VALUE) {
            throw new DubanException(2, "invalid_input", date + " is out of range", date + " 超出范围");
        }
        return (int) d;
    }

    static LocalDate date(int day) {
        return LocalDate.ofEpochDay(day);
    }

    /** The calendar as known on {@code date}: only the notices published by then. */
    public Calendar asKnownOn(LocalDate date) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_as_known_on(ptr(), epoch(date), out, err), err);
        fence();
        return new Calendar(out.getValue());
    }

    /** This calendar with the provisional years opted in. */
    public Calendar withProvisional() {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_with_provisional(ptr(), out, err), err);
        fence();
        return new Calendar(out.getValue());
    }

    /** Whether {@code date} is a working day. */
    public boolean isWorkday(LocalDate date) {
        byte[] out = new byte[1];
        int d = epoch(date);
        if (Native.duban_calendar_is_workday(ptr(), d, out, null, null) != 0) {
            PointerByReference err = new PointerByReference();
            Native.check(Native.duban_calendar_is_workday(ptr(), d, out, null, err), err);
        }
        fence();
        return out[0] != 0;
    }

    /** The day: its kind, holiday and notice. */
    public Day day(LocalDate date) {
        Memory m = Native.buffer(40);
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_day(ptr(), epoch(date), m, err), err);
        // DubanDay: int32 date @0, int32 kind @4, char* kind_name @8, bool is_workday @16,
        // bool provisional @17, char* holiday @24, char* notice @32. The strings belong to
        // the calendar: copy them before it can go.
        Day d = new Day(date(m.getInt(0)), DayKind.of(m.getInt(4)), m.getByte(16) != 0, m.getByte(17) != 0,
                Native.utf8(m.getPointer(24)), Native.utf8(m.getPointer(32)));
        fence();
        return d;
    }

    /** The {@code n}-th working day after {@code date} (before it when {@code n} < 0). */
    public LocalDate addWorkdays(LocalDate date, int n) {
        return date(addWorkdays(epoch(date), n));
    }

    /** {@link #addWorkdays(LocalDate, int)} on days since 1970-01-01. */
    public int addWorkdays(int epochDay, int n) {
        // The hot path writes to a per-thread native buffer and asks for no error object (no
        // allocation, no array pinning); a failure is asked again, with one, for its message.
        Memory out = Native.scratch();
        int s = Native.duban_calendar_add_workdays(ptr(), epochDay, n, out, null, null);
        if (s != 0) {
            PointerByReference err = new PointerByReference();
            Native.check(Native.duban_calendar_add_workdays(ptr(), epochDay, n, new int[1], null, err), err);
        }
        int result = out.getInt(0);
        fence();
        return result;
    }

    /** The working days in {@code from} (exclusive) ..= {@code to} (inclusive). */
    public int workdaysBetween(LocalDate from, LocalDate to) {
        int[] out = new int[1];
        int a = epoch(from), b = epoch(to);
        if (Native.duban_calendar_workdays_between(ptr(), a, b, out, null, null) != 0) {
            PointerByReference err = new PointerByReference();
            Native.check(Native.duban_calendar_workdays_between(ptr(), a, b, out, null, err), err);
        }
        fence();
        return out[0];
    }

    private LocalDate step(LocalDate date, int step) {
        int[] out = new int[1];
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_step(ptr(), epoch(date), step, out, null, err), err);
        fence();
        return date(out[0]);
    }

    /** The first working day after {@code date}. */
    public LocalDate nextWorkday(LocalDate date) { return step(date, 0); }

    /** The last working day before {@code date}. */
    public LocalDate previousWorkday(LocalDate date) { return step(date, 1); }

    /** {@code date} if it is a working day, else the next one. */
    public LocalDate workdayOnOrAfter(LocalDate date) { return step(date, 2); }

    /** {@code date} if it is a working day, else the previous one. */
    public LocalDate workdayOnOrBefore(LocalDate date) { return step(date, 3); }

    /** The last working day of a month. */
    public LocalDate lastWorkdayOfMonth(YearMonth month) {
        int[] out = new int[1];
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_last_workday_of_month(ptr(), month.getYear(), month.getMonthValue(), out, null, err), err);
        fence();
        return date(out[0]);
    }

    /** The last working day of quarter {@code quarter} (1-4) of {@code year}. */
    public LocalDate lastWorkdayOfQuarter(int year, int quarter) {
        int[] out = new int[1];
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_last_workday_of_quarter(ptr(), year, quarter, out, null, err), err);
        fence();
        return date(out[0]);
    }

    /** The last working day of {@code year}. */
    public LocalDate lastWorkdayOfYear(int year) {
        int[] out = new int[1];
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_last_workday_of_year(ptr(), year, out, null, err), err);
        fence();
        return date(out[0]);
    }

    // ---- batches: one boundary crossing for the whole array; the first failing element
    // throws, naming its index ----

    private static int[] days(LocalDate[] dates) {
        int[] out = new int[dates.length];
        for (int i = 0; i < dates.length; i++) {
            out[i] = epoch(dates[i]);
        }
        return out;
    }

    private static LocalDate[] dates(int[] days) {
        LocalDate[] out = new LocalDate[days.length];
        for (int i = 0; i < days.length; i++) {
            out[i] = date(days[i]);
        }
        return out;
    }

    /** Whether each date is a working day. */
    public boolean[] isWorkday(LocalDate[] dates) {
        int[] d = days(dates);
        byte[] out = new byte[d.length];
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_is_workday_batch(ptr(), d, d.length, out, null, null, err), err);
        fence();
        boolean[] r = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = out[i] != 0;
        }
        return r;
    }

    /** The {@code n}-th working day after each date. */
    public LocalDate[] addWorkdays(LocalDate[] dates, int n) {
        return dates(addWorkdays(days(dates), n));
    }

    /** {@link #addWorkdays(LocalDate[], int)} on days since 1970-01-01. */
    public int[] addWorkdays(int[] epochDays, int n) {
        int[] out = new int[epochDays.length];
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_add_workdays_batch(ptr(), epochDays, epochDays.length, n, out, null, null, err), err);
        fence();
        return out;
    }

    /** The working days between {@code from[i]} (exclusive) and {@code to[i]} (inclusive). */
    public int[] workdaysBetween(LocalDate[] from, LocalDate[] to) {
        if (from.length != to.length) {
            throw new DubanException(2, "invalid_input", "from and to differ in length", "from 与 to 长度不同");
        }
        int[] out = new int[from.length];
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_calendar_workdays_between_batch(ptr(), days(from), days(to), from.length, out, null, null, err), err);
        fence();
        return out;
    }
}
