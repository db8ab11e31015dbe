#!/usr/bin/env python3
"""A small QMQP client: qmqp_send.py HOST PORT SENDER RCPT... < message

Sends one message and prints the server's reply netstring (K..., Z..., D...).
Exit status 0 for K, 1 otherwise.
"""
import socket
import sys


def netstring(data):
    return str(len(data)).encode() + b":" + data + b","


def main():
    host, port, sender, rcpts = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    message = sys.stdin.buffer.read().replace(b"\r\n", b"\n")
    body = netstring(message) + netstring(sender.encode())
    body += b"".join(netstring(r.encode()) for r in rcpts)
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(netstring(body))
        reply = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    head, _, rest = reply.partition(b":")
    text = rest[:int(head)].decode("utf-8", "replace") if head.isdigit() else reply.decode()
    print(text)
    return 0 if text.startswith("K") else 1


sys.exit(main())
