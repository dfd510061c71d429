"""Actor mentions: chains of names, titles, demonyms and bodies resolved to canonical actors by date."""

from __future__ import annotations

import pytest

from pipeline.articles import normalise_text
from pipeline.nlp import shared_nlp


def actors_in(text: str, *, on: str) -> dict[str, dict]:
    nlp = shared_nlp()
    doc = nlp.make_doc(normalise_text(text))
    doc._.published = on
    doc._.reference_date = on
    doc = nlp(doc)
    return {span.text: doc._.actors[span.id_] | {"id": span.id_} for span in doc.spans["actors"]}


@pytest.mark.parametrize(
    "text, on, mention, expected_id, expected_type",
    [
        ("The Russian president spoke on Monday.", "2020-11-09", "The Russian president", "person:vladimir-putin", "head_of_state"),
        ("The British prime minister spoke.", "2020-11-09", "The British prime minister", "person:boris-johnson", "head_of_government"),
        ("The British prime minister spoke.", "2024-11-07", "The British prime minister", "person:keir-starmer", "head_of_government"),
        ("Russia's foreign ministry said so.", "2020-11-09", "Russia's foreign ministry", "gov:RUS", "government"),
        ("The Kremlin said so.", "2020-11-09", "Kremlin", "gov:RUS", "government"),
        ("Kremlin spokesman Dmitry Peskov said so.", "2020-11-09", "Kremlin spokesman Dmitry Peskov", "person:dmitry-peskov", "spokesperson"),
        ("The Saudi royal family sent a cable.", "2020-11-09", "Saudi royal family", "royal:SAU", "royal"),
        ("Slovenian Prime Minister Janez Janša said so.", "2020-11-09", "Slovenian Prime Minister Janez Janša", "person:janez-jansa", "head_of_government"),
        ("Former Australian prime minister Kevin Rudd said so.", "2020-11-09", "Australian prime minister Kevin Rudd", "person:kevin-rudd", "former_leader"),
        ("NATO Secretary-General Jens Stoltenberg said so.", "2022-02-24", "NATO Secretary-General Jens Stoltenberg", "person:jens-stoltenberg", "organization"),
        ("Erdogan spoke.", "2020-11-10", "Erdogan", "person:recep-tayyip-erdogan", "head_of_state"),
        ("Kim Jong-un spoke.", "2020-11-10", "Kim Jong-un", "person:kim-jong-un", "head_of_state"),
    ],
)
def test_chains_resolve_to_canonical_actors(text, on, mention, expected_id, expected_type):
    found = actors_in(text, on=on)
    match = next((v for k, v in found.items() if mention.lower() in k.lower() or k.lower() in mention.lower()), None)
    assert match is not None, found
    assert (match["id"], match["actor_type"]) == (expected_id, expected_type)


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister spoke.",  # no country: nobody can be placed
        "She bought a turkey for the holiday.",  # a common word, not the country
        "He wrote to us about it.",  # "us", not the US
    ],
)
def test_no_actor_without_a_place(text):
    assert actors_in(text, on="2020-11-09") == {}


def test_a_bare_surname_refers_back_to_the_one_person_of_that_name():
    from tests.pipeline_helpers import extract_text, pairs

    text = ("Pakistan's Prime Minister Imran Khan was in Moscow when the tanks rolled. After the meeting, "
            "Khan said he regretted the situation.")
    found = pairs(extract_text(text, event_id="russia-invades-ukraine-2022", published="2022-02-25"), "actor", "stance")
    assert ("Imran Khan", "neutral") in found
