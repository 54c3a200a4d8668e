/*
 * quickstart.c — bts from C: price, create and track an order, then misuse the API on purpose.
 *
 *   ./quickstart '<config JSON>' [--panic]        (or: BTS_CONFIG='<config JSON>' ./quickstart)
 *
 * Every envelope is printed on one line, "label: <envelope>". The program exits 0 only when
 * every envelope is the one expected ("ok": true, or "ok": false with the expected kind), 1
 * otherwise, 2 on a usage error. "--panic" also calls the test-only operation "__panic" (only
 * in a library built with the `test-panic` feature) and expects kind "internal", after which
 * the same client must still work.
 *
 * Ownership, as bts.h states it: every char * the library returns is freed with
 * bts_string_free() (never free()), the client with bts_client_free(); bts_version() is static.
 * No JSON library is used: the envelope's first bytes are fixed ({"ok":true,"data": or
 * {"ok":false,"error":{"kind":"..."), and the orderId is read with strstr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bts.h"

static int failures = 0;

/* Prints `envelope` under `label`, checks it and frees it. `want_kind` is NULL when an "ok"
 * envelope is expected, else the expected error kind. Returns 1 when as expected. */
static int expect(const char *label, char *envelope, const char *want_kind) {
    int good;
    if (envelope == NULL) {
        printf("%s: (NULL)\n", label);
        printf("FAIL %s: NULL envelope\n", label);
        failures++;
        return 0;
    }
    printf("%s: %s\n", label, envelope);
    if (want_kind == NULL) {
        good = strncmp(envelope, "{\"ok\":true,\"data\":", 18) == 0;
    } else {
        static const char prefix[] = "{\"ok\":false,\"error\":{\"kind\":\"";
        size_t n = sizeof prefix - 1, k = strlen(want_kind);
        good = strncmp(envelope, prefix, n) == 0 && strncmp(envelope + n, want_kind, k) == 0 &&
               envelope[n + k] == '"';
    }
    if (!good) {
        printf("FAIL %s: expected %s%s\n", label, want_kind ? "kind " : "ok", want_kind ? want_kind : "");
        failures++;
    }
    bts_string_free(envelope);
    return good;
}

/* Finds `"key"` in `json` and reads the integer after it (optionally quoted). 0 if absent. */
static long long find_integer(const char *json, const char *key) {
    char pattern[64];
    const char *p;
    long long value = 0;
    if (strlen(key) + 3 > sizeof pattern) return 0;
    sprintf(pattern, "\"%s\"", key);
    p = strstr(json, pattern);
    if (p == NULL) return 0;
    p += strlen(pattern);
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (*p++ != ':') return 0;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (*p == '"') p++;
    while (*p >= '0' && *p <= '9') value = value * 10 + (*p++ - '0');
    return value;
}

static const char ORDER[] =
    "{\"senderCityId\":3,\"senderAddress\":\"Toshkent sh., Bobur ko\xe2\x80\x98" "chasi, 5-A\","
    "\"senderReal\":\"Jurabek Turdiyev\",\"senderPhone\":\"+998 99 1234567\",\"weight\":2,"
    "\"packageId\":8,\"postTypeId\":4,\"receiver\":\"Odil Ahkmedov\","
    "\"receiverAddress\":\"Gozovo qish. 41 uy\",\"receiverCityId\":3,"
    "\"receiverPhone\":\"+998 99 1234567\"}";

int main(int argc, char **argv) {
    const char *config = getenv("BTS_CONFIG");
    int want_panic = 0, i;
    char *error = NULL, *envelope;
    char params[64];
    long long order_id;
    BtsClient *client;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--panic") == 0) want_panic = 1;
        else config = argv[i];
    }
    if (config == NULL || config[0] == '\0') {
        fprintf(stderr, "usage: %s '<config JSON>' [--panic]   (or set BTS_CONFIG)\n", argv[0]);
        return 2;
    }

    printf("bts_version: %s\n", bts_version());
    printf("bts_abi_version: %u\n", (unsigned)bts_abi_version());
    if (bts_abi_version() != BTS_ABI_VERSION) {
        printf("FAIL abi: the library speaks ABI %u, this program was built for %d\n",
               (unsigned)bts_abi_version(), BTS_ABI_VERSION);
        return 1;
    }

    /* README: c */
    client = bts_client_new(config, &error);
    if (client == NULL) {
        expect("client_new", error, NULL); /* prints the error envelope; counts as a failure */
        return 1;
    }
    if (error != NULL) {
        printf("FAIL client_new: error_out set on success\n");
        failures++;
    }

    /* The happy path: price, create, track. */
    expect("calculate",
           bts_call(client, "order/calculate", "{\"senderCityId\":3,\"receiverCityId\":3,\"weight\":1}"),
           NULL);

    envelope = bts_call(client, "order/add", ORDER);
    order_id = envelope ? find_integer(envelope, "orderId") : 0;
    expect("add", envelope, NULL);
    printf("orderId: %lld\n", order_id);
    if (order_id <= 0) {
        printf("FAIL add: no orderId in the envelope\n");
        failures++;
    } else {
        sprintf(params, "{\"orderId\":%lld}", order_id);
        expect("track", bts_call(client, "order/track", params), NULL);
    }
    /* README: end */

    /* Misuse: each gives an invalid_input envelope, never a crash. */
    expect("null_client", bts_call(NULL, "order/calculate", "{}"), "invalid_input");
    expect("null_operation", bts_call(client, NULL, "{}"), "invalid_input");
    expect("null_params", bts_call(client, "order/calculate", NULL), "invalid_input");
    expect("invalid_utf8_operation", bts_call(client, "\xff\xfe", "{}"), "invalid_input");
    expect("invalid_utf8_params", bts_call(client, "order/calculate", "{\"receiver\":\"\xff\"}"),
           "invalid_input");
    expect("non_json_params", bts_call(client, "order/calculate", "not json"), "invalid_input");
    expect("unknown_operation", bts_call(client, "order/teleport", "{}"), "invalid_input");

    if (bts_client_new("{not json", &error) != NULL) {
        printf("FAIL client_new_bad_json: a client was returned\n");
        failures++;
    }
    expect("client_new_bad_json", error, "invalid_input");
    if (bts_client_new("{\"usernme\":\"shop\"}", &error) != NULL) {
        printf("FAIL client_new_unknown_key: a client was returned\n");
        failures++;
    }
    expect("client_new_unknown_key", error, "invalid_input");
    if (bts_client_new(NULL, &error) != NULL) {
        printf("FAIL client_new_null: a client was returned\n");
        failures++;
    }
    expect("client_new_null", error, "invalid_input");
    if (bts_client_new("{not json", NULL) != NULL) { /* no error_out: just NULL */
        printf("FAIL client_new_no_error_out: a client was returned\n");
        failures++;
    }
    bts_string_free(NULL);
    bts_client_free(NULL);
    printf("free_null: ok\n");

    if (want_panic) {
        expect("panic", bts_call(client, "__panic", "{}"), "internal");
        expect("after_panic",
               bts_call(client, "order/calculate", "{\"senderCityId\":3,\"receiverCityId\":3,\"weight\":1}"),
               NULL);
    }

    bts_client_free(client);
    printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}
