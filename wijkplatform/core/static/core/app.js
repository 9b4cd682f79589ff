/* Installable app: register the service worker that keeps visited pages for offline use. */
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* offline support is a bonus */ });
  });
}

/* "Who do you thank?" has its Find button first in the form, so Enter in any field would press Find (without
   JavaScript that is safe: it only shows the matches). Here Enter in its search box finds, and Enter anywhere
   else in the form (on the neighbour chosen, too) presses the form's last button: Publish, or Save. */
document.addEventListener("keydown", function (event) {
  var form = event.target.form;
  if (event.key !== "Enter" || event.isComposing || !form || !form.querySelector(".thanked-search")) return;
  if (event.target.matches(".thanked-search input[type=search], textarea, button, a")) return;
  var buttons = form.querySelectorAll("button[type=submit]");
  event.preventDefault();
  form.requestSubmit(buttons[buttons.length - 1]);
});
