"""Readable pages for the entities a researcher opens most: a plan (its dossier: plan.py, parts.py,
targets.py, evidence.py), a legal document (document.py), an agency (agency.py) and an
administrative unit (unit.py); dispatch.py chooses by the IRI's type, common.py and status.py are
shared. The entity page (service/pages/entity.py) hands the HTML view of an IRI here first."""
