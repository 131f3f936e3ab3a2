"""Find countries, regions, organisations, models and benchmarks in text using data/lexicon.csv."""

from __future__ import annotations

import bisect
import csv
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs

from helpers import paths, schema
from helpers.errors import UserError

TYPES = schema.list_enum("lexicon", "type")
COLUMNS = schema.list_columns("lexicon")
_ISO = re.compile(r"[A-Z]{2}")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)

# A version tag written right after a model name: 文心大模型4.0, 通义千问2.5, 百川2, ChatGLM3.
_VERSION = re.compile(r"[-\s]?\d+(?:\.\d+)*[A-Za-z]*(?:-[A-Za-z0-9]+)*")

Entity = tuple[str, str, str, int, int]  # name, type, country, start, end


@dataclass(frozen=True, slots=True)
class _Row:
    """One lexicon row."""

    name: str
    type: str
    country: str
    name_en: str = ""


def _get_span_key(entity: Entity) -> tuple[int, int]:
    """Return the (start, end) of an entity, its sort key."""
    return entity[3], entity[4]


def _build_trie_pattern(words: list[str]) -> str:
    """Return a regex matching any of ``words``, longest first, built as a prefix tree."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        """Return the pattern for one trie node."""
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return build(trie) or r"(?!)"


def _is_ascii_bounded(text: str, start: int, end: int) -> bool:
    """Return True unless an ASCII alias end touches another ASCII letter or digit."""
    # Slices, not indexes: an empty one at the text's edges is no letter.
    if text[start] in _ASCII_ALNUM and text[start - 1 : start] in _ASCII_ALNUM:
        return False
    return not (text[end - 1] in _ASCII_ALNUM and text[end : end + 1] in _ASCII_ALNUM)


@dataclass(slots=True)
class Lexicon:
    """Named entities with their type and ISO country; built by ``load_lexicon``.

    Aliases of two or more characters match anywhere (longest first). One-character aliases
    (中, 美, 日 …) are abbreviations: they match only in runs of two or more such characters
    that no longer alias covers, as in 中美 or 中日韩.
    """

    rows: dict[str, _Row]
    abbreviations: dict[str, _Row]
    _pattern: re.Pattern[str] = field(init=False)
    _automaton: ahocorasick_rs.AhoCorasick | None = field(init=False)
    _alias_country: list[str] = field(init=False)
    _ascii_edged: frozenset[int] = field(init=False)
    _abbr_pattern: re.Pattern[str] | None = field(init=False)
    _models: frozenset[str] = field(init=False)
    _model_lengths: tuple[int, ...] = field(init=False)
    _model_last_chars: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        """Compile the alias patterns."""
        self._pattern = re.compile(_build_trie_pattern(list(self.rows)))
        # The same leftmost-longest matches as ``_pattern``, found in Rust (the extractor's
        # per-context countries): each alias's country, in the automaton's order, and the
        # aliases with an ASCII end, which need the word-edge test.
        aliases = list(self.rows)
        self._automaton = (
            ahocorasick_rs.AhoCorasick(aliases, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            if aliases
            else None
        )
        self._alias_country = [self.rows[a].country for a in aliases]
        self._ascii_edged = frozenset(
            k for k, a in enumerate(aliases) if a[0] < "\x80" or a[-1] < "\x80"
        )
        self._models = frozenset(a for a, row in self.rows.items() if row.type == "model")
        self._model_lengths = tuple(sorted({len(a) for a in self._models}))
        self._model_last_chars = frozenset(a[-1] for a in self._models)
        abbr = f"[{re.escape(''.join(sorted(self.abbreviations)))}]"
        # Written [x][x]+, not [x]{2,}: a pattern that starts with a character class is
        # searched for in C; one that starts with a repeat is tried at every position.
        self._abbr_pattern = (
            re.compile(f"{abbr}{abbr}+(?![文语語双雙])") if self.abbreviations else None
        )

    def __reduce__(self):
        """Pickle as the rows alone (the automaton cannot be pickled): rebuilt on unpickling."""
        return (Lexicon, (self.rows, self.abbreviations))

    def entities_in(self, text: str) -> list[Entity]:
        """Return (name, type, country, start, end) for every entity in ``text``, in order."""
        found: list[Entity] = []
        rows = self.rows
        for m in self._pattern.finditer(text):
            alias = m.group()
            start, end = m.span()
            if (alias[0] < "\x80" or alias[-1] < "\x80") and not _is_ascii_bounded(
                text, start, end
            ):
                continue
            row = rows[alias]
            found.append((row.name, row.type, row.country, start, end))
        if self._abbr_pattern is not None:
            added = self._add_abbreviations(text, found)
            if added:
                found.sort(key=_get_span_key)
        return found

    def _add_abbreviations(self, text: str, found: list[Entity]) -> bool:
        """Append one-character abbreviations in runs such as 中美 to ``found``; True if any."""
        starts = [e[3] for e in found]
        added = False
        for m in self._abbr_pattern.finditer(text):
            run: list[int] = []
            for i in range(m.start(), m.end() + 1):
                if (
                    i < m.end()
                    and not _is_covered(found, starts, i)
                    and not (i == m.start() and _is_word_tail(text, i))
                ):
                    run.append(i)
                    continue
                if len(run) >= 2:
                    for j in run:
                        row = self.abbreviations[text[j]]
                        found.append((row.name, row.type, row.country, j, j + 1))
                        added = True
                run = []
        return added

    def _add_abbreviation_spans(self, text: str, found: list[tuple[int, int, str]]) -> None:
        """Append (start, end, country) of abbreviations such as 中美 to ``found`` (sorted (start,
        end, country) of the longer aliases), as ``_add_abbreviations`` does."""
        search = self._abbr_pattern.search
        m = search(text)  # most texts have no run: cheaper than starting ``finditer``
        if m is None:
            return
        starts = [f[0] for f in found]
        while m is not None:
            run: list[int] = []
            for i in range(m.start(), m.end() + 1):
                k = bisect.bisect_right(starts, i) - 1
                covered = k >= 0 and found[k][1] > i
                if i < m.end() and not covered and not (i == m.start() and _is_word_tail(text, i)):
                    run.append(i)
                    continue
                if len(run) >= 2:
                    found += [(j, j + 1, self.abbreviations[text[j]].country) for j in run]
                run = []
            m = search(text, m.end())

    def find(self, name: str):
        """Return the lexicon row that ``name`` is the name or an alias of, or None."""
        name = name.strip()
        return self.rows.get(name) or self.abbreviations.get(name)

    def countries_in(self, text: str) -> tuple[str, ...]:
        """Return the sorted, distinct ISO codes of every entity (of any type) in ``text``."""
        return tuple(sorted({e[2] for e in self.entities_in(text) if e[2]}))

    def list_countries_per_span(
        self, text: str, spans: list[tuple[int, int]]
    ) -> list[tuple[str, ...]]:
        """Return the sorted, distinct countries of the entities inside each of the sorted,
        distinct ``spans`` of ``text`` (their ends sorted too, as contexts' are); entities are
        looked for once per run of overlapping or touching spans, in their union."""
        out: list[tuple[str, ...]] = []
        if self._automaton is None:
            return [()] * len(spans)
        find, abbr = self._automaton.find_matches_as_indexes, self._abbr_pattern
        i, n = 0, len(spans)
        while i < n:
            lo, hi = spans[i]
            j = i + 1
            while j < n and spans[j][0] <= hi:
                hi = spans[j][1]
                j += 1
            piece = text[lo:hi]
            matches = find(piece)
            if j == i + 1 and (abbr is None or abbr.search(piece) is None):
                out.append(self._list_countries(piece, matches) if matches else ())
                i = j
                continue
            found = self._list_country_spans(piece, matches)
            if abbr is not None:
                self._add_abbreviation_spans(piece, found)
                found.sort()
            starts = [f[0] for f in found]
            out += [_list_countries_within(found, starts, a - lo, b - lo) for a, b in spans[i:j]]
            i = j
        return out

    def _list_countries(self, piece: str, matches: list[tuple[int, int, int]]) -> tuple[str, ...]:
        """Return the sorted, distinct countries of the automaton's ``matches`` in ``piece``."""
        country, edged = self._alias_country, self._ascii_edged
        found = {
            country[k] for k, s, e in matches if k not in edged or _is_ascii_bounded(piece, s, e)
        }
        found.discard("")
        return tuple(sorted(found))

    def _list_country_spans(
        self, piece: str, matches: list[tuple[int, int, int]]
    ) -> list[tuple[int, int, str]]:
        """Return (start, end, country) of the automaton's ``matches`` in ``piece`` (country
        may be empty)."""
        country, edged = self._alias_country, self._ascii_edged
        return [
            (s, e, country[k])
            for k, s, e in matches
            if k not in edged or _is_ascii_bounded(piece, s, e)
        ]

    def is_after_model(self, text: str, pos: int) -> bool:
        """Return True when a model name ends at ``pos`` (or one space or hyphen before it)."""
        if not pos:
            return False
        before, last = text[pos - 1], self._model_last_chars
        if before in last and self._ends_model(text, pos):
            return True
        if before not in " -" or pos < 2 or text[pos - 2] not in last:
            return False
        return self._ends_model(text, pos - 1)

    def _ends_model(self, text: str, end: int) -> bool:
        """Return True when a model name ends at ``end``."""
        for length in self._model_lengths:
            if length > end:
                break
            if text[end - length : end] in self._models:
                return True
        return False

    def model_spans(self, text: str, entities: list[Entity] | None = None) -> list[tuple[int, int]]:
        """Return spans of model names together with a version tag written right after them."""
        spans = []
        if entities is None:
            entities = self.entities_in(text)
        for _name, typ, _country, start, end in entities:
            if typ != "model":
                continue
            v = _VERSION.match(text, end)
            spans.append((start, v.end() if v else end))
        return spans


# Characters that, right before 中 or 日, make it part of a word (其中, 26日): not an abbreviation.
_WORD_BEFORE = {
    "中": frozenset("其集之当空心期初高居从命射打暗途无家正"),
    "日": frozenset("0123456789零〇一二三四五六七八九十今昨明每节假生白工时近某周末次翌"),
}


def _is_word_tail(text: str, i: int) -> bool:
    """Return True when the abbreviation character at ``i`` ends a word with the one before."""
    return i > 0 and text[i - 1] in _WORD_BEFORE.get(text[i], ())


def _is_covered(found: list[Entity], starts: list[int], i: int) -> bool:
    """Return True when offset ``i`` lies inside one of the (sorted) ``found`` entities."""
    k = bisect.bisect_right(starts, i) - 1
    return k >= 0 and found[k][4] > i


def _list_countries_within(
    found: list[tuple[int, int, str]], starts: list[int], lo: int, hi: int
) -> tuple[str, ...]:
    """Return the sorted, distinct countries of the ``found`` (start, end, country), sorted by
    start (``starts``), that lie inside [lo, hi): a bisect, then only the entities from there on
    that start before ``hi`` (a document of touching sentences is one run of many spans)."""
    countries = set()
    k = bisect.bisect_left(starts, lo)
    while k < len(found) and found[k][0] < hi:
        _, end, country = found[k]
        if end <= hi and country:
            countries.add(country)
        k += 1
    return tuple(sorted(countries))


def _make_error(path: Path, line: int, message: str) -> UserError:
    """Return a UserError naming ``path``'s file name and ``line``."""
    return UserError(f"{path.name}:{line}: {message}")


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Read and validate the lexicon CSV (default ``data/lexicon.csv``) into a Lexicon."""
    path = (Path(path) if path is not None else paths.DATA_DIR / "lexicon.csv").resolve()
    try:
        info = path.stat()
        version = (info.st_size, info.st_mtime_ns)
    except OSError:
        version = (-1, -1)
    return _load_cached(path, version)


@lru_cache(maxsize=8)
def _load_cached(path: Path, version: tuple[int, int]) -> Lexicon:
    """Load ``path`` once per file version (``version`` only keys the cache)."""
    from helpers.textio import read_text

    text = read_text(path)
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise _make_error(path, 1, f"header must be {','.join(COLUMNS)}; fix the first line")
    rows: dict[str, _Row] = {}
    abbreviations: dict[str, _Row] = {}
    for line_no, record in enumerate(reader, start=2):
        if not record or all(not c.strip() for c in record):
            continue
        if len(record) != len(COLUMNS):
            raise _make_error(path, line_no, f"has {len(record)} fields, expected {len(COLUMNS)}")
        fields = dict(zip(COLUMNS, (c.strip() for c in record), strict=True))
        name, aliases, typ, country = (fields[c] for c in ("name", "aliases", "type", "country"))
        if not name:
            raise _make_error(path, line_no, "field 'name' is empty; give the entity's name")
        if typ not in TYPES:
            raise _make_error(
                path, line_no, f"field 'type' is {typ!r}; use one of {', '.join(TYPES)}"
            )
        if country and not _ISO.fullmatch(country):
            raise _make_error(
                path, line_no, f"field 'country' is {country!r}; use an ISO 3166 code such as CN"
            )
        row = _Row(name, typ, country, fields.get("name_en", ""))
        for alias in [name, *(a.strip() for a in aliases.split("|"))]:
            if not alias:
                continue
            table = abbreviations if len(alias) == 1 else rows
            if alias in table and table[alias] != row:
                raise _make_error(
                    path,
                    line_no,
                    f"field 'aliases': {alias!r} is already used by "
                    f"{table[alias].name}; keep one meaning per alias",
                )
            table[alias] = row
    return Lexicon(rows, abbreviations)
