#!/usr/bin/env python3
"""Add parameter entries to man/man5/postconf.5 and mark them implemented.

usage: add_param_docs.py FILE
FILE holds entries separated by blank lines: the first line is the
parameter name, the rest is its description in roff. The default shown is
the one in spec/params.tsv; entries are kept in name order; existing
entries are replaced.
"""
import re, sys

def main():
    docs = {}
    for block in re.split(r'\n\s*\n', open(sys.argv[1]).read().strip()):
        lines = block.strip().split('\n')
        docs[lines[0].strip()] = '\n'.join(lines[1:]).strip()
    rows = []
    defaults = {}
    with open('spec/params.tsv') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if not line.startswith('#') and cols[0] in docs:
                cols[3] = 'yes'
                defaults[cols[0]] = 'computed' if cols[4] == 'yes' else cols[2]
            rows.append('\t'.join(cols) + '\n' if not line.startswith('#') else line)
    missing = set(docs) - set(defaults)
    if missing:
        sys.exit('not in spec/params.tsv: ' + ' '.join(sorted(missing)))
    open('spec/params.tsv', 'w').write(''.join(rows))
    man = open('man/man5/postconf.5').read()
    head, rest = man.split('.SH PARAMETERS\n', 1)
    body, tail = rest.split('.SH "SEE ALSO"', 1)
    intro, *entries = body.split('.TP\n')
    table = {}
    for e in entries:
        name = e.split('\n', 1)[0].replace('.B ', '').strip()
        table[name] = e
    for name, text in docs.items():
        d = defaults[name]
        shown = d if d else 'empty'
        shown = shown.replace('\\', '\\e').replace('-', '\\-')
        table[name] = '.B %s\n(default: %s)\n%s\n' % (name, shown, text)
    out = head + '.SH PARAMETERS\n' + intro
    for name in sorted(table):
        out += '.TP\n' + table[name]
    out += '.SH "SEE ALSO"' + tail
    open('man/man5/postconf.5', 'w').write(out)

main()
