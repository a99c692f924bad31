"""Helpers shared by the extract modules: ids, mention lookup, certainty, chrome."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from newsweave.annotate import doc_text
from newsweave.gazetteer import Gazetteer
from newsweave.records import Actor, Article, Certainty, Mention, Resolution, SentenceTime
from newsweave.words import word_list, word_set

# Dependency labels we follow from a head noun to the names that qualify it
# ("Ukraine's delegation", "Russian forces", "delegations from Russia").
_NAME_DEPS = frozenset({"compound", "poss", "amod", "appos", "nmod", "pobj", "npadvmod"})
_NAME_PREPS = frozenset({"of", "from"})

_REPORTED_ADVS = word_set("reported_adverbs")
_REPORTED_VERBS = word_set("reported_verbs")
_EXPECTED_VERBS = word_set("expected_verbs")
# Heads that make the clause below them an offer or a promise: "ready to talk",
# "willing to withdraw", "offered to mediate", "vowed to fight".
INTENT_WORDS = word_set("intent_words")
_FAILURE_VERBS = frozenset({"fail"})
# Verbs of wishing, weighing, fearing and asking: the act in their content has not
# happened ("want to attack", "considering whether to arrest", "fear that X will burn",
# "dreams of invading").
ATTITUDE_VERBS = word_set("attitude_words")
# Attitudes that are the subject's own wish: an intent when the act is cooperation
# ("wants to meet" is CAMEO 036, express intent to meet). Considering an option is
# CAMEO 014, a statement, and codes nothing.
WISH_VERBS = word_set("wish_verbs")
# Verbs that carry a nominal act as planned, not held ("planning a protest").
_PLANNING_VERBS = frozenset({"plan", "prepare", "schedule"})
# Nouns whose content clause is an accusation, and the verbs that dispute one.
_ALLEGATIONS = word_set("allegation_nouns")
_DISPUTING_VERBS = word_set("disputing_verbs")
# Verbs whose that-clause the speaker says did not happen.
_DENIAL_VERBS = frozenset({"deny", "refute"})
_NOBODY = word_set("nobody_words")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Complementisers of an open question ("whether the troops will withdraw").
_QUESTION_MARKS = frozenset({"whether"})
# How far up the clause tree the attitude or question may sit.
_ATTITUDE_REACH = 3
_HYPOTHETICAL_AUX = word_set("hedging_modals")
_EXPECTED_AUX = word_set("announcing_modals")
_CONDITIONAL_MARKS = frozenset({"if", "unless"})

# Site furniture that slips through cleaning ("Click here to subscribe"). Words
# that real news uses ("declined to comment", "on Telegram") are left out.
_CHROME_CUES = word_list("chrome_cues")


def stable_id(*parts: object) -> str:
    """A short deterministic id from the given parts (same input, same id, on every run)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character bounds of a sentence without its surrounding whitespace."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return sent.start_char, sent.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def sentence_text(sent: Span) -> str:
    """The sentence text without surrounding whitespace."""
    start, end = sentence_bounds(sent)
    return doc_text(sent.doc)[start:end]


# Words in a name that make it a news medium ("the Harbour Gazette", "Velmar News
# Agency"): a medium reports stances, it does not hold them.
_MEDIA_NAME_WORDS = word_set("media_name_words")
# Heads of unnamed reporting frames: "the newspaper said", "the report said".
_MEDIA_NOUNS = word_set("media_nouns")
# Verbs by which a medium names its source: "citing the ministry", "quoting X".
_CITING_VERBS = frozenset({"cite", "quote"})


# A dateline's credit at the start of a sentence: "San Francisco (AFP) -",
# "LONDON, April 7 (Reuters) --", "Helsinki (AFP) —".
_DATELINE_RE = re.compile(r"\s*[A-Z][^()\n]{0,60}?\([^()\n]{1,30}\)\s*(?:--|[-–—])\s")


