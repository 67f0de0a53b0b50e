#!/usr/bin/env bash
# Copyright 2026 The tdb authors
# SPDX-License-Identifier: Apache-2.0
#
# Lays out the files of the tdb container image under OUT, for Jib to add as two layers:
# OUT/base (the runtime and the system files, which change with the JDK) and OUT/app (tdb.jar and
# /etc/tdb, which change with every build), so that a new build ships only the second.
#
#   rootfs.sh OUT TDB_JAR JAVA_HOME MODULES jre   everything for a FROM scratch image: a Java
#                                                 runtime made by jlink from the build's JDK, the
#                                                 shared libraries it loads (copied from the build
#                                                 machine, where that JDK runs), CA certificates,
#                                                 /etc/passwd with the user tdb (65532)
#   rootfs.sh OUT TDB_JAR JAVA_HOME MODULES app   only /app/tdb.jar and /etc/tdb, for a base image
#                                                 that brings its own Java (-Dimage.base=...)
#
# Linux only: the runtime is the build JDK's own platform (jlink copies its native code).
set -euo pipefail

if [ "$#" -ne 5 ] || { [ "$5" != jre ] && [ "$5" != app ]; }; then
  echo "usage: rootfs.sh OUT TDB_JAR JAVA_HOME MODULES jre|app" >&2
  exit 2
fi
out=$1 jar=$2 java_home=$3 modules=$4 mode=$5

if [ ! -f "$jar" ]; then
  echo "rootfs.sh: $jar is missing: build the cli module first (./mvnw -Pimage -pl image -am package)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out/app/app" "$out/app/etc/tdb" "$out/base"
cp "$jar" "$out/app/app/tdb.jar"
[ "$mode" = app ] && exit 0
out=$out/base

if [ ! -x "$java_home/bin/jlink" ] || [ ! -d "$java_home/jmods" ]; then
  echo "rootfs.sh: $java_home has no jlink or no jmods: build with a full JDK 17 (Debian:" \
    "openjdk-17-jdk-headless), or use a base image with Java: -Dimage.base=eclipse-temurin:17-jre" >&2
  exit 1
fi
runtime=$out/opt/java
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files \
  --no-man-pages --compress=2 --output "$runtime"

# Debian's JDK links lib/security/{cacerts,...} into /etc, and jlink leaves the links out: copy
# what they point at (cacerts is ca-certificates-java's trust store).
for file in "$java_home"/lib/security/*; do
  name=$(basename "$file")
  if [ ! -e "$runtime/lib/security/$name" ] && [ -e "$file" ]; then
    cp -L "$file" "$runtime/lib/security/$name"
  fi
done
if [ ! -s "$runtime/lib/security/cacerts" ]; then
  echo "rootfs.sh: $java_home/lib/security/cacerts is missing (Debian: ca-certificates-java)" >&2
  exit 1
fi

# No tools but java: no keytool, jfr, rmiregistry. java.desktop is in the runtime for its
# java.beans classes (Jackson reads @ConstructorProperties); its native code (AWT, fonts, sound,
# images) never runs on a server and would pull in X11, freetype and ALSA: left out.
find "$runtime/bin" -type f ! -name java -delete
rm -f "$runtime/lib/jexec"
for lib in awt awt_headless awt_xawt fontmanager javajpeg jawt jsound lcms mlib_image splashscreen; do
  rm -f "$runtime/lib/lib$lib.so"
done

# The shared libraries the runtime loads (glibc, libstdc++, libgcc_s, zlib and the dynamic
# loader), as ldd resolves them on this machine: the JDK was built for these.
libraries=$(
  for elf in "$runtime/bin/java" "$runtime/lib/jspawnhelper" "$runtime"/lib/*.so "$runtime"/lib/server/*.so; do
    ldd "$elf" | awk -v elf="$elf" '
      $2 == "=>" && $3 == "not" && $1 != "libjvm.so" { print "missing " $1 " for " elf; next }
      $2 == "=>" && $3 ~ /^\// { print $3 }
      $1 ~ /^\// { print $1 }'
  done | sort -u
)
if grep -q '^missing ' <<<"$libraries"; then
  grep '^missing ' <<<"$libraries" >&2
  exit 1
fi
for library in $libraries; do
  case "$library" in "$runtime"/*) continue ;; esac
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
done

mkdir -p "$out/etc/ssl/certs" "$out/tmp" "$out/home/tdb"
if [ ! -s /etc/ssl/certs/ca-certificates.crt ]; then
  echo "rootfs.sh: /etc/ssl/certs/ca-certificates.crt is missing (Debian: ca-certificates)" >&2
  exit 1
fi
cp -L /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/ca-certificates.crt"
cat >"$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
tdb:x:65532:65532:tdb:/home/tdb:/sbin/nologin
PASSWD
cat >"$out/etc/group" <<'GROUP'
root:x:0:
tdb:x:65532:
GROUP
cat >"$out/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS
cat >"$out/etc/hosts" <<'HOSTS'
127.0.0.1 localhost
::1 localhost
HOSTS
