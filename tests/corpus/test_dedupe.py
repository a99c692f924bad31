import datetime as dt

import pytest

from newsweave.corpus.dedupe.copies import DedupeItem, find_duplicates
from newsweave.corpus.dedupe.minhash import (
    MinhashConfig,
    band_keys,
    lsh_params,
    make_minhash,
    normalise_text,
)

# An invented wire report of about 200 words, one sentence per entry.
WIRE = [
    ("Dockworkers in Port Elin walked off the job on Thursday after talks over pay "
     "with the harbour authority broke down late on Wednesday night."),
    ("The strike halted container traffic at the three main terminals, and ships "
     "queued outside the breakwater by the afternoon."),
    ("Union secretary Mara Loen said the walkout would continue until the authority "
     "agreed to a nine percent raise and rehired thirty dismissed workers."),
    ("The harbour authority called the strike illegal and said it would not discuss "
     "pay while cranes stood idle."),
    ("Its director, Ivo Brant, told reporters that the port lost about two million "
     "crowns in fees for each day of the stoppage."),
    ("Shipping agents said several vessels had already been diverted to Varna Bay, "
     "forty kilometres along the coast."),
    ("The Harbour Council, which oversees the region's ports, offered to mediate and "
     "proposed a first meeting for Saturday morning."),
    ("Neither side had accepted the offer by late evening, and pickets remained at "
     "the north gate."),
    ("The last dock strike in Port Elin, in 2027, ended after eleven days with a four "
     "percent deal."),
]

OTHER_OUTLET = (
    "Container ships were stuck off Port Elin on Friday as a dock strike entered its "
    "second day. Hundreds of workers gathered at the north gate, where police kept a "
    "path open for lorries leaving the terminals. The dockworkers' union wants higher "
    "pay and the return of colleagues who were dismissed last month, its leader Mara "
    "Loen said in a speech to the crowd. Harbour officials have refused to talk about "
    "wages until the strike ends and say the stoppage costs the port heavily. Traders "
    "in the town fear shortages of fresh produce if the dispute drags on into next "
    "week. The regional Harbour Council has offered to host talks in Varna Bay, and "
    "the union signalled it could attend. Ivo Brant, who runs the harbour authority, "
    "did not reply to a request for comment. A similar dispute seven years ago lasted "
    "almost two weeks before a settlement was reached, and some older workers said "
    "they were ready for a long fight this time as well."
)


def make_item(id: str, body: str, *, outlet: str = "Coastline Daily",
              published: dt.date | None = dt.date(2031, 3, 13)) -> DedupeItem:
    return DedupeItem(id=id, outlet=outlet, published=published, body=body)


def test_wire_reprint_dropping_a_sentence_is_a_copy() -> None:
    original = make_item("a1", " ".join(WIRE))
    reprint = make_item(
        "b7", " ".join(WIRE[:5] + WIRE[6:]) + " (Reporting by Bay Wire staff; editing by Ana Sel)",
        outlet="Bay Wire", published=dt.date(2031, 3, 14),
    )
    assert find_duplicates([reprint, original]) == {"b7": "a1"}


def test_independent_reports_of_the_same_event_are_not_copies() -> None:
    items = [make_item("a1", " ".join(WIRE)),
             make_item("c3", OTHER_OUTLET, outlet="The Northern Ledger")]
    assert find_duplicates(items) == {}


def test_exact_copy_with_other_layout_is_found() -> None:
    body = " ".join(WIRE)
    copy = "\n\n".join(WIRE).upper().replace(",", " ,")
    assert normalise_text(body) == normalise_text(copy)
    items = [make_item("z9", copy, outlet="Elin Radio"), make_item("a1", body)]
    assert find_duplicates(items) == {"z9": "a1"}


def test_original_is_earliest_then_longest_then_smallest_id() -> None:
    body = " ".join(WIRE)
    items = [
        make_item("m", body, published=dt.date(2031, 3, 14)),
        make_item("n", body, published=dt.date(2031, 3, 13)),
        make_item("k", body, published=None),
    ]
    assert find_duplicates(items) == {"k": "n", "m": "n"}
    same_day = [make_item("q", body), make_item("p", body)]
    assert find_duplicates(same_day) == {"q": "p"}


def test_result_does_not_depend_on_input_order() -> None:
    items = [make_item("a1", " ".join(WIRE)), make_item("b7", " ".join(WIRE[1:])),
             make_item("c3", OTHER_OUTLET)]
    assert find_duplicates(items) == find_duplicates(list(reversed(items)))


def test_empty_bodies_are_ignored() -> None:
    assert find_duplicates([make_item("a", ""), make_item("b", "  ")]) == {}


