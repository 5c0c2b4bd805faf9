import datetime as dt

import pytest

from lagebild.document import DocDate, Document, content_id


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2022-07", "2022-07-01", "2022-07-31", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2023-02", "2023-02-01", "2023-02-28", "month"),
        ("2022", "2022-01-01", "2022-12-31", "year"),
        ("2022-07-04", "2022-07-04", "2022-07-04", "day"),
        ("2022-7-4", "2022-07-04", "2022-07-04", "day"),
    ],
)
def test_docdate_parse(value, start, end, precision):
    date = DocDate.parse(value)
    assert date.start == dt.date.fromisoformat(start)
    assert date.end == dt.date.fromisoformat(end)
    assert date.precision == precision
    assert date.to_dict() == {"start": start, "end": end, "precision": precision}


@pytest.mark.parametrize("value", ["2022-13", "2022-02-30", "22-07", "July 2022", "", "2022-00"])
def test_docdate_rejects_invalid(value):
    with pytest.raises(ValueError):
        DocDate.parse(value)


def test_document_id_is_content_hash():
    first = Document(text="Ein Satz.", source="a.txt")
    same_text = Document(text="Ein Satz.", source="b.txt", title="anders")
    other = Document(text="Ein anderer Satz.")
    assert first.id == same_text.id == content_id("Ein Satz.")
    assert first.id != other.id
    assert len(first.id) == 16
    assert first.to_dict()["text_sha256"].startswith(first.id)
