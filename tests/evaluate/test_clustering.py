import pytest

from newsweave.evaluate.clustering import bcubed


def test_perfect_clustering() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold) == (1.0, 1.0, 1.0)


def test_all_in_one_cluster() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    precision, recall, _ = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert recall == 1.0


def test_all_singletons() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    precision, recall, _ = bcubed({"a": "a", "b": "b", "c": "c"}, gold)
    assert precision == 1.0 and recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)


def test_no_shared_items() -> None:
    assert bcubed({"a": "x"}, {"b": "1"}) == (0.0, 0.0, 0.0)


def test_pairwise_counts_pairs_not_items() -> None:
    from newsweave.evaluate.clustering import pairwise

    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    # a, b together (1 right pair); c alone (2 gold pairs missed); d wrongly with c? no
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2"}
    precision, recall, f1 = pairwise(predicted, gold)
    assert (precision, recall) == (0.5, 1 / 3)
    assert abs(f1 - 0.4) < 1e-9
    assert pairwise({"a": "1", "b": "2"}, {"a": "x", "b": "y"}) == (1.0, 1.0, 1.0)
