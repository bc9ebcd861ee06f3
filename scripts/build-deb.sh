#!/bin/sh
# scripts/build-deb.sh OUT_DIR: the Debian package, OUT_DIR/ctguard_VERSION_ARCH.deb, made by
# `dpkg-buildpackage -us -uc -b` from debian/, then checked by lintian (errors fail, warnings are
# printed; docs/packaging.md explains those kept). `make deb` runs it with OUT_DIR build/deb.
#
# dpkg-buildpackage writes its results next to the source tree, so it runs on a copy in OUT_DIR/src:
# the files git knows, local edits included (or the whole tree, build directories aside, when it is
# not a git checkout). The copy has no .git, so its COMMIT file names the commit for --version. The
# copy keeps its build directory and the files their times, so a second run (-nc: no clean first)
# compiles only what changed. DEB_BUILD_OPTIONS passes through (nocheck, parallel=N).
set -eu
[ $# -eq 1 ] || { echo "usage: scripts/build-deb.sh OUT_DIR" >&2; exit 64; }
cd "$(dirname "$0")/.."
tree=$(pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
src=$out/src
case "$src/" in "$tree/debian/"*) echo "ctguard: deb: OUT_DIR must not be inside debian/" >&2; exit 64 ;; esac
for tool in dpkg-buildpackage dh; do
    command -v "$tool" >/dev/null || { echo "ctguard: deb: $tool is missing; run 'make deps' (debhelper, dpkg-dev)" >&2; exit 69; }
done

mkdir -p "$src"
# CMake keeps the compiler flags of its first run: other DEB_* settings (nocheck, noopt, flags) need a
# build directory of their own.
settings=$(env | grep '^DEB_' | sed 's/parallel=[0-9]*//' | sort)
if [ "$settings" != "$(cat "$out/settings" 2>/dev/null)" ]; then
    rm -rf "$src/build-deb"
    printf '%s\n' "$settings" >"$out/settings"
fi
find "$src" -mindepth 1 -maxdepth 1 ! -name build-deb -exec rm -rf {} +
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && [ "$(git rev-parse --show-toplevel)" = "$tree" ]; then
    # Tracked and new files that exist (a deleted file is still in the index until committed).
    git ls-files -z --cached --others --exclude-standard |
        xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null --files-from=- -cf - | tar -xf - -C "$src"
    git describe --always --dirty --abbrev=12 >"$src/COMMIT"
else
    tar --exclude=./build --exclude='./build-*' --exclude=./.git -cf - . | tar -xf - -C "$src"
fi

(cd "$src" && dpkg-buildpackage -us -uc -b -nc)
version=$(cd "$src" && dpkg-parsechangelog -S Version)
deb=$out/ctguard_${version}_$(dpkg-architecture -q DEB_HOST_ARCH).deb
[ -f "$deb" ] || { echo "ctguard: deb: dpkg-buildpackage made no $deb" >&2; exit 70; }
if command -v lintian >/dev/null; then
    lintian --fail-on error --info "$deb"
else
    echo "ctguard: deb: lintian is not installed; the package was not checked" >&2
fi
echo "$deb"
