"""Numbers with what they count."""

from __future__ import annotations

import pytest

from newsweave.extract.quantities import find_quantities


@pytest.fixture(scope="module")
def quantities(nlp):
    def _find(text: str):
        return find_quantities(nlp(text)[:])

    return _find


def test_count_with_unit(quantities):
    [q] = quantities("The army said it shot down 472 drones.")
    assert (q.value, q.unit, q.approx, q.text) == (472.0, "drones", None, "472 drones")


def test_over_marks_approximation_and_skips_adjectives(quantities):
    [q] = quantities("The raid destroyed over 40 long-range bombers.")
    assert (q.value, q.unit, q.approx) == (40.0, "bombers", "over")


def test_thousands_separator_and_about(quantities):
    [q] = quantities("About 1,200 workers walked out on Monday.")
    assert (q.value, q.unit, q.approx) == (1200.0, "workers", "about")


def test_spelled_out_number(quantities):
    [q] = quantities("Three ships were seized near the strait.")
    assert (q.value, q.unit) == (3.0, "ships")


def test_between_range(quantities):
    [q] = quantities("Between 30 and 50 people were detained.")
    assert (q.low, q.high, q.unit, q.approx) == (30.0, 50.0, "people", "between")


def test_hyphen_range(quantities):
    [q] = quantities("Officials said 30-50 protesters were held.")
    assert (q.low, q.high, q.unit) == (30.0, 50.0, "protesters")


def test_percentage(quantities):
    [q] = quantities("The union wants a 9% raise.")
    assert (q.value, q.unit, q.text) == (9.0, "%", "9%")


def test_duration_modifier(quantities):
    [q] = quantities("Kyiv proposed a 30-day ceasefire.")
    assert (q.value, q.unit) == (30.0, "day")


def test_multiplier_and_currency(quantities):
    found = quantities("Some 2.5 million people fled and donors pledged $5 million.")
    assert [(q.value, q.unit, q.approx) for q in found] == [
        (2_500_000.0, "people", "some"),
        (5_000_000.0, "USD", None),
    ]


def test_vague_plural(quantities):
    [q] = quantities("Dozens of civilians were wounded.")
    assert (q.approx, q.unit) == ("dozens", "civilians")


def test_of_them_borrows_the_previous_unit(quantities):
    found = quantities("Russia fired 90 missiles, and air defences intercepted 60 of them.")
    assert [(q.value, q.unit) for q in found] == [(90.0, "missiles"), (60.0, "missiles")]


def test_years_and_dates_are_not_quantities(quantities):
    assert (
        quantities("Ukraine declared independence in 1991 and signed the accord on May 2, 2014.")
        == []
    )


def test_offsets_point_into_the_text(nlp):
    text = "Police detained 14 protesters."
    [q] = find_quantities(nlp(text)[:])
    assert text[q.start : q.end] == q.text == "14 protesters"


def test_dozen_multiplies_the_number_before_it(quantities):
    [q] = quantities("Some two dozen soldiers crossed the river.")
    assert (q.value, q.approx, q.unit) == (24.0, "some", "soldiers")


@pytest.mark.parametrize("text", [
    "Elin Holdings bought the Tarvel chip maker for US $5.4-billion yesterday.",
    "Elin Holdings bought the Tarvel chip maker for $5.4-billion on Monday.",
])
def test_a_scale_word_after_a_hyphen_scales_the_figure(quantities, text):
    found = quantities(text)
    assert [(q.value, q.unit) for q in found] == [(5.4e9, "USD")]
    assert found[0].text.endswith("5.4-billion")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Ilves scored with 4 minutes 48 seconds remaining in the Elin final.", 4.8, "minutes"),
    ("The Tarvel talks lasted 2 hours and 30 minutes on Monday.", 2.5, "hours"),
])
def test_a_time_in_two_units_is_one_figure(quantities, text, value, unit):
    found = quantities(text)
    assert [(round(q.value, 3), q.unit) for q in found] == [(value, unit)]


