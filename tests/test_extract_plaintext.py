from __future__ import annotations

import pytest

from eventwire.errors import ExtractError
from eventwire.extract.plaintext import extract_text


def test_title_then_wrapped_paragraphs() -> None:
    article = extract_text(
        "Talks stall in Geneva\n\nGENEVA (Wireline) - Envoys from the two\ngovernments left the "
        "room.\n\nA new round is planned.\n"
    )
    assert article.title == "Talks stall in Geneva"
    assert article.text == (
        "GENEVA (Wireline) - Envoys from the two governments left the room.\n"
        "A new round is planned."
    )
    assert article.dateline is not None and article.dateline.agency == "Wireline"
    assert article.url is None and article.language == "en"


def test_no_title_when_the_first_line_is_a_sentence() -> None:
    article = extract_text("The council met on Friday.\nIt adjourned at noon.")
    assert article.title is None
    assert article.text == "The council met on Friday.\nIt adjourned at noon."


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff\n"])
def test_no_body(text: str) -> None:
    with pytest.raises(ExtractError):
        extract_text(text)
