#!/usr/bin/env python3
"""Conformance of xapi-sim with the official Python XenAPI client and with XAPI's JSON-RPC shapes.

Usage: xenapi_conformance.py URL USER PASSWORD
Runs every check, prints one line per check and closes with 'N passed, N failed'.
Exit status 0 only when every check passed.
"""
import json
import sys
import time
import traceback
import urllib.request

import XenAPI

URL, USER, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3]
results = []


def check(name):
    def wrap(fn):
        try:
            fn()
            results.append((name, None))
            print("ok   " + name)
        except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
            results.append((name, error))
            print("FAIL " + name + ": " + repr(error))
            traceback.print_exc(limit=3)
        sys.stdout.flush()
        return fn
    return wrap


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def failure_details(fn):
    try:
        fn()
    except XenAPI.Failure as failure:
        return failure.details
    raise AssertionError("expected XenAPI.Failure, got success")


def jsonrpc(body, path="/jsonrpc"):
    request = urllib.request.Request(URL.rstrip("/") + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as reply:
        return reply.status, reply.headers, json.loads(reply.read())


session = XenAPI.Session(URL + "/", ignore_ssl=True)
x = session.xenapi
CLASSES = ["pool", "host", "host_metrics", "host_cpu", "VM", "VM_metrics", "VM_guest_metrics", "SR", "PBD",
           "VDI", "VBD", "VIF", "network", "PIF", "console", "task", "message"]


@check("login with the right password")
def _():
    x.login_with_password(USER, PASSWORD, "1.0", "conformance")
    expect(session.handle.startswith("OpaqueRef:"), "session ref looks like " + session.handle)


@check("login with a wrong password is SESSION_AUTHENTICATION_FAILED")
def _():
    other = XenAPI.Session(URL + "/", ignore_ssl=True)
    details = failure_details(lambda: other.xenapi.login_with_password(USER, PASSWORD + "-wrong", "1.0", "c"))
    expect(details[0] == "SESSION_AUTHENTICATION_FAILED", details)
    expect(details[1] == USER, "first parameter is the user name: %r" % details)
    expect(PASSWORD not in " ".join(details), "the password must not be echoed")


records = {}


@check("get_all_records of every class")
def _():
    for cls in CLASSES:
        result = getattr(x, cls).get_all_records()
        expect(isinstance(result, dict), cls + " get_all_records is a struct")
        for ref, record in result.items():
            expect(ref.startswith("OpaqueRef:"), cls + " ref " + ref)
            expect(isinstance(record, dict) and "uuid" in record, cls + " record has a uuid")
        records[cls] = result
    expect(len(records["VM"]) > 0 and len(records["host"]) > 0, "the pool has hosts and VMs")


@check("records use XAPI's encoding: int64 as strings, bools as bools, refs as strings")
def _():
    vm = next(r for r in records["VM"].values() if not r["is_a_template"])
    expect(isinstance(vm["memory_static_max"], str) and vm["memory_static_max"].isdigit(), vm["memory_static_max"])
    expect(isinstance(vm["is_a_template"], bool), "is_a_template is a bool")
    expect(vm["power_state"] in ("Halted", "Running", "Paused", "Suspended"), vm["power_state"])
    expect(isinstance(vm["allowed_operations"], list), "allowed_operations is a set")
    expect(isinstance(vm["other_config"], dict), "other_config is a map")
    for field in ("resident_on", "metrics", "guest_metrics"):
        expect(isinstance(vm[field], str), field)


@check("get_record, get_by_uuid and field getters agree with get_all_records")
def _():
    ref, vm = next(iter(records["VM"].items()))
    expect(x.VM.get_record(ref) == vm, "get_record equals the get_all_records entry")
    expect(x.VM.get_by_uuid(vm["uuid"]) == ref, "get_by_uuid")
    expect(x.VM.get_name_label(ref) == vm["name_label"], "get_name_label")
    expect(ref in x.VM.get_by_name_label(vm["name_label"]), "get_by_name_label")
    expect(set(x.VM.get_all()) == set(records["VM"].keys()), "get_all")
    details = failure_details(lambda: x.VM.get_record("OpaqueRef:00000000-0000-0000-0000-000000000000"))
    expect(details[0] == "HANDLE_INVALID", details)


def halted_vm():
    for ref, vm in x.VM.get_all_records().items():
        if vm["power_state"] == "Halted" and not vm["is_a_template"] and not vm["is_a_snapshot"] \
                and not vm["is_control_domain"] and "start" in vm["allowed_operations"]:
            return ref
    raise AssertionError("no halted VM that can start")


started = {}


@check("Async.VM.start is followed to success through task.get_record")
def _():
    vm = halted_vm()
    task = x.Async.VM.start(vm, False, False)
    expect(task.startswith("OpaqueRef:"), "a task ref")
    deadline = time.time() + 60
    while True:
        record = x.task.get_record(task)
        expect(record["status"] in ("pending", "success"), "status " + record["status"] + " " + repr(record["error_info"]))
        expect(0.0 <= float(record["progress"]) <= 1.0, "progress in 0..1")
        if record["status"] == "success":
            break
        expect(time.time() < deadline, "task finished within 60 s")
        time.sleep(0.1)
    expect(record["error_info"] == [], "no error_info on success")
    expect(x.VM.get_power_state(vm) == "Running", "the VM runs")
    expect(x.VM.get_resident_on(vm) in records["host"], "the VM is resident on a host")
    started["vm"] = vm
    x.task.destroy(task)


@check("a second start is VM_BAD_POWER_STATE [vm, halted, running]")
def _():
    vm = started["vm"]
    details = failure_details(lambda: x.VM.start(vm, False, False))
    expect(details == ["VM_BAD_POWER_STATE", vm, "halted", "running"], details)


@check("event.from from an empty token, then after a change")
def _():
    reply = getattr(x.event, "from")(["vm"], "", 5.0)
    expect(set(reply.keys()) >= {"events", "token", "valid_ref_counts"}, reply.keys())
    expect(all(e["operation"] == "add" and e["class"] == "vm" for e in reply["events"]), "every object as add")
    expect(len(reply["events"]) == len(x.VM.get_all()), "one add per VM")
    expect(int(reply["valid_ref_counts"]["vm"]) == len(reply["events"]), "valid_ref_counts.vm")
    vm = started["vm"]
    x.VM.set_name_label(vm, "renamed-by-conformance")
    later = getattr(x.event, "from")(["vm"], reply["token"], 5.0)
    mods = [e for e in later["events"] if e["ref"] == vm]
    expect(len(mods) == 1 and mods[0]["operation"] == "mod", later["events"])
    expect(mods[0]["snapshot"]["name_label"] == "renamed-by-conformance", "snapshot has the new name")
    expect(later["token"] > reply["token"], "tokens grow")


@check("JSON-RPC 1.0 replies: result, error null, id")
def _():
    status, headers, body = jsonrpc({"method": "session.login_with_password", "params": [USER, PASSWORD], "id": 7})
    expect(status == 200 and headers["Content-Type"].startswith("application/json"), headers["Content-Type"])
    expect(set(body.keys()) == {"result", "error", "id"}, body.keys())
    expect(body["error"] is None and body["id"] == 7 and body["result"].startswith("OpaqueRef:"), body)
    ref = body["result"]
    _, _, body = jsonrpc({"method": "VM.get_all", "params": [ref], "id": "a"})
    expect(body["id"] == "a" and isinstance(body["result"], list), body)
    _, _, body = jsonrpc({"method": "VM.get_record", "params": [ref, "OpaqueRef:nope"], "id": 8})
    expect(body["result"] is None and body["error"][0] == "HANDLE_INVALID", body)
    _, _, body = jsonrpc({"method": "VM.get_all_records", "params": [ref], "id": 9})
    vm = next(iter(body["result"].values()))
    expect(isinstance(vm["VCPUs_max"], int), "ints are bare JSON integers")
    expect(isinstance(vm["is_a_template"], bool), "bools are JSON bools")
    jsonrpc({"method": "session.logout", "params": [ref], "id": 10})


@check("JSON-RPC 2.0 replies: jsonrpc, result or error {code 1, message, data}, id")
def _():
    status, _, body = jsonrpc({"jsonrpc": "2.0", "method": "session.login_with_password",
                               "params": [USER, PASSWORD], "id": 1})
    expect(set(body.keys()) == {"jsonrpc", "result", "id"} and body["jsonrpc"] == "2.0", body)
    ref = body["result"]
    _, _, body = jsonrpc({"jsonrpc": "2.0", "method": "VM.start", "params": [ref, started["vm"], False, False], "id": 2})
    expect(set(body.keys()) == {"jsonrpc", "error", "id"}, body)
    expect(body["error"]["code"] == 1 and body["error"]["message"] == "VM_BAD_POWER_STATE", body)
    expect(body["error"]["data"] == [started["vm"], "halted", "running"], body)
    _, _, body = jsonrpc({"jsonrpc": "2.0", "method": "session.logout", "params": [ref], "id": 3})
    expect(body["result"] == "", "void is the empty string")
    _, _, body = jsonrpc({"jsonrpc": "2.0", "method": "VM.get_all", "params": [ref], "id": 4})
    expect(body["error"]["message"] == "SESSION_INVALID" and body["error"]["data"] == [ref], body)


@check("system.listMethods is a bare array")
def _():
    methods = session.system.listMethods()
    expect(isinstance(methods, list) and "VM.get_all_records" in methods, "listMethods")


@check("logout ends the session")
def _():
    handle = session.handle
    x.session.logout()
    other = XenAPI.Session(URL + "/", ignore_ssl=True)
    other._session = handle
    raw = other.__getattr__("VM.get_all")(handle)
    expect(raw["Status"] == "Failure" and raw["ErrorDescription"][0] == "SESSION_INVALID", raw)


failed = sum(1 for _, error in results if error is not None)
print("%d passed, %d failed" % (len(results) - failed, failed))
sys.exit(1 if failed else 0)
