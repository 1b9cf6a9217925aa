"""Social-media noise taken out before matching."""

from __future__ import annotations

import pytest

from factcheck.text.social import strip_social_noise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain sentence, untouched.", "Plain sentence, untouched."),
        ("Big news!!! 😭🔥 https://t.co/AbC pic.twitter.com/xyz", "Big news!!!"),
        ("@JoeBiden signed it", "Joe Biden signed it"),
        ("#ClimateAction now", "Climate Action now"),
        ("#هام_جدا الحكومة تقطع المياه", "هام جدا الحكومة تقطع المياه"),
        ("RT @user: the claim", "the claim"),
        ("Oreo drops today — OREO Cookie (@Oreo) January 28, 2021", "Oreo drops today OREO Cookie"),
        ("say &quot;hi&quot; &amp; go", 'say "hi" & go'),
        ("Arabic digits ٣٠٠ stay", "Arabic digits ٣٠٠ stay"),
        ("an e-mail: a@b.com", "an e-mail: a@b.com"),
    ],
)
def test_noise_out_words_in(text: str, expected: str) -> None:
    assert strip_social_noise(text) == expected
