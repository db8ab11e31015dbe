#!/bin/sh
# Checks spec/params.tsv against stock "postconf -d" output: the golden
# copy kept for the postconf tests (always), and the live stock command
# when it is installed (optional). Every stock name must be in the table
# or be a per-service name (spec/service_params.tsv); every table row must
# show up in stock output with the same default. Host-dependent rows
# (computed = yes) are compared by name only.
set -u
tsv=spec/params.tsv
svc=spec/service_params.tsv
golden=tests/postconf/golden/d_all/stdout
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# compare STOCK_OUTPUT LABEL: prints differences, returns 1 on any.
compare() {
    LC_ALL=C awk -F '\t' -v label="$2" '
    FILENAME == ARGV[1] { if ($0 !~ /^#/ && NF) suffix[$1] = $3; next }
    FILENAME == ARGV[2] {
	if ($0 ~ /^#/ || NF == 0) next
	def[$1] = $3; computed[$1] = ($5 == "yes"); n++
	next
    }
    {
	i = index($0, " =")
	name = substr($0, 1, i - 1)
	val = substr($0, i + 2); sub(/^ /, "", val)
	seen[name] = 1
	if (name in def) {
	    if (!computed[name] && def[name] != val) {
		printf("%s: %s: stock default \"%s\", table \"%s\"\n", label, name, val, def[name])
		bad++
	    }
	    next
	}
	ok = 0
	for (s in suffix) {
	    tail = "_" s
	    if (length(name) > length(tail) && substr(name, length(name) - length(tail) + 1) == tail \
		&& suffix[s] == val)
		ok = 1
	}
	if (!ok) {
	    printf("%s: %s = %s: not in the table\n", label, name, val)
	    bad++
	}
    }
    END {
	for (name in def)
	    if (!(name in seen)) {
		printf("%s: %s: in the table, missing from stock output\n", label, name)
		bad++
	    }
	exit bad ? 1 : 0
    }' "$svc" "$tsv" "$1"
}

status=0
ran=0
if [ -f "$golden" ]; then
    # The golden case filters host-dependent lines; put them back by name.
    cp "$golden" "$work/golden"
    for n in process_id myhostname mydomain mynetworks; do
	grep -q "^$n =" "$work/golden" || echo "$n = (filtered)" >> "$work/golden"
    done
    compare "$work/golden" golden || status=1
    ran=1
fi
if [ -x /usr/sbin/postconf ]; then
    mkdir -p "$work/cfg"
    : > "$work/cfg/main.cf"
    if /usr/sbin/postconf -c "$work/cfg" -d > "$work/live" 2>/dev/null; then
	compare "$work/live" stock || status=1
	ran=1
    fi
fi
[ $ran = 1 ] || { echo "params_match: no stock output to compare with"; exit 77; }
[ $status = 0 ] && echo "params_match: table agrees with stock postconf -d"
exit $status
