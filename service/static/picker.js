// Parameter pickers of the canned queries: typing in a box marked data-pick asks /suggest for
// entities of that kind (plans, documents, agencies, indicators, units) and lists them under the
// box; clicking one puts its address in the box and shows its name.
(function () {
  "use strict";
  function setup(input) {
    var list = document.getElementById("suggest-" + input.name);
    var timer = null;
    var asked = 0;
    function show(items) {
      list.innerHTML = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "suggestion";
        button.dataset.value = item.value;
        button.textContent = item.label;
        if (item.context) {
          var small = document.createElement("small");
          small.textContent = " · " + item.context;
          button.appendChild(small);
        }
        button.addEventListener("click", function () {
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
        });
        li.appendChild(button);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    function ask() {
      var mine = ++asked;
      var url = input.dataset.suggest + "?kind=" + encodeURIComponent(input.dataset.pick) +
        "&q=" + encodeURIComponent(input.value);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (mine === asked) { show(data.suggestions || []); } })
        .catch(function () { list.hidden = true; });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("focus", function () { if (!input.value) { ask(); } });
    document.addEventListener("click", function (e) {
      if (e.target !== input && !list.contains(e.target)) { list.hidden = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-pick]").forEach(setup);
  });
})();