@pytest.mark.parametrize(("text", "value", "unit", "phrase"), [
    ("The fire did US$1 million in damage to the Tarvel hall.", 1e6, "USD", "US$1 million"),
    ("The fire did $US1 million in damage to the Tarvel hall.", 1e6, "USD", "$US1 million"),
    ("The Elin council will spend A$5 million on the port.", 5e6, "AUD", "A$5 million"),
    ("The Elin council will spend C$12 on each ticket.", 12.0, "CAD", "C$12"),
])
def test_a_currency_sign_with_its_country_is_that_currency(quantities, text, value, unit,
                                                           phrase):
    found = [q for q in quantities(text) if q.unit == unit]
    assert [(q.value, q.text) for q in found] == [(value, phrase)]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Ilves slipped and fell about 200m down an icy gully near Tarvel.", 200.0, "m"),
    ("Ilves fell 60m from a ridge near the Tarvel hut.", 60.0, "m"),
    # with a currency, or counting a thing, "m" is a million
    ("The Elin port raised $5m last year.", 5e6, "USD"),
    ("The Elin region has 2m residents.", 2e6, "residents"),
])
def test_an_m_after_a_figure_is_metres_unless_it_counts_money_or_a_thing(
        quantities, text, value, unit) -> None:
    [q] = quantities(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(("text", "values"), [
    # the number is part of a name the word before it opens: a law, a flight,
    # a road, a section (the parser makes the number that word's modifier)
    ("The Elin council ended Title 42 checks after the harbour reopened.", []),
    ("Port Elin Airways Flight 370 left Tarvel with 239 people aboard.", [239.0]),
    ("The union invoked Article 5 of the harbour charter for the first time.", []),
    ("The Varna Bay ferry company filed for Chapter 11 protection on Monday.", []),
    ("Traffic on Route 66 near Tarvel was stopped for 3 hours.", [3.0]),
])
def test_a_number_inside_a_name_is_no_quantity(quantities, text, values):
    assert [q.value for q in quantities(text)] == values


@pytest.mark.parametrize(("text", "values"), [
    # counts after a capitalised word are still counts
    ("Police in Tarvel said Sunday 40 people were hurt.", [40.0]),
    ("The Elin Harbour Authority hired 300 dockworkers.", [300.0]),
])
def test_a_count_after_a_capitalised_word_is_still_a_count(quantities, text, values):
    assert [q.value for q in quantities(text)] == values


@pytest.mark.parametrize(("text", "unit", "shown"), [
    ("The striker ended the season with 31 goals - breaking Ivo Marn's club record.",
     "goals", "31 goals"),
    ("Dolan set a rookie record with 4,051 yards - passing Tom Aske's mark of a year ago.",
     "yards", "4,051 yards"),
    ("The fund paid out 35 payments - most of them to Karel Ostrov's farms.",
     "payments", "35 payments"),
    ("The striker ended the season with 31 goals\u2014breaking Ivo Marn's club record.",
     "goals", "31 goals"),
    ("The striker ended the season with 31 goals -- breaking Ivo Marn's club record.",
     "goals", "31 goals"),
])
def test_a_spaced_dash_ends_the_quantity(quantities, text, unit, shown):
    """A hyphen with spaces round it is a dash: what comes after it is a new
    phrase, so the figure counts the noun before it, however the parse attaches
    the number across the dash ("31 goals - breaking ... record" counts goals)."""
    q = quantities(text)[0]
    assert (q.unit, q.text) == (unit, shown)


def test_a_hyphen_inside_a_compound_still_joins(quantities):
    """A hyphen written with spaces right after the figure ("86 - yard", as some
    wire text spaces it) still joins the figure to its noun."""
    found = quantities("He ran for 226 yards, including an 86 - yard touchdown run.")
    assert [(q.value, q.unit) for q in found] == [(226.0, "yards"), (86.0, "yard")]


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("He was convicted in the death of her 8-to-12-week-old fetus.", 8.0, 12.0, "week"),
    ("The clinic is a 10-to-15-minute walk from the station.", 10.0, 15.0, "minute"),
    ("Each faces a 3-to-5-year sentence under the new law.", 3.0, 5.0, "year"),
])
def test_a_hyphenated_range_before_its_unit_is_one_range(quantities, text, low, high, unit):
    """"8-to-12-week-old" is one range of weeks, not an 8 that counts "to-12"."""
    [q] = quantities(text)
    assert (q.low, q.high, q.unit) == (low, high, unit)


def test_a_hyphenated_tally_is_no_range(quantities):
    """"a 5-to-4 ruling" (no unit joined after it) is a vote's tally, not a range."""
    assert all(q.high is None for q in quantities("The court issued a 5-to-4 ruling on Monday."))


