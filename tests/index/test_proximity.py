from index.proximity import ProximityScorer
from index.text import folded_syllables

FILLER = " ".join(["rồi sau đó nhiều năm trôi qua"] * 6)
TEXTS = [
    "Chi bộ cộng sản đầu tiên ở Hải Phòng được lập ở An Dương năm 1929.",
    f"Chi bộ họp bàn. {FILLER} Hải Phòng mở rộng. {FILLER} An Dương có chợ. {FILLER} Năm 1929.",
    "Đơn Dương là một huyện của tỉnh Lâm Đồng.",
]


def test_a_question_held_in_one_window_outscores_the_same_words_spread_apart():
    scorer = ProximityScorer(TEXTS, window=25)
    question = folded_syllables("Chi bộ ở An Dương, Hải Phòng lập năm 1929?")
    together, spread, elsewhere = (scorer.score(question, row) for row in range(3))
    assert together > 0.9
    assert together > spread > elsewhere
    assert elsewhere < 0.2


def test_diacritics_do_not_change_the_score():
    scorer = ProximityScorer(TEXTS, window=25)
    typed = scorer.score(folded_syllables("chi bo o an duong hai phong lap nam 1929"), 0)
    accented = scorer.score(folded_syllables("Chi bộ ở An Dương Hải Phòng lập năm 1929"), 0)
    assert typed == accented


def test_a_question_of_unknown_words_scores_nothing():
    scorer = ProximityScorer(TEXTS, window=25)
    assert scorer.score(folded_syllables("quantum chromodynamics"), 0) == 0.0
    assert scorer.score([], 0) == 0.0
