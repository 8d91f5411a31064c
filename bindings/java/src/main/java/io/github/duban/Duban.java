package io.github.duban;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The deadlines of 安政办发〔2020〕1号 and the caseload check.
 *
 * <pre>{@code
 * Deadline d = Duban.due("rectification-plan", "2023-09-27");
 * d.due();        // 2023-10-07
 * d.readings();   // [seven_calendar_days:2023-10-07 (chosen), five_working_days:2023-10-10]
 * d.explain(Language.CHINESE);
 * }</pre>
 */
public final class Duban {
    private Duban() {}

    /** The version of the native library. */
    public static String version() {
        return Native.utf8(Native.duban_version());
    }

    /**
     * The deadline of obligation {@code kind} for {@code trigger}, as the CLI's {@code due}
     * takes them, under the built-in policy and the national calendar.
     *
     * @param kind {@code meeting-follow-up}, {@code monthly-report}, {@code quarterly-report},
     *     {@code inspection-application}, {@code inspection-approval},
     *     {@code rectification-plan} or {@code year-end-summary}
     * @param trigger {@code 2023-09-20}, {@code 2023-10}, {@code 2023-Q3} or {@code 2023}, as the kind needs
     * @throws DubanException {@code invalid_input}, {@code policy_not_in_force}, {@code outside_coverage}
     */
    public static Deadline due(String kind, String trigger) {
        return due(kind, trigger, null, null, null);
    }

    /** {@link #due(String, String)} under a policy and a calendar (either may be null: built in, national). */
    public static Deadline due(String kind, String trigger, Policy policy, Calendar calendar) {
        return due(kind, trigger, null, policy, calendar);
    }

