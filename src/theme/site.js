// tarif: the one script of every page. It registers the service worker that keeps the
// whole site (pages, prices, calculator and wizards) for reading offline; every page
// works without it. Opened from a folder (file://) there is nothing to register.
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker
    .register(new URL("../sw.js", import.meta.url))
    .catch(() => {});
}
