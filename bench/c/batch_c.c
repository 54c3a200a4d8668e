/* The C contender of the concurrency rows (bench/concurrency.py): one `batch` through
 * bts_call, as a C host sends it.
 *
 *   bench_batch_c CONFIG CALLS PARALLEL
 *
 * Builds {"calls":[{"operation":"order/track","params":{"orderId":1000+i}},...],
 * "concurrency":PARALLEL}, times bts_call (clock_gettime, CLOCK_MONOTONIC), counts the
 * {"ok":true envelopes in the answer, frees it, and prints {"seconds":S,"ok":N}.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bts.h"

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: bench_batch_c CONFIG CALLS PARALLEL\n");
        return 2;
    }
    int calls = atoi(argv[2]);
    int parallel = atoi(argv[3]);
    size_t room = 64 + (size_t)calls * 64;
    char *params = malloc(room);
    if (params == NULL) {
        return 1;
    }
    size_t at = (size_t)snprintf(params, room, "{\"calls\":[");
    for (int i = 0; i < calls; i++) {
        at += (size_t)snprintf(params + at, room - at,
                               "%s{\"operation\":\"order/track\",\"params\":{\"orderId\":%d}}",
                               i ? "," : "", 1000 + i);
    }
    snprintf(params + at, room - at, "],\"concurrency\":%d}", parallel);

    char *error = NULL;
    BtsClient *client = bts_client_new(argv[1], &error);
    if (client == NULL) {
        fprintf(stderr, "bts_client_new: %s\n", error ? error : "?");
        bts_string_free(error);
        return 1;
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    char *answer = bts_call(client, "batch", params);
    clock_gettime(CLOCK_MONOTONIC, &b);
    int ok = 0;
    /* Each call's envelope inside data starts with {"ok":true; the batch's own is the first. */
    for (const char *p = answer; (p = strstr(p, "{\"ok\":true")) != NULL; p++) {
        ok++;
    }
    printf("{\"seconds\":%.4f,\"ok\":%d}\n",
           (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, ok - 1);
    bts_string_free(answer);
    bts_client_free(client);
    free(params);
    return 0;
}
