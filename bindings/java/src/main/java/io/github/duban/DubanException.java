package io.github.duban;

/**
 * An error from duban: its {@link #kind()} (the snake_case names of {@code duban::ErrorKind}:
 * {@code outside_coverage}, {@code invalid_input}, {@code invalid_notice},
 * {@code invalid_policy}, {@code policy_not_in_force}, {@code illegal_transition},
 * {@code invalid_caseload}; {@code internal} for a bug caught at the boundary) and its message
 * in both languages. {@link #getMessage()} is the English message.
 */
public class DubanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String kind;
    private final String chinese;

    DubanException(int status, String kind, String english, String chinese) {
        super(english);
        this.status = status;
        this.kind = kind;
        this.chinese = chinese;
    }

    /** The kind of error, for programs to branch on. */
    public String kind() {
        return kind;
    }

    /** The C status code (DUBAN_STATUS_*). */
    public int status() {
        return status;
    }

    /** The message in the given language. */
    public String message(Language language) {
        return language == Language.CHINESE ? chinese : getMessage();
    }
}
