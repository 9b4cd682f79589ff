/* Service worker: static files from the cache, pages from the network with the last visited copy as a
   fallback when the phone is offline. Only GET requests of this site are cached; nothing private is kept
   beyond what the browser already showed. */
const VERSION = "{{ version }}";
const PAGES = "pages-" + VERSION;
const STATIC = "static-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PAGES).then((cache) => cache.add("{{ offline_url }}")).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((key) => !key.endsWith(VERSION)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname.startsWith("{{ static_url }}")) {
    event.respondWith(caches.open(STATIC).then((cache) => cache.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) { cache.put(request, response.clone()); }
      return response;
    }))));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) { const copy = response.clone(); caches.open(PAGES).then((cache) => cache.put(request, copy)); }
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || caches.match("{{ offline_url }}"))));
  }
});
