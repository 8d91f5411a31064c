package io.github.duban;

import java.time.LocalDate;

/** One day of the calendar: its kind, the holiday it belongs to, the notice that set it. */
public final class Day {
    private final LocalDate date;
    private final DayKind kind;
    private final boolean workday;
    private final boolean provisional;
    private final String holiday;
    private final String notice;

    Day(LocalDate date, DayKind kind, boolean workday, boolean provisional, String holiday, String notice) {
        this.date = date;
        this.kind = kind;
        this.workday = workday;
        this.provisional = provisional;
        this.holiday = holiday;
        this.notice = notice;
    }

    /** The date. */
    public LocalDate date() { return date; }

    /** Its kind. */
    public DayKind kind() { return kind; }

    /** Whether people work on it. */
    public boolean isWorkday() { return workday; }

    /** True for a day of a provisional year (from a provisional calendar only). */
    public boolean isProvisional() { return provisional; }

    /** The holiday it belongs to ({@code 国庆节}), or null. */
    public String holiday() { return holiday; }

    /** The 文号 of the notice that set it, or null. */
    public String notice() { return notice; }

    @Override
    public String toString() {
        return date + " " + kind.code() + (holiday == null ? "" : " " + holiday) + (notice == null ? "" : " " + notice);
    }
}