def _datelines(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of the dateline credits that open the doc's sentences."""
    text = doc_text(doc)
    spans = []
    for sent in doc.sents:
        match = _DATELINE_RE.match(text, sent.start_char, sent.end_char)
        if match is not None:
            spans.append((sent.start_char, match.end()))
    return spans


class MentionIndex:
    """Token-level lookup of the resolve stage's mentions (actors and places) and of
    each sentence's resolved time.

    Args:
        doc: the parse the resolution points into.
        resolution: from :func:`newsweave.resolve.resolve_article`.
        gazetteer: the run's gazetteer, the one the resolve stage used (names of
            the states and countries that events add).
    """

    def __init__(self, doc: Doc, resolution: Resolution, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._times = {t.start: t for t in resolution.sentences}
        self.actor_of: dict[int, Mention] = {}
        self.place_of: dict[int, Mention] = {}
        self.country_of: dict[str, str | None] = {a.id: a.country for a in resolution.actors}
        self.kind_of: dict[str, str] = {a.id: a.kind for a in resolution.actors}
        self.name_of: dict[str, str] = {a.id: a.name for a in resolution.actors}
        self.sector_of: dict[str, str | None] = {a.id: a.sector for a in resolution.actors}
        self._resolution = resolution
        self._place_country = {p.id: p.country for p in resolution.places}
        datelines = _datelines(doc)
        for mention in resolution.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            # the place and agency of a dateline filed the report; they act in nothing
            in_dateline = any(s <= mention.start and mention.end <= e for s, e in datelines)
            for token in span:
                if mention.actor_id and not in_dateline and token.i not in self.actor_of:
                    self.actor_of[token.i] = mention
                if mention.place_id and token.i not in self.place_of:
                    self.place_of[token.i] = mention

    def time_of(self, sent: Span) -> SentenceTime:
        """The date and background flag the resolve stage gave the sentence."""
        try:
            return self._times[sent.start_char]
        except KeyError:
            raise KeyError(
                f"no resolved time for the sentence at {sent.start_char}: pass the "
                "Resolution that resolve_article made for this parse") from None

    def actors_in(self, tokens: Iterable[Token]) -> list[str]:
        """Distinct actor ids mentioned by ``tokens``, in text order."""
        seen: list[str] = []
        for token in tokens:
            mention = self.actor_of.get(token.i)
            if mention and mention.actor_id and mention.actor_id not in seen:
                seen.append(mention.actor_id)
        return seen

    def actor_tokens(self, head: Token) -> list[Token]:
        """The tokens naming the actors of the phrase headed by ``head`` (and its conjuncts).

        Walks down from each head through name-bearing dependents (compound,
        possessive, adjective, apposition, "of"/"from" phrases) breadth first and
        keeps the nearest level that hits an actor mention.
        """
        found: list[Token] = []
        for start in [head, *head.conjuncts]:
            found.extend(self._nearest_named(start))
        return found

    def actors_of(self, head: Token | None) -> list[str]:
        """Actor ids for the phrase headed by ``head`` (see :meth:`actor_tokens`)."""
        if head is None:
            return []
        return self.actors_in(self.actor_tokens(head))

    def _nearest_named(self, start: Token) -> list[Token]:
        level = [start]
        for _ in range(4):
            hits = [t for t in level if t.i in self.actor_of]
            # A name in apposition is the head itself ("Ukraine's president, Viktor
            # Yanukovych"); possessives and adjectives only qualify it.
            hits = [t for t in hits if t.dep_ in ("appos", "compound")] or hits
            if hits:
                # "delegations from Russia and Ukraine": both conjuncts are named.
                more = [c for t in hits for c in t.conjuncts if c.i in self.actor_of]
                hits += [c for c in more if c not in hits]
                return hits + self._country_owner(hits)
            level = [c for t in level for c in t.children if _descend(t, c)]
            if not level:
                break
        return []


    def state_of_place(self, token: Token) -> str | None:
        """The state actor of the country a place token lies in ("shelled Juba" -> Sudan).

        Adds the state to the resolution's actors when the article does not name it.
        """
        mention = self.place_of.get(token.i)
        iso3 = self._place_country.get(mention.place_id or "") if mention else None
        return self._state_actor(iso3) if iso3 else None

    def state_of_iso3(self, iso3: str) -> str:
        """The state actor of a country (added to the resolution when the article lacks it)."""
        return self._state_actor(iso3)

    def _state_actor(self, iso3: str) -> str:
        actor_id = f"state:{iso3}"
        if actor_id not in self.country_of:
            entry = self.gazetteer.countries.get(iso3)
            self._resolution.actors.append(
                Actor(id=actor_id, name=entry.name if entry else iso3, kind="state", country=iso3)
            )
            self.country_of[actor_id] = iso3
            self.kind_of[actor_id] = "state"
        return actor_id

    def state_of_place_id(self, place_id: str | None) -> str | None:
        """The state actor of the country a resolved place lies in (see :meth:`state_of_place`)."""
        iso3 = self.place_country(place_id)
        return self._state_actor(iso3) if iso3 else None

    def place_country(self, place_id: str | None) -> str | None:
        """ISO3 of the country a resolved place lies in."""
        return self._place_country.get(place_id or "")

    def unidentified_in(self, iso3: str) -> str:
        """The actor id for an unnamed party acting in a country ("a roadside bomb near
        Samarra"): CAMEO codes such actors with the country where they act.

        Adds the actor to the resolution when the article does not have it yet.
        """
        actor_id = f"unidentified:{iso3}"
        if actor_id not in self.country_of:
            # the run's gazetteer: a user's country has its name too
            entry = self.gazetteer.countries.get(iso3)
            name = entry.name if entry else iso3
            self._resolution.actors.append(
                Actor(id=actor_id, name=f"Unidentified actor in {name}", kind="group",
                      country=iso3)
            )
            self.country_of[actor_id] = iso3
            self.kind_of[actor_id] = "group"
        return actor_id

    def _country_owner(self, hits: list[Token]) -> list[Token]:
        """ "Israel's Cabinet", "the Palestinian Islamic Jihad movement": when the named
        actors have no country, the country that qualifies them is named too."""
        if any(self.country_of.get(self.actor_of[t.i].actor_id or "") for t in hits):
            return []
        ids = {self.actor_of[t.i].actor_id for t in hits}
        owners: list[Token] = []
        for token in hits:
            phrase = [token.head] if token.dep_ in ("compound", "amod") else [token]
            for node in phrase:
                for child in node.children:
                    if child.dep_ not in ("poss", "amod", "compound") or child.i not in self.actor_of:
                        continue
                    mention = self.actor_of[child.i]
                    if mention.actor_id not in ids and self.country_of.get(mention.actor_id or ""):
                        owners.append(child)
        return owners


def _descend(parent: Token, child: Token) -> bool:
    if child.dep_ == "prep":
        return child.lower_ in _NAME_PREPS
    if child.dep_ == "pobj":
        return parent.lower_ in _NAME_PREPS
    return child.dep_ in _NAME_DEPS


def clause_chain(token: Token) -> list[Token]:
    """The token plus the verbs it is an xcomp/conj of ("continue to demand" -> demand, continue)."""
    chain = [token]
    while chain[-1].dep_ in ("xcomp", "conj") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def certainty(
    token: Token, sent: Span, noun: Token | None = None, *, event: str | None = None
) -> Certainty:
    """How the text commits to the event expressed by ``token`` (and its nominal trigger).

    Order of precedence: negated, conditional, hypothetical, expected, reported, asserted.
    A threat keeps its "if" clause: the condition is what is threatened, not the threat.
    """
    chain = clause_chain(token)
    kids = [c for t in chain for c in t.children]
    if any(c.dep_ == "neg" for c in kids) or (noun is not None and _negated_noun(noun)):
        return "negated"
    if any(_negated_noun(c) or c.lower_ in _NOBODY for c in kids if c.dep_ in _SUBJECT_DEPS):
        return "negated"  # "no one was detained", "nobody fired"
    if token.dep_ == "ccomp" and lemma_forms(token.head) & _DENIAL_VERBS:
        return "negated"  # "denied that its jets had bombed the hospital"
    if _denied_allegation(token):
        return "negated"  # "rejected an allegation that he raped a girl"
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _FAILURE_VERBS:
        return "negated"  # "failed to reach agreement" (not "failed to X but later did Y")
    if _conditional(token, chain) and event != "THREATEN":
        return "conditional"
    if counterfactual(token) or unrealised_attitude(token):
        return "hypothetical"
    auxes = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if auxes & _HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxes & _EXPECTED_AUX or any(t.lemma_.lower() in _EXPECTED_VERBS for t in chain[1:]):
        return "expected"
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _EXPECTED_VERBS:
        return "expected"
    if noun is not None and noun.i != token.i and lemma_forms(token) & _PLANNING_VERBS:
        return "expected"  # "are planning a protest": the act is planned, not held
    if is_intent(token):
        return "expected"
    if any(c.lower_ in _REPORTED_ADVS for c in kids) or _reported_frame(chain, sent):
        return "reported"
    return "asserted"


def _content_governors(token: Token) -> list[Token]:
    """The clause heads above ``token`` whose content it is, nearest first.

    Follows infinitives, coordinations, that/whether clauses and "of"-gerunds
    ("dreams of invading") up to ``_ATTITUDE_REACH`` steps; stops at the root.
    """
    out: list[Token] = []
    node = token
    for _ in range(_ATTITUDE_REACH):
        if node.head.i == node.i:
            break
        if node.dep_ == "ccomp" and not _marked_content(node):
            # "X wants ..., terms Y reject": a bare clause the parser hung under the verb.
            break
        if node.dep_ in ("xcomp", "ccomp", "conj", "csubj"):
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.head.i:
            node = node.head.head
        else:
            break
        out.append(node)
    return out


def _denied_allegation(token: Token) -> bool:
    """Whether the clause is the content of an accusation its target denies.

    "rejected an allegation that he raped a girl", "denied charges that it tortured a
    priest": the act is contested by the speaker, so it is not reported as done.
    """
    noun = token.head
    if token.dep_ not in ("acl", "ccomp", "relcl") or noun.lemma_.lower() not in _ALLEGATIONS:
        return False
    governor = noun.head
    while noun.dep_ == "prep" or governor.dep_ == "prep":
        governor = governor.head
    return noun.dep_ in ("dobj", "pobj", "conj") and bool(lemma_forms(governor) & _DISPUTING_VERBS)


def _marked_content(clause: Token) -> bool:
    """Whether a that-clause reads as content: a complementiser or a modal ("fear that X will")."""
    return any(
        (c.dep_ == "mark" and c.lower_ in ("that", "whether", "if"))
        or (c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX | _EXPECTED_AUX | {"to"})
        for c in clause.children
    )


def unrealised_attitude(token: Token) -> bool:
    """Whether the clause is the content of a wish, a fear, a deliberation or a question.

    "The rebels want to attack", "the minister is considering whether to arrest",
    "residents fear that the militia will burn", "nobody knows whether they will
    withdraw": the act did not take place. Speech verbs are not attitudes ("said
    it had attacked" reports an act).
    """
    if any(m.dep_ == "mark" and m.lower_ in _QUESTION_MARKS for m in token.children):
        return True
    for governor in _content_governors(token):
        if lemma_forms(governor) & ATTITUDE_VERBS:
            return True
        if any(m.dep_ == "mark" and m.lower_ in _QUESTION_MARKS for m in governor.children):
            return True
    return False


def lemma_forms(token: Token) -> set[str]:
    """The parser's lemma and the word with a regular ending removed ("hopes" -> "hope").

    The small model mis-lemmatises some forms ("hopes" -> "hop"); the stripped
    forms let word lists still match.
    """
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    for suffix, repl in (("ies", "y"), ("es", "e"), ("s", ""), ("ed", "e"), ("ed", ""),
                         ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)] + repl)
    return forms


