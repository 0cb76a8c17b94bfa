// tarif serve: pages change on every edit, so no service worker may keep them. This one
// replaces any worker a built site left on this address, clears its caches, and leaves.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("tarif-")).map((k) => caches.delete(k))))
      .then(() => self.registration.unregister()),
  );
});
