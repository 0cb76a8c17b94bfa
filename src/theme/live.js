// tarif serve: reload the page when the site is rebuilt (or only swap its stylesheets
// when only they changed); show a build error over it.
// Served only by `tarif serve`; a built site never links this file.
(function () {
  var version = null;
  function show(error) {
    var box = document.getElementById("tarif-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "tarif-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1rem;" +
        "background:#2b0b0b;color:#ffd7d7;font:13px/1.4 ui-monospace,monospace;z-index:99;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "tarif: the site does not build; the last good build is shown.\n\n" + error;
  }
  function restyle(v) {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("tarif-v", v);
      link.href = url.href;
    });
  }
  function poll(generation) {
    fetch("/__tarif/poll" + (generation === null ? "" : "?since=" + generation))
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version !== null && s.version !== version && !s.error) {
          // Only stylesheets changed: take them in place (the scroll, the app's state and
          // what is typed stay); anything else: reload.
          if (!s.styles) { location.reload(); return; }
          restyle(s.version);
        }
        version = s.version;
        show(s.error);
        poll(s.generation);
      })
      .catch(function () { setTimeout(function () { poll(null); }, 1000); });
  }
  poll(null);
})();
