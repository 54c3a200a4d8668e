/* The C contender of the benchmark: bts_call through libbts.so, as a C host calls it.
 *
 *   bench_c latency CONFIG OP PARAMS N RUNS WARMUP   one client, WARMUP calls, then RUNS runs
 *                                                    of N calls; prints one JSON line with the
 *                                                    time per call of every run (µs), the data
 *                                                    size and the peak RSS (VmHWM)
 *   bench_c count CONFIG OP PARAMS N                 N calls, nothing printed (for callgrind)
 *   bench_c rss CONFIG OP PARAMS WARMUP N            RSS (/proc/self/statm) after WARMUP calls
 *                                                    and after N more
 *
 * Each call is what a host does: bts_call, look at the envelope, bts_string_free. Timing is
 * clock_gettime(CLOCK_MONOTONIC). Exits 1 if any envelope is not {"ok":true,...}.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bts.h"

static const char OK_PREFIX[] = "{\"ok\":true,\"data\":";

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Peak RSS of this process in KiB. getrusage's ru_maxrss would be the natural call, but Linux
 * carries it across execve: a process started by a big parent (the Python harness) reports the
 * parent's peak. VmHWM in /proc/self/status is the peak of this program's own address space. */
static long maxrss_kb(void) {
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");
    if (f) {
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "VmHWM:", 6) == 0) {
                kb = strtol(line + 6, NULL, 10);
                break;
            }
        }
        fclose(f);
    }
    if (kb < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kb = ru.ru_maxrss;
    }
    return kb;
}

static long rss_kb(void) {
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* One call as a host makes it; returns the length of `data` in the envelope. */
static size_t one_call(BtsClient *client, const char *op, const char *params) {
    char *env = bts_call(client, op, params);
    if (env == NULL || strncmp(env, OK_PREFIX, sizeof OK_PREFIX - 1) != 0) {
        fprintf(stderr, "bts_call failed: %.400s\n", env ? env : "(NULL)");
        exit(1);
    }
    size_t len = strlen(env) - (sizeof OK_PREFIX - 1) - 1;
    bts_string_free(env);
    return len;
}

static long arg_num(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "not a number: %s\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr,
                "usage: bench_c latency CONFIG OP PARAMS N RUNS WARMUP | count CONFIG OP PARAMS N"
                " | rss CONFIG OP PARAMS WARMUP N\n");
        return 2;
    }
    const char *mode = argv[1], *config = argv[2], *op = argv[3], *params = argv[4];
    char *err = NULL;
    BtsClient *client = bts_client_new(config, &err);
    if (client == NULL) {
        fprintf(stderr, "bts_client_new failed: %s\n", err ? err : "(no envelope)");
        bts_string_free(err);
        return 1;
    }
    size_t bytes = 0;
    if (strcmp(mode, "count") == 0) {
        long n = arg_num(argv[5]);
        for (long i = 0; i < n; i++) bytes += one_call(client, op, params);
    } else if (strcmp(mode, "latency") == 0 && argc >= 8) {
        long n = arg_num(argv[5]), runs = arg_num(argv[6]), warmup = arg_num(argv[7]);
        for (long i = 0; i < warmup; i++) bytes = one_call(client, op, params);
        printf("{\"runs_us\":[");
        for (long r = 0; r < runs; r++) {
            double start = now_us();
            for (long i = 0; i < n; i++) bytes = one_call(client, op, params);
            double per_call = (now_us() - start) / (double)n;
            printf("%s%.3f", r ? "," : "", per_call);
        }
        printf("],\"bytes\":%zu,\"maxrss_kb\":%ld}\n", bytes, maxrss_kb());
    } else if (strcmp(mode, "rss") == 0 && argc >= 7) {
        long warmup = arg_num(argv[5]), n = arg_num(argv[6]);
        for (long i = 0; i < warmup; i++) bytes = one_call(client, op, params);
        long before = rss_kb();
        for (long i = 0; i < n; i++) bytes = one_call(client, op, params);
        long after = rss_kb();
        printf("{\"rss_before_kb\":%ld,\"rss_after_kb\":%ld,\"calls\":%ld,\"bytes\":%zu,"
               "\"maxrss_kb\":%ld}\n",
               before, after, n, bytes, maxrss_kb());
    } else {
        fprintf(stderr, "unknown mode or missing arguments: %s\n", mode);
        return 2;
    }
    bts_client_free(client);
    return 0;
}
