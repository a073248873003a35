// Just enough of the PostgreSQL v3 wire protocol for the fault proxy: cut a byte stream into
// messages, read the SQL text of Query/Parse, and build the few backend messages the proxy answers
// itself. https://www.postgresql.org/docs/current/protocol-message-formats.html

export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

export interface Frame {
  /** Message type byte ('Q', 'P', 'Z' …); 0 for an untyped startup-phase message. */
  type: number;
  /** The whole message, type byte and length included, ready to forward as is. */
  bytes: Buffer;
  /** The message body after the length. */
  body: Buffer;
}

/** Complete typed messages at the front of buf, and what is left over. */
export function splitTyped(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let offset = 0;
  while (buf.length - offset >= 5) {
    const length = buf.readInt32BE(offset + 1);
    if (buf.length - offset < 1 + length) break;
    const bytes = buf.subarray(offset, offset + 1 + length);
    frames.push({ type: bytes[0] ?? 0, bytes, body: bytes.subarray(5) });
    offset += 1 + length;
  }
  return { frames, rest: buf.subarray(offset) };
}

/** One untyped startup-phase message (StartupMessage, SSLRequest, CancelRequest) if complete. */
export function splitUntyped(buf: Buffer): { frame: Frame | undefined; rest: Buffer } {
  if (buf.length < 8) return { frame: undefined, rest: buf };
  const length = buf.readInt32BE(0);
  if (buf.length < length) return { frame: undefined, rest: buf };
  const bytes = buf.subarray(0, length);
  return { frame: { type: 0, bytes, body: bytes.subarray(4) }, rest: buf.subarray(length) };
}

/** The request code of an untyped message (protocol version, SSL, GSS or cancel request). */
export function untypedCode(frame: Frame): number {
  return frame.body.readInt32BE(0);
}

function cString(buf: Buffer, from: number): { text: string; next: number } {
  const end = buf.indexOf(0, from);
  const stop = end === -1 ? buf.length : end;
  return { text: buf.toString('utf8', from, stop), next: stop + 1 };
}

/** SQL text of a Query ('Q') or Parse ('P') message, else undefined. */
export function sqlOf(frame: Frame): string | undefined {
  if (frame.type === 0x51) return cString(frame.body, 0).text;
  if (frame.type === 0x50) return cString(frame.body, cString(frame.body, 0).next).text;
  return undefined;
}

export const TYPE = {
  query: 0x51, // Q
  parse: 0x50, // P
  sync: 0x53, // S
  terminate: 0x58, // X
  functionCall: 0x46, // F
  readyForQuery: 0x5a, // Z
} as const;

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

export function commandComplete(tag: string): Buffer {
  return message('C', Buffer.from(`${tag}\0`, 'utf8'));
}

export function readyForQuery(status: 'I' | 'T' | 'E'): Buffer {
  return message('Z', Buffer.from(status, 'latin1'));
}

/** An ErrorResponse as a raised PL/pgSQL exception looks (SQLSTATE P0001, message as given). */
export function errorResponse(text: string, sqlState = 'P0001'): Buffer {
  const fields = [`SERROR`, `VERROR`, `C${sqlState}`, `M${text}`].map((f) => `${f}\0`).join('');
  return message('E', Buffer.from(`${fields}\0`, 'utf8'));
}

/** A simple-protocol BEGIN the proxy may answer itself (see FaultProxy, "deferred BEGIN"). */
export function isPlainBegin(sql: string): boolean {
  return /^\s*(begin|start\s+transaction)(\s+(work|transaction))?\s*;?\s*$/i.test(sql);
}
