#!/usr/bin/env python3
"""A short language-server session with the tool given on the command line: initialize, open a
document, then completion, semantic tokens, hover and formatting. Each request must get a result
and no error, and the document's diagnostics must arrive: what a tool compiled ahead of time could
lose (serialization code made at run time) shows here as an error response."""
import json
import subprocess
import sys

DOCUMENT = "x = 1\ndef f(a) { return a + y }\nprint(f(x))\nprin"
URI = "file:///session.grad"
REQUESTS = [
    ("initialize", {"capabilities": {}}),
    ("textDocument/completion", {"textDocument": {"uri": URI}, "position": {"line": 3, "character": 4}}),
    ("textDocument/semanticTokens/full", {"textDocument": {"uri": URI}}),
    ("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 2, "character": 1}}),
    ("textDocument/formatting", {"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": True}}),
    ("shutdown", None),
]


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def messages(data):
    while data:
        header, _, rest = data.partition(b"\r\n\r\n")
        length = int(header.split(b":")[1])
        yield json.loads(rest[:length])
        data = rest[length:]


def main():
    sent = [frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": REQUESTS[0][1]}),
            frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": URI, "languageId": "gradscript", "version": 1, "text": DOCUMENT}}})]
    for number, (method, params) in enumerate(REQUESTS[1:], start=2):
        request = {"jsonrpc": "2.0", "id": number, "method": method}
        if params is not None:
            request["params"] = params
        sent.append(frame(request))
    sent.append(frame({"jsonrpc": "2.0", "method": "exit"}))
    run = subprocess.run(sys.argv[1:] + ["lsp"], input=b"".join(sent), capture_output=True, timeout=120)
    replies = {m["id"]: m for m in messages(run.stdout) if "id" in m}
    diagnostics = [m for m in messages(run.stdout) if m.get("method") == "textDocument/publishDiagnostics"]
    failed = [method for number, (method, _) in enumerate(REQUESTS, start=1)
              if number not in replies or "error" in replies[number]]
    if not diagnostics:
        failed.append("publishDiagnostics")
    if "data" not in (replies.get(3, {}).get("result") or {}):
        failed.append("semantic tokens' data")
    print(f"lsp session: {len(REQUESTS) + 2 - len(failed)} passed, {len(failed)} failed")
    if failed:
        print("failed: " + ", ".join(failed) + "\n" + run.stderr.decode(), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