@pytest.mark.parametrize(("text", "value", "unit", "approx", "shown"), [
    ("More than a dozen people were hurt in the blast at the depot.",
     12.0, "people", "more than", "More than a dozen people"),
    ("Nearly a hundred protesters gathered outside the ministry.",
     100.0, "protesters", "nearly", "Nearly a hundred protesters"),
    ("Police say at least a dozen parcels were mailed to officials.",
     12.0, "parcels", "at least", "at least a dozen parcels"),
    ("About a thousand dock workers marched on Sunday.",
     1000.0, "workers", "about", "About a thousand dock workers"),
])
def test_a_hedge_before_a_dozen_or_a_hundred_is_kept(quantities, text, value, unit, approx, shown):
    """"at least a dozen" is at least 12, not a plain 12: the article between the
    hedge and the number word must not hide the hedge (a plain 12 against
    another outlet's 12 would be one figure; against "at least a dozen" it is a
    qualifier difference)."""
    [q] = quantities(text)
    assert (q.value, q.unit, q.approx, q.text) == (value, unit, approx, shown)


def test_a_plain_dozen_keeps_its_article_and_no_hedge(quantities):
    [q] = quantities("A dozen parcels were mailed to officials.")
    assert (q.value, q.unit, q.approx, q.text) == (12.0, "parcels", None, "A dozen parcels")


@pytest.mark.parametrize(("text", "figures"), [
    ("Cheeks played for the Sixers for 11 seasons and served as an assistant coach for seven.",
     [(11.0, "seasons"), (7.0, "seasons")]),
    ("Richard Carter scored 14 points and Seth VanDeest scored 13 for the Bulldogs.",
     [(14.0, "points"), (13.0, "points")]),
    ("The ministry said 30 people were killed and 55 injured.",
     [(30.0, "people"), (55.0, "people")]),
])
def test_a_bare_figure_after_a_counted_one_counts_the_same(quantities, text, figures):
    """A bare figure that leaves its noun unsaid after a counted one counts the same
    thing ("for 11 seasons and ... for seven"): read without it, the seven seasons
    as a coach could be set against another outlet's 11 seasons as a player."""
    assert [(q.value, q.unit) for q in quantities(text)] == figures


@pytest.mark.parametrize("text", [
    "Carter scored 14 points for the Bulldogs (15 - 17) on Friday.",
    "He scored 14 points, the most since 2009.",
    "The company raised $35 million and employs 60.",
])
def test_a_bare_figure_that_is_no_ellipsis_borrows_nothing(quantities, text):
    """A team's record in brackets, a year, a figure after a sum of money: the
    noun of the figure before is not theirs (money is counted by its currency,
    not by a noun a bare figure could leave unsaid)."""
    units = [q.unit for q in quantities(text)]
    assert units.count("points") <= 1 and units.count("$") + units.count("USD") <= 1


def test_a_bare_figure_in_another_role_borrows_nothing(quantities):
    """The figure before it counts something else when the two play different
    roles: the 12 that came in the first half are points, not minutes."""
    found = quantities("He scored 20 points in 30 minutes, and 12 came in the first half.")
    assert [(q.value, q.unit) for q in found][:2] == [(20.0, "points"), (30.0, "minutes")]
    assert all(q.unit != "minutes" for q in found[2:])


@pytest.mark.parametrize(("text", "value", "unit", "shown"), [
    ("Twenty-six Tarvel nationals were charged on Friday.", 26.0, "nationals",
     "Twenty-six Tarvel nationals"),
    ("Officials said forty-two people were hurt in the fire.", 42.0, "people",
     "forty-two people"),
    ("The council has ninety-nine members.", 99.0, "members", "ninety-nine members"),
])
def test_a_hyphenated_number_word_is_one_figure(quantities, text, value, unit, shown):
    """"forty-two people" are 42 people, not a bare 40 and two people."""
    [q] = quantities(text)
    assert (q.value, q.unit, q.text) == (value, unit, shown)


