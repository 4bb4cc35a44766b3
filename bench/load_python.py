#!/usr/bin/env python3
"""The official Python XenAPI client's side of `make bench` scenario 2 (load).

Logs in to URL and fetches the records of the 11 classes the issue lists, the way a script
using the client would (XML-RPC, one call per class). Prints one JSON line: the seconds from
just before login to the last reply decoded (interpreter start and import not counted), and
the record count of each class.

usage: load_python.py URL USER PASSWORD
"""
import json
import sys
import time

import XenAPI

CLASSES = ["pool", "host", "VM", "VM_metrics", "VM_guest_metrics", "SR", "VDI", "VBD", "VIF", "network", "PIF"]


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: load_python.py URL USER PASSWORD")
    url, user, password = sys.argv[1:]
    start = time.perf_counter()
    session = XenAPI.Session(url)
    session.xenapi.login_with_password(user, password, "1.0", "xentui-bench")
    counts = {}
    for name in CLASSES:
        counts[name] = len(getattr(session.xenapi, name).get_all_records())
    seconds = time.perf_counter() - start
    session.xenapi.session.logout()
    print(json.dumps({"seconds": seconds, "counts": counts}))


if __name__ == "__main__":
    main()
