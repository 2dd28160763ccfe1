// Parameter pickers of the canned queries: typing in a box marked data-pick asks /suggest for
// entities of that kind (plans, documents, agencies, indicators, units) and lists them under the
// box; clicking one puts its address in the box and shows its name.
(function () {
  "use strict";
  function setup(input) {
    var list = document.getElementById("suggest-" + input.name);
    var timer = null;
    var asked = 0;
    function show(items, query) {
      list.innerHTML = "";
      list.dataset.q = query;  // which text the list answers (a slower, older answer never replaces it)
      items.forEach(function (item) {
        // options, not buttons: the form's only button stays "Run"
        var li = document.createElement("li");
        li.className = "suggestion";
        li.setAttribute("role", "option");
        li.tabIndex = 0;
        li.dataset.value = item.value;
        li.textContent = item.label;
        if (item.context) {
          var small = document.createElement("small");
          small.textContent = " · " + item.context;
          li.appendChild(small);
        }
        function choose() {
          input.value = item.value;
          list.hidden = true;
          var picked = document.getElementById("picked-" + input.name);
          if (!picked) {
            picked = document.createElement("span");
            picked.className = "picked";
            picked.id = "picked-" + input.name;
            list.parentNode.appendChild(picked);
          }
          picked.textContent = "= " + item.label;
          input.focus();
        }
        li.addEventListener("click", choose);
        li.addEventListener("keydown", function (e) {
          if (e.key === "Enter") { e.preventDefault(); choose(); }
        });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    function ask() {
      var mine = ++asked;
      var query = input.value;
      var url = input.dataset.suggest + "?kind=" + encodeURIComponent(input.dataset.pick) +
        "&q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (mine === asked) { show(data.suggestions || [], query); } })
        .catch(function () { list.hidden = true; });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("focus", function () { if (!input.value) { ask(); } });
    input.addEventListener("keydown", function (e) {  // arrow down: into the list
      if (e.key === "ArrowDown" && !list.hidden && list.firstChild) { e.preventDefault(); list.firstChild.focus(); }
    });
    list.addEventListener("keydown", function (e) {
      var at = document.activeElement;
      if (e.key === "ArrowDown" && at.nextSibling) { e.preventDefault(); at.nextSibling.focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (at.previousSibling || input).focus(); }
      if (e.key === "Escape") { list.hidden = true; input.focus(); }
    });
    document.addEventListener("click", function (e) {
      if (e.target !== input && !list.contains(e.target)) { list.hidden = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-pick]").forEach(setup);
  });
})();
