"""What real reporting asks of the extractor (issue 7, item 2), as a table of short passages in the way real pages
phrase them, with other names than the pages that prompted them.

Each case says what a careful reader takes from the passage. Cases the pipeline does not get right yet are marked
``xfail(strict=True)`` with the reason: the gap is documented here, and the mark fails the day the case passes.
"""

from __future__ import annotations

import pytest

from tests.pipeline_helpers import extract_text, pairs

US20, US24, UKR22, MYANMAR, NIGER, VENEZUELA = (
    "us-2020-election", "us-2024-election", "russia-invades-ukraine-2022", "myanmar-coup-2021", "niger-coup-2023",
    "venezuela-2024-election",
)
PUBLISHED = {US20: "2020-11-09", US24: "2024-11-07", UKR22: "2022-02-25", MYANMAR: "2021-02-02",
             NIGER: "2023-07-27", VENEZUELA: "2024-07-31"}


def case(text, expected, event=US20, *, name, gap=""):
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(text, expected, event, id=name, marks=marks)


ACTOR_STANCE_CASES = [
    # --- cue matching that survives real text
    case('French President Emmanuel Macron said he looked "forward to working" with Joe Biden.',
         {("Emmanuel Macron", "supportive")}, name="quote-marks-inside-a-cue"),
    case('"I want to congratulate President-elect Joe Biden," Canadian Prime Minister Justin Trudeau said.',
         {("Justin Trudeau", "congratulated")}, name="performative-congratulation"),
    case("Russian President Vladimir Putin has not spoken to Joe Biden by phone since the race was called.",
         set(), name="not-spoken-by-phone-is-not-silence"),
    case("We have yet to hear from the leaders of Mexico, Brazil and Russia.",
         {("Mexican government", "silent"), ("Brazilian government", "silent"), ("Kremlin", "silent")},
         name="yet-to-hear-from-several"),
    # --- stance from what a quote says
    case('"It is nothing but a complete farce," Swedish Prime Minister Magdalena Andersson said of the annexation.',
         {("Magdalena Andersson", "critical")}, UKR22, name="quote-content-critical"),
    case('"The courts will settle the outcome," Brazilian President Jair Bolsonaro told supporters.',
         {("Jair Bolsonaro", "withheld")}, name="quote-content-withheld"),
    case('"This is a historic victory, and we will strengthen our ties," Indian Prime Minister Narendra Modi said.',
         {("Narendra Modi", "supportive")}, name="quote-content-supportive"),
    # --- headings and lists
    case('Here is how leaders reacted:\n\nJAPANESE PRIME MINISTER YOSHIHIDE SUGA:\n\n"I look forward to working '
         'with President-elect Biden."', {("Yoshihide Suga", "supportive")}, name="heading-names-the-speaker"),
    case('Reactions:\n\n- Israel\'s prime minister Benjamin Netanyahu\n\n"Congratulations Joe and Kamala on your '
         'victory."', {("Benjamin Netanyahu", "congratulated")}, name="bullet-heading-names-the-speaker"),
    case("Yet to congratulate:\n\nRussia\n\nChina\n\nBrazil", {("Kremlin", "silent"),
         ("Chinese government", "silent"), ("Brazilian government", "silent")}, name="lead-in-over-name-lines"),
    case('"As foreign ministers, we stand together," say ministers from Norway, Iceland and Andorra. '
         "Ministers also condemned the arrests.", {("Norwegian government", "critical"),
         ("Icelandic government", "critical"), ("Andorran government", "critical")}, MYANMAR,
         name="group-named-again"),
    # --- actors the tables do not know
    case("State Department spokesperson Jane Doe said the United States condemned the coup.",
         {("Jane Doe", "critical")}, MYANMAR, name="title-and-unknown-name"),
    case("Colombia's vice-president, Ana Ruiz, sent a congratulatory message to Biden.",
         {("Ana Ruiz", "congratulated")}, name="title-then-name-in-apposition"),
    case("French ambassador to Washington, Pierre Martin, welcomed the result.",
         {("Pierre Martin", "supportive")}, name="envoy-speaks-for-his-country"),
    case('"We condemn this coup," Secretary-General Antonio Guterres\' spokesman Stephane Dujarric said.',
         {("António Guterres", "critical")}, MYANMAR, name="spokesman-of-the-secretary-general"),
    # --- one row per actor
    case("The United States, France and the United Nations condemned the takeover. US Secretary of State Antony "
         "Blinken called for the immediate release of President Mohamed Bazoum.",
         {("Antony Blinken", "critical"), ("French government", "critical"), ("United Nations", "critical")},
         NIGER, name="country-gives-way-to-its-official"),
    # --- calls by event kind
    case("Japanese Foreign Minister Toshimitsu Motegi urged the military to release those detained.",
         {("Toshimitsu Motegi", "critical")}, MYANMAR, name="call-to-release-after-a-coup"),
    case("Argentina's foreign ministry called on Russia to cease military actions in Ukraine.",
         {("Argentine government", "critical")}, UKR22, name="call-on-the-invader"),
    case("The Indian government called on all sides to cease hostilities.",
         {("Indian government", "neutral")}, UKR22, name="call-on-all-sides"),
    # --- words that take no stance here
    case("The United States will always honour Ukraine's internationally recognized borders, Biden said.",
         set(), UKR22, name="participle-before-a-noun"),
    # Blaming a third country is aimed at someone else, and the support is the accused's act, not his.
    case("NATO Secretary General Jens Stoltenberg accused Beijing of supporting Moscow.",
         set(), UKR22, name="what-someone-is-accused-of"),
    case("EU foreign policy chief Josep Borrell called for an investigation of possible election violations.",
         {("Josep Borrell", "neutral")}, name="hedged-criticism"),
    # --- time
    case("Vladimir Putin, who had kept quiet for days, congratulated Joe Biden.",
         {("Vladimir Putin", "congratulated")}, name="retrospective-clause-is-history"),
    case("Back in 2012 Vladimir Putin congratulated Barack Obama, but this time he has not congratulated Joe Biden.",
         {("Vladimir Putin", "silent")}, name="other-time-frames-only-its-clause"),
    # --- robust to the parser
    case("Macron and then Merkel congratulated Joe Biden on Saturday.",
         {("Emmanuel Macron", "congratulated"), ("Angela Merkel", "congratulated")}, name="a-and-then-b"),
    case("The resolution passed, with India, China and the United Arab Emirates abstaining.",
         {("Indian government", "neutral"), ("Chinese government", "neutral"), ("Emirati government", "neutral")},
         UKR22, name="with-a-abstaining"),
    case('"Congratulations Joe, we look forward to working with you," said Irish Taoiseach Micheál Martin.',
         {("Micheál Martin", "congratulated")}, name="vocative-is-not-a-subject"),
    case('"We congratulate the American people on a peaceful election." - Nigerian President Muhammadu Buhari',
         {("Muhammadu Buhari", "congratulated")}, name="quote-then-dash-name"),
]


@pytest.mark.parametrize("text, expected, event", ACTOR_STANCE_CASES)
def test_real_reporting_phenomena(text, expected, event):
    assert pairs(extract_text(text, event_id=event, published=PUBLISHED[event]), "actor", "stance") == expected
