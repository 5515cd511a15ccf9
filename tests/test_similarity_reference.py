"""The fast sentence scorer against scikit-learn's tf-idf, the slow obviously-correct reference.

``dedup.similarity.pair_scores`` builds tf-idf weights in numpy because
scikit-learn's input validation alone costs about 1 ms per article pair (a
fifth of the alignment budget). Its cosines must equal what
``TfidfVectorizer(smooth_idf=True, norm="l2")`` gives on the same terms.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from dedup.ingest import read_article
from dedup.segment import segment
from dedup.similarity import content_terms, pair_scores

from conftest import COPY, OTHER, SOURCE


def _terms(path):
    return [content_terms(s.words) for s in segment(read_article(path))]


@pytest.mark.parametrize("pair", [(SOURCE, COPY), (SOURCE, OTHER), (COPY, OTHER)])
def test_pair_scores_equal_scikit_learn_tfidf(pair):
    source_terms, copy_terms = _terms(pair[0]), _terms(pair[1])
    fast = pair_scores(copy_terms, source_terms)
    vec = TfidfVectorizer(analyzer=lambda terms: terms, smooth_idf=True, norm="l2")
    matrix = vec.fit_transform([*copy_terms, *source_terms])
    reference = (matrix[: len(copy_terms)] @ matrix[len(copy_terms) :].T).toarray()
    np.testing.assert_allclose(fast.cosine, reference, atol=1e-9)
    shared = np.array([[len(set(c) & set(s)) for s in source_terms] for c in copy_terms])
    np.testing.assert_array_equal(fast.shared, shared)


def test_very_long_pairs_take_the_sparse_product_and_score_the_same_to_the_bit(monkeypatch):
    import dedup.similarity as similarity

    source_terms, copy_terms = _terms(SOURCE), _terms(COPY)
    listed = pair_scores(copy_terms, source_terms)
    monkeypatch.setattr(similarity, "_MAX_PRODUCTS", 0)  # as if listing the products would take too much memory
    product = pair_scores(copy_terms, source_terms)
    for field in ("cosine", "dice", "contain", "shared", "copy_gram", "source_gram"):
        np.testing.assert_array_equal(getattr(product, field), getattr(listed, field))
