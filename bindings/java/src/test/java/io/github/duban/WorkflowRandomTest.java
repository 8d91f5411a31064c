package io.github.duban;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A host system driving matters event by event (issue 14), as a Java 督查督办 system would: the
 * matter's state is kept as a JSON string between steps (a database column), each event goes
 * through {@link Duban#apply}, and after every step {@link Duban#next} says what comes next.
 * Every step is compared with the whole-caseload {@link Duban#check} of the same matter,
 * truncated at that event: acceptance, the state, the allowed list (the check's, and the
 * stored state's machine's through {@code apply}) and the open deadlines. The sequences are
 * generated at random here, seeded (the seed is printed with a failure; the system property
 * {@code duban.seed} moves the range), for the four workflows.
 *
 * <p>The rules are one: the check applies each event through the machine step {@code apply}
 * takes, under the same policy over the same calendar (graded poor only once D6 has passed,
 * Art. 12 (3)), so acceptance, the state and the allowed list agree exactly. A referred
 * accountability case is shown by the state of its workflow, with {@code referred_on}, by
 * {@code next} as by the check (the stored state is {@code referred} with that state as its
 * {@code case}). One event is taken differently by design, and it is not a disagreement on
 * what is allowed: an unplanned inspection started without approval (Art. 10) is never
 * allowed; {@code apply}, the gate a host calls before an act, refuses it and names the
 * violation (未经审批, {@code no_approval}); the check, which records what happened, takes it as
 * a fact and reports that violation.
 */
final class WorkflowRandomTest {
    private static final int SEQUENCES_PER_KIND = 20;
    private static final String[] GROUNDS = {"wide_reaching", "overall", "comprehensive", "hard_to_coordinate",
        "ineffective_after_urging"};
    private static final String[] TRIGGERS = {"neglect", "weak_measures", "slow_progress", "late_reporting",
        "false_reporting"};
    private static final String[] REASONS = {"missing_item", "no_physical_progress", "no_evidence", "other"};
    /** The caseload's source codes: Art. 5 (not escalated, Art. 4), then Art. 6. */
    private static final String[] SOURCES = {"major_decisions", "government_work_report", "meeting_decisions",
        "leader_instructions", "deputies_proposals", "media_reports", "online_messages",
        "inspection_and_audit_findings", "leader_assignments", "leader_meeting_decisions",
        "instructions_and_documents", "key_projects"};
    private static final Map<String, String[]> EVENTS = new LinkedHashMap<String, String[]>();

    static {
        EVENTS.put("report", new String[] {"submit", "return", "accept"});
        EVENTS.put("inspection", new String[] {"apply", "approve", "reject", "file", "start"});
        EVENTS.put("escalation", new String[] {"urge", "request_escalation", "approve", "decline"});
        EVENTS.put("accountability", new String[] {"place_under_key_supervision", "rectify", "propose_interview",
            "approve_interview", "hold_interview", "report_interview_result", "submit_plan", "resolve", "grade_poor",
            "refer"});
    }

    private final List<String> failures = new ArrayList<String>();
    private int checks;

    private void check(boolean ok, String what) {
        checks++;
        if (!ok && failures.size() < 20) {
            failures.add(what);
            System.err.println("FAIL " + what);
        }
    }

    // ---- a small JSON reader and writer (the test has no library at hand) ----------------

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Reader r = new Reader(text);
            Object v = r.value();
            r.ws();
            if (r.i != text.length()) {
                throw new IllegalArgumentException("trailing text at " + r.i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<String, Object>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    i++; // ':'
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<Object>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return Double.valueOf(s.substring(start, i));
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // '"'
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u':
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                            break;
                        default: b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String write(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            String s = (String) v;
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (v instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                b.append(b.length() == 1 ? "" : ",").append(write(e.getKey())).append(':').append(write(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (v instanceof List) {
            StringBuilder b = new StringBuilder("[");
            for (Object x : (List<Object>) v) {
                b.append(b.length() == 1 ? "" : ",").append(write(x));
            }
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object v) {
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v) {
        return (List<Object>) v;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- the matters and events -----------------------------------------------------------

    private static List<Object> sample(Random rng, String[] from, int min, int max) {
        List<Object> all = new ArrayList<Object>(Arrays.asList((Object[]) from));
        Collections.shuffle(all, rng);
        return new ArrayList<Object>(all.subList(0, min + rng.nextInt(max - min + 1)));
    }

    /** The event named {@code name} on {@code on}, its other fields drawn at random. */
    private static Map<String, Object> randomEvent(String name, LocalDate on, Random rng) {
        Map<String, Object> e = map("event", name, "on", on.toString());
        if (name.equals("return")) {
            e.put("remedy", rng.nextBoolean() ? "redo" : "supplement");
            e.put("reasons", sample(rng, REASONS, 0, 2));
        } else if (name.equals("request_escalation")) {
            e.put("grounds", sample(rng, GROUNDS, 1, 3));
        } else if (name.equals("place_under_key_supervision")) {
            e.put("triggers", sample(rng, TRIGGERS, 0, 2));
            e.put("rectify_by", on.plusDays(rng.nextInt(7)).toString());
        }
        return e;
    }

    /** A well-formed event of this name (the one next itself tries). */
    private static Map<String, Object> sampleEvent(String name, LocalDate on) {
        Map<String, Object> e = map("event", name, "on", on.toString());
        if (name.equals("return")) {
            e.put("remedy", "supplement");
            e.put("reasons", new ArrayList<Object>(Arrays.asList((Object) "other")));
        } else if (name.equals("request_escalation")) {
            e.put("grounds", new ArrayList<Object>(Arrays.asList((Object[]) GROUNDS)));
        } else if (name.equals("place_under_key_supervision")) {
            e.put("triggers", new ArrayList<Object>(Arrays.asList((Object) "slow_progress")));
            e.put("rectify_by", on.toString());
        }
        return e;
    }

    private static String caseload(Map<String, Object> matter, List<Object> events, LocalDate asOf) {
        Map<String, Object> m = new LinkedHashMap<String, Object>(matter);
        m.put("events", events);
        List<Object> matters = new ArrayList<Object>();
        matters.add(m);
        return write(map("schema", "duban-caseload/1", "as_of", asOf.toString(), "matters", matters));
    }

    private static Map<String, Object> check(Map<String, Object> matter, List<Object> events, LocalDate asOf) {
        byte[] doc = caseload(matter, events, asOf).getBytes(StandardCharsets.UTF_8);
        return obj(Reader.parse(Duban.check(doc, asOf, null, null, Language.CHINESE, false)));
    }

    private static List<Object> plus(List<Object> events, Object event) {
        List<Object> l = new ArrayList<Object>(events);
        l.add(event);
        return l;
    }

    /** The state's name as the check names it (a referral names the state of its case). */
    private static String effectiveState(String stored) {
        Map<String, Object> s = obj(obj(Reader.parse(stored)).get("state"));
        while ("referred".equals(s.get("state"))) {
            s = obj(s.get("case"));
        }
        return (String) s.get("state");
    }

    /** The next stored state, or null when apply refuses the event. */
    private String applies(String stored, Map<String, Object> event) {
        lastRefusal = null;
        try {
            return Duban.apply(stored, write(event));
        } catch (DubanException e) {
            check(e.kind().equals("illegal_transition"), "apply: " + e.kind() + " " + e.getMessage());
            check(!e.message(Language.CHINESE).isEmpty(), "a Chinese message");
            lastRefusal = e;
            return null;
        }
    }

    /** The error of the last refusal of {@link #applies}. */
    private DubanException lastRefusal;

    /** The day of the referral of a stored state, or null. */
    private static Object referredOn(String stored) {
        Map<String, Object> s = obj(obj(Reader.parse(stored)).get("state"));
        return "referred".equals(s.get("state")) ? s.get("on") : null;
    }

    /** The check accepts the matter as a step, not only as a fact it reports as a violation. */
    private static boolean asAStep(Map<String, Object> report) {
        if (!list(report.get("errors")).isEmpty()) {
            return false;
        }
        for (Object v : list(report.get("inspection_violations"))) {
            if ("no_approval".equals(obj(v).get("violation"))) {
                return false;
            }
        }
        return true;
    }

    /** Drives one random sequence; returns the stored states it went through. */
    Set<String> drive(String kind, long seed) {
        // java.util.Random's first draws are alike for close seeds: spread them first.
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        Map<String, Object> matter;
        LocalDate on;
        String initial;
        String source = null;
        if (kind.equals("report")) {
            matter = map("id", "M", "kind", "monthly_report", "unit", "市财政局", "sector", "经济", "month", "2023-09");
            on = LocalDate.of(2023, 9, 20);
            initial = "awaiting";
        } else if (kind.equals("inspection")) {
            boolean listed = rng.nextBoolean();
            matter = map("id", "M", "kind", "inspection", "unit", "市教育局", "sector", "社会", "start", "2023-10-16",
                    "annual_plan", listed ? "listed" : "not_listed");
            on = LocalDate.of(2023, 9, 27);
            initial = listed ? "planned" : "proposed";
        } else if (kind.equals("escalation")) {
            matter = map("id", "M", "kind", "escalation", "unit", "市自然资源局", "sector", "城建");
            // A random source (an Art. 5 one cannot be escalated), or, half the time, none
            // (so that the sequences still reach every state).
            int pick = rng.nextInt(2 * SOURCES.length);
            if (pick < SOURCES.length) {
                source = SOURCES[pick];
                matter.put("source", source);
            }
            on = LocalDate.of(2024, 4, 22);
            initial = "open";
        } else {
            matter = map("id", "M", "kind", "accountability", "unit", "市林业局", "sector", "城建");
            on = LocalDate.of(2023, 9, 1);
            initial = "normal";
        }
        String[] names = EVENTS.get(kind);
        Map<String, Object> frame = map("schema", "duban-state/1", "kind", kind);
        if (source != null) {
            frame.put("source", source);
        }
        frame.put("state", map("state", initial));
        String stored = write(frame);
        List<Object> log = new ArrayList<Object>();
        List<String> allowed = new ArrayList<String>();
        Set<String> visited = new HashSet<String>();
        visited.add(initial);
        int steps = 1 + rng.nextInt(14);
        for (int step = 0; step < steps; step++) {
            on = on.plusDays(rng.nextInt(5));
            List<String> likely = new ArrayList<String>();
            for (String a : allowed) {
                if (!a.equals("refer") || rng.nextDouble() < 0.15) {
                    likely.add(a);
                }
            }
            String name = !likely.isEmpty() && rng.nextDouble() < 0.7 ? likely.get(rng.nextInt(likely.size()))
                    : names[rng.nextInt(names.length)];
            Map<String, Object> event = randomEvent(name, on, rng);
            String where = kind + " seed " + seed + " step " + step + " " + write(event) + " after " + write(log);
            String after = applies(stored, event);
            Map<String, Object> report = check(matter, plus(log, event), on);
            boolean accepted = list(report.get("errors")).isEmpty();
            if (after == null && accepted) {
                // Art. 10: an unapproved start is never allowed; apply refuses it, naming the
                // violation, and the check records it as that violation.
                boolean flagged = false;
                for (Object v : list(report.get("inspection_violations"))) {
                    flagged |= "no_approval".equals(obj(v).get("violation"));
                }
                check(kind.equals("inspection") && name.equals("start") && flagged && !allowed.contains("start")
                        && lastRefusal != null && lastRefusal.message(Language.CHINESE).contains("未经审批")
                        && lastRefusal.message(Language.ENGLISH).contains("no_approval"),
                        "only apply refuses: " + where);
            } else {
                check((after != null) == accepted, "apply " + (after != null) + ", check " + accepted + ": " + where);
            }
            if (after != null) {
                // The source is kept through apply (absent stays absent).
                Object kept = obj(Reader.parse(after)).get("source");
                check(source == null ? kept == null : source.equals(kept), "source " + kept + ": " + where);
                stored = after;
                log.add(event);
                visited.add((String) obj(obj(Reader.parse(stored)).get("state")).get("state"));
                visited.add(effectiveState(stored));
                String checked = (String) obj(list(report.get("matters")).get(0)).get("state");
                check(checked.equals(effectiveState(stored)), "state " + checked + " vs " + stored + ": " + where);
            }
            // What comes next, on a day at or after the last event.
            LocalDate asOf = on.plusDays(rng.nextInt(4));
            Map<String, Object> next = obj(Reader.parse(
                    Duban.next(caseload(matter, log, asOf), "M", asOf, null, null, Language.CHINESE)));
            check(effectiveState(stored).equals(next.get("state")), "next state " + next.get("state") + ": " + where);
            Object referred = referredOn(stored);
            check(referred == null ? next.get("referred_on") == null : referred.equals(next.get("referred_on")),
                    "referred_on " + next.get("referred_on") + ": " + where);
            List<Object> byCheck = new ArrayList<Object>();
            List<Object> byMachine = new ArrayList<Object>();
            for (String n : names) {
                if (asAStep(check(matter, plus(log, sampleEvent(n, asOf)), asOf))) {
                    byCheck.add(n);
                }
                if (applies(stored, sampleEvent(n, asOf)) != null) {
                    byMachine.add(n);
                }
            }
            check(byCheck.equals(next.get("allowed")), "allowed " + next.get("allowed") + " vs " + byCheck + ": " + where);
            check(byMachine.equals(next.get("allowed")),
                    "allowed by apply " + byMachine + " vs " + next.get("allowed") + ": " + where);
            List<String> openByCheck = new ArrayList<String>();
            for (Object o : list(obj(list(check(matter, log, asOf).get("matters")).get(0)).get("obligations"))) {
                String status = (String) obj(obj(o).get("status")).get("status");
                if (!status.equals("met_on_time") && !status.equals("met_late")) {
                    openByCheck.add(obj(o).get("code") + " " + obj(o).get("due") + " " + status);
                }
            }
            List<String> open = new ArrayList<String>();
            for (Object o : list(next.get("open"))) {
                open.add(obj(o).get("code") + " " + obj(o).get("due") + " " + obj(o).get("status"));
            }
            check(open.equals(openByCheck), "open " + open + " vs " + openByCheck + ": " + where);
            allowed.clear();
            for (Object a : list(next.get("allowed"))) {
                allowed.add((String) a);
            }
            on = asOf;
        }
        return visited;
    }

    /** Runs every kind's sequences; returns the failures (empty when every check passed). */
    static List<String> run() {
        WorkflowRandomTest t = new WorkflowRandomTest();
        long base = Long.getLong("duban.seed", 0L);
        Map<String, Set<String>> want = new LinkedHashMap<String, Set<String>>();
        want.put("report", new HashSet<String>(Arrays.asList("awaiting", "submitted", "returned", "accepted")));
        want.put("inspection", new HashSet<String>(Arrays.asList("planned", "proposed", "applied", "approved",
                "rejected", "filed", "carried_out")));
        want.put("escalation", new HashSet<String>(Arrays.asList("open", "urged", "requested", "escalated",
                "declined")));
        want.put("accountability", new HashSet<String>(Arrays.asList("normal", "key_supervision",
                "interview_proposed", "interview_approved", "interview_held", "plan_submitted", "resolved",
                "graded_poor", "referred")));
        for (String kind : EVENTS.keySet()) {
            Set<String> visited = new HashSet<String>();
            for (int n = 0; n < SEQUENCES_PER_KIND; n++) {
                visited.addAll(t.drive(kind, base * 1000 + n * 7 + kind.length()));
            }
            // The sequences are not idle: across the seeds they reach every state.
            t.check(visited.equals(want.get(kind)), kind + " reached " + visited);
        }
        System.out.println("random workflows: " + EVENTS.size() * SEQUENCES_PER_KIND + " sequences, " + t.checks
                + " checks, " + t.failures.size() + " failures");
        return t.failures;
    }
}
