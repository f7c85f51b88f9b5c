"""The PySide6 desktop application: a thin layer over the model, checklist and renderer."""
