#!/usr/bin/env bash
# Builds the CPU image (containers/cpu/Dockerfile) with podman, without any image registry: the Debian 12
# base is made here with debootstrap from this machine's apt mirror and imported as localhost/debian:bookworm.
# Run from anywhere after `make build`; as root (debootstrap needs it) or with the base already imported.
#
#   containers/build.sh [IMAGE]      IMAGE defaults to localhost/clipdg-cpu:0.1.0 (the pipeline's --container_cpu)
#
# The build is cached: the image carries the sha256 of its recipe (this script, the Dockerfile, bin/clipdg,
# the jar and its native libraries) as the label org.clipdg.recipe and in /opt/clipdg/IMAGE, and an image
# whose label matches is reused without building. Prints that sha256 on stdout; progress goes to stderr.
# DEBIAN_MIRROR overrides the mirror read from /etc/apt/sources.list{,.d}.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="${1:-localhost/clipdg-cpu:0.1.0}"
base=localhost/debian:bookworm
recipe_label=org.clipdg.recipe
dockerfile=containers/cpu/Dockerfile
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/containers/podman/containers.conf}"

log() { echo "containers/build.sh: $*" >&2; }

cd "$root"
jar=beam-pipelines/cli/target/clipdg.jar
if [ ! -f "$jar" ]; then
    log "$jar not found; build it with 'make build'"
    exit 1
fi
command -v podman >/dev/null || { log "podman not found (Debian: apt-get install podman runc debootstrap)"; exit 1; }

# "URI SUITE" for every deb source of this machine's apt, one-line (sources.list) and deb822 (.sources) formats.
apt_sources() {
    local file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$file" ] || continue
        awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } print $i, $(i + 1) }' "$file"
    done
    for file in /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
             { types = uris = suites = ""; enabled = "yes"
               for (i = 1; i <= NF; i++) {
                   if ($i ~ /^#/ || $i !~ /:/) continue
                   key = tolower(substr($i, 1, index($i, ":") - 1)); value = substr($i, index($i, ":") + 1)
                   if (key == "types") types = value; else if (key == "uris") uris = value
                   else if (key == "suites") suites = value; else if (key == "enabled") enabled = value
               }
               if (types !~ /(^|[ \t])deb([ \t]|$)/ || enabled ~ /no/) next
               n = split(uris, u, " "); m = split(suites, s, " ")
               for (a = 1; a <= n; a++) for (b = 1; b <= m; b++) print u[a], s[b] }' "$file"
    done
}

# The first mirror this machine uses for a suite, or nothing.
mirror_of() {
    apt_sources | awk -v suite="$1" '$2 == suite { print $1; exit }'
}

# Debian 12 minbase from the mirror, with the suites an official debian:12 image has (updates, security).
make_base() {
    local mirror="${DEBIAN_MIRROR:-$(mirror_of bookworm)}"
    mirror="${mirror:-http://deb.debian.org/debian}"
    local security
    security="$(mirror_of bookworm-security)"
    command -v debootstrap >/dev/null || { log "debootstrap not found (Debian: apt-get install debootstrap)"; exit 1; }
    [ "$(id -u)" = 0 ] || { log "debootstrap needs root to make $base"; exit 1; }
    local tmp
    tmp="$(mktemp -d /var/tmp/clipdg-debian.XXXXXX)"
    trap 'rm -rf "$tmp"' EXIT
    log "debootstrap --variant=minbase bookworm from $mirror (about a minute)"
    if ! debootstrap --variant=minbase bookworm "$tmp/rootfs" "$mirror" >"$tmp/debootstrap.log" 2>&1; then
        tail -20 "$tmp/debootstrap.log" >&2
        log "debootstrap failed"
        exit 1
    fi
    rm -f "$tmp/rootfs/etc/apt/sources.list"
    {
        printf 'Types: deb\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror"
        [ -z "$security" ] || printf '\nTypes: deb\nURIs: %s\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$security"
    } >"$tmp/rootfs/etc/apt/sources.list.d/debian.sources"
    rm -rf "$tmp/rootfs/var/lib/apt/lists/"* "$tmp/rootfs/var/cache/apt/"*.bin
    tar -C "$tmp/rootfs" -c . | podman import --quiet \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
    rm -rf "$tmp"
    trap - EXIT
    log "imported $base"
}

recipe="$(sha256sum containers/build.sh "$dockerfile" bin/clipdg "$jar" beam-pipelines/cli/target/lib/* | sha256sum | cut -d' ' -f1)"
if [ "$(podman image inspect --format "{{index .Labels \"$recipe_label\"}}" "$image" 2>/dev/null)" = "$recipe" ]; then
    log "$image is up to date (recipe $recipe)"
    echo "$recipe"
    exit 0
fi

podman image exists "$base" || make_base
log "building $image (recipe $recipe)"
podman build --quiet --file "$dockerfile" --ignorefile "$dockerfile.dockerignore" \
    --build-arg BASE="$base" --build-arg CLIPDG_RECIPE="$recipe" --tag "$image" . >/dev/null
# Layers of earlier builds that no image uses any more (an older jar's): remove them, and only them.
podman image prune --force --filter label=org.clipdg.image=clipdg-cpu >/dev/null
echo "$recipe"
