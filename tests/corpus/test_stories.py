import datetime as dt

import numpy as np
import pytest
from scipy.sparse import csr_matrix

import newsweave.corpus.stories.cluster as stories_module
from newsweave.corpus.stories.cluster import (
    DEFAULT_THRESHOLD,
    MIN_EVENT_REPORTS,
    NAME_SPLIT_RATIO,
    SPLIT_RATIO,
    StoryItem,
    assign_to_stories,
    cluster_stories,
    similarity_matrix,
    text_similarity,
)

D = dt.date(2031, 3, 14)

# Three invented stories, told by different outlets in their own words.
STRIKE = [
    ("s1", "Port Elin dockworkers strike over pay",
     ("Dockworkers in Port Elin walked out on Thursday after pay talks with the harbour "
      "authority collapsed. Union secretary Mara Loen said the strike would last until "
      "the authority offered a nine percent raise. Container ships queued outside the "
      "breakwater as cranes stood idle."),
     ["person:mara-loen", "org:port-elin-union", "org:port-elin-harbour"], ["place:port-elin"]),
    ("s2", "Harbour authority calls dock walkout illegal",
     ("The Port Elin harbour authority said the dock strike was illegal and refused to "
      "discuss wages while the terminals were blocked. Director Ivo Brant said the "
      "stoppage cost the port two million crowns a day. The dockworkers' union, led by "
      "Mara Loen, kept pickets at the north gate."),
     ["person:ivo-brant", "person:mara-loen", "org:port-elin-harbour"], ["place:port-elin"]),
    ("s3", "Harbour Council offers to mediate in Port Elin dispute",
     ("The Harbour Council offered to host talks in Varna Bay between the striking "
      "dockworkers and the harbour authority. Mara Loen said the union would attend. "
      "Ships have been diverted from Port Elin since the walkout began."),
     ["org:harbour-council", "person:mara-loen", "org:port-elin-union"],
     ["place:varna-bay", "place:port-elin"]),
]
FLOOD = [
    ("f1", "River Tessa floods lower Amberg",
     ("The River Tessa burst its banks overnight and flooded the lower town of Amberg. "
      "Firefighters evacuated about 300 residents by boat, and the mayor, Lene Voss, "
      "opened the sports hall as a shelter. Rain is forecast to continue until Sunday."),
     ["person:lene-voss"], ["place:amberg", "place:river-tessa"]),
    ("f2", "Hundreds evacuated as Amberg streets go under water",
     ("Rescue crews in boats took hundreds of people from flooded homes in Amberg after "
      "the Tessa rose more than two metres. Mayor Lene Voss said the flood defences "
      "built in 2019 had failed in two places, and she asked the region for pumps."),
     ["person:lene-voss"], ["place:amberg", "place:river-tessa"]),
]
BANK = [
    ("b1", "Central bank of Norrland raises rates to 4.5 percent",
     ("The Bank of Norrland raised its main interest rate by half a point to 4.5 "
      "percent, citing stubborn inflation in food and energy prices. Governor Oskar "
      "Hale said further increases could not be ruled out."),
     ["org:bank-of-norrland", "person:oskar-hale"], ["place:norrland"]),
    ("b2", "Norrland rate rise hits mortgage holders",
     ("Homeowners in Norrland face higher mortgage payments after the central bank lifted "
      "borrowing costs to 4.5 percent. Governor Oskar Hale defended the increase, saying "
      "inflation had to come down before it became entrenched."),
     ["org:bank-of-norrland", "person:oskar-hale"], ["place:norrland"]),
    ("b3", "Economists split on Norrland interest rate decision",
     ("Economists disagreed on Thursday over the Bank of Norrland's decision to raise "
      "interest rates, with some warning that higher borrowing costs would push the "
      "economy into recession while others said inflation justified the move."),
     ["org:bank-of-norrland"], ["place:norrland"]),
]


def make_items(rows, published: dt.date = D) -> list[StoryItem]:
    return [StoryItem(id=i, title=t, body=b, published=published, actors=a, places=p)
            for i, t, b, a, p in rows]


