#!/bin/sh
# Installs the build in Debian's postfix layout.
# usage: install.sh DESTDIR PREFIX SYSCONFDIR LOCALSTATEDIR BUILD
set -eu
destdir=$1 prefix=$2 sysconfdir=$3 localstatedir=$4 build=$5
sbin=$destdir$prefix/sbin
daemons=$destdir$prefix/lib/postfix/sbin
mandir=$destdir$prefix/share/man
confdir=$destdir$sysconfdir/postfix
queuedir=$destdir$localstatedir/spool/postfix

mkdir -p "$sbin" "$daemons" "$confdir" "$queuedir"
for f in "$build"/sbin/*; do
    [ -f "$f" ] && install -m 755 "$f" "$sbin/"
done
for f in "$build"/libexec/*; do
    [ -f "$f" ] && install -m 755 "$f" "$daemons/"
done
for sect in 1 5 8; do
    for f in man/man$sect/*.$sect; do
	[ -f "$f" ] || continue
	mkdir -p "$mandir/man$sect"
	install -m 644 "$f" "$mandir/man$sect/"
    done
done
echo "installed commands in $sbin, daemons in $daemons, manual pages in $mandir"
echo "configuration directory: $confdir; queue directory: $queuedir"
