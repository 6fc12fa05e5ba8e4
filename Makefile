# dxhub build. `make run` and `make check` are the two commands a newcomer needs;
# both install what is missing first (scripts/deps.sh).

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 icu-i18n icu-uc libsodium zlib libcmark libcurl pwquality libical xlsxwriter libmagic
WARN    := -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE
OPT     ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
CPPFLAGS := -Isrc -Ibuild/gen
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:%.c=build/obj/%.o) build/obj/gen/embedded.o
LIB_OBJ  := $(LIB_SRC:%.c=build/obj/%.o) build/obj/gen/embedded.o
ASAN_OBJ := $(LIB_SRC:%.c=build/asan/%.o) build/asan/gen/embedded.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%) $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
LANGS    := fr es
MO       := $(LANGS:%=build/mo/%.mo)
EMBED_IN := $(sort $(shell find templates static src/db/migrations demo -type f 2>/dev/null))

.PHONY: all build deps run check test bench fuzz fuzz-smoke fuzz-deps po clean
all: build
build: build/dxhub

deps:
	@scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory build
	@test -d "$${DXHUB_DATA:-data}" || build/dxhub init --demo --data "$${DXHUB_DATA:-data}"
	build/dxhub serve --data "$${DXHUB_DATA:-data}" --listen "$${DXHUB_LISTEN:-127.0.0.1:8080}"

check: deps
	@$(MAKE) --no-print-directory build tests
	@tests/run-all.sh

tests: build/dxhub build/asan/dxhub $(UNIT_BIN) build/tests/mustache_spec build/asan/tests/mustache_spec

bench: deps
	@$(MAKE) --no-print-directory build build/bench/sse_load
	@bench/run.sh

# The live rooms' load client (bench/run.sh runs it): plain C and epoll, no library.
build/bench/sse_load: bench/sse_load.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) -O2 -o $@ $<

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -Isrc -o $@ $< $(shell pkg-config --cflags --libs libsodium zlib)

build/mo/%.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

build/gen/embedded.c: build/tools/embed $(EMBED_IN) $(MO) Makefile
	@mkdir -p $(@D)
	@echo "  EMBED   $@"
	@build/tools/embed $@ $(foreach f,$(EMBED_IN),$(patsubst src/db/%,%,$(f))=$(f)) \
		$(foreach l,$(LANGS),locale/$(l).mo=build/mo/$(l).mo)

build/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(OPT) $(CPPFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/obj/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) -O0 $(CPPFLAGS) -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC/SAN  $<"
	@$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) -O0 $(CPPFLAGS) -c -o $@ $<

build/dxhub: $(OBJ)
	@echo "  LD      $@"
	@$(CC) $(OPT) -o $@ $^ $(PKG_LIBS)

# The server under ASan+UBSan: tests/run-all.sh runs some HTTP suites against it.
build/asan/dxhub: build/asan/src/main.o $(ASAN_OBJ)
	@echo "  LD      $@"
	@$(CC) -O1 -g $(SAN) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(WARN) $(OPT) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJ)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

build/tests/mustache_spec: tests/spec/mustache_spec.c $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(WARN) $(OPT) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/tests/mustache_spec: tests/spec/mustache_spec.c $(ASAN_OBJ)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

# Coverage-guided fuzzing (clang + libFuzzer, ASan + UBSan), one target per
# parser of outside input (tests/fuzz/fuzz_*.c, seeds in tests/fuzz/corpus/).
# Not part of `make check`: clang and its libFuzzer runtime are installed
# here (FUZZ_DEBS) only when missing. The library is compiled once into
# build/fuzz/obj and archived; each target links what it needs from it.
# `make fuzz` runs every target for FUZZ_SECONDS (default 60) and prints the
# executions and coverage of each; `make fuzz-smoke` runs each target once
# over its seeds. FUZZ_TARGETS picks some ("FUZZ_TARGETS='cookie tz'").
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_DEBS    := clang libclang-rt-14-dev
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_OBJ     := $(LIB_SRC:%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/embedded.o
FUZZ_HARNESS := $(patsubst tests/fuzz/%.c,build/fuzz/obj/tests/fuzz/%.o,$(wildcard tests/fuzz/harness*.c))
FUZZ_ALL     := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_BIN     := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@tests/fuzz/run.sh smoke $(FUZZ_TARGETS)

fuzz-deps: deps
	@scripts/deps.sh $(FUZZ_DEBS)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC/FUZZ $<"
	@$(FUZZ_CC) $(WARN) -O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(CPPFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/obj/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(FUZZ_CC) $(WARN) -O0 $(CPPFLAGS) -c -o $@ $<

.SECONDARY: $(FUZZ_HARNESS)
build/fuzz/libdxhub.a: $(FUZZ_OBJ)
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HARNESS) build/fuzz/libdxhub.a
	@echo "  LD/FUZZ $@"
	@$(FUZZ_CC) $(WARN) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(CPPFLAGS) -Itests/fuzz $(PKG_CFLAGS) -MMD -MP \
		-o $@ $< $(FUZZ_HARNESS) build/fuzz/libdxhub.a $(PKG_LIBS)

# Refresh po/*.po from the sources and templates (run after adding strings).
po:
	@scripts/update-po.sh

clean:
	rm -rf build

-include $(shell find build/obj build/asan build/fuzz -name '*.d' 2>/dev/null)