@pytest.mark.parametrize(("text", "value", "unit", "approx", "shown"), [
    ("Tarvel has raised more than $60 million in port fees since January.",
     60e6, "USD", "more than", "more than $60 million"),
    ("The Ilves campaign raised about $40,000 in June.", 40000.0, "USD", "about", "about $40,000"),
    ("The port paid nearly \u00a32 billion for the site.", 2e9, "GBP", "nearly",
     "nearly \u00a32 billion"),
])
def test_a_hedge_before_a_currency_sign_is_kept(quantities, text, value, unit, approx, shown):
    """"more than $60 million" is a floor, not $60 million: the sign between the
    hedge and the figure must not hide it (the issue's "about $40,000" against
    "more than $40,000")."""
    [q] = quantities(text)
    assert (q.value, q.unit, q.approx, q.text) == (value, unit, approx, shown)


@pytest.mark.parametrize("text", [
    "The Tarvel contract is believed to be worth between $60 million and $70 million.",
    "The Tarvel contract is believed to be worth between $60 million to $70 million.",
])
def test_a_range_of_two_sums_of_money_is_one_range(quantities, text):
    """"between $60 million and $70 million" is one sum of 60 to 70 million, not
    two sums (which another outlet's $65 million would seem to contradict)."""
    [q] = quantities(text)
    assert (q.low, q.high, q.unit, q.approx) == (60e6, 70e6, "USD", "between")
    assert q.text.startswith("between $60 million") and q.text.endswith("$70 million")


def test_a_range_s_first_sum_shares_the_scale_of_the_second(quantities):
    [q] = quantities("The Tarvel loan is worth between $5 and $7 million, officials said.")
    assert (q.low, q.high, q.unit) == (5e6, 7e6, "USD")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The Tarvel port deal is worth $3.5bn, officials said.", 3.5e9, "USD"),
    ("The new Tarvel port cost \u00a32bn to build.", 2e9, "GBP"),
    ("The Tarvel port deal is worth $3.5m.", 3.5e6, "USD"),
    ("About 2bn people use the Tarvel app.", 2e9, "people"),
    ("Some 1.2m people fled the Tarvel floods.", 1.2e6, "people"),
    ("The storm left 1.5m homes in Tarvel without power.", 1.5e6, "homes"),
])
def test_a_scale_written_onto_a_figure_scales_it(quantities, text, value, unit):
    """"$3.5bn", "£2bn", "1.2m people": the scale written onto the figure, as
    British and international outlets write it, multiplies the figure, and the
    noun after it is what it counts ("1.2m people" counts people, not "m")."""
    [q] = quantities(text)
    assert (q.value, q.unit) == (value, unit)


def test_metres_written_onto_a_figure_stay_metres(quantities):
    [q] = quantities("The climber fell 200m down a gully near Tarvel.")
    assert (q.value, q.unit) == (200.0, "m")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Half a million people fled the Tarvel floods.", 5e5, "people"),
    ("Police said half a dozen men were arrested in Tarvel.", 6.0, "men"),
    ("Nearly half a billion dollars was spent on the Tarvel port.", 5e8, "dollars"),
])
def test_half_a_million_is_half_of_it(quantities, text, value, unit):
    """"half a million people" are 500,000 people, not a million."""
    [q] = quantities(text)
    assert (q.value, q.unit) == (value, unit)
    assert q.text.lower().startswith(("half", "nearly half"))


def test_the_noun_a_scaled_figure_counts_is_the_head_not_a_name(quantities):
    """"over 2m Windows users" counts users; "$787bn American Recovery Act" is money."""
    [q] = quantities("The flaw has hit over 2m Windows users in Tarvel.")
    assert (q.value, q.unit) == (2e6, "users")
    [q] = quantities("The grant came from the $787bn American Recovery and Reinvestment Act.")
    assert (q.value, q.unit) == (787e9, "USD") and "American" not in q.text


@pytest.mark.parametrize("text", [
    "\u201c I \u2019 m so relieved, \u201d said Edda Morn of Tarvel.",
    "I \u2019 m not leaving Tarvel, Ilves said.",
])
def test_a_lone_m_is_no_million(quantities, text):
    """"I ’ m" written with spaces (as some feeds do) has an "m" that is no scale:
    a scale abbreviation counts only written onto a figure ("$5m")."""
    assert quantities(text) == []


@pytest.mark.parametrize(("text", "unit"), [
    ("Ilves won 29 of 34 votes in the Tarvel council.", "votes"),
    ("Ilves completed 29 of 34 for 364 yards and three touchdowns.", ""),
])
def test_a_figure_of_another_figure_does_not_count_the_number(quantities, text, unit):
    """"29 of 34 votes" counts votes, and "29 of 34 for 364 yards" nothing it
    names: never "34"."""
    first = quantities(text)[0]
    assert (first.value, first.unit) == (29.0, unit)


