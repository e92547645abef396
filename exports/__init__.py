"""Exports for meeting slides: PNG/SVG images, PowerPoint decks, CSV/XLSX tables."""
