"""Keep the benchmark's output to its progress lines and its table: Streamlit, run in-process by
AppTest, warns on every script run that it is in "bare mode" (no server), and libraries warn
about things the figures do not depend on."""
from __future__ import annotations

import logging
import os
import warnings


def silence() -> None:
    """Errors only, from Streamlit's loggers (those made later too) and from Python warnings;
    servers the bench starts inherit the level through the environment."""
    from streamlit import config, logger

    os.environ["STREAMLIT_LOGGER_LEVEL"] = "error"  # `streamlit run` reads it
    config.set_option("logger.level", "error")  # AppTest does not: it reads the config
    logger.set_log_level("ERROR")
    logging.captureWarnings(True)
    warnings.filterwarnings("ignore")
