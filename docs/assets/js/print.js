/* The print button of the A4 leaflets (xiaobao/outputs/leaflets.py): shown only where it works. */
(function () {
  "use strict";
  var button = document.querySelector("[data-xb-print]");
  if (!button || !window.print) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