def test_three_stories_cluster_apart() -> None:
    items = make_items(STRIKE) + make_items(FLOOD) + make_items(BANK)
    stories = cluster_stories(items)
    assert stories == {"s1": "s1", "s2": "s1", "s3": "s1", "f1": "f1", "f2": "f1",
                       "b1": "b1", "b2": "b1", "b3": "b1"}


def test_clusters_without_entities_too() -> None:
    # the extract stage may find no actors; words alone must still separate stories
    rows = [(i, t, b, [], []) for i, t, b, _, _ in STRIKE + FLOOD + BANK]
    stories = cluster_stories(make_items(rows))
    assert stories["s2"] == stories["s3"] == "s1"
    assert stories["f2"] == "f1" and stories["b2"] == "b1"
    # b3 is a reaction piece that shares few words with the news; it may stand
    # alone, but no article joins another story
    groups = {key: {i[0] for i, k in stories.items() if k == key} for key in stories.values()}
    assert all(len(prefixes) == 1 for prefixes in groups.values())


def test_same_story_and_other_story_similarities_leave_a_gap() -> None:
    items = make_items(STRIKE) + make_items(FLOOD) + make_items(BANK)
    sim = similarity_matrix(items)
    same = [sim[i, j] for i in range(8) for j in range(i) if items[i].id[0] == items[j].id[0]]
    other = [sim[i, j] for i in range(8) for j in range(i) if items[i].id[0] != items[j].id[0]]
    assert min(same) > DEFAULT_THRESHOLD > max(other)


def test_date_gap_splits_a_story() -> None:
    early = make_items(FLOOD[:1], published=dt.date(2031, 3, 1))
    late = make_items(FLOOD[1:], published=dt.date(2031, 3, 20))
    assert cluster_stories(early + late) == {"f1": "f1", "f2": "f2"}
    near = make_items(FLOOD[1:], published=dt.date(2031, 3, 6))
    assert cluster_stories(early + near) == {"f1": "f1", "f2": "f1"}


def test_story_key_is_the_earliest_article() -> None:
    items = make_items(BANK)
    items[2].published = D - dt.timedelta(days=1)
    assert set(cluster_stories(items).values()) == {"b3"}


def test_result_does_not_depend_on_input_order() -> None:
    items = make_items(STRIKE) + make_items(FLOOD) + make_items(BANK)
    assert cluster_stories(items) == cluster_stories(list(reversed(items)))


def test_empty_and_single_inputs() -> None:
    assert cluster_stories([]) == {}
    assert cluster_stories(make_items(FLOOD[:1])) == {"f1": "f1"}
    with pytest.raises(ValueError, match="threshold"):
        cluster_stories([], threshold=0.0)


def test_assign_joins_existing_story_or_starts_new() -> None:
    existing = {"s1": make_items(STRIKE[:2]), "f1": make_items(FLOOD[:1])}
    new = make_items(STRIKE[2:]) + make_items(FLOOD[1:]) + make_items(BANK)
    assigned = assign_to_stories(new, existing)
    assert assigned == {"s3": "s1", "f2": "f1", "b1": "b1", "b2": "b1", "b3": "b1"}


def test_assign_respects_date_gap() -> None:
    existing = {"f1": make_items(FLOOD[:1], published=dt.date(2031, 3, 1))}
    new = make_items(FLOOD[1:], published=dt.date(2031, 3, 20))
    assert assign_to_stories(new, existing) == {"f2": "f2"}


