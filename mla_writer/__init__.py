"""MLA Writer: draft letters of request for mutual legal assistance in criminal matters.

The domain (``model``, ``checklist``, ``storage``, ``render``, ``cli``) imports no Qt;
the desktop application lives in ``mla_writer.gui``.
"""

__version__ = "0.1.0"
