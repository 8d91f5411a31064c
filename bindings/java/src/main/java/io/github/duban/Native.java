package io.github.duban;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * The C functions of {@code ffi/include/duban.h}, bound by JNA direct mapping, and the glue
 * every class uses: status checks, strings in and out. Not public API.
 */
final class Native {
    private Native() {}

    static {
        // JNA finds libduban_ffi in jna.library.path, java.library.path, or inside the jar
        // under <os>-<arch>/ (build.sh puts the build platform's library there).
        com.sun.jna.Native.register(Native.class, "duban_ffi");
    }

    /** Days since 1970-01-01 that stand for "none" (DUBAN_DATE_NONE). */
    static final int DATE_NONE = Integer.MIN_VALUE;

    // Version, errors, strings.
    static native Pointer duban_version();
    static native int duban_error_status(Pointer err);
    static native Pointer duban_error_kind(Pointer err);
    static native Pointer duban_error_message(Pointer err, int lang);
    static native void duban_error_free(Pointer err);
    static native void duban_string_free(Pointer s);

    // Calendars.
    static native int duban_calendar_china(PointerByReference out);
    static native int duban_calendar_as_known_on(Pointer cal, int date, PointerByReference out, PointerByReference err);
    static native int duban_calendar_with_provisional(Pointer cal, PointerByReference out, PointerByReference err);
    static native void duban_calendar_free(Pointer cal);
    static native int duban_calendar_builder_new(byte national, PointerByReference out);
    static native int duban_calendar_builder_notice(Pointer b, byte[] text, long len, PointerByReference err);
    static native int duban_calendar_builder_known_on(Pointer b, int date, PointerByReference err);
    static native int duban_calendar_builder_provisional(Pointer b, byte provisional, PointerByReference err);
    static native int duban_calendar_builder_build(Pointer b, PointerByReference out, PointerByReference err);
    static native void duban_calendar_builder_free(Pointer b);

    // Queries. `prov` is a byte[1] or null; `out` an int[1] or byte[1].
    static native int duban_calendar_is_workday(Pointer cal, int date, byte[] out, byte[] prov, PointerByReference err);
    static native int duban_calendar_day(Pointer cal, int date, Pointer out, PointerByReference err);
    static native int duban_calendar_add_workdays(Pointer cal, int date, int n, int[] out, byte[] prov, PointerByReference err);
    /** The same, writing to native memory (the per-call hot path: no Java array to pin). */
    static native int duban_calendar_add_workdays(Pointer cal, int date, int n, Pointer out, Pointer prov, Pointer err);
    static native int duban_calendar_workdays_between(Pointer cal, int from, int to, int[] out, byte[] prov, PointerByReference err);
    static native int duban_calendar_step(Pointer cal, int date, int step, int[] out, byte[] prov, PointerByReference err);
    static native int duban_calendar_last_workday_of_month(Pointer cal, int year, int month, int[] out, byte[] prov, PointerByReference err);
    static native int duban_calendar_last_workday_of_quarter(Pointer cal, int year, int quarter, int[] out, byte[] prov, PointerByReference err);
    static native int duban_calendar_last_workday_of_year(Pointer cal, int year, int[] out, byte[] prov, PointerByReference err);

    // Batches.
    static native int duban_calendar_is_workday_batch(Pointer cal, int[] dates, long count, byte[] out, byte[] prov, int[] statuses, PointerByReference err);
    static native int duban_calendar_add_workdays_batch(Pointer cal, int[] dates, long count, int n, int[] out, byte[] prov, int[] statuses, PointerByReference err);
    static native int duban_calendar_workdays_between_batch(Pointer cal, int[] from, int[] to, long count, int[] out, byte[] prov, int[] statuses, PointerByReference err);

