"""Default brief length against its sources' words, per story (issue 15: at most a third).

Usage: .venv/bin/newsweave run ../shared/eval/stories/basil/articles.jsonl --db basil.duckdb
       .venv/bin/python benchmarks/brief_length.py --db basil.duckdb [--outlets 3]

Prints JSON over the stories with at least ``--outlets`` independent outlets:
how many, the largest and the median share (words of the default Markdown brief
over words of the story's independent reports, both counted by
``newsweave.present.brief.count_words``), and how many exceed a third.
"""

from __future__ import annotations

import argparse
import json
import statistics

from newsweave import Newsweave
from newsweave.present.brief import count_words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--outlets", type=int, default=3)
    args = parser.parse_args()
    shares = []
    with Newsweave(args.db) as nw:
        for story in nw.stories():
            data = json.loads(nw.brief(story.id, "json"))
            if len(data["outlets"]) < args.outlets or not data["source_words"]:
                continue
            shares.append(count_words(nw.brief(story.id)) / data["source_words"])
    print(json.dumps({"stories": len(shares), "max": round(max(shares), 3),
                      "median": round(statistics.median(shares), 3),
                      "over_a_third": sum(s > 1 / 3 for s in shares)}))


if __name__ == "__main__":
    main()
