/*
 * The C side of the binding benchmarks (bindings/java/bench.sh runs it beside the Rust and
 * Java figures): add_workdays per call, one million D1 deadlines through duban_due_batch,
 * and, given a caseload file, the check without explanations. Best of 5, wall clock.
 *
 *     bench_duban [CASELOAD.json]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "duban.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    DubanCalendar *cal = NULL;
    duban_calendar_china(&cal);
    const int n = 1000000;
    const int32_t first = 18267; /* 2020-01-06 */
    const int32_t span = 20727 - 18267; /* to 2026-10-01 */
    int32_t *days = malloc(sizeof(int32_t) * n), *due = malloc(sizeof(int32_t) * n);
    for (int i = 0; i < n; i++) days[i] = first + i % span;

    double best = 1e9;
    volatile int32_t sink = 0;
    for (int r = 0; r < 5; r++) {
        double t = now();
        for (int i = 0; i < n; i++) {
            int32_t out;
            duban_calendar_add_workdays(cal, days[i], 10, &out, NULL, NULL);
            sink += out;
        }
        t = now() - t;
        if (t < best) best = t;
    }
    printf("c     add_workdays per call                   %8.1f ns\n", best / n * 1e9);

    best = 1e9;
    for (int r = 0; r < 5; r++) {
        double t = now();
        duban_due_batch(NULL, cal, "meeting-follow-up", NULL, days, (size_t)n, due, NULL, NULL, NULL);
        t = now() - t;
        if (t < best) best = t;
    }
    printf("c     1M D1 deadlines (duban_due_batch)       %8.1f ms\n", best * 1e3);

    if (argc > 1) {
        FILE *f = fopen(argv[1], "rb");
        if (!f) return 2;
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *doc = malloc((size_t)len);
        if (fread(doc, 1, (size_t)len, f) != (size_t)len) return 2;
        fclose(f);
        best = 1e9;
        for (int r = 0; r < 5; r++) {
            char *out = NULL;
            size_t out_len = 0;
            double t = now();
            duban_check(NULL, cal, (const uint8_t *)doc, (size_t)len, DUBAN_DATE_NONE, DUBAN_LANGUAGE_CHINESE, false,
                        &out, &out_len, NULL);
            t = now() - t;
            duban_string_free(out);
            if (t < best) best = t;
        }
        printf("c     caseload check (no explanations)        %8.1f ms\n", best * 1e3);
        free(doc);
    }
    free(days);
    free(due);
    duban_calendar_free(cal);
    return 0;
}
