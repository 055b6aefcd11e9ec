// Moving through the citizen's wizard without a page load (docs/decisions.md, "Moving between
// steps without a page load"). Continue, Back, the change links, the task list and the check page
// are fetched as the server's HTML; its <main> replaces ours, the new islands are hydrated by the
// wasm that keeps running, focus goes to the new heading, the address is the real one. Until the
// wasm is ready, and for every other link and form, nothing changes: a normal page load, as
// without JavaScript. When the network is gone, Continue keeps the page and the answers (also in
// localStorage, never on a kiosk) and goes on by itself when the network comes back.
(() => {
  const script = document.currentScript;
  const kiosk = document.documentElement.hasAttribute("data-kiosk");
  const KEY = "mc-cho-gui";
  const NOTICE = "chua-co-mang";
  // The wizard's pages, and the server functions its forms post to.
  const PAGES = /^\/(ho-so\/(buoc\/|cac-phan$|kiem-tra$|bien-nhan$|ma$)|thu-tuc\/)/;
  const FORMS = /^\/api\/(luu-buoc|luu-buoc-tep|chon-ban|nop-ho-so|bat-dau)$/;
  const HTML = { Accept: "text/html" };
  // A post is answered with the next page itself, its address in x-mc-dia-chi: one round trip
  // instead of a redirect and a second request (server/src/one_trip.rs).
  const POST = { Accept: "text/html", "x-mc-mot-luot": "1" };
  const where = (url) => url.pathname + url.search;
  let shown = where(location); // the page on screen, without its fragment
  let turn = 0; // the latest move; an older answer arriving late is dropped
  let waiting = null; // the move the network did not take, sent again when it is back
  let posting = false;

  const ready = () => window.__mcReady && window.__hydrateIsland;
  const storage = () => {
    try {
      return kiosk ? null : localStorage;
    } catch {
      return null;
    }
  };

  history.replaceState({ mc: 1 }, "");

  addEventListener("click", (ev) => {
    const a = ev.target.closest && ev.target.closest("a[href]");
    if (!a || ev.defaultPrevented || ev.button || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    if (a.target || a.hasAttribute("download") || a.origin !== location.origin || !PAGES.test(a.pathname)) return;
    if (where(a) === shown && a.hash) return; // a place on this page
    if (!ready()) return;
    ev.preventDefault();
    go({ url: a.href, init: { headers: HTML }, push: true });
  });

  addEventListener("submit", (ev) => {
    const form = ev.target;
    if (ev.defaultPrevented || form.method !== "post") return;
    const action = new URL(form.action, location.href);
    if (action.origin !== location.origin || !FORMS.test(action.pathname) || !ready()) return;
    ev.preventDefault();
    if (posting) return; // a second press while the first is on its way
    const move = { url: action.href, form, submitter: ev.submitter, push: true };
    move.init = { method: "POST", headers: POST, body: body(move) };
    go(move);
  });

  addEventListener("popstate", () => {
    if (where(location) === shown) return; // only the fragment moved
    if (!ready()) return location.reload();
    go({ url: location.href, init: { headers: HTML }, push: false });
  });

  addEventListener("online", () => waiting && send(waiting));
  // A network that says it is there while the server cannot be reached: try now and then.
  setInterval(() => waiting && navigator.onLine && send(waiting), 15000);
  // Answers changed while waiting are what will be sent, and kept.
  addEventListener("input", (ev) => {
    if (waiting && waiting.form && waiting.form.contains(ev.target)) keep(waiting);
  });

  // The form as the browser would post it: multipart when it carries documents.
  function body(move) {
    const data = new FormData(move.form);
    if (move.submitter && move.submitter.name) data.append(move.submitter.name, move.submitter.value);
    return move.form.enctype === "multipart/form-data" ? data : new URLSearchParams(data);
  }

  function send(move) {
    if (move.form && move.form.isConnected) move.init.body = body(move);
    go(move);
  }

  async function go(move) {
    const mine = ++turn;
    const post = move.init.method === "POST";
    posting = post;
    let response, html;
    try {
      response = await fetch(move.url, move.init);
      html = await response.text();
    } catch {
      if (mine === turn) offline(move);
      return;
    } finally {
      if (mine === turn) posting = false;
    }
    if (mine !== turn) return;
    waiting = null;
    const store = storage();
    if (store) store.removeItem(KEY);
    const doc = new DOMParser().parseFromString(html, "text/html");
    const main = doc.querySelector("main");
    const followed = response.headers.get("x-mc-dia-chi");
    const moved = response.redirected || !!followed;
    const final = new URL(followed || response.url, location.href);
    // Not one of our pages, or a page whose kiosk bar differs: the browser loads it itself.
    const bar = (d) => !!d.querySelector(".kiosk-bar form");
    if (!main || bar(doc) !== bar(document) || (post && !moved)) {
      return post && !moved ? location.reload() : location.assign(final.href);
    }
    const here = document.querySelector("main");
    here.replaceChildren(...main.childNodes);
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    const prefs = document.querySelector("form.prefs");
    const theirs = doc.querySelector("form.prefs");
    if (prefs && theirs) prefs.replaceWith(theirs); // its "back here" address
    shown = where(final);
    history[move.push ? "pushState" : "replaceState"]({ mc: 1 }, "", final.href);
    scrollTo(0, 0);
    for (const island of here.querySelectorAll("leptos-island")) {
      await window.__hydrateIsland(island, island.dataset.component);
    }
    const heading = here.querySelector("[autofocus]") || here.querySelector("h1");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }

  function offline(move) {
    waiting = move;
    keep(move);
    let notice = document.getElementById(NOTICE);
    if (!notice) {
      notice = document.createElement("p");
      notice.id = NOTICE;
      notice.className = "notice notice--warning";
      notice.setAttribute("role", "alert");
      const buttons = move.form ? move.form.querySelectorAll("button[type=submit]") : [];
      const button = buttons[buttons.length - 1]; // Continue, below the answers
      if (button) button.before(notice);
      else document.querySelector("main").prepend(notice);
    }
    notice.textContent = move.form ? script.dataset.offline : script.dataset.offlinePage;
  }

  // Kept in this browser too, so that closing the tab loses nothing (files cannot be kept).
  function keep(move) {
    const store = storage();
    if (!store || !move.form || !(move.init.body instanceof URLSearchParams)) return;
    if (move.form.isConnected) move.init.body = body(move);
    store.setItem(KEY, JSON.stringify({ page: shown, url: move.url, body: String(move.init.body) }));
  }

  // The tab was closed while answers waited: put them back, and send them once the wasm is ready.
  const store = storage();
  const kept = store && JSON.parse(store.getItem(KEY) || "null");
  const form = document.querySelector("main form[method=post]");
  if (kept && (kept.page !== shown || !form)) store.removeItem(KEY);
  else if (kept) {
    const answers = new URLSearchParams(kept.body);
    for (const field of form.elements) {
      if (!field.name || field.type === "hidden" || !answers.has(field.name)) continue;
      const value = answers.get(field.name);
      if (field.type === "radio" || field.type === "checkbox") field.checked = field.value === value;
      else field.value = value;
    }
    const move = { url: kept.url, form, push: true, init: { method: "POST", headers: POST, body: answers } };
    const start = () => (ready() ? (navigator.onLine ? go(move) : offline(move)) : setTimeout(start, 100));
    start();
  }
})();