    /** {@link #due(String, String, Policy, Calendar)} for a meeting of {@code meetingKind} (D1 only). */
    public static Deadline due(String kind, String trigger, String meetingKind, Policy policy, Calendar calendar) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        int s = Native.duban_due(ptr(policy), ptr(calendar), Native.cstr(kind), Native.cstr(trigger),
                Native.cstr(meetingKind), out, err);
        fence(policy, calendar);
        Native.check(s, err);
        return new Deadline(out.getValue());
    }

    /**
     * Due dates in bulk, one boundary crossing: for each trigger day, the due date of
     * {@code kind} (for monthly, quarterly and year-end reports, of the period containing the
     * day). The first failing element throws, naming its index.
     */
    public static LocalDate[] dueBatch(String kind, LocalDate[] triggers, Policy policy, Calendar calendar) {
        int[] t = new int[triggers.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Calendar.epoch(triggers[i]);
        }
        int[] due = dueBatch(kind, t, policy, calendar);
        LocalDate[] out = new LocalDate[due.length];
        for (int i = 0; i < due.length; i++) {
            out[i] = Calendar.date(due[i]);
        }
        return out;
    }

    /** {@link #dueBatch(String, LocalDate[], Policy, Calendar)} on days since 1970-01-01. */
    public static int[] dueBatch(String kind, int[] triggers, Policy policy, Calendar calendar) {
        int[] due = new int[triggers.length];
        PointerByReference err = new PointerByReference();
        int s = Native.duban_due_batch(ptr(policy), ptr(calendar), Native.cstr(kind), null, triggers,
                triggers.length, due, null, null, err);
        fence(policy, calendar);
        Native.check(s, err);
        return due;
    }

    /**
     * Checks a {@code duban-caseload/1} document and returns the {@code duban-report/1} JSON,
     * exactly as {@code duban check} prints it (Chinese, explanations included), on the
     * document's {@code as_of}, under the built-in policy and the national calendar.
     *
     * @throws DubanException {@code invalid_caseload} when the document as a whole is not a caseload
     */
    public static String check(String caseloadJson) {
        return check(caseloadJson == null ? null : caseloadJson.getBytes(StandardCharsets.UTF_8), null, null, null,
                Language.CHINESE, true);
    }

    /**
     * Checks a caseload (UTF-8 JSON bytes) on {@code asOf} (null: the document's), under a
     * policy and a calendar (null: built in, national), with the report's texts in
     * {@code language} and explanations if {@code explain}.
     */
    public static String check(byte[] caseload, LocalDate asOf, Policy policy, Calendar calendar, Language language,
            boolean explain) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        long[] len = new long[1];
        int s = Native.duban_check(ptr(policy), ptr(calendar), caseload, caseload == null ? 1 : caseload.length,
                asOf == null ? Native.DATE_NONE : Calendar.epoch(asOf), language.code, (byte) (explain ? 1 : 0), out,
                len, err);
        fence(policy, calendar);
        Native.check(s, err);
        return Native.take(out, len);
    }

    /**
     * Compares a caseload under policies {@code a} and {@code b} (null: built in) on the
     * document's {@code as_of}: the JSON of {@code duban diff --format json}.
     */
    public static String whatIf(String caseloadJson, Policy a, Policy b) {
        return whatIf(caseloadJson == null ? null : caseloadJson.getBytes(StandardCharsets.UTF_8), null, a, b, null);
    }

    /** {@link #whatIf(String, Policy, Policy)} on {@code asOf} (null: the document's) over a calendar. */
    public static String whatIf(byte[] caseload, LocalDate asOf, Policy a, Policy b, Calendar calendar) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        long[] len = new long[1];
        int s = Native.duban_what_if(ptr(a), ptr(b), ptr(calendar), caseload, caseload == null ? 1 : caseload.length,
                asOf == null ? Native.DATE_NONE : Calendar.epoch(asOf), out, len, err);
        fence(a, b);
        if (calendar != null) {
            calendar.fence();
        }
        Native.check(s, err);
        return Native.take(out, len);
    }

    /**
     * What may happen next to matter {@code id} of a caseload on {@code asOf} (null: the
     * document's), as the JSON of {@code duban::NextStep}: {@code state}, {@code allowed}
     * (event names), {@code open} (obligations with {@code code}, {@code due}, {@code status}),
     * {@code findings}, words in {@code language}. Policy and calendar null: built in, national.
     *
     * @throws DubanException {@code invalid_caseload} for an unknown id or a matter the check refuses
     */
    public static String next(String caseloadJson, String id, LocalDate asOf, Policy policy, Calendar calendar,
            Language language) {
        byte[] doc = caseloadJson == null ? null : caseloadJson.getBytes(StandardCharsets.UTF_8);
        byte[] ident = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        long[] len = new long[1];
        int s = Native.duban_next(ptr(policy), ptr(calendar), doc, doc == null ? 1 : doc.length, ident,
                ident == null ? 1 : ident.length, asOf == null ? Native.DATE_NONE : Calendar.epoch(asOf), language.code,
                out, len, err);
        fence(policy, calendar);
        Native.check(s, err);
        return Native.take(out, len);
    }

    /**
     * Applies one event ({@code {"event": NAME, "on": DATE, ...}}) to a stored workflow state
     * ({@code duban-state/1}) under the built-in policy over the national calendar and returns
     * the next stored state.
     *
     * @throws DubanException {@code illegal_transition}, naming the state and the event, when
     *     the regulation does not allow the event
     */
    public static String apply(String stateJson, String eventJson) {
        return apply(stateJson, eventJson, null, null);
    }

    /**
     * As {@link #apply(String, String)}, under {@code policy} over {@code calendar} (null:
     * built in, national): the rules that need them (a unit graded poor only once D6 has
     * passed) are those of {@link #next} and the caseload check with the same two.
     *
     * @throws DubanException {@code illegal_transition}, naming the state and the event, when
     *     the regulation does not allow the event
     */
    public static String apply(String stateJson, String eventJson, Policy policy, Calendar calendar) {
        byte[] state = stateJson == null ? null : stateJson.getBytes(StandardCharsets.UTF_8);
        byte[] event = eventJson == null ? null : eventJson.getBytes(StandardCharsets.UTF_8);
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        long[] len = new long[1];
        int s = Native.duban_workflow_apply_in(ptr(policy), ptr(calendar), state,
                state == null ? 1 : state.length, event, event == null ? 1 : event.length, out, len, err);
        fence(policy, calendar);
        Native.check(s, err);
        return Native.take(out, len);
    }

    private static Pointer ptr(Handle h) {
        return h == null ? null : h.ptr();
    }

    private static void fence(Handle a, Handle b) {
        if (a != null) {
            a.fence();
        }
        if (b != null) {
            b.fence();
        }
    }
}