def test_band_keys_are_shared_by_copies_and_stable() -> None:
    config = MinhashConfig()
    bands, rows = lsh_params(config)
    a = band_keys(make_minhash(" ".join(WIRE), config), bands=bands, rows=rows)
    b = band_keys(make_minhash(" ".join(WIRE), config), bands=bands, rows=rows)
    c = band_keys(make_minhash(OTHER_OUTLET, config), bands=bands, rows=rows)
    assert a == b and len(a) == bands
    assert not set(a) & set(c)
    assert all(0 <= key < 2**63 for _, key in a)


def test_config_checks_and_names_itself() -> None:
    assert str(MinhashConfig()) == "minhash_p128_w5_t0.8_c0.5_s1"
    with pytest.raises(ValueError, match="threshold"):
        MinhashConfig(threshold=0.0)


def test_a_paragraph_quoted_in_a_longer_report_is_not_a_copy() -> None:
    quote = " ".join(WIRE[2:4])
    items = [make_item("a1", OTHER_OUTLET + " " + quote), make_item("q1", quote)]
    assert find_duplicates(items) == {}


def test_candidate_pairs_share_a_band_key_with_a_new_article() -> None:
    from newsweave.corpus.dedupe.copies import candidate_pairs
    from newsweave.store import connect
    from newsweave.store.writer import insert_rows

    rows = [("b", 0, 11), ("a", 0, 11), ("c", 0, 12), ("c", 1, 7), ("a", 1, 7), ("b", 1, 7),
            ("d", 2, 7)]
    conn = connect(":memory:")
    insert_rows(conn, "dedupe_bands", [{"article_id": i, "band": band, "key": key}
                                       for i, band, key in rows])
    # bucket (0, 11) holds a, b; bucket (1, 7) holds a, b, c; d is alone in band 2
    assert candidate_pairs(conn, {"a", "b", "c", "d"}) == [("a", "b"), ("a", "c"), ("b", "c")]
    # only pairs with a new article: stored articles were compared when they were new
    assert candidate_pairs(conn, {"c"}) == [("a", "c"), ("b", "c")]
    assert candidate_pairs(conn, set()) == []
    # the temporary view is gone afterwards
    assert conn.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = "
                        "'_nw_new'").fetchone()[0] == 0


def test_reprint_with_a_sentence_dropped_and_a_word_edited_is_a_copy() -> None:
    base = " ".join(f"Sentence {k} of the invented harbour report tells what happened at "
                    f"berth {k}." for k in range(30))
    # a reprint drops a sentence and edits a word; the longer original ranks first
    reprint = base.replace("Sentence 3 of the invented harbour report tells what happened at "
                           "berth 3.", "").replace("Sentence 7 of", "Line 7 of")
    other = " ".join(f"Paragraph {k} describes a different invented event at gate {k}."
                     for k in range(30))
    items = [DedupeItem(id="orig", outlet="A", published=None, body=base),
             DedupeItem(id="copy", outlet="B", published=None, body=reprint),
             DedupeItem(id="else", outlet="C", published=None, body=other)]
    assert find_duplicates(items) == {"copy": "orig"}


def test_the_same_id_twice_is_one_article_not_a_copy() -> None:
    body = " ".join(WIRE)
    assert find_duplicates([make_item("a1", body), make_item("a1", body)]) == {}


def test_a_flood_of_copies_pairs_each_with_a_few_anchors_not_with_all() -> None:
    # 5,000 wire copies of one report share every band key: pairing each with all
    # the others is 12.5 million pairs a band (the store ran out of memory); each
    # copy is compared with a bucket's first few members instead, and every copy
    # still joins the one group
    from newsweave.corpus.dedupe.copies import MAX_BUCKET_ANCHORS, candidate_pairs
    from newsweave.store import connect
    from newsweave.store.writer import insert_rows

    n = 400
    ids = [f"a{k:04d}" for k in range(n)]
    conn = connect(":memory:")
    insert_rows(conn, "dedupe_bands", [{"article_id": i, "band": band, "key": 7}
                                       for i in ids for band in range(4)])
    pairs = candidate_pairs(conn, set(ids))
    assert len(pairs) <= n * MAX_BUCKET_ANCHORS
    # every article meets the bucket's anchors, so the pairs connect them all
    anchors = ids[:MAX_BUCKET_ANCHORS]
    assert {b for a, b in pairs if a == anchors[0]} == set(ids[1:])
    # a bucket no bigger than the anchors still gives every pair
    small = ids[:MAX_BUCKET_ANCHORS]
    conn2 = connect(":memory:")
    insert_rows(conn2, "dedupe_bands", [{"article_id": i, "band": 0, "key": 7} for i in small])
    assert len(candidate_pairs(conn2, set(small))) == len(small) * (len(small) - 1) // 2


def test_many_copies_of_one_report_are_all_found() -> None:
    body = " ".join(WIRE)
    items = [make_item(f"c{k:03d}", f"Report {k} of {k * 7} ships. {body}",
                       published=dt.date(2031, 3, 13) + dt.timedelta(days=k % 3))
             for k in range(150)]
    copies = find_duplicates(items)
    assert len(copies) == 149
    assert len(set(copies.values())) == 1
