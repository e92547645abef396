"""Pure Plotly chart builders and the one template ("cchc"); no Streamlit here."""

from charts.template import register

__all__ = ["register"]
