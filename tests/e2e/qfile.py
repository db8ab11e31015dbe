#!/usr/bin/env python3
"""Reads queue files in the record format and prints what tests check.

usage: qfile.py FILE...
For each file: "file NAME", "sender ADDR", one "rcpt ADDR" per recipient,
"header NAME: VALUE" for each header line, "body LINE" for each body line,
and "end" when the end record is present. Exit status 1 on a malformed
file. Independent of the C reader on purpose: it checks the writer from
the outside.
"""
import sys


def records(data):
    pos = 0
    while pos < len(data):
        rtype = chr(data[pos])
        pos += 1
        length, shift = 0, 0
        while True:
            if pos >= len(data):
                raise ValueError("truncated length")
            byte = data[pos]
            pos += 1
            length |= (byte & 0x7f) << shift
            shift += 7
            if not byte & 0x80:
                break
        if pos + length > len(data):
            raise ValueError("truncated data")
        yield rtype, data[pos:pos + length]
        pos += length


def show(path):
    print("file", path)
    in_content, in_headers, line = False, True, b""
    for rtype, data in records(open(path, "rb").read()):
        if rtype == "S":
            print("sender", data.decode("utf-8", "replace"))
        elif rtype == "R":
            print("rcpt", data.decode("utf-8", "replace"))
        elif rtype == "M":
            in_content = True
        elif rtype == "X":
            in_content = False
        elif rtype == "E":
            print("end")
        elif in_content and rtype in "NL":
            line += data
            if rtype == "L":
                continue
            text = line.decode("utf-8", "replace")
            line = b""
            if in_headers and text == "":
                in_headers = False
                continue
            print("header" if in_headers else "body", text)


def main():
    status = 0
    for path in sys.argv[1:]:
        try:
            show(path)
        except (OSError, ValueError) as err:
            print("error", path, err)
            status = 1
    return status


sys.exit(main())
