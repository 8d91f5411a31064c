package io.github.duban;

/** What kind of day a date is. */
public enum DayKind {
    /** An ordinary Monday-to-Friday working day (工作日). */
    WORKDAY("workday"),
    /** A weekend day worked by notice (调休上班). */
    MAKE_UP_WORKDAY("make_up_workday"),
    /** An ordinary weekend day, or a weekend day inside a break (休息日). */
    WEEKEND("weekend"),
    /** A statutory holiday (法定节假日). */
    STATUTORY_HOLIDAY("statutory_holiday"),
    /** A weekday off inside a break (调休休息日). */
    SHIFTED_REST_DAY("shifted_rest_day"),
    /** A day off by a local adjustment. */
    LOCAL_REST_DAY("local_rest_day"),
    /** A working day by a local adjustment. */
    LOCAL_WORKDAY("local_workday"),
    /** A kind newer than this binding. */
    OTHER("other");

    private final String code;

    DayKind(String code) {
        this.code = code;
    }

    /** The snake_case name, as in the CLI and JSON ({@code make_up_workday}, ...). */
    public String code() {
        return code;
    }

    static DayKind of(int c) {
        DayKind[] all = values();
        return c >= 0 && c < 7 ? all[c] : OTHER;
    }
}
