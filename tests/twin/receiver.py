"""A scripted raw HTTP receiver for the differential test (tests/twin/twin.py).

It listens on one or more 127.0.0.1 ports and answers each request with the next action of a
script, so both dispatchers under test meet exactly the same answers, byte for byte. It speaks
raw sockets on purpose: the point is to send what no well-behaved server library would (a
two-digit status, six interim responses, a broken chunked body, a half-written head, a reset).

A script is a list of actions, used in order, one per request (after the list: `default`). It
may instead be a dict {path: [actions]}, with a counter per path (fan-out cases, where two
endpoints post at once and a single counter would depend on which arrives first).

An action is a list of steps:
    b"..."            write these bytes ({PORT0}, {PORT1} are replaced by the listeners' ports)
    ("sleep", s)      wait s seconds (trickling a body, delaying a chunk)
    "close"           close the connection (FIN) and stop
    "reset"           abort it with a TCP RST (SO_LINGER 0) and stop
    "hang"            never answer; keep the socket open until reset() or stop()
After the last step (none of the three) the connection stays open for its next request.

Every request is recorded: listener index, connection number, request line, header lines
exactly as received (order, case, one entry per line), body bytes and the action index used.
Requests are read in full (Content-Length, or chunked) before the action starts.
"""
import socket
import struct
import threading
import time

OK = [b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"]


class Receiver:
    def __init__(self, ports=2):
        self._lock = threading.Lock()
        self._listeners = []
        for _ in range(ports):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 0))
            s.listen(64)
            self._listeners.append(s)
        self.ports = [s.getsockname()[1] for s in self._listeners]
        self._stopping = False
        self._generation = 0
        self.configure([], OK)
        for index, s in enumerate(self._listeners):
            threading.Thread(target=self._accept_loop, args=(index, s), daemon=True).start()

    # ---------------------------------------------------------------- control

    def configure(self, script, default=None):
        """Sets the script for the next run and forgets everything recorded."""
        self.reset()
        with self._lock:
            self._script = script
            self._default = default if default is not None else OK

    def reset(self):
        """Drops every connection (hung ones too), the records and the request counters, so the
        second dispatcher starts where the first did."""
        with self._lock:
            self._generation += 1
            conns, self._conns = getattr(self, "_conns", []), []
            self.requests = []
            self._counters = {}
            self._conn_count = 0
            self._hang = threading.Event()
            old_hang = getattr(self, "_old_hang", None)
            self._old_hang = self._hang
        if old_hang is not None:
            old_hang.set()
        for c in conns:
            _abort(c)

    def snapshot(self):
        with self._lock:
            return [dict(r) for r in self.requests]

    def stop(self):
        self._stopping = True
        self.reset()
        for s in self._listeners:
            try:
                s.close()
            except OSError:
                pass

    # ---------------------------------------------------------------- serving

    def _accept_loop(self, index, listener):
        while not self._stopping:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self._conn_count += 1
                number = self._conn_count
                generation = self._generation
                self._conns.append(conn)
                hang = self._hang
            threading.Thread(target=self._serve, args=(index, number, generation, hang, conn),
                             daemon=True).start()

    def _next_action(self, path):
        with self._lock:
            script = self._script
            key = path if isinstance(script, dict) else None
            n = self._counters.get(key, 0)
            self._counters[key] = n + 1
            actions = script.get(path, []) if isinstance(script, dict) else script
            if n < len(actions):
                return n, actions[n]
            return None, self._default

    def _serve(self, index, number, generation, hang, conn):
        reader = _Reader(conn)
        try:
            while True:
                request = reader.read_request()
                if request is None:
                    return
                request_line, header_lines, body = request
                parts = request_line.split(" ")
                path = parts[1] if len(parts) > 1 else ""
                step_index, action = self._next_action(path)
                with self._lock:
                    if generation != self._generation:
                        return      # a request of a run that was reset: not this run's
                    self.requests.append({
                        "listener": index, "connection": number, "time": time.monotonic(),
                        "request_line": request_line, "method": parts[0], "path": path,
                        "headers": header_lines, "body": body, "action": step_index})
                if not self._perform(conn, action, hang):
                    return
        except OSError:
            return
        finally:
            _close(conn)

    def _perform(self, conn, action, hang):
        """Runs one action; False when the connection is finished."""
        for step in action:
            if isinstance(step, bytes):
                data = step
                for i, port in enumerate(self.ports):
                    data = data.replace(b"{PORT%d}" % i, str(port).encode())
                conn.sendall(data)
            elif isinstance(step, tuple) and step[0] == "sleep":
                time.sleep(step[1])
            elif step == "close":
                conn.shutdown(socket.SHUT_WR)
                return False
            elif step == "reset":
                _abort(conn)
                return False
            elif step == "hang":
                hang.wait()
                return False
            else:
                raise ValueError(f"unknown step {step!r}")
        return True


class _Reader:
    """Reads whole HTTP/1.x requests off a socket: the head up to CRLF CRLF, then a body framed
    by Content-Length or chunked transfer coding."""

    def __init__(self, conn):
        self._conn = conn
        self._buf = b""

    def _fill(self):
        data = self._conn.recv(65536)
        if not data:
            raise EOFError
        self._buf += data

    def _take(self, n):
        while len(self._buf) < n:
            self._fill()
        data, self._buf = self._buf[:n], self._buf[n:]
        return data

    def _line(self):
        while b"\r\n" not in self._buf:
            self._fill()
        line, self._buf = self._buf.split(b"\r\n", 1)
        return line

    def read_request(self):
        try:
            while b"\r\n\r\n" not in self._buf:
                self._fill()
        except (EOFError, OSError):
            return None     # the client closed (or dropped) the connection between requests
        head, self._buf = self._buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        request_line, header_lines = lines[0], lines[1:]
        length, chunked = 0, False
        for line in header_lines:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
            elif name.strip().lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        try:
            if chunked:
                body = b""
                while True:
                    size = int(self._line().split(b";")[0], 16)
                    if size == 0:
                        while self._line():     # trailers, up to the empty line
                            pass
                        break
                    body += self._take(size)
                    self._take(2)
            else:
                body = self._take(length)
        except (EOFError, OSError):
            return None
        return request_line, header_lines, body


def _close(conn):
    try:
        conn.close()
    except OSError:
        pass


def _abort(conn):
    """Closes with a TCP RST instead of a FIN."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    _close(conn)
