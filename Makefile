# Top-level build. One non-recursive make: every folder contributes a
# fragment (build.mk) or is picked up by the conventions below.
#
#   make            production build into build/ (commands in build/sbin,
#                   daemons in build/libexec)
#   make check      production build, then a sanitizer build in build/san,
#                   unit tests, script tests, fuzz corpus replay, purity check
#   make run        build and start a self-contained instance under ./run
#   make sim        run every conformance scenario in the simulator, print
#                   the requirement coverage, then the crash checker
#   make fuzz       libFuzzer builds (clang) run for FUZZ_SECONDS each
#   make install    install into $(DESTDIR)$(PREFIX) in Debian's layout
#
# Conventions:
#   src/util, src/global      -> libraries (every .c file)
#   src/<prog>/ listed in COMMANDS or DAEMONS -> one program from its .c files
#   tests/<area>/test_*.c     -> one cmocka binary each (tests/lib/*.c linked in)
#   tests/<area>/*.test.sh    -> script tests, run with BUILD set
#   fuzz/<name>/fuzz_<name>.c -> harness; fuzz/<name>/corpus/ its seeds
#   CORE_SRCS                 -> objects that must stay pure (mk/purity.sh)

SHELL := /bin/sh
.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

SAN ?= 0
ifeq ($(SAN),1)
BUILD ?= build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPTFLAGS := -O1 -g
else
BUILD ?= build
SANFLAGS :=
OPTFLAGS := -O2 -g
endif

CC ?= gcc
ifeq ($(origin CC),default)
CC := gcc
endif
PKG_CONFIG ?= pkg-config
WERROR ?= -Werror
WARNFLAGS = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter -Wformat=2 -Wno-format-nonliteral
CPPFLAGS_ALL = -D_GNU_SOURCE -Isrc/util -Isrc/global -Isrc -I$(BUILD)/gen $(CPPFLAGS)
CFLAGS_ALL = -std=c17 $(OPTFLAGS) $(WARNFLAGS) $(SANFLAGS) -MMD -MP $(CFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

PREFIX ?= /usr
DESTDIR ?=
SYSCONFDIR ?= /etc
LOCALSTATEDIR ?= /var

FUZZ_SECONDS ?= 60

COMMANDS := postconf
DAEMONS :=

OBJ := $(BUILD)/obj
GEN := $(BUILD)/gen
CORE_SRCS :=
ALL_PROGRAMS :=
PROGRAM_LIBS :=
GEN_SRCS :=
GEN_HDRS :=
LIBS_EXTRA :=

# ---- fragments ------------------------------------------------------------
-include $(wildcard spec/build.mk src/*/build.mk simnet/build.mk conformance/build.mk \
	tests/build.mk fuzz/build.mk)

# ---- libraries --------------------------------------------------------------
UTIL_SRCS := $(sort $(wildcard src/util/*.c))
GLOBAL_SRCS := $(sort $(wildcard src/global/*.c)) $(GEN_SRCS)
UTIL_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(UTIL_SRCS))
GLOBAL_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(patsubst $(BUILD)/%,%,$(GLOBAL_SRCS)))
LIBUTIL := $(BUILD)/lib/libutil.a
LIBGLOBAL := $(BUILD)/lib/libglobal.a
PROJECT_LIBS := $(LIBGLOBAL) $(LIBUTIL)

$(OBJ)/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

# generated sources live in $(GEN); their objects under $(OBJ)/gen
$(OBJ)/gen/%.o: $(GEN)/%.c | $(GEN_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

$(LIBUTIL): $(UTIL_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(LIBGLOBAL): $(GLOBAL_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# ---- programs ---------------------------------------------------------------
# A program is src/<prog>/<prog>.c (main and the I/O shim) linked with
# lib<prog>.a, every other .c file of the folder (its core and helpers).
# Unit tests, fuzz replays and simnet link the program libraries too.
# $(1) = program name, $(2) = sbin or libexec
define program_template
$(1)_SRCS := $$(sort $$(wildcard src/$(1)/*.c))
$(1)_LIB_SRCS := $$(filter-out src/$(1)/$(1).c,$$($(1)_SRCS))
$(1)_LIB := $$(BUILD)/lib/lib$(1).a
$$($(1)_LIB): $$(patsubst %.c,$$(OBJ)/%.o,$$($(1)_LIB_SRCS))
	@mkdir -p $$(@D)
	rm -f $$@ && ar rcs $$@ $$^
$$(BUILD)/$(2)/$(1): $$(OBJ)/src/$(1)/$(1).o $$($(1)_LIB) $$(PROJECT_LIBS)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$(OBJ)/src/$(1)/$(1).o $$($(1)_LIB) $$(PROJECT_LIBS) $$($(1)_LIBS) $$(LIBS_EXTRA)
ALL_PROGRAMS += $$(BUILD)/$(2)/$(1)
PROGRAM_LIBS += $$($(1)_LIB)
ALL_OBJS += $$(patsubst %.c,$$(OBJ)/%.o,$$($(1)_SRCS))
endef
$(foreach p,$(COMMANDS),$(eval $(call program_template,$(p),sbin)))
$(foreach p,$(DAEMONS),$(eval $(call program_template,$(p),libexec)))
# everything a test, fuzz replay or simulator links, in link order
LINK_LIBS = $(PROGRAM_LIBS) $(PROJECT_LIBS)

all: deps-build $(ALL_PROGRAMS) $(PROJECT_LIBS)

# ---- unit tests ---------------------------------------------------------------
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
TEST_SRCS := $(sort $(wildcard tests/*/test_*.c))
TEST_LIB_SRCS := $(sort $(wildcard tests/lib/*.c))
TEST_LIB_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(TEST_LIB_SRCS))
TEST_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))

$(OBJ)/tests/%.o: CPPFLAGS_ALL += -Itests/lib $(CMOCKA_CFLAGS)
$(BUILD)/tests/%: $(OBJ)/tests/%.o $(TEST_LIB_OBJS) $(LINK_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $< $(TEST_LIB_OBJS) $(TEST_OBJS_EXTRA) $(LINK_LIBS) $(CMOCKA_LIBS) $(LIBS_EXTRA)

# ---- fuzz harnesses, replay build (plain main over the corpus) ----------------
FUZZ_NAMES := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard fuzz/*/fuzz_*.c)))))
FUZZ_REPLAY_BINS := $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ_NAMES))
define fuzz_replay_template
$$(BUILD)/fuzz/replay_$(1): $$(OBJ)/fuzz/$(1)/fuzz_$(1).o $$(OBJ)/fuzz/replay_main.o $$(LINK_LIBS)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$(OBJ)/fuzz/$(1)/fuzz_$(1).o $$(OBJ)/fuzz/replay_main.o $$(LINK_LIBS) $$(LIBS_EXTRA)
endef
$(foreach n,$(FUZZ_NAMES),$(eval $(call fuzz_replay_template,$(n))))