# The tagger's plural noun after a figure is what it counts, even where the parse
# gives that word a verb's role: "207 punches thrown" (the parse: an auxiliary of
# "thrown") and "34 passes for 364 yards" ("passes" read as a verb).
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Baro connected on just 30 of 207 punches thrown.", 30.0, "punches"),
    ("Ilves completed 29 of 34 passes for 364 yards.", 29.0, "passes"),
    ("Ilves threw 41 passes for 364 yards.", 41.0, "passes"),
])
def test_a_plural_noun_the_parse_reads_as_a_verb_is_counted(quantities, text, value, unit):
    first = quantities(text)[0]
    assert (first.value, first.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    # "one" agrees with a verb in the singular: "passes" is the verb here
    "Only one passes the Tarvel test each year.",
    # a verb with its object, and "is" / "has", after a figure in a name or a sum
    "Update MS08-078 addresses a flaw in Elin Browser.",
    "Update MS08-078 has a rating of Critical.",
    "The Tarvel official said $1.1 million is the estimated cost.",
])
def test_a_verb_after_a_figure_stays_a_verb(quantities, text):
    assert all(q.unit not in ("passes", "addresses", "has", "is") for q in quantities(text))


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("A 40- to 60-hour course is required of Tarvel's guards.", 40.0, 60.0, "hour"),
    ("The Tarvel council published a 10- to 12-page report.", 10.0, 12.0, "page"),
])
def test_a_range_with_a_suspended_hyphen_is_one_range(quantities, text, low, high, unit):
    """"a 40- to 60-hour course" runs 40 to 60 hours: the first figure shares the
    unit of the second (it was read as a 60-hour course alone)."""
    [q] = quantities(text)
    assert (q.low, q.high, q.unit) == (low, high, unit)
    assert q.text.startswith(str(int(low)) + "-")


# A share told as a fraction or a ratio is a percentage of what it counts: "two-thirds
# of voters" is no count of two thirds, "one in five voters" none of five voters.
@pytest.mark.parametrize(("text", "value", "approx", "shown"), [
    ("Two-thirds of voters backed the plan.", 66.7, None, "Two-thirds of voters"),
    # a figure inside the phrase is read on its own: "300 workers"
    ("About two thirds of the 300 workers went on strike.", 66.7, "about", "About two thirds"),
    ("A third of the houses were destroyed.", 33.3, None, "A third of the houses"),
    ("Three quarters of the budget went to roads.", 75.0, None, "Three quarters of the budget"),
    ("Nearly half of the passengers were hurt.", 50.0, "nearly", "Nearly half of the passengers"),
    ("More than half the members voted no.", 50.0, "more than", "More than half the members"),
    ("The bill needs a two-thirds majority.", 66.7, None, "two-thirds majority"),
    ("One in five voters stayed home.", 20.0, None, "One in five voters"),
    ("He gave Republicans a one-in-three chance of losing.", 33.3, None, "one-in-three chance"),
    ("As many as 1 in 500 users were exposed.", 0.2, "as many as", "As many as 1 in 500 users"),
    ("Seven out of 10 residents back the plan.", 70.0, None, "Seven out of 10 residents"),
    # the noun is the head of its compound, not its first word
    ("One in every 500 Windows users was exposed.", 0.2, None, "One in every 500 Windows users"),
])
def test_a_share_is_a_percentage(quantities, text, value, approx, shown):
    found = quantities(text)
    [q] = [q for q in found if q.unit == "%"]
    assert (round(q.value, 1), q.approx, text[q.start:q.end]) == (value, approx, shown)
    # nothing else is read inside it (no "thirds", no "five voters")
    assert [other for other in found if other.start < q.end and other.end > q.start] == [q]


def test_a_figure_after_a_share_is_read_on_its_own(quantities):
    [share, workers] = quantities("About two thirds of the 300 workers went on strike.")
    assert (share.unit, workers.value, workers.unit) == ("%", 300.0, "workers")


