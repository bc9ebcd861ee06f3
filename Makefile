# ctguard — see README.md. Every target that builds first makes sure the Debian packages are there.
MAKEFLAGS += --no-print-directory
BUILD   ?= build
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DCTGUARD_WERROR=ON

.PHONY: all deps configure build run test bench install clean

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

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD)