# Two different events of one kind: two players of one club arrested on the same
# charge weeks apart. The reports share the topic's words and entities; the
# names, places and figures differ.
_CLUB = ["org:harrow-vale-fc", "org:vale-police"]
ARREST_A = [
    ("a1", "Harrow Vale striker arrested on suspicion of drunk driving",
     ("Harrow Vale striker Tomas Orlik was held on suspicion of drink-driving in the small "
      "hours of Sunday after police stopped his car on the Kellbrook ring road. Orlik, 24, "
      "failed a breath test and was released on bail. The club said it was aware of the arrest."),
     ["person:tomas-orlik", *_CLUB], ["place:kellbrook"]),
    ("a2", "Vale forward Orlik held after police stop",
     ("Police in Kellbrook arrested Harrow Vale forward Tomas Orlik on suspicion of driving "
      "under the influence. Officers said Orlik, 24, was stopped at 2:40 a.m. near Kellbrook "
      "station. The club said he would be available for Saturday's match."),
     ["person:tomas-orlik", *_CLUB], ["place:kellbrook"]),
    ("a3", "Orlik arrested on drink-driving suspicion",
     ("Harrow Vale's Tomas Orlik faces a drink-driving charge after his arrest in Kellbrook. "
      "The striker, who has scored 11 goals this season, was released on bail. Police said "
      "a decision on charges would follow within 14 days."),
     ["person:tomas-orlik", *_CLUB], ["place:kellbrook"]),
]
ARREST_B = [
    ("b1", "Vale captain Drummond charged with drink driving",
     ("Ansel Drummond, captain of Harrow Vale, was held by officers in Marlow Heath on "
      "Friday night and later charged with driving while over the limit. The 31-year-old "
      "defender spent four hours in custody before he was bailed."),
     ["person:ansel-drummond", *_CLUB], ["place:marlow-heath"]),
    ("b2", "Drummond to appear in Marlow Heath court",
     ("Harrow Vale defender Ansel Drummond will appear before magistrates in Marlow Heath "
      "on 9 June after a breath test at a checkpoint on Quarry Lane. Manager Petra Lund "
      "said Drummond had apologised to the squad."),
     ["person:ansel-drummond", "person:petra-lund", *_CLUB], ["place:marlow-heath"]),
    ("b3", "Harrow Vale suspend Drummond after arrest",
     ("Harrow Vale have suspended Ansel Drummond for two matches following his arrest in "
      "Marlow Heath. Petra Lund, the manager, said Drummond, who has made 300 appearances, "
      "would train alone until the hearing on 9 June."),
     ["person:ansel-drummond", "person:petra-lund", *_CLUB], ["place:marlow-heath"]),
]


def _undated(rows) -> list[StoryItem]:
    return make_items(rows, published=None)


def test_names_and_numbers_tell_two_events_of_one_kind_apart() -> None:
    items = _undated(ARREST_A + ARREST_B)
    sim = text_similarity(items)
    same = [sim[i, j] for i in range(6) for j in range(i) if (i < 3) == (j < 3)]
    other = [sim[i, j] for i in range(6) for j in range(i) if (i < 3) != (j < 3)]
    assert np.mean(other) < 0.5 * np.mean(same)


def test_two_events_of_one_kind_are_split(monkeypatch) -> None:
    items = _undated(ARREST_A + ARREST_B)
    assert cluster_stories(items) == {"a1": "a1", "a2": "a1", "a3": "a1",
                                      "b1": "b1", "b2": "b1", "b3": "b1"}
    # without the event split, the shared topic and entities make them one story
    monkeypatch.setattr(stories_module, "_split_events", lambda members: [members])
    assert set(cluster_stories(items).values()) == {"a1"}


def test_small_stories_are_never_split() -> None:
    # under 2 * MIN_EVENT_REPORTS reports there is no second dense group to find
    items = _undated(ARREST_A + ARREST_B[:2])
    assert len(items) < 2 * MIN_EVENT_REPORTS
    assert stories_module._split_events(items) == [items]


# Two appointments to one post years apart: the second event's reports recall
# the first (its conductor is named again), so the topic's words and even the
# first conductor recur across both; what marks the second event is a name
# carried by all of its reports and none of the first's.
_ORCHESTRA = "The Veldmark Philharmonic named its new chief conductor on {day}. {frame} {extra}"
_FRAMES = {"Monday": "The board said the appointment followed a two-year search.",
           "Tuesday": "The orchestra will open its new concert hall under the new conductor."}
