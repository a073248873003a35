// The simulator's admin port (loopback, node:http): fault configuration while running, the write log
// of the *_SET_VIP calls, and billing's preparation time. For tests and demos driven from outside the
// process; in-process callers use the handle directly.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BadRowKind, FaultConfig, FaultRegistry } from './faults/fault-config.ts';

export interface AdminDeps {
  faults: FaultRegistry;
  /** Resolves once fault changes have reached the databases. */
  settled(): Promise<void>;
  writes(): Promise<unknown[]>;
  setPreparationMs(ms: number): Promise<void>;
}

const KINDS: readonly BadRowKind[] = ['badDate', 'overLength', 'badEncoding', 'missingRequired', 'duplicateKey'];

/** The FaultConfig in body, or a sentence saying what is wrong with it. */
export function parseFaultConfig(body: unknown): FaultConfig | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  const known = ['latencyMs', 'errorRate', 'errorCode', 'hang', 'neverReady', 'badRows'];
  const unknown = Object.keys(b).filter((k) => !known.includes(k));
  if (unknown.length > 0) return `unknown keys: ${unknown.join(', ')}`;
  const rate = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 1;
  if (b.latencyMs !== undefined && !(typeof b.latencyMs === 'number' && b.latencyMs >= 0)) return 'latencyMs: a number >= 0';
  if (b.errorRate !== undefined && !rate(b.errorRate)) return 'errorRate: a number in 0..1';
  if (b.errorCode !== undefined && typeof b.errorCode !== 'string') return 'errorCode: a string';
  if (b.hang !== undefined && typeof b.hang !== 'boolean') return 'hang: a boolean';
  if (b.neverReady !== undefined && typeof b.neverReady !== 'boolean') return 'neverReady: a boolean';
  if (b.badRows !== undefined) {
    const bad = b.badRows as { rate?: unknown; kinds?: unknown };
    if (typeof bad !== 'object' || bad === null || !rate(bad.rate)) return 'badRows.rate: a number in 0..1';
    if (!Array.isArray(bad.kinds) || bad.kinds.some((k) => !KINDS.includes(k as BadRowKind))) {
      return `badRows.kinds: an array of ${KINDS.join(' | ')}`;
    }
  }
  return b as FaultConfig;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? undefined : JSON.parse(text);
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function route(deps: AdminDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://admin').pathname;
  const fault = /^\/faults\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && path === '/faults') return send(res, 200, Object.fromEntries(deps.faults.entries()));
  if (fault?.[1] !== undefined && req.method === 'PUT') {
    const config = parseFaultConfig(await readJson(req));
    if (typeof config === 'string') return send(res, 400, { error: config });
    deps.faults.set(decodeURIComponent(fault[1]), config);
    await deps.settled();
    return send(res, 200, config);
  }
  if (fault?.[1] !== undefined && req.method === 'DELETE') {
    deps.faults.clear(decodeURIComponent(fault[1]));
    await deps.settled();
    return send(res, 204);
  }
  if (req.method === 'GET' && path === '/writes') return send(res, 200, await deps.writes());
  if (req.method === 'POST' && path === '/billing/preparation-ms') {
    const body = await readJson(req);
    const ms = typeof body === 'number' ? body : (body as { ms?: unknown } | undefined)?.ms;
    if (typeof ms !== 'number' || !(ms >= 0)) return send(res, 400, { error: 'body: {"ms": number >= 0}' });
    await deps.setPreparationMs(ms);
    return send(res, 200, { ms });
  }
  send(res, 404, { error: `no route ${req.method} ${path}` });
}

export async function startAdminHttp(deps: AdminDeps, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      const status = error instanceof SyntaxError ? 400 : 500;
      send(res, status, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