# ---- check --------------------------------------------------------------------
ALL_SRCS := $(UTIL_SRCS) $(GLOBAL_SRCS) $(foreach p,$(COMMANDS) $(DAEMONS),$($(p)_SRCS)) \
	$(TEST_SRCS) $(TEST_LIB_SRCS)
CORE_OBJS = $(patsubst %.c,$(OBJ)/%.o,$(CORE_SRCS))

test-binaries: $(ALL_PROGRAMS) $(TEST_BINS) $(FUZZ_REPLAY_BINS) $(CORE_OBJS) \
	$(BUILD)/purity/impure_sample.o $(BUILD)/purity/pure_sample.o

$(BUILD)/purity/%.o: tests/purity/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check: deps-test
	$(MAKE) -j$(JOBS) all
	$(MAKE) -j$(JOBS) SAN=1 test-binaries
	BUILD=build/san CORE_OBJS="$(patsubst %.c,build/san/obj/%.o,$(CORE_SRCS))" \
		sh mk/run-tests.sh

# ---- dependencies ---------------------------------------------------------------
deps-build:
	@sh mk/deps.sh build
deps-test:
	@sh mk/deps.sh test
deps-fuzz:
	@sh mk/deps.sh fuzz

# ---- fuzz with libFuzzer --------------------------------------------------------
FUZZ_BUILD := build/fuzz
fuzz: deps-fuzz
	@set -e; for n in $(FUZZ_NAMES); do \
	  $(MAKE) --no-print-directory CC=clang SAN=0 WERROR= BUILD=$(FUZZ_BUILD) \
	    CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -O1 -g" \
	    LDFLAGS="-fsanitize=address,undefined" fuzz-libs; \
	  mkdir -p $(FUZZ_BUILD)/fuzz $(FUZZ_BUILD)/corpus/$$n; \
	  clang -std=c17 -D_GNU_SOURCE -Isrc/util -Isrc/global -I$(FUZZ_BUILD)/gen \
	    -fsanitize=fuzzer,address,undefined -O1 -g -o $(FUZZ_BUILD)/fuzz/fuzz_$$n \
	    -Isrc fuzz/$$n/fuzz_$$n.c $$(ls $(FUZZ_BUILD)/lib/lib*.a | grep -v -e libglobal -e libutil) \
	    $(FUZZ_BUILD)/lib/libglobal.a $(FUZZ_BUILD)/lib/libutil.a; \
	  echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
	  $(FUZZ_BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) \
	    $$( [ -f fuzz/$$n/$$n.dict ] && echo -dict=fuzz/$$n/$$n.dict ) \
	    $(FUZZ_BUILD)/corpus/$$n fuzz/$$n/corpus; \
	done

fuzz-libs: $(LINK_LIBS)

# ---- simulator ------------------------------------------------------------------
SIM_SEED ?= 1
sim: all
	$(BUILD)/bin/simnet run --seed $(SIM_SEED) \
		$(foreach m,$(wildcard spec/qmqp.tsv spec/rfc*.tsv spec/esmtp.tsv conformance/*/*.tsv),--matrix $(m)) \
		$(sort $(wildcard conformance/*/*.scn))
	$(BUILD)/bin/simnet crashcheck --seed $(SIM_SEED) --messages 100 \
		--front qmqpd --store cleanup --protocol qmqp
	$(BUILD)/bin/simnet crashcheck --seed $(SIM_SEED) --messages 100 \
		--front smtpd --store cleanup --protocol smtp

# ---- run, install, clean ----------------------------------------------------------
run: all
	@sh mk/run.sh

install: all
	@sh mk/install.sh "$(DESTDIR)" "$(PREFIX)" "$(SYSCONFDIR)" "$(LOCALSTATEDIR)" $(BUILD)

clean:
	rm -rf build

.PHONY: sim fuzz-libs all check test-binaries deps-build deps-test deps-fuzz fuzz run install clean

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
