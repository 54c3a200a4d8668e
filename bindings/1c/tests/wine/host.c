/*
 * host.c — plays 1C:Enterprise on Windows for the add-in bts_1c.dll: loads it, creates the BTS
 * object through the Native API and calls it the way the platform does, with the object layout
 * of 1C's own compiler (MSVC).
 *
 *   host.exe PATH\TO\bts_1c.dll         (the sandbox's client config JSON in BTS_CONFIG)
 *
 * Written in C on purpose: MSVC gives a C++ interface ONE vtable slot for its virtual
 * destructor, MinGW's g++ two (the Itanium layout), so a C++ host built with MinGW would disagree
 * with 1C about where every method is. Here each interface is a struct whose first member points
 * to a table of __stdcall function pointers, laid out by hand: slot 0 the destructor, then the
 * methods in declaration order. WCHAR_T is 2 bytes (UTF-16), `long` 4 bytes, `bool` 1 byte, and
 * tVariant 48 bytes — checked below at compile time.
 *
 * The calls are those of the Linux harness (bindings/1c/tests/native_api.rs): class names,
 * Configure/Настроить, Call/ВЫЗВАТЬ, a named operation in English and Russian, Version/Версия,
 * LastError/ПоследняяОшибка, a bad call leaving LastError set, LabelPdf/ЭтикеткаPDF returning
 * binary data (a PDF), and every string the add-in allocated freed through the memory manager.
 * Prints one line per check, "ok ..." or "FAIL ...", then "PASSED" or "FAILED n"; exits 0 only
 * when everything passed.
 */
#include <windows.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

typedef char16_t WCHAR_T;

enum { VTYPE_EMPTY = 0, VTYPE_I4 = 3, VTYPE_BOOL = 11, VTYPE_PWSTR = 22, VTYPE_BLOB = 23 };

typedef struct tVariant {
    union {
        int32_t lVal;
        bool bVal;
        double dblVal;
        int tmVal[9]; /* struct tm: nine ints on Windows */
        struct { void *pInterfaceVal; GUID InterfaceID; } iface;
        struct { char *pstrVal; uint32_t strLen; } str;
        struct { WCHAR_T *pwstrVal; uint32_t wstrLen; } wstr;
    } u;
    uint32_t cbElements;
    uint16_t vt;
} tVariant;

/* 48 bytes on x64 and on x86 alike: the union is 40 (struct tm's 36, aligned as a double, which
 * MSVC aligns to 8 on x86 too), then cbElements and vt. */
_Static_assert(sizeof(tVariant) == 48, "tVariant is 48 bytes");
_Static_assert(sizeof(WCHAR_T) == 2, "WCHAR_T is 2 bytes");
_Static_assert(sizeof(long) == 4, "long is 4 bytes on Windows");

/* ---- the platform's memory manager (IMemoryManager: dtor, AllocMemory, FreeMemory) ---------- */
typedef struct MemoryManager MemoryManager;
typedef struct {
    void *dtor;
    bool(__stdcall *AllocMemory)(MemoryManager *self, void **p, unsigned long size);
    void(__stdcall *FreeMemory)(MemoryManager *self, void **p);
} MemoryManagerVtbl;
struct MemoryManager { const MemoryManagerVtbl *vtbl; };

static long live_blocks = 0;
static bool __stdcall alloc_memory(MemoryManager *self, void **p, unsigned long size) {
    (void)self;
    *p = malloc(size ? size : 1);
    if (*p) live_blocks++;
    return *p != NULL;
}
static void __stdcall free_memory(MemoryManager *self, void **p) {
    (void)self;
    if (*p) {
        free(*p);
        live_blocks--;
        *p = NULL;
    }
}
static const MemoryManagerVtbl memory_vtbl = {NULL, alloc_memory, free_memory};
static MemoryManager memory = {&memory_vtbl};