@pytest.mark.parametrize(("text", "unit"), [
    ("The Colts scored in the third quarter.", None),
    ("She won a third term in office.", None),
    ("He played three quarters before the injury.", "quarters"),
    ("The crowd waited half an hour.", None),
    ("He scored 3 in 10 minutes.", None),
    ("The quarter of an hour passed slowly.", None),
    # a named part of a time or a thing, not a share of it
    ("The product ships in the second half of 2012.", None),
    ("He was hurt in the first half of the season.", None),
    ("They were drafted in the lower half of the first round.", None),
    # more than a whole is no fraction: periods of play
    ("He has not scored in nine quarters of football.", "quarters"),
])
def test_an_ordinal_or_a_count_of_periods_is_no_share(quantities, text, unit):
    found = quantities(text)
    assert not [q for q in found if q.unit == "%"]
    if unit is not None:
        assert [q.unit for q in found] == [unit]


# A vague count of a scale is a count of that scale: "hundreds of thousands" is no
# 200 and another 2,000.
@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("Hundreds of thousands of civilians have been uprooted in Tarvel.", 200_000, 1_000_000,
     "civilians"),
    ("The wave killed tens of thousands more in Elin.", 20_000, 100_000, ""),
    ("Tens of millions of users were exposed to the Elin flaw.", 20_000_000, 100_000_000,
     "users"),
])
def test_a_vague_count_of_a_scale_is_one_count(quantities, text, low, high, unit):
    [q] = quantities(text)
    assert (q.value, q.low, q.high, q.unit) == (low, low, high, unit)


def test_a_vague_count_alone_keeps_its_floor(quantities):
    [q] = quantities("Thousands of people marched through Tarvel.")
    assert (q.value, q.unit, q.approx) == (2000.0, "people", "thousands")


# Years and labels are no counts.
@pytest.mark.parametrize("text", [
    "Between 1991 and 1998, Ilves was in and out of the Tarvel courts.",
    "The Hawks were beaten by the Lions in week 14.",
    "They met in room 101 of the Tarvel council on Friday.",
    "Elin interfered in the 2016 elections in Tarvel.",
])
def test_a_span_of_years_or_a_label_is_no_count(quantities, text):
    assert quantities(text) == []


@pytest.mark.parametrize(("text", "value"), [
    # a measure or a count after its noun is no label
    ("The first quake, magnitude 7.6, struck off Tarvel.", 7.6),
    ("Power was cut to the coastal city of population 167,000.", 167_000.0),
    # nor a game's line after the noun the parse hangs it on
    ("Ilves started the game 17-for-17 against Elin.", 17.0),
])
def test_a_figure_after_a_noun_that_labels_nothing_is_kept(quantities, text, value):
    assert value in [q.value for q in quantities(text)]


def test_a_range_of_counts_that_look_like_years_is_still_counted(quantities):
    [q] = quantities("Between 1500 and 2000 troops crossed into Tarvel.")
    assert (q.low, q.high, q.unit) == (1500.0, 2000.0, "troops")
    [q] = quantities("Elin sent 2000 troops to Tarvel.")
    assert (q.value, q.unit) == (2000.0, "troops")


# A bare figure before what befell the people it counts counts them by it: "30 dead
# and 55 wounded" is no pair of bare numbers.
@pytest.mark.parametrize(("text", "figures"), [
    ("Shelling of Tarvel left at least five dead and 16 injured.",
     [(5.0, "dead", "at least"), (16.0, "injured", None)]),
    ("The UN said it had confirmed 30 dead and 55 wounded in Elin.",
     [(30.0, "dead", None), (55.0, "wounded", None)]),
    ("A quake hit Elin, leaving 24 dead and over 200 injured.",
     [(24.0, "dead", None), (200.0, "injured", "over")]),
])
def test_a_toll_counts_by_what_befell_its_people(quantities, text, figures):
    assert [(q.value, q.unit, q.approx) for q in quantities(text)] == figures


@pytest.mark.parametrize("text", [
    # "were killed" and "died" are verbs in their own clauses
    "Five were killed in Tarvel on Monday.",
    "Sadly, the mother of two died from injuries she sustained in the Tarvel crash.",
])
def test_a_figure_before_a_verb_of_what_befell_it_counts_nothing_more(quantities, text):
    [q] = quantities(text)
    assert q.unit == ""


def test_a_noun_of_what_befell_people_is_still_lent_to_a_bare_figure(quantities):
    found = quantities("Ilves said there were six arrests Wednesday, compared to 47 the previous night.")
    assert [(q.value, q.unit) for q in found] == [(6.0, "arrests"), (47.0, "arrests")]
