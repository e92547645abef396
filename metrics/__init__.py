"""The answers: catalogue, store gateway, queries, formatting. No Streamlit import here."""
