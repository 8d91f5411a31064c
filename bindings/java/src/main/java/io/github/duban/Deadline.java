package io.github.duban;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A due date of 安政办发〔2020〕1号, with the date under each plausible reading and the earliest
 * of them, and its explanation on demand. Thread-safe.
 */
public final class Deadline extends Handle {
    private static final Free FREE = new Free() {
        @Override
        public void free(Pointer p) {
            Native.duban_deadline_free(p);
        }
    };

    private final LocalDate due;
    private final LocalDate earliest;
    private final String code;
    private final String kind;
    private final List<Reading> readings;
    private final LocalDate rolledFrom;

    Deadline(Pointer p) {
        super(p, FREE);
        Memory m = Native.buffer(88);
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_deadline_info(p, m, err), err);
        // DubanDeadlineInfo: int32 due @0, earliest @4, char* code @8, char* kind @16,
        // uint32 reading_count @24, readings[3] @32 (each: char* reading @0, int32 date @8,
        // bool chosen @12; 16 bytes), bool has_rolled_from @80, int32 rolled_from @84.
        due = Calendar.date(m.getInt(0));
        earliest = Calendar.date(m.getInt(4));
        code = Native.utf8(m.getPointer(8));
        kind = Native.utf8(m.getPointer(16));
        int count = Math.min(m.getInt(24), 3);
        List<Reading> r = new ArrayList<Reading>(count);
        for (int i = 0; i < count; i++) {
            long at = 32 + 16L * i;
            r.add(new Reading(Native.utf8(m.getPointer(at)), Calendar.date(m.getInt(at + 8)), m.getByte(at + 12) != 0));
        }
        readings = Collections.unmodifiableList(r);
        rolledFrom = m.getByte(80) != 0 ? Calendar.date(m.getInt(84)) : null;
    }

    /** The due date under the policy's readings. */
    public LocalDate due() { return due; }

    /** The earliest date under every reading: in time whichever reading holds. */
    public LocalDate earliest() { return earliest; }

    /** The date under each reading, the chosen one first. */
    public List<Reading> readings() { return readings; }

    /** {@code D1} ... {@code D7}. */
    public String code() { return code; }

    /** The obligation's snake_case kind ({@code meeting_follow_up}, ...). */
    public String kind() { return kind; }

    /** The day off the due date was rolled from, or null. */
    public LocalDate rolledFrom() { return rolledFrom; }

    /** The explanation: the article, the counting rule, the parameters, the days skipped; one line each. */
    public String explain(Language language) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        long[] len = new long[1];
        Native.check(Native.duban_deadline_explain(ptr(), language.code, out, len, err), err);
        fence();
        return Native.take(out, len);
    }

    /** The deadline as JSON, as the Rust {@code Deadline} serialises. */
    public String toJson() {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        long[] len = new long[1];
        Native.check(Native.duban_deadline_to_json(ptr(), out, len, err), err);
        fence();
        return Native.take(out, len);
    }

    @Override
    public String toString() {
        return code + " due " + due;
    }
}
