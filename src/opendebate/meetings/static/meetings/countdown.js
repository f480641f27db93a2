// Live countdown and the reader's own time zone for [data-countdown] and [data-local-time].
// Served as a static file so that the Content-Security-Policy can forbid inline scripts.
// The locale is the server's CLDR one (body[data-locale], e.g. "en-GB-u-nu-latn"), so the
// reader's time is written like the New York time beside it.
(function () {
  "use strict";
  var lang = document.body.getAttribute("data-locale") || document.documentElement.lang || "en";
  function localTime(el) {
    var when = new Date(el.getAttribute("data-local-time"));
    // dateStyle/timeStyle cannot be combined with timeZoneName (a TypeError), so the parts
    // are named one by one.
    var format = new Intl.DateTimeFormat(lang, {
      weekday: "long", year: "numeric", month: "long", day: "numeric",
      hour: "numeric", minute: "2-digit", timeZoneName: "short"
    });
    el.textContent = format.format(when);
    // The line is hidden until it holds a time: without script it would only say "—".
    var line = el.closest(".local-time");
    if (line) {
      line.hidden = false;
    }
  }
  function tick(el) {
    var end = new Date(el.getAttribute("data-countdown")).getTime();
    var left = Math.max(0, end - Date.now());
    var days = Math.floor(left / 86400000);
    var hours = Math.floor(left / 3600000) % 24;
    var minutes = Math.floor(left / 60000) % 60;
    var seconds = Math.floor(left / 1000) % 60;
    var units = el.getAttribute("data-units").split("|");
    var number = new Intl.NumberFormat(lang);
    el.textContent = left === 0 ? el.getAttribute("data-closed") :
      [number.format(days) + " " + units[0], number.format(hours) + " " + units[1],
       number.format(minutes) + " " + units[2], number.format(seconds) + " " + units[3]].join(" ");
  }
  document.querySelectorAll("[data-local-time]").forEach(localTime);
  var timers = document.querySelectorAll("[data-countdown]");
  timers.forEach(tick);
  if (timers.length) {
    setInterval(function () { timers.forEach(tick); }, 1000);
  }
})();
