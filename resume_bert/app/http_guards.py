"""App layer: the service's outer guards, pure ASGI: JSON for every error, trusted Host headers, request bodies counted as they stream in.

Outside FastAPI, they hold whatever a route does and however a client sends its body (Content-Length or chunked).
"""

import asyncio
import json
import logging

log = logging.getLogger("resume_bert.serve")

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def one_line(detail: str) -> str:
    """`detail` as one line of printable text, at most 300 characters (it may quote a client's file name)."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(detail)).split())
    return text if len(text) <= 300 else text[:297] + "..."


async def send_json_error(send, status: int, detail: str, headers: list | None = None) -> None:
    body = json.dumps({"detail": one_line(detail)}).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


class JsonServerErrors:
    """An unexpected fault becomes a JSON 500 with a one-line detail; its traceback goes to the log."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def watch(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            detail = f"the service failed on {scope.get('path')}; the server's log has the details, try again later"
            if not started:  # otherwise the server closes the half-sent answer
                await send_json_error(send, 500, detail)


def host_name(host: str) -> str:
    """The name in a Host header, without its port: 'localhost:8000' -> 'localhost', '[::1]:8000' -> '::1'."""
    if host.startswith("["):
        return host[1 : host.find("]")].lower() if "]" in host else host.lower()
    return (host.rsplit(":", 1)[0] if host.count(":") == 1 else host).lower()


class TrustedHosts:
    """Answer only requests whose Host header names this service (against DNS rebinding); '*' allows any."""

    def __init__(self, app, allowed_hosts):
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or "*" in self.allowed:
            return await self.app(scope, receive, send)
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_name(host) in self.allowed:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        names = ", ".join(sorted(self.allowed))
        detail = f"Host {host[:80]!r} is not a name this service answers to ({names}); start it with --allowed-host NAME to add one"
        await send_json_error(send, 400, detail)


class BodyRefused(Exception):
    """Raised by `receive` once the body passed the limit or stalled (the 4xx is already sent)."""


class BodyLimit:
    """Refuse a request body over `max_bytes` with a 413, counting the bytes as they arrive.

    Content-Length, when sent, refuses the request at once; otherwise reading stops at the limit, the
    answer goes out and the route's later messages are dropped. A body idle for `idle_seconds` gets a 408.
    """

    def __init__(self, app, max_bytes: int, detail: str, idle_seconds: float = 30.0):
        self.app, self.max_bytes, self.detail, self.idle_seconds = app, max_bytes, detail, idle_seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            return await send_json_error(send, 413, self.detail, [(b"connection", b"close")])
        seen, complete, refused, started = 0, False, False, False

        async def refuse(status: int, detail: str):
            nonlocal refused
            refused = True
            if not started:
                await send_json_error(send, status, detail, [(b"connection", b"close")])
            raise BodyRefused

        async def counted_receive():
            nonlocal seen, complete
            if refused:
                return {"type": "http.disconnect"}
            if complete:  # after the body, receive only waits for a disconnect: no clock
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.idle_seconds)
            except asyncio.TimeoutError:
                await refuse(408, f"the request body stopped arriving for {self.idle_seconds:g} s; send it again")
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if seen > self.max_bytes:
                    await refuse(413, self.detail)
            return message

        async def guarded_send(message):
            nonlocal started
            if refused:
                return  # the 4xx went out instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:
                raise