    // Policies.
    static native int duban_policy_builtin(PointerByReference out);
    static native int duban_policy_from_json(byte[] json, long len, PointerByReference out, PointerByReference err);
    static native int duban_policy_to_json(Pointer policy, PointerByReference out, long[] len, PointerByReference err);
    static native void duban_policy_free(Pointer policy);

    // Deadlines.
    static native int duban_due(Pointer policy, Pointer cal, byte[] kind, byte[] trigger, byte[] meetingKind, PointerByReference out, PointerByReference err);
    static native int duban_due_batch(Pointer policy, Pointer cal, byte[] kind, byte[] meetingKind, int[] triggers, long count, int[] due, int[] earliest, int[] statuses, PointerByReference err);
    static native int duban_deadline_info(Pointer d, Pointer out, PointerByReference err);
    static native int duban_deadline_explain(Pointer d, int lang, PointerByReference out, long[] len, PointerByReference err);
    static native int duban_deadline_to_json(Pointer d, PointerByReference out, long[] len, PointerByReference err);
    static native void duban_deadline_free(Pointer d);

    // Caseloads.
    static native int duban_check(Pointer policy, Pointer cal, byte[] caseload, long len, int asOf, int lang, byte explain, PointerByReference out, long[] len2, PointerByReference err);
    static native int duban_what_if(Pointer a, Pointer b, Pointer cal, byte[] caseload, long len, int asOf, PointerByReference out, long[] len2, PointerByReference err);

    // Workflows, one matter and one event at a time.
    static native int duban_next(Pointer policy, Pointer cal, byte[] caseload, long len, byte[] id, long idLen, int asOf, int lang, PointerByReference out, long[] len2, PointerByReference err);
    static native int duban_workflow_apply(byte[] state, long stateLen, byte[] event, long eventLen, PointerByReference out, long[] len2, PointerByReference err);
    static native int duban_workflow_apply_in(Pointer policy, Pointer cal, byte[] state, long stateLen, byte[] event, long eventLen, PointerByReference out, long[] len2, PointerByReference err);

    // ---- glue ----

    /** NUL-terminated UTF-8, or null for null. */
    static byte[] cstr(String s) {
        if (s == null) {
            return null;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    static String utf8(Pointer p) {
        return p == null ? null : p.getString(0, "UTF-8");
    }

    /** Throws the error of a failed call (and frees it); does nothing on status 0. */
    static void check(int status, PointerByReference err) {
        if (status == 0) {
            return;
        }
        Pointer e = err == null ? null : err.getValue();
        if (e == null) {
            throw new DubanException(status, statusName(status), "duban call failed (status " + status + ")",
                    "duban 调用失败（状态 " + status + "）");
        }
        try {
            throw new DubanException(status, utf8(duban_error_kind(e)), utf8(duban_error_message(e, 1)),
                    utf8(duban_error_message(e, 0)));
        } finally {
            duban_error_free(e);
        }
    }

    static String statusName(int status) {
        switch (status) {
            case 1: return "outside_coverage";
            case 2: return "invalid_input";
            case 3: return "invalid_notice";
            case 4: return "invalid_policy";
            case 5: return "policy_not_in_force";
            case 6: return "illegal_transition";
            case 7: return "invalid_caseload";
            case 99: return "internal";
            default: return "other";
        }
    }

    /** Takes a string the library returned (and frees it). */
    static String take(PointerByReference out, long[] len) {
        Pointer p = out.getValue();
        try {
            return new String(p.getByteArray(0, (int) len[0]), StandardCharsets.UTF_8);
        } finally {
            duban_string_free(p);
        }
    }

    /** A small native scratch buffer per thread, for the outputs of hot per-call functions. */
    private static final ThreadLocal<Memory> SCRATCH = new ThreadLocal<Memory>() {
        @Override
        protected Memory initialValue() {
            return new Memory(16);
        }
    };

    static Memory scratch() {
        return SCRATCH.get();
    }

    static Memory buffer(int size) {
        Memory m = new Memory(size);
        m.clear();
        return m;
    }
}
