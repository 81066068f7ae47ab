"""Qualification handbooks: unit YAML in, tutor site, workbooks and record sheets out."""

__version__ = "0.1.0"
