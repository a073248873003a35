// A TCP proxy in front of a simulated legacy database (PGlite socket or a PostgreSQL server). It reads
// the SQL of each Query/Parse message, maps it to its interface point and applies what cannot live in
// SQL: latency (forwarding waits), hang (this connection's statement is never forwarded) and errorRate
// of plain-table reads (answered here, since a table has no gate). Only the faulted connection waits:
// everything else keeps flowing.
//
// PGlite mode (serialize): PGlite is one session, so a connection inside a transaction stalls everyone.
// Two measures keep a delayed call from doing that:
//  - deferred BEGIN: a simple-protocol BEGIN is answered here and sent upstream just before the
//    connection's next statement (after any delay), so a delayed or hung call holds no transaction;
//  - the session lock: one connection at a time talks to PGlite, from its first forwarded message until
//    PGlite reports idle, so extended-protocol batches of two connections never interleave.

import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import type { FaultRegistry } from './fault-config.ts';
import { failsAt, oracleMessage } from './oracle-errors.ts';
import {
  CANCEL_REQUEST, GSSENC_REQUEST, SSL_REQUEST, TYPE,
  commandComplete, errorResponse, isPlainBegin, readyForQuery, splitTyped, splitUntyped, sqlOf, untypedCode,
  type Frame,
} from './pg-wire.ts';
import type { SessionLock } from './session-lock.ts';
import { pointOfSql, type SqlSystem } from './sql-points.ts';

export interface FaultProxyOptions {
  system: SqlSystem;
  faults: FaultRegistry;
  upstream: { host: string; port: number };
  host?: string;
  port?: number;
  /** PGlite mode: one connection at a time upstream (see the file comment). */
  lock?: SessionLock;
  /** Pending writes of fault configuration into sim_fault; forwarding waits for them. */
  settled?: () => Promise<void> | undefined;
}

