/* The article editor: Quill over the body's <textarea data-rich-text>, which stays the
   form field (the page works without JavaScript: the textarea takes HTML). The editor's
   HTML is copied back on submit; the server sanitises it whatever it holds. */
(function () {
  "use strict";
  function enhance(textarea) {
    if (typeof window.Quill === "undefined") { return; }
    var holder = document.createElement("div");
    holder.className = "rich-editor";
    textarea.parentNode.insertBefore(holder, textarea);
    textarea.hidden = true;
    var quill = new window.Quill(holder, {
      theme: "snow",
      modules: {
        toolbar: [
          [{ header: [2, 3, false] }],
          ["bold", "italic", "underline"],
          [{ list: "ordered" }, { list: "bullet" }, "blockquote"],
          [{ align: [] }],
          ["link", "clean"]
        ]
      },
      formats: ["header", "bold", "italic", "underline", "list", "blockquote", "align", "link", "indent"]
    });
    if (textarea.value) {
      quill.clipboard.dangerouslyPasteHTML(textarea.value);
    }
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    quill.root.setAttribute("aria-label", label ? label.textContent.trim() : "Nội dung");
    quill.root.setAttribute("role", "textbox");
    quill.root.setAttribute("aria-multiline", "true");
    if (label) { label.addEventListener("click", function () { quill.focus(); }); }
    textarea.form.addEventListener("submit", function () {
      textarea.value = quill.root.innerHTML;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  });
})();