def counterfactual(token: Token) -> bool:
    """ "would have killed", "could have attacked": an act that did not happen."""
    auxes = [c.lower_ for t in clause_chain(token) for c in t.children if c.dep_ == "aux"]
    return any(m in _HYPOTHETICAL_AUX | {"would"} for m in auxes) and "have" in auxes


def is_intent(token: Token) -> bool:
    """Whether the clause is offered or promised ("is ready to withdraw", "offered to mediate")."""
    if any(t.lemma_.lower() in INTENT_WORDS for t in clause_chain(token)[1:]):
        return True
    # "have sworn to fight": the parser sometimes attaches the infinitive as advcl.
    return (
        token.dep_ == "advcl"
        and token.head.lemma_.lower() in INTENT_WORDS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _conditional(token: Token, chain: list[Token]) -> bool:
    # Inside an "if" clause, or governing one ("If talks fail, Japan will impose ...").
    path = [token, *token.ancestors]
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for t in path for c in t.children):
        return True
    clauses = [c for t in chain for c in t.children if c.dep_ == "advcl"]
    return any(
        m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for c in clauses for m in c.children
    )


def _negated_noun(noun: Token) -> bool:
    return any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not") for c in noun.children)


def _reported_frame(chain: list[Token], sent: Span) -> bool:
    if "according to" in sent.text.lower():
        return True
    # "is said to have", "was reported to": a passive reporting verb over the clause
    return any(
        t.lemma_.lower() in _REPORTED_VERBS and any(c.dep_ == "auxpass" for c in t.children)
        for t in chain[1:]
    )