/* ---- the component's interfaces, as MSVC lays out IComponentBase --------------------------- */
typedef struct {
    void *dtor;
    bool(__stdcall *Init)(void *self, void *connection);
    bool(__stdcall *setMemManager)(void *self, void *memory);
    long(__stdcall *GetInfo)(void *self);
    void(__stdcall *Done)(void *self);
} InitDoneVtbl;

typedef struct {
    void *dtor;
    bool(__stdcall *RegisterExtensionAs)(void *self, WCHAR_T **name);
    long(__stdcall *GetNProps)(void *self);
    long(__stdcall *FindProp)(void *self, const WCHAR_T *name);
    const WCHAR_T *(__stdcall *GetPropName)(void *self, long num, long alias);
    bool(__stdcall *GetPropVal)(void *self, long num, tVariant *value);
    bool(__stdcall *SetPropVal)(void *self, long num, tVariant *value);
    bool(__stdcall *IsPropReadable)(void *self, long num);
    bool(__stdcall *IsPropWritable)(void *self, long num);
    long(__stdcall *GetNMethods)(void *self);
    long(__stdcall *FindMethod)(void *self, const WCHAR_T *name);
    const WCHAR_T *(__stdcall *GetMethodName)(void *self, long num, long alias);
    long(__stdcall *GetNParams)(void *self, long num);
    bool(__stdcall *GetParamDefValue)(void *self, long method, long param, tVariant *value);
    bool(__stdcall *HasRetVal)(void *self, long method);
    bool(__stdcall *CallAsProc)(void *self, long method, tVariant *params, long count);
    bool(__stdcall *CallAsFunc)(void *self, long method, tVariant *ret, tVariant *params, long count);
} LanguageExtenderVtbl;

/* IComponentBase : IInitDoneBase, ILanguageExtenderBase, LocaleBase, ...: one vtable pointer
 * per base, in that order; the language extender is the second. */
typedef struct {
    const InitDoneVtbl *init_done;
    const LanguageExtenderVtbl *extender;
} Component;

typedef long(__cdecl *GetClassObjectFn)(const WCHAR_T *name, void **object);
typedef long(__cdecl *DestroyObjectFn)(void **object);
typedef const WCHAR_T *(__cdecl *GetClassNamesFn)(void);

static int failures = 0;
static void check(bool good, const char *what, const char *detail) {
    printf("%s %s%s%s\n", good ? "ok  " : "FAIL", what, detail ? ": " : "", detail ? detail : "");
    if (!good) failures++;
}

/* UTF-8 (this file's literals, the environment) to a freshly allocated UTF-16 string. */
static WCHAR_T *utf16(const char *text) {
    int n = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
    WCHAR_T *w = malloc(sizeof(WCHAR_T) * (size_t)n);
    MultiByteToWideChar(CP_UTF8, 0, text, -1, (wchar_t *)w, n);
    return w;
}
static char *utf8(const WCHAR_T *w, int len) {
    int n = WideCharToMultiByte(CP_UTF8, 0, (const wchar_t *)w, len, NULL, 0, NULL, NULL);
    char *s = malloc((size_t)n + 1);
    WideCharToMultiByte(CP_UTF8, 0, (const wchar_t *)w, len, s, n, NULL, NULL);
    s[n] = 0;
    return s;
}

/* A string argument: the host owns it (as 1C does for parameters). */
static tVariant str_arg(const char *text) {
    tVariant v;
    memset(&v, 0, sizeof v);
    v.vt = VTYPE_PWSTR;
    v.u.wstr.pwstrVal = utf16(text);
    v.u.wstr.wstrLen = (uint32_t)(wcslen((wchar_t *)v.u.wstr.pwstrVal));
    return v;
}
static void free_arg(tVariant *v) {
    if (v->vt == VTYPE_PWSTR) free(v->u.wstr.pwstrVal);
    v->vt = VTYPE_EMPTY;
}
/* A returned value's text (NULL unless a string), then the add-in's memory freed. */
static char *take_text(tVariant *v) {
    char *s = NULL;
    if (v->vt == VTYPE_PWSTR) s = utf8(v->u.wstr.pwstrVal, (int)v->u.wstr.wstrLen);
    if (v->vt == VTYPE_PWSTR || v->vt == VTYPE_BLOB) memory_vtbl.FreeMemory(&memory, (void **)&v->u.str.pstrVal);
    v->vt = VTYPE_EMPTY;
    return s;
}

