"""Packaging that pyproject.toml cannot say: the repository folders ontology/ and shapes/ are installed
as the data packages kg.ontology, kg.shapes, kg.shapes.audits and kg.shapes.rules (read through kg/resources.py), so
that an installed kg finds them as a source checkout does. Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

DATA_PACKAGES = {"kg.ontology": "ontology", "kg.shapes": "shapes", "kg.shapes.audits": "shapes/audits",
                 "kg.shapes.rules": "shapes/rules"}

setup(
    packages=[*find_namespace_packages(include=["kg", "kg.*", "service", "service.*"]), *DATA_PACKAGES],
    package_dir=DATA_PACKAGES,
)
