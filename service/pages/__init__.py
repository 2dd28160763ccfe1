"""The web UI and research pages: home, hierarchy and search (``views``, ``search``), entity pages
(``entity``), canned queries (``canned``), the validation report (``validation``), with labels and
small SVG charts."""
