# mishu — two commands on a fresh Debian 12: `make run` and `make test`.
# Every target installs what is missing first (scripts/deps.sh is idempotent).

BUILD    ?= build
LISTEN   ?= 127.0.0.1:8080
DEMO_DB  ?= var/demo.db

.PHONY: all deps build run test bench clean fmt

all: build

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	@ninja -C $(BUILD)

run: build
	@mkdir -p var
	@$(BUILD)/mishu init --db $(DEMO_DB) --demo
	@echo "mishu: open http://$(LISTEN)/ — demo logins are listed in README.md (password demo-pass-2026)"
	@exec $(BUILD)/mishu serve --db $(DEMO_DB) --listen $(LISTEN)

test: build
	@scripts/test.sh

bench:
	@scripts/deps.sh --bench
	@$(MAKE) --no-print-directory build
	@bench/run.sh
	@bench/pages.sh

fmt: deps
	@scripts/fmt.sh

clean:
	rm -rf $(BUILD)
