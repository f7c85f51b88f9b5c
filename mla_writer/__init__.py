"""MLA Writer: draft letters of request for mutual legal assistance in criminal matters.

The domain (``model``, ``checklist``, ``storage``, ``render``, ``cli``) imports no Qt;
the desktop application lives in ``mla_writer.gui``.
"""

__version__ = "0.1.0"

#: File name extension of a draft (defined here so the window can use it before the model loads).
DRAFT_EXTENSION = ".mlar"