def is_chrome(sent: Span) -> bool:
    """Whether a sentence is obviously site chrome or too thin to state a fact."""
    text = sentence_text(sent).lower()
    words = [t for t in sent if t.is_alpha]
    if len(words) < 3:
        return True
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True
    return any(cue in text for cue in _CHROME_CUES)


def phrase_text(tokens: Iterable[Token]) -> str:
    """The surface text of tokens (in text order), trimmed of edge punctuation and conjunctions."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (ordered[0].is_punct or ordered[0].dep_ == "cc" or ordered[0].is_space):
        ordered.pop(0)
    while ordered and (ordered[-1].is_punct or ordered[-1].dep_ == "cc" or ordered[-1].is_space):
        ordered.pop()
    if not ordered:
        return ""
    parts: list[str] = []
    for token, nxt in pairwise(ordered):
        gap = nxt.i != token.i + 1 and not token.whitespace_
        parts.append(token.text_with_ws + (" " if gap else ""))
    parts.append(ordered[-1].text)
    return "".join(parts).strip()


def normalise_phrase(tokens: Iterable[Token], index: MentionIndex) -> str:
    """Lower-case lemmas with actor mentions replaced by actor ids; determiners and punctuation dropped."""
    out: list[str] = []
    for token in sorted(tokens, key=lambda t: t.i):
        mention = index.actor_of.get(token.i)
        if mention is not None and mention.actor_id:
            if not out or out[-1] != mention.actor_id:
                out.append(mention.actor_id)
            continue
        if token.is_punct or token.is_space or token.pos_ == "DET" or token.dep_ == "case":
            continue
        out.append(token.lemma_.lower())
    return " ".join(out)


def is_medium(party: str, index: MentionIndex, article: Article) -> bool:
    """Whether a party is a news medium or a report: the article's own outlet, an
    organisation of the media sector, a name with a media word ("Gazette", "News"),
    or an unnamed frame ("the newspaper", "the report")."""
    name = index.name_of.get(party)
    if name is None:  # unresolved: the subject's own words, lower-cased
        words = party.split()
        return bool(words) and words[-1] in _MEDIA_NOUNS | _MEDIA_NAME_WORDS
    if index.sector_of.get(party) == "MED" or name.lower() == (article.outlet or "").lower():
        return True
    # any kind: the NER tags some media names PERSON ("The Harbour Gazette")
    return bool({w.lower() for w in name.split()} & _MEDIA_NAME_WORDS)


def cited_heads(sent: Span) -> list[Token]:
    """Heads of the sources a sentence cites: "citing the ministry", "quoting X",
    "according to the ministry" (in text order)."""
    heads: list[Token] = []
    for token in sent:
        if token.lemma_.lower() in _CITING_VERBS and token.pos_ == "VERB":
            heads += [c for c in token.children if c.dep_ == "dobj"]
        elif token.lower_ == "according":
            heads += [p for c in token.children if c.lower_ == "to"
                      for p in c.children if p.dep_ == "pobj"]
    return heads
