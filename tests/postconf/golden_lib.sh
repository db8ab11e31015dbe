# Shared by make_golden.sh and golden.test.sh: runs one golden case.
#
# A case is a directory under tests/postconf/golden/ holding:
#   args         one postconf argument per line ("-c DIR" is prepended)
#   main.cf      optional input; absent means "no main.cf"
#   master.cf    optional input
#   filter       optional: extended regexps; matching stdout lines are dropped
#   stdout, stderr, rc           expected results (the config dir is @DIR@;
#                                stderr lines are sorted)
#   main.cf.out, master.cf.out   expected files after the run, when changed
#
# golden_run CASE POSTCONF OUTDIR: runs POSTCONF for CASE and leaves
# stdout, stderr, rc and (if changed) main.cf.out/master.cf.out in OUTDIR.
golden_run() {
    _case=$1 _pc=$2 _out=$3
    _scratch=$(mktemp -d) || return 1
    _cfg=$_scratch/cfg
    mkdir -p "$_cfg" "$_out"
    for _f in main.cf master.cf; do
	[ -f "$_case/$_f" ] && cp "$_case/$_f" "$_cfg/$_f"
    done
    set --
    while IFS= read -r _a || [ -n "$_a" ]; do
	set -- "$@" "$_a"
    done < "$_case/args"
    # Run as plain "postconf" so messages carry stock's program name.
    _pcdir=$(cd "$(dirname "$_pc")" && pwd)
    (unset MAIL_CONFIG; cd "$_scratch" && PATH="$_pcdir:$PATH" postconf -c "$_cfg" "$@") \
	> "$_scratch/stdout.raw" 2> "$_scratch/stderr.raw"
    echo $? > "$_out/rc"
    if [ -f "$_case/filter" ]; then
	grep -v -E -f "$_case/filter" "$_scratch/stdout.raw" > "$_scratch/stdout.f"
    else
	cp "$_scratch/stdout.raw" "$_scratch/stdout.f"
    fi
    sed "s|$_cfg|@DIR@|g" "$_scratch/stdout.f" > "$_out/stdout"
    # Stock emits its unused/undefined warnings in hash-table order, which
    # changes from run to run, so stderr is compared as a sorted set.
    sed "s|$_cfg|@DIR@|g" "$_scratch/stderr.raw" | LC_ALL=C sort > "$_out/stderr"
    for _f in main.cf master.cf; do
	rm -f "$_out/$_f.out"
	if [ -f "$_cfg/$_f" ]; then
	    if [ ! -f "$_case/$_f" ] || ! cmp -s "$_case/$_f" "$_cfg/$_f"; then
		cp "$_cfg/$_f" "$_out/$_f.out"
	    fi
	fi
    done
    rm -rf "$_scratch"
}
