// The contest attempt inside Telegram: every call carries the launch data Telegram signed;
// the server keeps the attempt, the clock and the answers, so a reload resumes where it was.
(function () {
  "use strict";
  var app = document.getElementById("app");
  var T = JSON.parse(document.getElementById("texts").textContent);
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  var params = new URLSearchParams(location.search);
  var wanted = Number(params.get("contest")) || null;
  var timer = null;

  function initData() {
    var tg = window.Telegram && window.Telegram.WebApp;
    if (tg && tg.initData) return tg.initData;
    var hash = new URLSearchParams(location.hash.slice(1));
    return hash.get("tgWebAppData") || "";
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "class") node.className = attrs[k];
      else if (k === "for") node.htmlFor = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    if (text != null) node.textContent = text;
    return node;
  }
  function screen() {
    if (timer) { clearInterval(timer); timer = null; }
    app.replaceChildren();
    for (var i = 0; i < arguments.length; i++) app.appendChild(arguments[i]);
  }
  function call(name, body) {
    return fetch("/miniapp/api/" + name, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "tma " + initData() },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        data._status = r.status;
        return data;
      });
    });
  }
  function fail(message) {
    screen(el("p", { class: "problem", role: "alert", id: "error" }, message || T.offline));
  }
  function problem(form, message) {
    var old = form.querySelector(".problem");
    if (old) old.remove();
    form.appendChild(el("p", { class: "problem", role: "alert" }, message));
  }

  function load() {
    call("contests").then(function (data) {
      if (data.error) return fail(data.error);
      var list = data.contests || [];
      var contest = list.find(function (c) { return c.id === wanted; }) || list[0];
      if (!contest) return screen(el("p", { id: "none" }, T.none));
      menu(contest);
    }, function () { fail(); });
  }

  function menu(contest) {
    var parts = [el("h1", null, contest.title)];
    contest.rounds.forEach(function (r) {
      parts.push(el("p", { class: "notice" }, r.title + ": " + new Date(r.starts).toLocaleString("vi-VN") +
        " – " + new Date(r.ends).toLocaleString("vi-VN")));
    });
    if (!contest.entrant) {
      parts.push(registerForm(contest));
    } else {
      var e = contest.entrant;
      parts.push(el("p", { id: "entrant" }, fill(T.entrant, { name: e.full_name, year: e.birth_year, unit: e.unit })));
      var go = el("button", { type: "button", id: "start" }, contest.running ? T.resume : T.start);
      go.addEventListener("click", function () { start(contest.id); });
      parts.push(go);
    }
    screen.apply(null, parts);
  }

  function field(id, label, input) {
    var box = el("div");
    box.appendChild(el("label", { for: id }, label));
    input.id = id;
    box.appendChild(input);
    return box;
  }

  function registerForm(contest) {
    var form = el("form", { class: "register", id: "register", novalidate: "" });
    form.appendChild(el("h2", null, T.register));
    form.appendChild(el("p", { class: "notice" }, contest.privacy));
    var name = el("input", { type: "text", maxlength: "120", autocomplete: "name", required: "" });
    var year = el("input", { type: "number", inputmode: "numeric", min: "1920", required: "" });
    var unitQuery = el("input", { type: "search", autocomplete: "off" });
    var unit = el("select", { required: "" });
    var phone = el("input", { type: "tel", autocomplete: "tel" });
    var consent = el("input", { type: "checkbox", required: "" });
    form.appendChild(field("reg-name", T.name, name));
    form.appendChild(field("reg-year", T.year, year));
    form.appendChild(field("reg-unit-q", T.unit_query, unitQuery));
    form.appendChild(field("reg-unit", T.unit, unit));
    form.appendChild(field("reg-phone", T.phone, phone));
    var agree = el("div");
    agree.appendChild(consent);
    consent.id = "reg-consent";
    agree.appendChild(el("label", { for: "reg-consent" }, T.consent));
    form.appendChild(agree);
    form.appendChild(el("button", { type: "submit", id: "reg-submit" }, T.submit_registration));
    function findUnits() {
      call("units", { contest_id: contest.id, q: unitQuery.value }).then(function (data) {
        unit.replaceChildren();
        (data.units || []).forEach(function (u) { unit.appendChild(el("option", { value: String(u.id) }, u.name)); });
        if (!unit.options.length) unit.appendChild(el("option", { value: "" }, T.no_unit));
      });
    }
    unitQuery.addEventListener("input", findUnits);
    findUnits();
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      call("register", {
        contest_id: contest.id,
        full_name: name.value,
        birth_year: Number(year.value) || 0,
        unit_id: Number(unit.value) || 0,
        phone: phone.value || null,
        consent: consent.checked
      }).then(function (data) {
        if (data.error) return problem(form, data.error);
        var found = (data.contests || []).find(function (c) { return c.id === contest.id; });
        if (found) menu(found); else load();
      }, function () { problem(form, T.offline); });
    });
    return form;
  }

  function start(contestId) {
    call("attempt", { contest_id: contestId }).then(function (data) {
      if (data.error) return fail(data.error);
      paper(data);
    }, function () { fail(); });
  }

  function countdown(state, node) {
    var ends = state.ends;
    function tick() {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      node.textContent = fill(T.time_left, { time: Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") });
      if (left <= 0) {
        clearInterval(timer);
        timer = null;
        refresh(state.attempt_id);
      }
    }
    tick();
    timer = setInterval(tick, 1000);
  }

  // Where the server says the attempt stands (its clock decides, not the page's).
  function refresh(attemptId, note) {
    call("state", { attempt_id: attemptId }).then(function (data) {
      if (data.error) return fail(data.error);
      finished(data, note || (data.finished ? data.message : null));
    }, function () { fail(); });
  }

  function finished(state, note) {
    var parts = [];
    if (note) parts.push(el("p", { class: "notice" }, note));
    parts.push(el("p", { id: "summary" }, state.summary || ""));
    var back = el("button", { type: "button", class: "secondary" }, T.back);
    back.addEventListener("click", load);
    parts.push(back);
    screen.apply(null, parts);
  }

  // The whole attempt is on the page; each answer is sent and stored as it is given.
  function paper(state) {
    if (state.finished) return finished(state);
    state.ends = Date.now() + state.remaining_s * 1000;
    var answered = {};
    (state.answered || []).forEach(function (p) { answered[p] = true; });
    var questions = state.questions || [];
    var letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    function next() {
      var q = questions.find(function (item) { return !answered[item.position]; });
      var clock = el("p", { class: "timer", id: "timer" });
      if (!q) {
        tie(state, clock);
        return;
      }
      var head = el("p", { class: "notice", id: "progress" }, fill(T.progress, { number: q.position + 1, total: state.total }));
      var text = el("h2", { id: "question" }, q.text);
      var options = el("div", { class: "options", role: "group", "aria-labelledby": "question" });
      function send(chosen) {
        options.querySelectorAll("button, input").forEach(function (b) { b.disabled = true; });
        call("answer", { attempt_id: state.attempt_id, position: q.position, chosen: chosen })
          .then(function (data) {
            if (data.late) return finished(data, data.message);
            if (data.error) return fail(data.error);
            answered[q.position] = true;
            next();
          }, function () { fail(); });
      }
      if (q.multi) {
        q.options.forEach(function (option, i) {
          var label = el("label");
          var box = el("input", { type: "checkbox", value: String(i) });
          label.appendChild(box);
          label.appendChild(document.createTextNode(letters[i] + ". " + option));
          options.appendChild(label);
        });
        var submit = el("button", { type: "button", id: "submit-multi" }, T.submit_multi);
        submit.addEventListener("click", function () {
          var chosen = Array.from(options.querySelectorAll("input:checked")).map(function (b) { return Number(b.value); });
          if (chosen.length) send(chosen);
        });
        screen(clock, head, text, el("p", { class: "notice" }, T.multi), options, submit);
      } else {
        q.options.forEach(function (option, i) {
          var b = el("button", { type: "button", "data-option": String(i) }, letters[i] + ". " + option);
          b.addEventListener("click", function () { send([i]); });
          options.appendChild(b);
        });
        screen(clock, head, text, options);
      }
      countdown(state, clock);
    }
    next();
  }

  function tie(state, clock) {
    var form = el("form", { id: "tie" });
    form.appendChild(el("h2", null, T.prediction));
    var input = el("input", { type: "text", inputmode: "decimal", required: "" });
    form.appendChild(field("tie-value", state.tie_question, input));
    form.appendChild(el("button", { type: "submit" }, T.submit_prediction));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      call("prediction", { attempt_id: state.attempt_id, value: input.value }).then(function (data) {
        if (data.error) return problem(form, data.error);
        finished(data);
      }, function () { problem(form, T.offline); });
    });
    screen(clock, form);
    countdown(state, clock);
  }

  var tg = window.Telegram && window.Telegram.WebApp;
  if (tg && tg.ready) tg.ready();
  if (!initData()) {
    fail(T.outside);
  } else {
    load();
  }
})();
