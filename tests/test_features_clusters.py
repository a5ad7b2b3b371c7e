"""Word-cluster features (``tagger.features.WordClusters``): a tiny table written by the test, the features a
sentence gets from it, the table travelling with a trained component and loaded once with the recognizer."""
from tagger.entities import EntityRecognizer
from tagger.features import CLUSTER_FILE, FeatureIndex, WordClusters, load_feature_lexicons, sentence_features
from tagger.lexicons import Lexicons
from tagger.text import prepare


def tiny_table(options=None) -> WordClusters:
    # two granularities (4 and 16 clusters); "hà" and "huế" are place syllables, "vinamilk" and "viettel" brands
    syllables = {
        "hà": ((1, 5), 0.98), "nội": ((1, 6), 0.97), "huế": ((1, 5), 0.99),
        "vinamilk": ((2, 9), 1.0), "viettel": ((2, 9), 1.0),
        "công": ((0, 1), 0.10), "ty": ((0, 2), 0.02), "về": ((3, 12), 0.0), "thăm": ((3, 13), -1.0),
    }
    bigrams = {"hà nội": (1, 4), "công ty": (0, 7)}
    return WordClusters([4, 16], syllables, bigrams, options)


def with_clusters(table) -> Lexicons:
    lex = Lexicons({"provinces": ["Huế"]})
    lex.clusters = table
    return lex


def test_a_syllable_sees_its_clusters_its_neighbours_and_the_bigrams_around_it():
    feats = sentence_features(["Công", "ty", "Vinamilk", "về", "Hà", "Nội"], with_clusters(tiny_table()))
    cong, ty, vinamilk, ha, noi = feats[0], feats[1], feats[2], feats[4], feats[5]
    assert "c4=2" in vinamilk and "c16=9" in vinamilk               # its own clusters, both granularities
    assert "cp=4C" in vinamilk                                       # written capitalised almost always
    assert "c4-1=0" in vinamilk and "c16+1=12" in vinamilk          # "ty" before it, "về" after it
    assert "cb4+=0" in cong and "cb16-=7" in ty                     # "công ty" seen from both of its syllables
    assert not any(x.startswith("cb") for x in vinamilk)            # "ty Vinamilk", "Vinamilk về": no bigram
    assert "cb4+=1" in ha and "cb4-=1" in noi
    assert "w=vinamilk" in vinamilk and "L=provinces:U" not in vinamilk   # the other features are still there


def test_a_brand_never_seen_in_training_shares_the_features_of_one_that_was():
    lex = with_clusters(tiny_table())
    a = sentence_features(["Công", "ty", "Viettel", "về", "Huế"], lex)[2]
    b = sentence_features(["Công", "ty", "Vinamilk", "về", "Huế"], lex)[2]
    shared = {x for x in a if x.startswith("c")} & {x for x in b if x.startswith("c")}
    assert {"c4=2", "c16=9", "cp=4C"} <= shared


def test_unknown_syllables_and_lower_case_get_what_the_table_says():
    feats = sentence_features(["thăm", "Đà", "Lạt", "hà"], with_clusters(tiny_table()))
    assert not any(x.startswith("c4=") or x.startswith("cp=") for x in feats[1])   # "Đà" is not in the table
    assert "c4=3" in feats[0] and not any(x.startswith("cp=") for x in feats[0])    # too rare to say for "thăm"
    assert "cp=4l" in feats[3]                                     # a name syllable written in lower case


def test_options_stored_with_the_table_choose_the_features(tmp_path):
    table = tiny_table({"window": 2, "neighbour_levels": 1, "bigrams": False, "caps": False})
    table.write(tmp_path / CLUSTER_FILE)
    again = WordClusters.load(tmp_path)
    assert again.levels == [4, 16] and again.syllables == table.syllables and again.bigrams == table.bigrams
    feats = sentence_features(["Công", "ty", "Vinamilk", "về", "Hà"], with_clusters(again))[2]
    assert "c4-2=0" in feats and "c4+2=1" in feats and "c16-1=2" not in feats
    assert not any(x.startswith("cb") or x.startswith("cp") for x in feats)
    first = (tmp_path / CLUSTER_FILE).read_bytes()
    again.write(tmp_path / CLUSTER_FILE)
    assert (tmp_path / CLUSTER_FILE).read_bytes() == first          # same table, same bytes (manifest hash)


def test_without_a_table_the_features_are_the_old_ones(tmp_path):
    lex = load_feature_lexicons(tmp_path)
    assert lex.clusters is None
    syls = ["Công", "ty", "Vinamilk", "về", "Hà", "Nội"]
    assert sentence_features(syls, lex) == sentence_features(syls, Lexicons.load(tmp_path))


def test_kept_features_as_ids_match_the_strings():
    lex = with_clusters(tiny_table())
    syls = ["Công", "ty", "Vinamilk", "về", "Hà", "Nội"]
    full = sentence_features(syls, lex)
    index = FeatureIndex({x: k for k, x in enumerate(sorted({x for f in full for x in f if x[0] == "c"}))})
    assert sentence_features(syls, lex, keep=index) == [[index[x] for x in f if x in index] for f in full]


def test_the_table_travels_with_the_trained_component(tmp_path):
    from training.ner import train_entity_component
    tiny_table().write(tmp_path / CLUSTER_FILE)
    sents = [
        ("Công ty Vinamilk về Hà Nội", "B-ORGANIZATION I-ORGANIZATION I-ORGANIZATION O B-LOCATION I-LOCATION"),
        ("ông Lê Văn Chiến về Huế", "O B-PERSON I-PERSON I-PERSON O B-LOCATION"),
    ] * 6
    train_entity_component([{"tokens": t.split(), "tags": g.split()} for t, g in sents], tmp_path,
                           {"max_iterations": 30, "min_feature_count": 1})
    rec = EntityRecognizer.load(tmp_path)
    assert rec.lexicons.clusters is not None and "c4=2" in rec.active     # loaded once, with the model
    got = {(e.type, e.text) for e in rec.predict(prepare("Công ty Viettel về Hà Nội."))}
    assert ("LOCATION", "Hà Nội") in got
