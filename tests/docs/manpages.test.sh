#!/bin/sh
# Every command and daemon the build makes has a manual page, every manual
# page renders without roff warnings, and every parameter marked implemented
# in spec/params.tsv is described in postconf(5).
set -u
fail=0
for prog in "$BUILD"/sbin/* "$BUILD"/libexec/*; do
    [ -f "$prog" ] || continue
    name=${prog##*/}
    case $prog in
    */sbin/*) page=man/man1/$name.1 ;;
    *) page=man/man8/$name.8 ;;
    esac
    [ -f "$page" ] || { echo "FAIL: $name has no manual page $page"; fail=1; }
done
pages=$(ls man/man*/*.[158] 2>/dev/null)
[ -n "$pages" ] || { echo "FAIL: no manual pages"; exit 1; }
if command -v groff >/dev/null 2>&1; then
    for page in $pages; do
	warnings=$(groff -man -ww -z "$page" 2>&1)
	[ -z "$warnings" ] || { echo "FAIL: $page: $warnings"; fail=1; }
    done
fi
if [ -f spec/params.tsv ] && [ -f man/man5/postconf.5 ]; then
    for name in $(awk -F'\t' '!/^#/ && $4 == "yes" {print $1}' spec/params.tsv); do
	grep -qw -- "$name" man/man5/postconf.5 || {
	    echo "FAIL: implemented parameter $name is not in man/man5/postconf.5"; fail=1; }
    done
fi
exit $fail
