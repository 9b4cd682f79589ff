"""The kindness reminder: does a text read as hostile? Word and pattern lists per language, and the wijk's.

The lists live in this folder, one file per language (`nl.txt`, `en.txt`, ...): a plain line is a word or
phrase, matched as whole words, ignoring case and accents; a line starting with `re:` is a regular expression;
`#` starts a comment. Coordinators add words for their own wijk (`KindnessWord`). Nothing here blocks
anything: the author is asked to rephrase and may still publish.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fold(text):
    """Lower case without accents, so that "Idióót" matches "idioot"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _phrase_pattern(phrase):
    words = [re.escape(word) for word in fold(phrase).split()]
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def parse(lines):
    """[(label, compiled pattern)] of the lines of a list."""
    rules = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("re:"):
            try:
                rules.append((line[3:].strip(), re.compile(line[3:].strip(), re.IGNORECASE)))
            except re.error:
                continue  # a broken pattern in a data file must never break posting
        else:
            pattern = _phrase_pattern(line)
            if pattern is not None:
                rules.append((line, pattern))
    return rules


@cache
def shipped_rules():
    """The rules of every language file in this folder."""
    rules = []
    for path in sorted(HERE.glob("*.txt")):
        rules.extend(parse(path.read_text(encoding="utf-8").splitlines()))
    return tuple(rules)


def matches(text, extra_phrases=()):
    """The words or patterns of the lists that this text contains (empty when it reads as friendly)."""
    folded = fold(text)
    found = []
    # A coordinator's words are plain phrases, never regular expressions.
    extra = [(p, _phrase_pattern(p)) for p in extra_phrases if p and p.strip()]
    for _label, pattern in (*shipped_rules(), *extra):
        if pattern is None:
            continue
        match = pattern.search(folded)
        if match:
            word = match.group(0)
            if word not in found:
                found.append(word)
    return found
