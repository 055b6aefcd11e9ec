// What-if proxy for bench/steps.mjs (MC_BENCH_LIGHTHOUSE_BASE): serves the server's pages with their
// <head> rewritten, to measure a change to the shell without a Rust build. Not used by the scripts.
// node bench/rewrite-proxy.mjs LISTEN_PORT SERVER_PORT MODE
//   MODE: none | inline (CSS in a <style> with the page's nonce, CSP style-src given it) |
//   nopreload (no modulepreload / wasm preload links) | both | lowprio | inline-lowprio
import http from "node:http";
import zlib from "node:zlib";
const [port, upPort, mode] = process.argv.slice(2);
const css = new Map();
function get(path) {
  return new Promise((ok, ko) => http.get({ host: "127.0.0.1", port: upPort, path, headers: { "accept-encoding": "identity" } }, (r) => {
    const parts = []; r.on("data", (d) => parts.push(d)); r.on("end", () => ok(Buffer.concat(parts).toString()));
  }).on("error", ko));
}
http.createServer((req, res) => {
  const headers = { ...req.headers, host: `127.0.0.1:${upPort}` };
  const isPage = !req.url.startsWith("/pkg/") && req.method === "GET";
  if (isPage) headers["accept-encoding"] = "identity";
  const up = http.request({ host: "127.0.0.1", port: upPort, path: req.url, method: req.method, headers }, async (r) => {
    if (!(isPage && (r.headers["content-type"] || "").startsWith("text/html"))) {
      res.writeHead(r.statusCode, r.headers); r.pipe(res); return;
    }
    const parts = []; for await (const d of r) parts.push(d);
    let html = Buffer.concat(parts).toString();
    const nonce = (html.match(/nonce="([^"]+)"/) || [])[1];
    if (mode === "inline" || mode === "both") {
      const m = html.match(/<link rel="stylesheet" href="([^"]+)">/);
      if (m) { if (!css.has(m[1])) css.set(m[1], await get(m[1])); html = html.replace(m[0], `<style nonce="${nonce}">${css.get(m[1])}</style>`); }
    }
    if (mode === "nopreload" || mode === "both") {
      html = html.replace(/<link rel="modulepreload"[^>]*>/, "").replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/, "");
    }
    if (mode === "lowprio" || mode === "inline-lowprio") {
      html = html.replace(/<link rel="modulepreload"/, '<link rel="modulepreload" fetchpriority="low"').replace(/<link rel="preload"/, '<link rel="preload" fetchpriority="low"');
    }
    if (mode === "inline-lowprio") {
      const m = html.match(/<link rel="stylesheet" href="([^"]+)">/);
      if (m) { if (!css.has(m[1])) css.set(m[1], await get(m[1])); html = html.replace(m[0], `<style nonce="${nonce}">${css.get(m[1])}</style>`); }
    }
    const body = zlib.brotliCompressSync(Buffer.from(html), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
    const out = { ...r.headers, "content-encoding": "br", "content-length": String(body.length) };
    if ((mode === "inline" || mode === "both" || mode === "inline-lowprio") && out["content-security-policy"]) {
      out["content-security-policy"] = out["content-security-policy"].replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
    }
    delete out["transfer-encoding"];
    res.writeHead(r.statusCode, out); res.end(body);
  });
  req.pipe(up);
}).listen(Number(port), "127.0.0.1");
