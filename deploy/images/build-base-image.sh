#!/usr/bin/env bash
# Builds a Java 17 JRE base image as a docker-archive tar, without Docker and without a container
# registry: Debian bookworm (minbase) plus openjdk-17-jre-headless, made with debootstrap.
#
# Why: `./mvnw -Pimages package` pulls eclipse-temurin:17-jre by default; where no registry is
# reachable (this project's CI machine), Jib takes this tar instead:
#   sudo deploy/images/build-base-image.sh /var/tmp/nyc311-base-jre17.tar
#   ./mvnw -Pimages package -Djib.from.image=tar:///var/tmp/nyc311-base-jre17.tar
#
# Needs root (debootstrap chroots), debootstrap, sha256sum and a Debian mirror (MIRROR, default
# deb.debian.org). The tar is a build input: never commit it.
set -euo pipefail

out="${1:?usage: build-base-image.sh OUTPUT.tar}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
suite="${SUITE:-bookworm}"

if [[ $(id -u) -ne 0 ]]; then
  echo "build-base-image.sh: run as root (debootstrap needs chroot)" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { echo "build-base-image.sh: install debootstrap (apt-get install debootstrap)" >&2; exit 2; }

work="$(mktemp -d /var/tmp/nyc311-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "== debootstrap $suite minbase + openjdk-17-jre-headless into $rootfs"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$suite" "$rootfs" "$mirror"

echo "== slimming"
# package lists, caches and docs are not needed at run time
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
# debootstrap leaves the build host's resolver and hostname behind; the runtime provides its own
: > "$rootfs/etc/resolv.conf"
rm -f "$rootfs/etc/hostname"

echo "== docker-archive"
image="$work/image"
mkdir -p "$image"
# No `./` entry: Jib rejects a layer whose first entry is the root directory itself, so the layer
# lists the top-level names instead of `.`.
( cd "$rootfs" && tar --numeric-owner --sort=name --mtime='2000-01-01 00:00:00Z' -cf "$image/layer.tar" -- $(ls -A) )
diff_id="sha256:$(sha256sum "$image/layer.tar" | cut -d' ' -f1)"
java_home="/usr/lib/jvm/java-17-openjdk-amd64"
cat > "$image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created_by":"deploy/images/build-base-image.sh: debootstrap $suite minbase + openjdk-17-jre-headless"}]}
JSON
config_id="$(sha256sum "$image/config.json" | cut -d' ' -f1)"
mv "$image/config.json" "$image/$config_id.json"
mkdir -p "$image/$config_id"
mv "$image/layer.tar" "$image/$config_id/layer.tar"
cat > "$image/manifest.json" <<JSON
[{"Config":"$config_id.json","RepoTags":["nyc311/base-jre17:$suite"],"Layers":["$config_id/layer.tar"]}]
JSON
mkdir -p "$(dirname "$out")"
( cd "$image" && tar -cf "$work/base.tar" manifest.json "$config_id.json" "$config_id" )
mv "$work/base.tar" "$out"
echo "== wrote $out ($(du -h "$out" | cut -f1)), java: $(chroot "$rootfs" java -version 2>&1 | head -1 || true)"
