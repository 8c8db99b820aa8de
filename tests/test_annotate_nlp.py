"""The NLP layer's shortcuts give what spaCy's slower paths give."""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG

from eventwire.annotate import nlp as nlp_
from eventwire.settings import Settings

TEXTS = [
    'PARIS, Feb 26 - France said on Monday it would "respond firmly" to the sanctions.\n'
    "  The minister, Jean Dupont, told reporters:  talks will resume.\n",
    "Short one.",
    "word " * 12_000 + "and the last words.",  # chunked: over CHUNK_CHARS
]


def test_doc_text_is_the_text_given() -> None:
    nlp = nlp_.load(Settings.load().spacy_model)
    docs = nlp_.entity_docs(nlp, TEXTS, batch_size=8)
    for doc, text in zip(docs, TEXTS, strict=True):
        assert nlp_.doc_text(doc) == text == doc.text


def test_sentence_docs_hold_the_sentence_words() -> None:
    nlp = nlp_.load(Settings.load().spacy_model)
    for doc in nlp_.entity_docs(nlp, TEXTS[:2], batch_size=8):
        words = nlp_._Words(doc)
        for start, end in nlp_.split_sentences(doc):
            sub = words.doc(start, end)
            assert [t.text for t in sub] == [t.text for t in doc[start:end]]
            assert [t.whitespace_ for t in sub] == [t.whitespace_ for t in doc[start:end]]


def test_numpy_blas_parses_as_blis_does() -> None:
    nlp = nlp_.load(Settings.load().spacy_model)
    if not nlp_.numpy_blas():
        return
    from thinc.backends.numpy_ops import NumpyOps

    text = TEXTS[0] * 3
    attrs = [HEAD, DEP, TAG, POS, LEMMA]
    models = [
        node
        for _, component in nlp.pipeline
        if getattr(component, "model", None) is not None
        for node in component.model.walk()  # type: ignore[attr-defined]
        if isinstance(node.ops, NumpyOps)
    ]
    assert models and not any(node.ops.use_blis for node in models)

    def run() -> tuple[list[tuple[int, int, str]], list[list[int]]]:
        doc = nlp_.entity_docs(nlp, [text], batch_size=8)[0]
        sents = nlp_.split_sentences(doc)
        parsed = nlp_.parse_sentences(nlp, [doc], [sents], [[True] * len(sents)], batch_size=8)
        out = parsed[0].doc
        ents = [(e.start, e.end, e.label_) for e in out.ents]
        return ents, out.to_array(attrs).tolist()

    with_numpy = run()
    try:
        for node in models:
            node.ops.use_blis = True
        with_blis = run()
    finally:
        for node in models:
            node.ops.use_blis = False
    assert with_numpy == with_blis
