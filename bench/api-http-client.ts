// The load generator's HTTP/1.1 client: GET only, keep-alive connections, no pipelining. It shares two
// cores with the server and PostgreSQL, so it does as little as it can: a request is one write of a
// ready string, an answer is read for its status line and length only (Content-Length, or chunked),
// its body counted and dropped. undici's pool spent ~0.25 ms of CPU per request here, a third of
// what the server spends on a 360, and its event loop fell behind under load: every millisecond the
// generator is late is counted against the server.

import net from 'node:net';

export interface Answer {
  status: number;
  bytes: number;
}

interface Pending {
  head: string;
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

const CRLF2 = Buffer.from('\r\n\r\n');
/** Node's server closes a connection idle for 5 s (Keep-Alive: timeout=5): one idle for 4 s is not reused. */
const IDLE_REUSE_MS = 4_000;

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  current: Pending | null = null;
  idleSince = 0;
  private closed = false;

  constructor(readonly socket: net.Socket, private readonly done: (c: Connection, reusable: boolean) => void) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    const fail = (error?: Error): void => {
      if (this.closed) return;
      this.closed = true;
      const pending = this.current;
      this.current = null;
      pending?.reject(error ?? new Error('connection closed'));
      this.done(this, false);
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
  }

  send(pending: Pending): void {
    this.current = pending;
    this.buffer = Buffer.alloc(0);
    this.socket.write(pending.head);
  }

  private read(chunk: Buffer): void {
    if (!this.current) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = this.buffer.indexOf(CRLF2);
    if (end < 0) return;
    const head = this.buffer.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const body = this.buffer.subarray(end + 4);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let bytes: number | null;
    if (status === 204 || status === 304) bytes = 0;
    else if (length) bytes = body.length >= Number(length[1]) ? Number(length[1]) : null;
    else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) bytes = chunkedLength(body);
    else bytes = null; // read to close: not something the hub's server sends
    if (bytes === null) return;
    const pending = this.current;
    this.current = null;
    this.buffer = Buffer.alloc(0);
    const reusable = !/\r\nconnection:\s*close/i.test(head);
    pending.resolve({ status, bytes });
    this.done(this, reusable);
  }
}

/** The body length of a complete chunked body, or null while it is not complete yet. */
function chunkedLength(body: Buffer): number | null {
  let at = 0;
  let total = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) return null;
    const size = parseInt(body.toString('latin1', at, eol), 16);
    if (Number.isNaN(size)) throw new Error('bad chunk size');
    if (size === 0) return body.indexOf('\r\n\r\n', eol) >= 0 ? total : null; // the last chunk, then trailers
    at = eol + 2 + size + 2;
    if (body.length < at) return null;
    total += size;
  }
}

export class HttpPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly queue: Pending[] = [];
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, private readonly max: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(url.port);
  }

  /** GET `path`; rejects on a connection error, or when abortAll() gives up on it. */
  get(path: string, headers: Record<string, string>): Promise<Answer> {
    let head = `GET ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    head += '\r\n';
    return new Promise<Answer>((resolve, reject) => {
      this.queue.push({ head, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Gives up on everything queued or in flight (one call, not a listener per request: thousands of
   * abort listeners on one signal cost the generator more than its requests). An HTTP/1.1 answer
   * can only be given up by dropping its connection.
   */
  abortAll(): void {
    for (const pending of this.queue.splice(0)) pending.reject(new Error('aborted'));
    for (const c of this.all) if (c.current) c.socket.destroy(new Error('aborted'));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let c = this.idle.pop();
      while (c && performance.now() - c.idleSince > IDLE_REUSE_MS) {
        c.socket.destroy();
        c = this.idle.pop();
      }
      if (!c) {
        if (this.all.size >= this.max) return;
        c = new Connection(net.connect(this.port, this.host), (conn, reusable) => this.released(conn, reusable));
        this.all.add(c);
      }
      c.send(this.queue.shift()!);
    }
  }

  private released(c: Connection, reusable: boolean): void {
    if (reusable && !c.socket.destroyed) {
      c.idleSince = performance.now();
      this.idle.push(c);
    } else {
      this.all.delete(c);
      const i = this.idle.indexOf(c);
      if (i >= 0) this.idle.splice(i, 1);
      if (!c.socket.destroyed) c.socket.destroy();
    }
    this.dispatch();
  }

  async close(): Promise<void> {
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.idle.length = 0;
  }
}
