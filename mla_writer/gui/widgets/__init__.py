"""Reusable editors bound to the model by path (see :mod:`mla_writer.gui.session`)."""
