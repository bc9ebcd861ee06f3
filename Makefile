# ctguard — see README.md. Every target that builds first makes sure the Debian packages are there.
MAKEFLAGS += --no-print-directory
BUILD   ?= $(if $(filter 1,$(SANITIZE)),build-asan,build)
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DCTGUARD_WERROR=ON
# `make test SANITIZE=1`: the same suite on an ASan+UBSan build of its own (docs/fuzzing.md).
ifeq ($(SANITIZE),1)
override CMAKE_FLAGS += -DCTGUARD_SANITIZE=ON
# Every process the tests start inherits these, the ctguard run as root in a namespace too. A finding
# exits 86, a code ctguard never uses, so a script that expects exit 1 (check: elevated) cannot take
# it for a pass.
export ASAN_OPTIONS  = exitcode=86:halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS = exitcode=86:halt_on_error=1:print_stacktrace=1
endif

.PHONY: all deps configure build run test bench fuzz install deb clean

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# check exits 1 (elevated) or 2 (capped/critical) to scripts; for `make run` only errors (64+) fail.
run: build
	@./$(BUILD)/ctguard check; rc=$$?; [ $$rc -le 2 ] || exit $$rc

test: build
	@if [ "$$(id -u)" -ne 0 ]; then echo "ctguard: test: the kernel tests need root (network namespaces)" >&2; exit 77; fi
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./bench/run.sh $(BUILD)

# The libFuzzer targets (fuzz/), built with clang in their own directory and run FUZZ_SECONDS each,
# seeded from fuzz/seeds/; the growing corpus stays in $(FUZZ_BUILD)/corpus. Not part of `make test`.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) $(CMAKE_FLAGS) -DCTGUARD_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_targets
	@./fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

install: build
	cmake --install $(BUILD)

# The Debian package: $(BUILD)/deb/ctguard_VERSION_ARCH.deb, by dpkg-buildpackage on a copy of the
# tree, checked by lintian (scripts/build-deb.sh, docs/packaging.md).
deb: deps
	@DEB_BUILD_OPTIONS="parallel=$(JOBS) $(DEB_BUILD_OPTIONS)" ./scripts/build-deb.sh $(BUILD)/deb

clean:
	rm -rf $(BUILD)
