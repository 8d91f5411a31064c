package io.github.duban;

import java.time.LocalDate;

/** The due date under one reading of contested words. */
public final class Reading {
    private final String reading;
    private final LocalDate date;
    private final boolean chosen;

    Reading(String reading, LocalDate date, boolean chosen) {
        this.reading = reading;
        this.date = date;
        this.chosen = chosen;
    }

    /** The reading's snake_case name: {@code plain}, {@code inclusive}, {@code exclusive}, {@code seven_calendar_days}, ... */
    public String reading() { return reading; }

    /** The due date under it. */
    public LocalDate date() { return date; }

    /** Whether the policy chose it. */
    public boolean chosen() { return chosen; }

    @Override
    public String toString() {
        return reading + ":" + date + (chosen ? " (chosen)" : "");
    }
}
