// /docs: a small self-contained reference over /openapi.json — operations by tag with their parameters,
// a "try it" form (bearer token or API key), and the schemas. No CDN (the hub may run offline) and no
// inline script, so the page works under a strict Content-Security-Policy. @scalar/hono-api-reference
// would give a richer page; it is not a dependency of the hub.

export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bss-hub API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/explorer.css"></head>
<body><header><h1 id="title">bss-hub API reference</h1>
<label>Bearer token <input id="token" size="40" autocomplete="off"></label>
<label>API key <input id="apikey" size="24" autocomplete="off"></label>
<a href="/openapi.json">openapi.json</a></header>
<main><nav id="nav"></nav><section id="ops"></section><section id="schemas"><h2>Schemas</h2></section></main>
<script src="/docs/explorer.js"></script></body></html>`;

export const DOCS_CSS = `body{font:14px system-ui,sans-serif;margin:0;color:#222}header{padding:8px 16px;background:#f4f4f4;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
h1{font-size:18px;margin:0}main{padding:8px 16px}details{border:1px solid #ddd;margin:6px 0;border-radius:4px}summary{padding:6px;cursor:pointer}
.m{display:inline-block;width:60px;font-weight:bold;text-transform:uppercase}.get{color:#06c}.post{color:#080}.patch,.put{color:#a60}.delete{color:#c00}
form{padding:6px 12px}form label{display:block;margin:2px 0}pre{background:#f8f8f8;padding:8px;overflow:auto;max-height:400px}`;

export const DOCS_JS = `(async () => {
  const doc = await (await fetch('/openapi.json')).json();
  const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); Object.assign(e, attrs || {}); for (const k of kids) e.append(k); return e; };
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  const ops = document.getElementById('ops');
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const form = el('form');
      for (const p of op.parameters || []) {
        form.append(el('label', { textContent: p.name + ' (' + p.in + (p.required ? ', required' : '') + ') ' }, el('input', { name: p.in + ':' + p.name, title: p.description || '' })));
      }
      if (op.requestBody) form.append(el('label', { textContent: 'body (JSON)' }, el('textarea', { name: 'body', rows: 6, cols: 60 })));
      const out = el('pre');
      form.append(el('button', { type: 'submit', textContent: 'Try it' }), out);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        let url = path; const query = new URLSearchParams(); const headers = {};
        for (const input of form.querySelectorAll('input')) {
          if (!input.value) continue;
          const [where, name] = input.name.split(/:(.*)/s);
          if (where === 'path') url = url.replace('{' + name + '}', encodeURIComponent(input.value));
          else if (where === 'query') query.set(name, input.value);
        }
        const token = document.getElementById('token').value; const key = document.getElementById('apikey').value;
        if (token) headers.authorization = 'Bearer ' + token; else if (key) headers['x-api-key'] = key;
        const body = form.querySelector('textarea');
        if (body && body.value) headers['content-type'] = 'application/json';
        const qs = query.toString();
        const res = await fetch(url + (qs ? '?' + qs : ''), { method: method.toUpperCase(), headers, body: body && body.value ? body.value : undefined });
        const shown = ['x-total-count', 'x-result-count', 'link', 'etag', 'retry-after'].filter((h) => res.headers.get(h)).map((h) => h + ': ' + res.headers.get(h));
        out.textContent = res.status + ' ' + res.statusText + '\\n' + shown.join('\\n') + '\\n\\n' + await res.text();
      });
      const summary = el('summary', {}, el('span', { className: 'm ' + method, textContent: method }), path + '  ' + (op.summary || ''));
      const roles = el('p', { textContent: 'roles: ' + (op['x-roles'] || []).join(', ') + '  tags: ' + (op.tags || []).join(', ') });
      ops.append(el('details', {}, summary, roles, form));
    }
  }
  const schemas = document.getElementById('schemas');
  for (const [name, schema] of Object.entries((doc.components || {}).schemas || {})) {
    schemas.append(el('details', { id: 'schema-' + name }, el('summary', { textContent: name }), el('pre', { textContent: JSON.stringify(schema, null, 2) })));
  }
})();`;
