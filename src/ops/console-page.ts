// The console page as plain server-rendered HTML: no script at all and one inline stylesheet allowed
// by its hash, so the page works on a machine with no internet and its CSP can forbid everything
// else. Every value from the store is escaped; it reloads itself every 30 s (meta refresh).

import { createHash } from 'node:crypto';
import type { ConsoleSnapshot, Part } from './console-data.ts';
import { NEWEST_QUARANTINE } from './console-data.ts';

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{display:flex;gap:16px;align-items:baseline;flex-wrap:wrap;padding:10px 20px;background:#1d2330;color:#fff}
header h1{font-size:18px;margin:0}header a{color:#9cc3ff}main{padding:8px 20px 24px;display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(460px,1fr))}
section{background:#fff;border:1px solid #d8dce3;border-radius:6px;padding:4px 14px 12px;overflow-x:auto}
h2{font-size:15px;margin:10px 0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px 3px 0;border-bottom:1px solid #eceef2;vertical-align:top}
th{font-weight:600;color:#4a5263}td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px}
.ok{color:#137333;font-weight:600}.bad{color:#b3261e;font-weight:600}.warn{color:#a05a00;font-weight:600}.muted{color:#6b7385}.err{color:#b3261e}`;

/** The Content-Security-Policy of the page: its own stylesheet, nothing else. */
export const CONSOLE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

export interface PageOptions {
  queuesUrl: string;
  logoutUrl: string;
  who: string;
}

export function renderConsole(s: ConsoleSnapshot, o: PageOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30"><title>bss-hub console</title><style>${CSS}</style></head>
<body><header><h1>bss-hub operator console</h1><a href="${esc(o.queuesUrl)}">Queues and jobs (BullMQ board) →</a>
<span class="muted">as ${esc(o.who)} · ${esc(time(s.at))}</span><a href="${esc(o.logoutUrl)}">sign out</a></header>
<main>
${section('Readiness', readiness(s))}
${section('Legacy systems', breakers(s))}
${section('Sync state', streams(s))}
${section('Recent sync runs', runs(s))}
${section('Billing cycles', cycles(s))}
${section('Quarantine', quarantine(s))}
</main></body></html>`;
}

function section(title: string, body: string): string {
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  return `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
}

function readiness(s: ConsoleSnapshot): string {
  return shown(s.readiness, (r) =>
    `<p>${r.ok ? '<span class="ok">ready</span>' : '<span class="bad">not ready</span>'}</p>` +
    table(['check', 'state', 'ms', 'error'], r.checks.map((c) => [esc(c.name), c.ok ? '<span class="ok">ok</span>' : '<span class="bad">failing</span>', num(c.ms), esc(c.error ?? '')])),
  );
}

function breakers(s: ConsoleSnapshot): string {
  if (s.breakers.length === 0) return '<p class="muted">No legacy policy is watched by this process.</p>';
  return table(['system', 'breaker', 'in flight', 'queued', 'max in flight'], s.breakers.map(({ system, stats }) => [
    esc(system),
    `<span class="${stats.breaker === 'closed' ? 'ok' : stats.breaker === 'half-open' ? 'warn' : 'bad'}">${esc(stats.breaker)}</span>`,
    num(stats.inFlight), num(stats.queued), num(stats.maxInFlight),
  ]));
}

function streams(s: ConsoleSnapshot): string {
  return shown(s.streams, (rows) => rows.length === 0 ? '<p class="muted">No stream has synced yet.</p>' :
    table(['stream', 'cursor', 'last update', 'lag'], rows.map((r) => [
      esc(r.stream), `<code>${esc(JSON.stringify(r.cursor))}</code>`, esc(time(r.updatedAt)), esc(duration(r.lagSeconds)),
    ])));
}

function runs(s: ConsoleSnapshot): string {
  return shown(s.runs, (rows) => rows.length === 0 ? '<p class="muted">No sync run yet.</p>' :
    table(['kind', 'subject', 'state', 'started', 'finished', 'counts', 'error'], rows.map((r) => [
      esc(r.kind), esc(r.subject ?? ''), stateOf(r.state), esc(r.startedAt ? time(r.startedAt) : ''), esc(r.finishedAt ? time(r.finishedAt) : ''),
      `<code>${esc(Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(', '))}</code>`, `<span class="err">${esc(clip(r.error ?? '', 160))}</span>`,
    ])));
}

function cycles(s: ConsoleSnapshot): string {
  return shown(s.cycles, (rows) => rows.length === 0 ? '<p class="muted">No billing cycle requested yet.</p>' :
    table(['cycle', 'state', 'requested', 'ready', 'switched', 'rows', 'attempts', 'last error'], rows.map((c) => [
      String(c.cycle), stateOf(c.state), esc(c.requestedAt ? time(c.requestedAt) : ''), esc(c.readyAt ? time(c.readyAt) : ''),
      esc(c.switchedAt ? time(c.switchedAt) : ''), `<code>${esc(Object.entries(c.loadedRows).map(([k, v]) => `${k} ${v}`).join(', '))}</code>`,
      num(c.attempts), `<span class="err">${esc(clip(c.lastError ?? '', 160))}</span>`,
    ])));
}

function quarantine(s: ConsoleSnapshot): string {
  const counts = shown(s.quarantineCounts, (rows) => rows.length === 0 ? '<p class="ok">No open quarantined row.</p>' :
    '<h3>Open rows by point and reason</h3>' + table(['point', 'reason', 'rows'], rows.map((r) => [esc(r.pointId), esc(r.reasonCode), num(r.count)])));
  const newest = shown(s.quarantineOpen, ({ total, newest: rows }) => rows.length === 0 ? '' :
    `<h3>Newest open rows (${Math.min(rows.length, NEWEST_QUARANTINE)} of ${total})</h3>` +
    table(['id', 'point', 'received', 'subject', 'reasons'], rows.map((q) => [
      num(q.id), esc(q.pointId), esc(time(q.receivedAt)), esc(q.subject ?? ''),
      esc(q.reasons.map((r) => `${r.code}${r.field ? ` (${r.field})` : ''}: ${clip(r.message, 120)}`).join('; ')),
    ])));
  return counts + newest;
}

function shown<T>(part: Part<T>, render: (value: T) => string): string {
  return part.ok ? render(part.value) : `<p class="err">Could not read: ${esc(part.error)}</p>`;
}

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => (cell.startsWith('<td') ? cell : `<td>${cell}</td>`)).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function stateOf(state: string): string {
  const cls = state === 'done' || state === 'switched' ? 'ok' : state === 'failed' ? 'bad' : 'warn';
  return `<span class="${cls}">${esc(state)}</span>`;
}

const num = (n: number): string => `<td class="n">${Number.isFinite(n) ? String(n) : ''}</td>`;
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** UTC, to the second: operators in several places read the same page. */
function time(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
