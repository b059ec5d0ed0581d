// Puts the ask block into every <div data-sudang-hoidap> of the page that loads this script.
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : location.origin;
  function mount() {
    document.querySelectorAll("[data-sudang-hoidap]").forEach(function (box) {
      if (box.querySelector("iframe")) return;
      var frame = document.createElement("iframe");
      frame.src = origin + "/nhung/khung";
      frame.title = "Hỏi đáp lịch sử Đảng bộ";
      frame.loading = "lazy";
      frame.style.width = "100%";
      frame.style.maxWidth = "640px";
      frame.style.height = box.dataset.height || "420px";
      frame.style.border = "1px solid #ccc";
      frame.style.borderRadius = "8px";
      box.appendChild(frame);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
