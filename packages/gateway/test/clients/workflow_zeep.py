"""The legacy ECGridOS workflow, driven by Python zeep from a service's own ?wsdl.

Usage: python3 workflow_zeep.py input.json   (prints the transcript as JSON on stdout)
input: {"wsdl", "login", "password", "upload": {"fileName", "base64"}, "hook", "soap12": bool}
"""
import base64
import datetime
import decimal
import hashlib
import json
import sys
import urllib.request

import zeep
import zeep.helpers
from zeep.exceptions import Fault

SERVICE = "ECGridOS_x0020_API_x0020_v4"


def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest(), "bytes": len(value)}
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def fault_of(fault):
    detail = None
    if fault.detail is not None:
        for element in fault.detail.iter():
            if element.tag.endswith("ECGridOSSOAPErrorCode"):
                detail = element.text
    return {"code": str(fault.code), "detail": detail}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cfg = json.load(f)
    client = zeep.Client(cfg["wsdl"])
    port = SERVICE + ("Soap12" if cfg.get("soap12") else "Soap")
    svc = client.bind(SERVICE, port)
    steps = []

    def call(step, op, **params):
        try:
            result = plain(zeep.helpers.serialize_object(getattr(svc, op)(**params)))
            steps.append({"step": step, "operation": op, "result": result})
            return result
        except Fault as fault:
            steps.append({"step": step, "operation": op, "fault": fault_of(fault)})
            return None

    sid = call("login", "Login", LoginName=cfg["login"], Password=cfg["password"])
    who = call("whoami", "WhoAmI", SessionID=sid)
    call("mailbox", "MailboxInfo", SessionID=sid, MailboxID=who["MailboxID"])
    inbox = call("inbox", "ParcelInBox", SessionID=sid)
    parcels = ((inbox or {}).get("ParcelIDInfoList") or {}).get("ParcelIDInfo") or []
    for parcel in parcels:
        call("download", "ParcelDownload", SessionID=sid, ParcelID=parcel["ParcelID"])
        call("confirm", "ParcelDownloadConfirm", SessionID=sid, ParcelID=parcel["ParcelID"])
    content = base64.b64decode(cfg["upload"]["base64"])
    call("upload", "ParcelUpload", SessionID=sid, FileName=cfg["upload"]["fileName"], Bytes=len(content), Content=content)
    urllib.request.urlopen(urllib.request.Request(cfg["hook"], method="POST")).read()
    call("after-expiry", "WhoAmI", SessionID=sid)
    # The client's own re-login, as legacy code does on an Authentication fault.
    sid = call("relogin", "Login", LoginName=cfg["login"], Password=cfg["password"])
    call("whoami-again", "WhoAmI", SessionID=sid)
    call("logout", "Logout", SessionID=sid)
    call("after-logout", "WhoAmI", SessionID=sid)
    json.dump({"client": "zeep " + zeep.__version__, "steps": steps}, sys.stdout)


main()
