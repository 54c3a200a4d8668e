# bts as a native C library: build, install, uninstall.
#
#   make                                   cargo rustc --release -p bts --lib --crate-type cdylib,staticlib (in target/install,
#                                          with the SONAME; see BUILD_DIR)
#   make install [PREFIX=/usr/local] [DESTDIR=]   libbts.so (+ SONAME links), libbts.a,
#                                          headers, pkg-config file
#   make uninstall [PREFIX=...] [DESTDIR=]
#   make install-test                      scripts/install-test.sh (stage, compile, link, run)
#   make dist                              scripts/dist.sh: the portable release packages in dist/
#                                          (C tarballs/ZIP, Python wheels + sdist, one Composer
#                                          archive, the 1C add-in) for Linux x86_64 and arm64
#                                          (glibc 2.17+), Linux x86_64 musl and Windows x86_64;
#                                          the cross targets need root (a cached chroot, see
#                                          docs/platforms.md); BTS_DIST_CROSS= builds Linux x86_64
#                                          only
#   make dist-test                         scripts/dist-test.sh: make dist, then install and run
#                                          each package with no Rust toolchain reachable
#
# Layout under $(DESTDIR)$(PREFIX):
#   lib/libbts.so.$(VERSION)               the shared library, SONAME libbts.so.$(SOVERSION)
#   lib/libbts.so.$(SOVERSION) -> libbts.so.$(VERSION)
#   lib/libbts.so -> libbts.so.$(SOVERSION)   (the link-time name: -lbts)
#   lib/libbts.a                           the static library (pkg-config --static for its deps)
#   include/bts/bts.h, include/bts/bts_ffi.h   (Cflags: -I$(PREFIX)/include/bts, so
#                                          `#include <bts.h>` and `#include <bts/bts.h>` both work)
#   lib/pkgconfig/bts.pc                   from bts.pc.in
#
# The SONAME is set with a link argument passed to the bts crate only (`cargo rustc`), so
# RUSTFLAGS stays untouched and the dependencies are built as usual.

PREFIX ?= /usr/local
EXEC_PREFIX ?= $(PREFIX)
LIBDIR ?= $(EXEC_PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=

CARGO ?= cargo
INSTALL ?= install
TARGET_DIR ?= $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),target)
# make builds in a Cargo target directory of its own: the SONAME link argument changes the bts
# crate's fingerprint and its libbts.so, while Cargo's own target/release must keep a libbts.so
# without SONAME (a program linked against it in place would otherwise look for libbts.so.0,
# and each build would undo the other's). The first `make` costs one release build of the
# dependencies.
BUILD_DIR ?= $(TARGET_DIR)/install
RELEASE_DIR := $(BUILD_DIR)/release

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
DESCRIPTION := $(shell sed -n 's/^description = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
URL := $(shell sed -n 's/^repository = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
# The SONAME's number: the major version (0 while the crate is 0.x).
SOVERSION ?= $(firstword $(subst ., ,$(VERSION)))

UNAME_S := $(shell uname -s)
ifeq ($(UNAME_S),Linux)
SHARED := libbts.so
SHARED_REAL := libbts.so.$(VERSION)
SHARED_SONAME := libbts.so.$(SOVERSION)
RUSTC_LINK_ARGS := -C link-arg=-Wl,-soname,$(SHARED_SONAME)
else ifeq ($(UNAME_S),Darwin)
SHARED := libbts.dylib
SHARED_REAL := libbts.dylib
SHARED_SONAME :=
RUSTC_LINK_ARGS := -C link-arg=-Wl,-install_name,$(LIBDIR)/libbts.dylib
else
SHARED := libbts.so
SHARED_REAL := libbts.so
SHARED_SONAME :=
RUSTC_LINK_ARGS :=
endif

# ${prefix}-relative paths in bts.pc, so `pkg-config --define-variable=prefix=...` can relocate.
pc_path = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

.PHONY: all build install uninstall install-test dist dist-test

all: build

build:
	CARGO_TARGET_DIR=$(BUILD_DIR) $(CARGO) rustc --release -p bts --lib --crate-type cdylib,staticlib -- $(RUSTC_LINK_ARGS)

install: build
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/bts $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 755 $(RELEASE_DIR)/$(SHARED) $(DESTDIR)$(LIBDIR)/$(SHARED_REAL)
ifneq ($(SHARED_SONAME),)
	ln -sf $(SHARED_REAL) $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME)
	ln -sf $(SHARED_SONAME) $(DESTDIR)$(LIBDIR)/$(SHARED)
endif
	$(INSTALL) -m 644 $(RELEASE_DIR)/libbts.a $(DESTDIR)$(LIBDIR)/libbts.a
	$(INSTALL) -m 644 include/bts.h include/bts_ffi.h $(DESTDIR)$(INCLUDEDIR)/bts/
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(call pc_path,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call pc_path,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@DESCRIPTION@|$(DESCRIPTION)|' \
	    -e 's|@URL@|$(URL)|' \
	    bts.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/bts.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/bts.pc
	@echo "installed bts $(VERSION) under $(DESTDIR)$(PREFIX)"
	@if [ -z "$(DESTDIR)" ] && [ "$(UNAME_S)" = Linux ] && command -v ldconfig >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then ldconfig || true; fi

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libbts.so $(DESTDIR)$(LIBDIR)/libbts.so.$(SOVERSION) \
	      $(DESTDIR)$(LIBDIR)/libbts.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libbts.dylib \
	      $(DESTDIR)$(LIBDIR)/libbts.a $(DESTDIR)$(PKGCONFIGDIR)/bts.pc \
	      $(DESTDIR)$(INCLUDEDIR)/bts/bts.h $(DESTDIR)$(INCLUDEDIR)/bts/bts_ffi.h
	-rmdir $(DESTDIR)$(INCLUDEDIR)/bts 2>/dev/null

install-test:
	scripts/install-test.sh

dist:
	scripts/dist.sh

dist-test:
	scripts/dist-test.sh
