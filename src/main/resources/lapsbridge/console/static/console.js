// lapsbridge console: copy buttons and search suggestions. No inline script anywhere: the
// Content-Security-Policy allows only this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var done = document.getElementById(button.id.replace("copy-", "copied-"));
      navigator.clipboard.writeText(source.textContent).then(function () {
        if (done) { done.hidden = false; }
      });
    });
  });
  var input = document.querySelector("input[data-suggest]");
  var list = document.getElementById("suggestions");
  if (!input || !list) { return; }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var prefix = input.value.trim();
    if (prefix.length < 2) { return; }
    timer = setTimeout(function () {
      fetch(input.getAttribute("data-suggest") + "?prefix=" + encodeURIComponent(prefix),
          { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (hits) {
          list.replaceChildren();
          hits.forEach(function (hit) {
            var option = document.createElement("option");
            option.value = hit.name;            // textContent/value only: never markup
            option.textContent = hit.dnsHostName || hit.dn;
            list.appendChild(option);
          });
          list.setAttribute("data-count", String(hits.length));
        });
    }, 150);
  });
});
