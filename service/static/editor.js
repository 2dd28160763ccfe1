// Query editor: the vendored YASGUI bound to this server's /sparql, with canned queries as examples.
(function () {
  "use strict";
  // data from the page as JSON (no inline script: the Content-Security-Policy allows none)
  var data = JSON.parse(document.getElementById("editor-data").textContent);
  var CANNED = data.canned || {};
  var INITIAL = data.initial;
  var yasgui = null;
  var el = document.getElementById("yasgui");
  if (window.Yasgui && el) {
    yasgui = new window.Yasgui(el, {
      requestConfig: { endpoint: window.location.origin + "/sparql", method: "POST" },
      copyEndpointOnNewTab: false,
      endpointCatalogueOptions: { getData: function () { return []; } },
      persistenceId: null,
      yasqe: { value: INITIAL || CANNED[Object.keys(CANNED)[0]] || "SELECT * WHERE { ?s ?p ?o } LIMIT 10" }
    });
  }
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = CANNED[button.dataset.name];
      var plain = document.getElementById("plain-query");
      if (plain) { plain.value = text; }
      if (yasgui) {
        var tab = yasgui.getTab();
        tab.setQuery(text);
      }
    });
  });
})();
