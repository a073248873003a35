import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level name, time and service', () => {
    const { lines, destination } = capture();
    createLogger({ destination }).info({ port: 8080 }, 'listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'listening', port: 8080, service: 'bss-hub' });
    expect(String(lines[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('drops lines below the configured level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', destination });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((l) => l.msg)).toEqual(['loud']);
  });

  it('censors passwords and the password part of URLs, however deep', () => {
    const { lines, destination } = capture();
    createLogger({ destination }).info(
      {
        config: {
          legacy: { sys97: { user: 'vip', password: 'hunter2' } },
          database: { url: 'postgres://hub:topsecret@db:5432/hub' },
        },
      },
      'config',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('topsecret');
    expect(text).toContain('postgres://hub:***@db:5432/hub');
    expect(text).toContain('"user":"vip"');
  });
});
