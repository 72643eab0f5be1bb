// Small behaviours for phoihop pages. Loaded as a file (no inline scripts: strict CSP).
(function () {
  "use strict";

  // "Thêm dòng" buttons: clone a formset's empty form (<template data-formset-template="prefix">).
  function addFormsetRow(button) {
    var prefix = button.getAttribute("data-formset-add");
    var template = document.querySelector('template[data-formset-template="' + prefix + '"]');
    var body = document.querySelector('[data-formset-body="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !body || !total) return;
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = body.lastElementChild && body.lastElementChild.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  // Buttons with data-confirm ask before their form is sent.
  function confirmSubmit(event) {
    var button = event.submitter;
    if (button && button.hasAttribute("data-confirm") && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-formset-add]");
    if (target) {
      event.preventDefault();
      addFormsetRow(target);
    }
  });
  document.addEventListener("submit", confirmSubmit, true);
})();