_FIRST = [
    "The board said Ilse Morrow, 41, will take up the baton next season.",
    "In a statement, Morrow said she was honoured to lead the orchestra.",
    "As a guest, Ilse Morrow has conducted it since its winter festival.",
    "Critics welcomed the choice of Ilse Morrow, who trained in Oslund.",
    "The first woman in the post, Morrow signs a five-year contract.",
    "The board chair praised Ilse Morrow's work with young players.",
]
_SECOND = [
    "The board said Teodor Vasch, 38, succeeds Ilse Morrow after eight seasons.",
    "In a statement, Vasch said Morrow had left the orchestra in fine shape.",
    "The board chose Teodor Vasch over two guest conductors.",
    "Trained in Brell, Vasch will conduct his first concert in the autumn.",
    "In spring Ilse Morrow said she would step down; Teodor Vasch replaces her.",
    "The board chair said Teodor Vasch would tour with the orchestra next year.",
]


def _appointment(report_id: str, day: str, extra: str) -> tuple:
    return (report_id, "Veldmark Philharmonic names chief conductor",
            _ORCHESTRA.format(day=day, frame=_FRAMES[day], extra=extra),
            ["org:veldmark-philharmonic"], [])


def _appointments() -> list[StoryItem]:
    return _undated([_appointment(f"m{k}", "Monday", extra) for k, extra in enumerate(_FIRST)]
                    + [_appointment(f"v{k}", "Tuesday", extra) for k, extra in enumerate(_SECOND)])


def test_a_name_marking_one_side_splits_two_events_whose_words_agree(monkeypatch) -> None:
    items = _appointments()
    sim = text_similarity(items)
    first, second = np.arange(12) < 6, np.arange(12) >= 6
    within = np.mean([sim[np.ix_(first, first)][~np.eye(6, dtype=bool)].mean(),
                      sim[np.ix_(second, second)][~np.eye(6, dtype=bool)].mean()])
    across = sim[np.ix_(first, second)].mean()
    # the words alone do not set the two events apart (the first rule does not fire) ...
    assert SPLIT_RATIO * within <= across < NAME_SPLIT_RATIO * within
    stories = cluster_stories(items)
    assert {stories[f"m{k}"] for k in range(6)} == {"m0"}
    assert {stories[f"v{k}"] for k in range(6)} == {"v0"}
    # ... it is the name test that does
    monkeypatch.setattr(stories_module, "_name_evidence", lambda *args: 1.0)
    assert set(cluster_stories(items).values()) == {"m0"}


def test_name_evidence_is_a_corrected_fisher_p_value() -> None:
    side = np.arange(12) < 6
    # "vasch" in all six reports of one side and none of the other: 2 / C(12, 6)
    marked = csr_matrix(np.array([[0.0] * 6 + [1.0] * 6]).T)
    assert stories_module._name_evidence(marked, side) == pytest.approx(2 / 924)
    # two names tested: the smallest p-value is doubled (Bonferroni)
    spread = np.array([[1.0, 0.0] * 6]).T
    two = csr_matrix(np.hstack([marked.toarray(), spread]))
    assert stories_module._name_evidence(two, side) == pytest.approx(2 * 2 / 924)
    # a name carried evenly by both sides is no evidence
    assert stories_module._name_evidence(csr_matrix(spread), side) == pytest.approx(1.0)
    # a name in fewer than MIN_EVENT_REPORTS reports is not tested
    rare = csr_matrix(np.array([[1.0, 1.0] + [0.0] * 10]).T)
    assert stories_module._name_evidence(rare, side) == 1.0
    assert stories_module._name_evidence(None, side) == 1.0
    # figures are not tested: a rising toll marks the later reports of one event
    assert stories_module._name_evidence(marked, side, np.array([True])) == 1.0
    assert stories_module._name_evidence(two, side, np.array([True, False])) == pytest.approx(1.0)


def test_one_event_retold_is_not_split() -> None:
    # the first event alone: every report names Morrow, no name marks a subgroup
    items = _appointments()[:6] + _undated(
        [_appointment(f"x{k}", "Monday", extra) for k, extra in enumerate(_FIRST)])
    assert len(stories_module._split_events(items)) == 1

