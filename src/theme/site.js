// tarif: the one script of every page. It registers the service worker that keeps the
// site (pages, prices, calculator and wizards) for reading offline; every page works
// without it. Opened from a folder (file://) there is nothing to register.
//
// On a section page of a large site (one the worker keeps in groups), it offers to keep
// the section whole on the device, its size shown first, and to remove it again.
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  const worker = navigator.serviceWorker;
  worker.register(new URL("../sw.js", import.meta.url)).catch(() => {});
  const keep = document.querySelector("[data-keep-group]");
  if (keep) {
    const group = keep.dataset.keepGroup;
    const button = keep.querySelector("button");
    const status = keep.querySelector("[role=status]");
    const megabytes = new Intl.NumberFormat(document.documentElement.lang, {
      style: "unit",
      unit: "megabyte",
      maximumFractionDigits: 1,
    });
    worker.ready.then((registration) => {
      const ask = (what) => registration.active.postMessage({ group, do: what });
      worker.addEventListener("message", (event) => {
        const answer = event.data || {};
        if (answer.group !== group) return;
        button.disabled = false;
        if (answer.error) {
          status.textContent = keep.dataset.failed;
          return;
        }
        const size = megabytes.format(Math.max(answer.bytes / 1e6, 0.1));
        button.textContent = (answer.saved ? keep.dataset.remove : keep.dataset.save).replace("{size}", size);
        button.onclick = () => {
          button.disabled = true;
          status.textContent = keep.dataset.saving;
          ask(answer.saved ? "remove" : "save");
        };
        status.textContent = answer.saved ? keep.dataset.saved : "";
        keep.hidden = false;
      });
      ask("size");
    });
  }
}