static Component *bts;
static void *ext; /* the ILanguageExtenderBase subobject: `this` of its methods */

static long method(const char *name) {
    WCHAR_T *w = utf16(name);
    long n = bts->extender->FindMethod(ext, w);
    free(w);
    return n;
}
/* Calls a method by name with string arguments; returns its result (the caller takes it). */
static tVariant call(const char *name, int argc, const char **argv, bool *called) {
    tVariant ret, args[4];
    long m = method(name), i;
    memset(&ret, 0, sizeof ret);
    *called = false;
    if (m < 0 || argc > 4) return ret;
    if (bts->extender->GetNParams(ext, m) != argc || !bts->extender->HasRetVal(ext, m)) return ret;
    for (i = 0; i < argc; i++) args[i] = str_arg(argv[i]);
    *called = bts->extender->CallAsFunc(ext, m, &ret, argc ? args : NULL, argc);
    for (i = 0; i < argc; i++) free_arg(&args[i]);
    return ret;
}
static char *call_text(const char *name, int argc, const char **argv) {
    bool called;
    tVariant ret = call(name, argc, argv, &called);
    char *s = take_text(&ret);
    if (!called) {
        free(s);
        return NULL;
    }
    return s;
}
static char *property(const char *name) {
    tVariant v;
    WCHAR_T *w = utf16(name);
    long p = bts->extender->FindProp(ext, w);
    free(w);
    memset(&v, 0, sizeof v);
    if (p < 0 || !bts->extender->IsPropReadable(ext, p) || !bts->extender->GetPropVal(ext, p, &v)) return NULL;
    return take_text(&v);
}
static bool starts(const char *s, const char *prefix) { return s && strncmp(s, prefix, strlen(prefix)) == 0; }

