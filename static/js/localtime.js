// Learning Exchange: show webinar and session times in the visitor's own time zone as well.
// Progressive enhancement: the page already shows the time in the event's zone with its UTC offset.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  document.querySelectorAll("[data-visitor-time]").forEach(function (element) {
    if (!zone || zone === element.dataset.zone) return;
    var start = new Date(element.dataset.start);
    var end = element.dataset.end ? new Date(element.dataset.end) : null;
    if (isNaN(start)) return;
    var dateStyle = element.hasAttribute("data-short") ? "medium" : "full";
    var startText = new Intl.DateTimeFormat(lang, { dateStyle: dateStyle, timeStyle: "short" }).format(start);
    var endText = end ? "–" + new Intl.DateTimeFormat(lang, { timeStyle: "short" }).format(end) : "";
    var zoneName = new Intl.DateTimeFormat(lang, { timeZoneName: "long" })
      .formatToParts(start)
      .filter(function (part) { return part.type === "timeZoneName"; })
      .map(function (part) { return part.value; })
      .join("");
    var text = startText + endText + (zoneName ? " (" + zoneName + ")" : "");
    element.textContent = element.dataset.label.replace("{time}", text);
    element.hidden = false;
  });

  // Recordings: load the player only when the visitor asks for it.
  document.querySelectorAll("a[data-embed]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = link.dataset.embed;
      frame.title = link.dataset.title || link.textContent.trim();
      frame.allow = "autoplay; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.className = "recording__frame";
      link.replaceWith(frame);
      frame.focus();
    });
  });
})();
