"""Streamlit widgets shared by the pages (export controls, slide basket)."""