int main(int argc, char **argv) {
    const char *config = getenv("BTS_CONFIG");
    const char *price = "{\"senderCityId\":3,\"receiverCityId\":3,\"weight\":1}";
    const char *order =
        "{\"senderCityId\":3,\"senderAddress\":\"Toshkent sh., Bobur ko'chasi, 5-A\",\"senderReal\":\"Jurabek "
        "Turdiyev\",\"senderPhone\":\"+998 99 1234567\",\"weight\":2,\"packageId\":8,\"postTypeId\":4,"
        "\"receiver\":\"Odil Ahkmedov\",\"receiverAddress\":\"Gozovo qish. 41 uy\",\"receiverCityId\":3,"
        "\"receiverPhone\":\"+998 99 1234567\"}";
    char *s, *s2, id[32] = {0}, buf[256];
    const char *args[2];
    bool called;
    WCHAR_T *ext_name = NULL;
    void *object = NULL;
    HMODULE dll;
    GetClassObjectFn get_class_object;
    DestroyObjectFn destroy_object;
    GetClassNamesFn get_class_names;
    tVariant ret;

    if (argc != 2 || !config) {
        fprintf(stderr, "usage: BTS_CONFIG='<config JSON>' host.exe PATH\\TO\\bts_1c.dll\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    dll = LoadLibraryA(argv[1]);
    if (!dll) {
        printf("FAIL LoadLibrary(%s): error %lu\nFAILED 1\n", argv[1], GetLastError());
        return 1;
    }
    get_class_object = (GetClassObjectFn)(void (*)(void))GetProcAddress(dll, "GetClassObject");
    destroy_object = (DestroyObjectFn)(void (*)(void))GetProcAddress(dll, "DestroyObject");
    get_class_names = (GetClassNamesFn)(void (*)(void))GetProcAddress(dll, "GetClassNames");
    check(get_class_object && destroy_object && get_class_names && GetProcAddress(dll, "SetPlatformCapabilities") &&
              GetProcAddress(dll, "GetAttachType"),
          "the five Native API entry points are exported", NULL);
    check(GetProcAddress(dll, "bts_call") == NULL && GetProcAddress(dll, "bts_client_new") == NULL,
          "no bts_* function is exported by the add-in", NULL);
    if (failures) goto done;

    s = utf8(get_class_names(), -1);
    check(strcmp(s, "BTS") == 0, "GetClassNames() is BTS", s);
    free(s);

    {
        WCHAR_T *w = utf16("BTS");
        long made = get_class_object(w, &object);
        free(w);
        check(made != 0 && object != NULL, "GetClassObject(BTS) creates the object", NULL);
        if (!object) goto done;
    }
    bts = (Component *)object;
    ext = (char *)object + sizeof(void *);
    check(bts->init_done->setMemManager(object, &memory), "setMemManager accepts the memory manager", NULL);
    check(bts->init_done->Init(object, NULL), "Init", NULL);
    snprintf(buf, sizeof buf, "%ld", bts->init_done->GetInfo(object));
    check(bts->init_done->GetInfo(object) == 2000, "GetInfo() is 2000", buf);
    check(bts->extender->RegisterExtensionAs(ext, &ext_name) && ext_name, "RegisterExtensionAs", NULL);
    if (ext_name) {
        s = utf8(ext_name, -1);
        check(strcmp(s, "BTS") == 0, "the extension registers as BTS", s);
        free(s);
        memory_vtbl.FreeMemory(&memory, (void **)&ext_name);
    }
    snprintf(buf, sizeof buf, "%ld methods", bts->extender->GetNMethods(ext));
    check(bts->extender->GetNMethods(ext) > 20, "GetNMethods", buf);
    check(method("Call") >= 0 && method("Call") == method("Вызвать") && method("вызвать") == method("CALL"),
          "FindMethod: Call, Вызвать and any letter case are one method", NULL);
    {
        long m = method("OrderAdd");
        const WCHAR_T *en = m >= 0 ? bts->extender->GetMethodName(ext, m, 0) : NULL;
        const WCHAR_T *ru = m >= 0 ? bts->extender->GetMethodName(ext, m, 1) : NULL;
        char *e = en ? utf8(en, -1) : NULL, *r = ru ? utf8(ru, -1) : NULL;
        snprintf(buf, sizeof buf, "%s / %s", e ? e : "(null)", r ? r : "(null)");
        check(e && r && strcmp(e, "OrderAdd") == 0 && strcmp(r, "ЗаказДобавить") == 0,
              "GetMethodName(OrderAdd): English and Russian names", buf);
        free(e);
        free(r);
        if (en) memory_vtbl.FreeMemory(&memory, (void **)&en);
        if (ru) memory_vtbl.FreeMemory(&memory, (void **)&ru);
    }

    /* Before Configure: an invalid_input envelope, not a crash. */
    args[0] = "order/calculate";
    args[1] = price;
    s = call_text("Call", 2, args);
    check(starts(s, "{\"ok\":false,\"error\":{\"kind\":\"invalid_input\""), "Call before Configure: invalid_input", s);
    free(s);

    args[0] = "not json";
    ret = call("Configure", 1, args, &called);
    check(called && ret.vt == VTYPE_BOOL && !ret.u.bVal, "Configure(not json) returns false", NULL);
    s = property("LastError");
    check(s && strlen(s) > 0, "LastError says why", s);
    free(s);

    args[0] = config;
    ret = call("Настроить", 1, args, &called);
    check(called && ret.vt == VTYPE_BOOL && ret.u.bVal, "Настроить(sandbox config) returns true", NULL);
    s = property("ПоследняяОшибка");
    check(s && strlen(s) == 0, "ПоследняяОшибка is empty after a success", s);
    free(s);

    args[0] = "order/calculate";
    args[1] = price;
    s = call_text("Call", 2, args);
    check(starts(s, "{\"ok\":true,\"data\":") && strstr(s, "\"summaryPrice\":10000"),
          "Call(order/calculate): ok, summaryPrice 10000", s);
    free(s);
    s = call_text("ВЫЗВАТЬ", 2, args);
    check(starts(s, "{\"ok\":true,\"data\":") && strstr(s, "\"summaryPrice\":10000"), "ВЫЗВАТЬ(order/calculate)", s);
    free(s);

    args[0] = order;
    s = call_text("ЗаказДобавить", 1, args);
    check(starts(s, "{\"ok\":true,\"data\":") && strstr(s, "\"orderId\":"), "ЗаказДобавить(order): an order id", s);
    if (s && strstr(s, "\"orderId\":")) {
        const char *p = strstr(s, "\"orderId\":") + 10;
        size_t n = strspn(p, "0123456789");
        if (n > 0 && n < sizeof id) memcpy(id, p, n);
    }
    free(s);

    s = call_text("Version", 0, NULL);
    s2 = call_text("Версия", 0, NULL);
    check(s && s2 && strcmp(s, s2) == 0 && strchr(s, '.'), "Version() and Версия() agree", s);
    free(s);
    free(s2);

    args[0] = "order/add";
    args[1] = "{\"senderCityId\":3}";
    s = call_text("Call", 2, args);
    check(starts(s, "{\"ok\":false,\"error\":{\"kind\":\"invalid_input\"") && strstr(s, "receiverPhone"),
          "Call(order/add, incomplete): invalid_input naming the missing fields", s);
    free(s);
    s = property("LastError");
    check(starts(s, "invalid_input: "), "LastError after a failed call", s);
    free(s);

    /* LabelPdf(orderId) as a number, ЭтикеткаPDF(orderId) as a string: binary data, a PDF. */
    if (id[0]) {
        tVariant arg, blob;
        size_t first_len = 0;
        memset(&arg, 0, sizeof arg);
        memset(&blob, 0, sizeof blob);
        arg.vt = VTYPE_I4;
        arg.u.lVal = atoi(id);
        called = bts->extender->CallAsFunc(ext, method("LabelPdf"), &blob, &arg, 1);
        snprintf(buf, sizeof buf, "order %s: vt %u, %u bytes", id, blob.vt, blob.u.str.strLen);
        check(called && blob.vt == VTYPE_BLOB && blob.u.str.strLen > 5 && memcmp(blob.u.str.pstrVal, "%PDF-", 5) == 0,
              "LabelPdf(number) returns binary data starting %PDF-", buf);
        first_len = blob.vt == VTYPE_BLOB ? blob.u.str.strLen : 0;
        take_text(&blob);
        args[0] = id;
        blob = call("ЭтикеткаPDF", 1, args, &called);
        snprintf(buf, sizeof buf, "vt %u, %u bytes", blob.vt, blob.u.str.strLen);
        check(called && blob.vt == VTYPE_BLOB && blob.u.str.strLen == first_len && first_len > 0,
              "ЭтикеткаPDF(string) returns the same label", buf);
        take_text(&blob);
        s = property("LastError");
        check(s && strlen(s) == 0, "LastError is empty after the labels", s);
        free(s);
    } else {
        check(false, "LabelPdf", "no order id to ask for");
    }

    bts->init_done->Done(object);
    destroy_object(&object);
    check(object == NULL, "DestroyObject clears the pointer", NULL);
    snprintf(buf, sizeof buf, "%ld blocks", live_blocks);
    check(live_blocks == 0, "every block the add-in allocated was freed", buf);

done:
    if (failures) {
        printf("FAILED %d\n", failures);
        return 1;
    }
    printf("PASSED\n");
    return 0;
}
