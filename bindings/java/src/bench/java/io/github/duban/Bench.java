package io.github.duban;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;

/**
 * The Java side of the binding benchmarks (bench.sh runs it beside the Rust and C figures):
 * addWorkdays per call (LocalDate and epoch-day forms), one million D1 deadlines through the
 * batch call (epoch days and LocalDate[]), and, given a caseload file, the check without
 * explanations. Each figure is the best of 5 runs after a warm-up run.
 */
public final class Bench {
    interface Run {
        void run() throws Exception;
    }

    static volatile long sink;

    static double best(Run r) throws Exception {
        r.run(); // warm-up (JIT)
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        final Calendar cal = Calendar.china();
        final int n = 1000000;
        final int first = (int) LocalDate.of(2020, 1, 6).toEpochDay();
        final int span = (int) (LocalDate.of(2026, 10, 1).toEpochDay() - first);
        final int[] days = new int[n];
        final LocalDate[] dates = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            days[i] = first + i % span;
            dates[i] = LocalDate.ofEpochDay(days[i]);
        }
        double t = best(new Run() {
            public void run() {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += cal.addWorkdays(dates[i], 10).getDayOfMonth();
                }
                sink = s;
            }
        });
        System.out.printf("java  addWorkdays per call (LocalDate)       %8.1f ns%n", t / n * 1e9);
        t = best(new Run() {
            public void run() {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += cal.addWorkdays(days[i], 10);
                }
                sink = s;
            }
        });
        System.out.printf("java  addWorkdays per call (epoch day)       %8.1f ns%n", t / n * 1e9);
        t = best(new Run() {
            public void run() {
                sink = Duban.dueBatch("meeting-follow-up", days, null, cal)[n - 1];
            }
        });
        System.out.printf("java  1M D1 deadlines (dueBatch, int[])      %8.1f ms%n", t * 1e3);
        t = best(new Run() {
            public void run() {
                sink = Duban.dueBatch("meeting-follow-up", dates, null, cal)[n - 1].getDayOfMonth();
            }
        });
        System.out.printf("java  1M D1 deadlines (dueBatch, LocalDate[]) %7.1f ms%n", t * 1e3);
        if (args.length > 0) {
            final byte[] doc = Files.readAllBytes(Paths.get(args[0]));
            t = best(new Run() {
                public void run() {
                    sink = Duban.check(doc, null, null, cal, Language.CHINESE, false).length();
                }
            });
            System.out.printf("java  caseload check (no explanations)       %8.1f ms%n", t * 1e3);
        }
        cal.close();
    }
}
