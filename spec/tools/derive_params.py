#!/usr/bin/env python3
# Developer tool, never run by the build: derives a first draft of
# spec/params.tsv from the oracle (stock postconf -d output and the text of
# postconf(5)). The draft is then reviewed by hand; see spec/README.md.
# usage: derive_params.py postconf-d.txt postconf5.txt > params.tsv
import re
import sys

d_lines = open(sys.argv[1]).read().splitlines()
man = open(sys.argv[2]).read().splitlines()

defaults = {}
order = []
for line in d_lines:
    name, sep, value = line.partition(" =")
    if not sep:
        continue
    defaults[name] = value[1:] if value.startswith(" ") else value
    order.append(name)

sections = {}
cur = None
for line in man:
    m = re.match(r"^([A-Za-z0-9_]+) \((default: |read-only)", line)
    if m:
        cur = m.group(1)
        sections[cur] = []
        continue
    if re.match(r"^[A-Z][A-Z ]+$", line):
        cur = None
    if cur:
        sections[cur].append(line.strip())
text = {k: re.sub(r"\s+", " ", " ".join(v).replace("\u2010 ", "").replace("\u2010", ""))
        for k, v in sections.items()}

# Oracle facts (see spec/README.md): values kept unexpanded, read-only names,
# host-dependent defaults, 64-bit sizes.
RAW = {"command_execution_directory", "default_rbl_reply", "forward_path",
       "luser_relay", "mailbox_command", "postscreen_expansion_filter",
       "postscreen_reject_footer", "smtpd_expansion_filter",
       "smtpd_reject_footer"}
READONLY = {"process_id", "process_name", "service_name"}
COMPUTED = {"myhostname", "mydomain", "mynetworks", "process_id",
            "process_name"}
LONG = {"message_size_limit", "mailbox_size_limit", "virtual_mailbox_limit",
        "queue_minfree", "lmdb_map_size"}
# Reviewed by hand: numbers or words that stock keeps as plain strings.
STRING = {"mail_release_date", "process_id", "compatibility_level",
          "lmtp_tcp_port", "milter_protocol", "default_transport",
          "smtpd_tls_CAfile", "smtpd_tls_CApath", "mynetworks_style",
          "milter_macro_daemon_name", "milter_macro_v",
          "default_destination_concurrency_negative_feedback",
          "default_destination_concurrency_positive_feedback"}
IMPLEMENTED = {"config_directory", "queue_directory", "daemon_directory",
               "command_directory", "data_directory", "mail_owner",
               "setgid_group", "myhostname", "mydomain", "myorigin",
               "mail_version", "compatibility_level", "syslog_name",
               "syslog_facility", "maillog_file", "import_environment",
               "export_environment", "alternate_config_directories"}
UNITS = {"seconds": "s", "minutes": "m", "hours": "h", "days": "d",
         "weeks": "w"}
LIST_SUFFIX = ("_maps", "_restrictions", "_classes", "_domains",
               "_networks", "_interfaces", "_checks", "_environment",
               "_directories", "_lookup", "_sites", "_keys", "_files")


def first_type(name):
    t = text.get(name, "")
    dv = defaults[name]
    if name in RAW:
        return "raw"
    if name in STRING:
        return "string"
    dm = re.match(r"^(\d+|\$\{.*\})([smhdw])$", dv)
    if "Time units:" in t or dm:
        m = re.search(r"default time unit is ([smhdw]) ", t)
        if m:
            return "time:" + m.group(1)
        return "time:" + (dm.group(2) if dm else "s")
    if dv in ("yes", "no"):
        return "bool"
    alts = re.findall(r"\{([^{}$]*)\}", dv) if dv.startswith("${") else []
    if alts and all(a in ("yes", "no") for a in alts[-2:]):
        return "bool"
    if alts and all(re.match(r"^\d+$", a) for a in alts[-2:]):
        return "int"
    if name in LONG:
        return "long"
    if re.match(r"^-?\d+$", dv):
        return "int"
    return None


types = {n: first_type(n) for n in order}
# "$other" defaults and lmtp_/smtp_ pairs inherit the other's type.
for _ in range(5):
    for n in order:
        if types[n] is not None or n in STRING:
            continue
        m = re.match(r"^\$\{?([A-Za-z0-9_]+)\}?$", defaults[n])
        if m and types.get(m.group(1)) not in (None, "raw"):
            types[n] = types[m.group(1)]
        elif n.startswith("lmtp_") and types.get("smtp_" + n[5:]) not in (None, "raw"):
            types[n] = types["smtp_" + n[5:]]
for n in order:
    if types[n] is None and n in STRING:
        types[n] = "string"
    elif types[n] is None:
        t = text.get(n, "")
        if n.endswith(LIST_SUFFIX) or re.search(
                r"(comma|white ?space)[- ]separated|separated (by|with) (comma|white ?space)|"
                r"list of", t, re.I):
            types[n] = "list"
        else:
            types[n] = "string"

print("#name\ttype\tdefault\timplemented\tcomputed\treadonly")
for n in order:
    impl = "yes" if n in IMPLEMENTED or n.startswith("multi_instance_") else "no"
    print("\t".join([n, types[n], defaults[n], impl,
                     "yes" if n in COMPUTED else "no",
                     "yes" if n in READONLY else "no"]))
