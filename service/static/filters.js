// Filter forms (class "filters"): a changed choice applies at once; the submit button stays for
// browsers without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
