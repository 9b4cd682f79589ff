/* Installable app: register the service worker that keeps visited pages for offline use. */
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* offline support is a bonus */ });
  });
}
