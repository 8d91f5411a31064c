package io.github.duban;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * A policy: the readings and parameters of 安政办发〔2020〕1号, built in or from a
 * {@code duban-policy/1} document. Immutable and thread-safe.
 */
public final class Policy extends Handle {
    private static final Free FREE = new Free() {
        @Override
        public void free(Pointer p) {
            Native.duban_policy_free(p);
        }
    };

    private Policy(Pointer p) {
        super(p, FREE);
    }

    /** The built-in policy, 安政办发〔2020〕1号 with duban's documented readings. */
    public static Policy builtin() {
        PointerByReference out = new PointerByReference();
        Native.check(Native.duban_policy_builtin(out), null);
        return new Policy(out.getValue());
    }

    /**
     * A policy from a {@code duban-policy/1} JSON document; parameters it leaves out keep the
     * built-in values.
     *
     * @throws DubanException {@code invalid_policy} when the document cannot be read
     */
    public static Policy fromJson(String json) {
        byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Native.check(Native.duban_policy_from_json(bytes, bytes == null ? 1 : bytes.length, out, err), err);
        return new Policy(out.getValue());
    }

    /** The complete {@code duban-policy/1} document of this policy. */
    public String toJson() {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        long[] len = new long[1];
        Native.check(Native.duban_policy_to_json(ptr(), out, len, err), err);
        fence();
        return Native.take(out, len);
    }
}
