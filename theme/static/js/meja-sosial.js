// Copy buttons of the social desk: the only script on the page, no framework.
// Buttons stay hidden without JavaScript; the texts remain selectable.
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  document.querySelectorAll("button.copy").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      copy(source.textContent).then(function () {
        button.textContent = button.getAttribute("data-done");
      }, function () {
        button.textContent = button.getAttribute("data-fail");
      });
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
})();