export interface FaultProxy {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  // Plain-table errorRate counts per point, restarted when the point's configuration changes, as the
  // SQL gate's sequences are.
  const calls = new Map<string, number>();
  const unsubscribe = options.faults.onChange((point) => calls.delete(point));
  const server: Server = createServer((client) => {
    const upstream = connect(options.upstream.port, options.upstream.host);
    sockets.add(client).add(upstream);
    new ProxiedConnection(client, upstream, options, calls);
    const drop = (s: Socket): void => void sockets.delete(s);
    client.on('close', () => drop(client));
    upstream.on('close', () => drop(upstream));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    host: address.address,
    port: address.port,
    close: async () => {
      unsubscribe();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class ProxiedConnection {
  private clientBuf: Buffer = Buffer.alloc(0);
  private upstreamBuf: Buffer = Buffer.alloc(0);
  private startupDone = false;
  /** Client messages not yet forwarded, in order. */
  private readonly held: Frame[] = [];
  /** Frames whose fault has been applied (their delay is over): forwarded without a second look. */
  private readonly cleared = new WeakSet<Frame>();
  /** BEGINs answered here, waiting upstream of the statement that follows them. */
  private readonly deferred = new WeakSet<Frame>();
  private paused = false;
  private hung = false;
  /** Messages forwarded that will each be answered by one ReadyForQuery. */
  private outstanding = 0;
  private status: 'I' | 'T' | 'E' = 'I';
  private deferredBegin: Frame | undefined;
  /** ReadyForQuery answers (and what precedes them) to drop: those of deferred BEGINs. */
  private swallow = 0;
  /** Extended-protocol batch answered here with an error: drop client messages up to its Sync. */
  private discardUntilSync = false;
  private closed = false;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly options: FaultProxyOptions,
    private readonly calls: Map<string, number>,
  ) {
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (data) => this.fromClient(data));
    upstream.on('data', (data) => this.fromUpstream(data));
    const end = (): void => this.close();
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }

  wake(): void {
    this.pump();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.upstream.destroy();
    // pglite-socket rolls back the connection's open transaction when its socket goes.
    this.options.lock?.release(this);
  }

  private fromClient(data: Buffer): void {
    this.clientBuf = Buffer.concat([this.clientBuf, data]);
    while (!this.startupDone) {
      const { frame, rest } = splitUntyped(this.clientBuf);
      if (frame === undefined) return;
      this.clientBuf = rest;
      const code = untypedCode(frame);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.client.write('N'); // no TLS on loopback; the client goes on in clear text
      } else if (code === CANCEL_REQUEST) {
        this.close(); // neither PGlite nor a hung statement here can be cancelled
        return;
      } else {
        this.startupDone = true;
        this.held.push(frame);
      }
    }
    const { frames, rest } = splitTyped(this.clientBuf);
    this.clientBuf = rest;
    for (const frame of frames) this.accept(frame);
    this.pump();
  }

  /** A client message enters the queue, or is answered here. */
  private accept(frame: Frame): void {
    if (frame.type === TYPE.terminate && this.held.length > 0) {
      this.close(); // a client leaving a delayed or hung call: nothing of it is forwarded
      return;
    }
    if (this.discardUntilSync) {
      if (frame.type === TYPE.sync) {
        this.discardUntilSync = false;
        this.client.write(readyForQuery(this.virtualStatus()));
      }
      return;
    }
    const sql = sqlOf(frame);
    const idle = this.held.length === 0 && this.outstanding === 0 && this.status === 'I';
    if (this.options.lock && frame.type === TYPE.query && sql !== undefined && isPlainBegin(sql) && idle
        && this.deferredBegin === undefined) {
      this.deferredBegin = frame;
      this.client.write(Buffer.concat([commandComplete('BEGIN'), readyForQuery('T')]));
      return;
    }
    if (this.deferredBegin !== undefined) {
      this.held.push(this.deferredBegin);
      this.deferred.add(this.deferredBegin);
      this.deferredBegin = undefined;
    }
    this.held.push(frame);
  }

  /** The status the client must believe in after an error answered here. */
  private virtualStatus(): 'I' | 'T' | 'E' {
    const inTransaction = this.deferredBegin !== undefined || this.status !== 'I'
      || this.held.some((f) => this.deferred.has(f));
    return inTransaction ? 'E' : 'I';
  }

  /** Forward held messages as far as faults, pending configuration writes and the lock allow. */
  private pump(): void {
    while (!this.closed && !this.paused && !this.hung && this.held.length > 0) {
      const frame = this.held[0] as Frame;
      const lock = this.options.lock;
      // A deferred BEGIN goes only once the statement after it may go: judge that one.
      const judged = this.deferred.has(frame) ? this.held[1] : frame;
      if (judged !== undefined && !this.cleared.has(judged)) {
        const settling = lock?.holds(this) ? undefined : this.options.settled?.();
        if (settling !== undefined) {
          this.paused = true;
          void settling.finally(() => { this.paused = false; this.pump(); });
          return;
        }
        if (!this.applyFault(judged)) return;
        this.cleared.add(judged);
      }
      if (lock && !lock.tryAcquire(this)) return; // woken when the lock comes our way
      this.held.shift();
      if (this.deferred.has(frame)) this.swallow += 1;
      if (frame.type === 0 || frame.type === TYPE.query || frame.type === TYPE.sync
          || frame.type === TYPE.functionCall) {
        this.outstanding += 1; // each of these is answered by one ReadyForQuery
      }
      this.upstream.write(frame.bytes);
      if (frame.type === TYPE.terminate) lock?.release(this);
    }
  }

  /** False when the frame must not be forwarded now (delayed, hung, or answered here). */
  private applyFault(frame: Frame): boolean {
    const sql = sqlOf(frame);
    const statement = sql === undefined ? undefined : pointOfSql(this.options.system, sql);
    const config = statement === undefined ? undefined : this.options.faults.get(statement.point);
    if (statement === undefined || config === undefined) return true;
    if (config.hang) {
      this.hung = true; // never forwarded; the client's own timeout ends the wait
      return false;
    }
    if (!statement.gatedInSql && (config.errorRate ?? 0) > 0) {
      const call = (this.calls.get(statement.point) ?? 0) + 1;
      this.calls.set(statement.point, call);
      if (failsAt(call, config.errorRate ?? 0)) {
        this.answerError(frame, oracleMessage(config.errorCode));
        return false;
      }
    }
    if ((config.latencyMs ?? 0) > 0) {
      this.paused = true;
      this.cleared.add(frame); // when the delay is over, the frame goes
      setTimeout(() => { this.paused = false; this.pump(); }, config.latencyMs).unref();
      return false;
    }
    return true;
  }

  /** Answer the frame's statement with an error here; a deferred BEGIN before it stays queued. */
  private answerError(frame: Frame, text: string): void {
    const at = this.held.indexOf(frame);
    this.client.write(errorResponse(text));
    if (frame.type === TYPE.query) {
      this.held.splice(at, 1);
      this.client.write(readyForQuery(this.virtualStatus()));
    } else {
      // Extended protocol: the rest of the batch (Bind … Sync) is dropped, then ReadyForQuery.
      const sync = this.held.findIndex((f, i) => i > at && f.type === TYPE.sync);
      this.held.splice(at, sync === -1 ? this.held.length - at : sync + 1 - at);
      if (sync === -1) this.discardUntilSync = true;
      else this.client.write(readyForQuery(this.virtualStatus()));
    }
    // pump() goes on with what is left (its caller's loop returns on false).
    setImmediate(() => this.pump());
  }

  private fromUpstream(data: Buffer): void {
    if (!this.startupDone) {
      this.client.write(data);
      return;
    }
    this.upstreamBuf = Buffer.concat([this.upstreamBuf, data]);
    const { frames, rest } = splitTyped(this.upstreamBuf);
    this.upstreamBuf = rest;
    const out: Buffer[] = [];
    for (const frame of frames) {
      if (frame.type !== TYPE.readyForQuery) {
        if (this.swallow === 0) out.push(frame.bytes);
        continue;
      }
      this.outstanding = Math.max(0, this.outstanding - 1);
      this.status = String.fromCharCode(frame.body[0] ?? 0x49) as 'I' | 'T' | 'E';
      if (this.swallow > 0) this.swallow -= 1;
      else out.push(frame.bytes);
    }
    if (out.length > 0) this.client.write(Buffer.concat(out));
    if (this.options.lock && this.outstanding === 0 && this.status === 'I') {
      this.options.lock.release(this);
    }
    this.pump();
  }
}
