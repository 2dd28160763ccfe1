"""The project's own data files, read as package data (importlib.resources), so that an installed kg
finds them as a source checkout does: one place for all their paths.

The repository keeps ``ontology/`` and ``shapes/`` at its top (they are read and edited as the
project's documents), and setup.py installs them as the data packages ``kg.ontology`` and
``kg.shapes``; the gazetteer's tables are ``kg/lexicon/data/``. An editable install maps the same
package names to the repository folders. Each is a real folder (kg is never installed zipped):
rdflib and pySHACL read the files by path.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str, *parts: str) -> Path:
    folder = files(package).joinpath(*parts)
    if not isinstance(folder, Path):
        raise RuntimeError(f"{package} is not installed as a folder (a zipped install?): kg reads "
                           "its data files by path; install it with pip as a regular package")
    return folder


ONTOLOGY_DIR = _folder("kg.ontology")  # ontology/: vnge.ttl, vocab.ttl
SHAPES_DIR = _folder("kg.shapes")  # shapes/: SHACL shapes
AUDITS_DIR = SHAPES_DIR / "audits"  # shapes/audits/: the hierarchy audits (SPARQL)
RULES_DIR = SHAPES_DIR / "rules"  # shapes/rules/: the inference rules (SHACL-AF)


def versioned_shapes_files() -> list[Path]:
    """The shapes files that carry a release header (owl:versionIRI): the shapes, the audits' prefixes
    file (the audits are one release with it) and the inference rules."""
    return [*sorted(SHAPES_DIR.glob("*.ttl")), AUDITS_DIR / "prefixes.ttl", *sorted(RULES_DIR.glob("*.ttl"))]
LEXICON_DIR = _folder("kg.lexicon", "data")  # kg/lexicon/data/: the gazetteer's tables
