// The ask block inside a portal's frame: asks /api/ask and shows the cited answer.
(function () {
  "use strict";
  var KEY = "sudang-khach";
  var T = JSON.parse(document.getElementById("texts").textContent);
  function clientId() {
    try {
      var id = localStorage.getItem(KEY);
      if (!/^[0-9a-f]{16}$/.test(id || "")) {
        var bytes = new Uint8Array(8);
        crypto.getRandomValues(bytes);
        id = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
        localStorage.setItem(KEY, id);
      }
      return id;
    } catch (e) { return null; }
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  var form = document.getElementById("embed-ask");
  var out = document.getElementById("embed-answer");
  var input = document.getElementById("eq");
  function show(data) {
    out.replaceChildren();
    if (data.error) { out.appendChild(el("p", "problem", data.error)); return; }
    if (data.understood) out.appendChild(el("p", "understood", out.dataset.understood.replace("{question}", data.understood)));
    if (data.refused || !data.citation) {
      out.appendChild(el("p", "refusal", data.refusal || out.dataset.refusal));
    } else {
      var quote = el("blockquote", "quote");
      quote.appendChild(el("p", null, data.answer));
      out.appendChild(quote);
      out.appendChild(el("p", "citation", "📖 " + out.dataset.source + ": " + data.citation));
      if (data.section_url) {
        var link = el("a", null, T.read);
        link.href = data.section_url;
        link.target = "_blank";
        link.rel = "noopener";
        out.appendChild(link);
      }
    }
    (data.suggestions || []).forEach(function (s) {
      var b = el("button", "secondary", "❓ " + s);
      b.type = "button";
      b.addEventListener("click", function () { input.value = s; ask(s); });
      out.appendChild(el("p")).appendChild(b);
    });
  }
  function ask(q) {
    out.replaceChildren(el("p", null, T.searching));
    var url = "/api/ask?q=" + encodeURIComponent(q);
    var id = clientId();
    if (id) url += "&khach=" + id;
    fetch(url).then(function (r) { return r.json(); }).then(show).catch(function () {
      show({ error: T.offline });
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); if (input.value.trim()) ask(input.value); });
})();
