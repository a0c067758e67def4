"""The embedded labelled default: passages of Shakespeare's plays, labelled by the play's genre.

Why genre is learnable from a passage: the First Folio's histories are full of kings, dukes,
lords, battles, France and England ("KING HENRY", "my liege", "the crown"), its comedies of love,
wooing, jests, fools and disguise, its tragedies of death, blood, revenge and the gods; the
speaker names inside each passage already carry much of this. A character model of 256 characters
sees such words whole.

The table follows the First Folio (1623): comedies, histories, tragedies. Three plays need a choice:
*Cymbeline* is printed among the tragedies and stays there; *Troilus and Cressida* sits between the
histories and the tragedies and is counted a tragedy (as its Folio title "The Tragedie of..." says);
*Pericles* and *Edward III* are not in the Folio: Pericles, a romance like *The Tempest* and *The
Winter's Tale* (both comedies in the Folio), is a comedy; Edward III, an English king's wars, a history.

The split holds out whole plays (``stratified_split`` with the plays as groups): a passage split
would put neighbouring lines of one play on both sides, and a model could score by recognising
the play's characters and style rather than the genre. A held-out play is the honest test.
"""

from __future__ import annotations

import random

from ..corpus import default_corpus
from ..errors import CorpusError
from .labelled import LabelledSet

DEFAULT_LABEL = "Shakespeare's plays by genre (embedded default)"
PASSAGE_CHARS = 256  # a passage: this many characters (the `small` preset's context, in characters)
PASSAGES_PER_PLAY = 120  # the same number from every play, spread over it: no play outweighs another

COMEDY, HISTORY, TRAGEDY = "comedy", "history", "tragedy"
GENRES: dict[str, str] = {
    # comedies (First Folio), with Pericles (a romance, not in the Folio)
    "the-tempest": COMEDY, "two-gentlemen-of-verona": COMEDY, "the-merry-wives-of-windsor": COMEDY,
    "measure-for-measure": COMEDY, "the-comedy-of-errors": COMEDY, "much-ado-about-nothing": COMEDY,
    "love-s-labours-lost": COMEDY, "a-midsummer-night-s-dream": COMEDY, "the-merchant-of-venice": COMEDY,
    "as-you-like-it": COMEDY, "the-taming-of-the-shrew": COMEDY, "all-s-well-that-ends-well": COMEDY,
    "twelfth-night": COMEDY, "a-winter-s-tale": COMEDY, "pericles": COMEDY,
    # histories (First Folio), with Edward III (not in the Folio)
    "king-john": HISTORY, "richard-ii": HISTORY, "henry-iv-part-1": HISTORY, "henry-iv-part-2": HISTORY,
    "henry-v": HISTORY, "henry-vi-part-1": HISTORY, "henry-vi-part-2": HISTORY, "henry-vi-part-3": HISTORY,
    "richard-iii": HISTORY, "henry-viii": HISTORY, "edward-iii": HISTORY,
    # tragedies (First Folio), Troilus and Cressida and Cymbeline included
    "troilus-and-cressida": TRAGEDY, "coriolanus": TRAGEDY, "titus-andronicus": TRAGEDY,
    "romeo-and-juliet": TRAGEDY, "timon-of-athens": TRAGEDY, "julius-caesar": TRAGEDY, "macbeth": TRAGEDY,
    "hamlet": TRAGEDY, "king-lear": TRAGEDY, "othello": TRAGEDY, "antony-and-cleopatra": TRAGEDY,
    "cymbeline": TRAGEDY,
}


def passages(text: str, n: int, chars: int, seed: int) -> list[str]:
    """``n`` passages of ``chars`` characters spread evenly over ``text``, each starting at a line.

    Example: a 10,000-character play, n 4, chars 256 -> passages from about 0, 2,500, 5,000, 7,500.
    """
    if len(text) <= chars:
        return [text] if text.strip() else []
    rng = random.Random(seed)
    stride = (len(text) - chars) / n
    out = []
    for k in range(n):
        start = int(k * stride + rng.random() * max(0.0, stride - chars))
        nl = text.find("\n", start, start + chars // 2)
        start = nl + 1 if nl >= 0 else start
        piece = text[start:start + chars]
        if piece.strip():
            out.append(piece)
    return out


def default_labelled(per_play: int = PASSAGES_PER_PLAY, chars: int = PASSAGE_CHARS, seed: int = 0) -> LabelledSet:
    """Passages of every play of the default corpus with its genre; the play is each passage's group."""
    texts, labels, where, groups = [], [], [], []
    for doc in default_corpus().documents:
        stem = doc.name.removeprefix("Shakespeare: ")
        genre = GENRES.get(stem)
        if genre is None:
            raise CorpusError("The play {stem!r} of the default corpus has no genre in core.classify.genres.", stem=stem)
        text = "".join(doc.chunks())
        for k, piece in enumerate(passages(text, per_play, chars, seed)):
            texts.append(piece)
            labels.append(genre)
            where.append(f"{stem}, passage {k + 1}")
            groups.append(stem)
    return LabelledSet(DEFAULT_LABEL, texts, labels, where, groups)
