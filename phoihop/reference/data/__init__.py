"""Reference data that no maintained package provides, kept as plain Python literals.

Administrative units come from the `vietnam_provinces` package (see reference.services).
"""
