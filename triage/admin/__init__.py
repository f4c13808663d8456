"""The symptom check in the admin: the working copy's parts (drafts.py) with their history in
words (history.py), and its publications, with the page where a clinical reviewer reviews and
publishes changes (publications.py, review.py)."""

from . import drafts, publications

__all__ = ["drafts", "publications"]
