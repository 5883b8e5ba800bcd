# clausekit — plain Makefile. See README.md.
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     := $(PREFIX)/bin
DATADIR    := $(PREFIX)/share/clausekit
MANDIR     := $(PREFIX)/share/man/man1
BUILD      ?= build
CC         ?= cc
VERSION    := 0.1.0

PKGS       := libxml-2.0 libzip zlib libcmark-gfm libpcre2-8 libutf8proc yaml-0.1 libmicrohttpd libxcrypt
DEB_PKGS   := build-essential pkg-config clang libclang-rt-14-dev libxml2-dev libzip-dev \
              libcmark-gfm-dev libcmark-gfm-extensions-dev libcmocka-dev libpcre2-dev \
              libutf8proc-dev libyaml-dev libcsv-dev zlib1g-dev zip unzip libxml2-utils \
              libmicrohttpd-dev libcrypt-dev
TOOL_PKGS  := libreoffice-writer-nogui libreoffice-calc-nogui pandoc poppler-utils python3-docx \
              fonts-arphic-ukai fonts-arphic-uming fonts-noto-cjk chromium \
              chromium-driver python3-selenium

WARN       := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS     ?= -O2 -g

# pkg-config is asked when the first recipe needs the flags, not when this file is read:
# on a fresh machine `deps-check` installs the -dev packages first (every object waits for
# it), so the flags of the very first build are the right ones. Each is asked once.
lazy_once   = $(eval $(1) := $$(shell $(2)))$($(1))
PKG_CFLAGS  = $(call lazy_once,PKG_CFLAGS,pkg-config --cflags $(PKGS) cmocka 2>/dev/null)
# libmicrohttpd is not linked: `clausekit serve` loads it when it starts (src/serve/mhd.h),
# so no other command maps GnuTLS and the libraries under it.
PKG_LIBS    = $(call lazy_once,PKG_LIBS,pkg-config --libs $(filter-out libmicrohttpd,$(PKGS)) 2>/dev/null)
TEST_LIBS   = $(call lazy_once,TEST_LIBS,pkg-config --libs cmocka 2>/dev/null)
ALL_CFLAGS  = -Itests -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
              -Isrc $(PKG_CFLAGS) \
              -DCK_VERSION='"$(VERSION)"' -DCK_DATADIR='"$(DATADIR)"' -MMD -MP
LIBS        = $(PKG_LIBS) -lcmark-gfm-extensions -lcsv -lm

LIB_SRC    := $(filter-out src/main.c,$(sort $(wildcard src/*.c src/*/*.c)))
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/serve_assets.o
TEST_SRC   := $(sort $(wildcard tests/*/test_*.c))
TEST_BIN   := $(TEST_SRC:%.c=$(BUILD)/%)
BIN        := $(BUILD)/clausekit
E2E_TOOLS  := $(BUILD)/tests/e2e/mkhostile

.PHONY: all deps deps-check check check-fast unit e2e asan fuzz bench demo install uninstall clean

all: deps-check $(BIN)

# ---- dependencies -----------------------------------------------------------
# `make deps` installs the Debian packages (as root); otherwise it prints the line to run.
deps:
	@sh .ci/deps.sh install $(DEB_PKGS) -- $(TOOL_PKGS)

deps-check:
	@sh .ci/deps.sh ensure $(DEB_PKGS)

# ---- build -----------------------------------------------------------------
$(BUILD)/%.o: %.c | deps-check
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The page `clausekit serve` shows, compiled in as a C table.
SERVE_PAGE := src/serve/page.html src/serve/page.css src/serve/page.js
$(BUILD)/gen/serve_assets.c: src/serve/embed.sh $(SERVE_PAGE)
	@mkdir -p $(dir $@)
	sh src/serve/embed.sh $@ $(SERVE_PAGE)

$(BUILD)/gen/serve_assets.o: $(BUILD)/gen/serve_assets.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libclausekit.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/src/main.o $(BUILD)/libclausekit.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libclausekit.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS) $(LDFLAGS)

# ---- tests -----------------------------------------------------------------
# check: unit + end-to-end tests, then the same again under ASan+UBSan.
check: deps-check
	@sh tests/run.sh all

check-fast: deps-check $(BIN) $(TEST_BIN) $(E2E_TOOLS)
	@sh tests/run.sh suites $(BUILD)

tests-build: $(BIN) $(TEST_BIN)

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" tests-build

fuzz:
	@sh tests/fuzz/run.sh $${FUZZ_SECONDS:-60} $(FUZZ_HARNESSES)

BENCH_TOOLS := $(BUILD)/tests/bench/mkcontract $(BUILD)/tests/bench/measure $(BUILD)/tests/bench/formsfloor
bench: all $(BENCH_TOOLS) $(E2E_TOOLS)
	@sh tests/bench/run.sh $(BUILD)

$(BUILD)/tests/bench/%: tests/bench/%.c $(BUILD)/libclausekit.a | deps-check
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

demo: all
	@sh samples/demo.sh $(BIN)

# ---- install ----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(MANDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/clausekit
	install -m 644 rules/*.yaml $(DESTDIR)$(DATADIR)/rules/
	install -m 644 templates/*.md $(DESTDIR)$(DATADIR)/templates/
	install -m 644 docs/clausekit.1 $(DESTDIR)$(MANDIR)/clausekit.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/clausekit $(DESTDIR)$(MANDIR)/clausekit.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d $(TEST_BIN:=.d)

# Tools the end-to-end suites use to make their inputs.
tests-build: $(E2E_TOOLS)
$(BUILD)/tests/e2e/%: tests/e2e/%.c | deps-check
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDFLAGS)
