// Votes on the answer shown on the page (the page itself works without this script).
(function () {
  "use strict";
  var box = document.querySelector(".answer[data-question-id]");
  if (!box) return;
  box.querySelectorAll(".vote button").forEach(function (button) {
    button.addEventListener("click", function () {
      fetch("/api/feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({
          question_id: Number(box.dataset.questionId),
          good: button.dataset.good === "true"
        })
      }).then(function (r) {
        if (!r.ok) return;
        box.querySelectorAll(".vote button").forEach(function (b) { b.disabled = true; });
        box.querySelector(".vote-done").hidden = false;
      });
    });
  });
})();
