/*
 * _dl_find_object for the musl build (scripts/cross/build.sh linux-x86_64-musl).
 *
 * Debian's libgcc_eh.a, the unwinder linked into the musl libraries and programs, was built for
 * glibc and asks glibc 2.35's _dl_find_object() where the unwind tables of a code address are.
 * musl has no such function, but it has dl_iterate_phdr(), from which the same answer follows:
 * the loaded object whose PT_LOAD segments contain the address, and its PT_GNU_EH_FRAME segment
 * (.eh_frame_hdr, which the linker makes with --eh-frame-hdr). Returns 0 and fills `result` when
 * found, -1 otherwise, as glibc does; the unwinder then reports "no frame" for that address.
 * The struct is glibc's layout on x86_64 and aarch64 (no eh_dbase, no eh_count field).
 */
#define _GNU_SOURCE
#include <link.h>
#include <stddef.h>
#include <stdint.h>

struct dl_find_object {
    unsigned long long dlfo_flags;
    void *dlfo_map_start;
    void *dlfo_map_end;
    void *dlfo_link_map;
    void *dlfo_eh_frame;
    unsigned long long dlfo_reserved[7];
};

struct query {
    uintptr_t pc;
    struct dl_find_object *out;
    int found;
};

static int visit(struct dl_phdr_info *info, size_t size, void *data) {
    struct query *q = data;
    uintptr_t low = UINTPTR_MAX, high = 0;
    void *eh_frame = NULL;
    int inside = 0;
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t start = info->dlpi_addr + ph->p_vaddr, end = start + ph->p_memsz;
        if (ph->p_type == PT_LOAD) {
            if (start < low) low = start;
            if (end > high) high = end;
            if (q->pc >= start && q->pc < end) inside = 1;
        } else if (ph->p_type == PT_GNU_EH_FRAME) {
            eh_frame = (void *)start;
        }
    }
    if (!inside) return 0;
    q->out->dlfo_flags = 0;
    q->out->dlfo_map_start = (void *)low;
    q->out->dlfo_map_end = (void *)high;
    q->out->dlfo_link_map = NULL;
    q->out->dlfo_eh_frame = eh_frame;
    q->found = 1;
    return 1;
}

int _dl_find_object(void *pc, struct dl_find_object *result) {
    struct query q = {(uintptr_t)pc, result, 0};
    dl_iterate_phdr(visit, &q);
    return q.found && result->dlfo_eh_frame != NULL ? 0 : -1;
}
