"""Tests for formgen.rules."""
