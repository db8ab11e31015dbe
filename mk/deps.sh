#!/bin/sh
# Checks build, test and fuzz dependencies. As root on Debian, installs what
# is missing with apt-get; otherwise prints the exact command and fails.
# usage: deps.sh build|test|fuzz
set -u
what=${1:-build}
missing=""

have_pc() { pkg-config --exists "$1" 2>/dev/null; }
have_hdr() { printf '#include <%s>\n' "$1" | ${CC:-gcc} -E -x c - >/dev/null 2>&1; }
need() { missing="$missing $1"; }

command -v pkg-config >/dev/null 2>&1 || need pkg-config
command -v ${CC:-gcc} >/dev/null 2>&1 || need gcc
command -v make >/dev/null 2>&1 || need make
have_pc openssl || need libssl-dev
have_pc libpcre2-8 || need libpcre2-dev
have_hdr db.h || need libdb-dev
case $what in
test)
    have_pc cmocka || need libcmocka-dev
    [ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || \
	ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || need libfaketime
    command -v faketime >/dev/null 2>&1 || need faketime
    command -v python3 >/dev/null 2>&1 || need python3
    ;;
fuzz)
    command -v clang >/dev/null 2>&1 || need clang
    ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || \
	need "libclang-rt-dev"
    ;;
esac

[ -z "$missing" ] && exit 0

cmd="apt-get install -y$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing:$missing"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1; then
	apt-get update -q >/dev/null 2>&1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing || {
	    echo "deps: apt-get failed; run: $cmd" >&2; exit 1; }
    fi
    exit 0
fi
echo "deps: missing packages:$missing" >&2
echo "deps: as root, run: $cmd" >&2
exit 1
