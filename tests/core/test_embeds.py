"""YouTube and Vimeo addresses → the player's address (core/embeds.py), the one helper every page uses."""

import pytest
from django.core.exceptions import ValidationError

from core.embeds import embed_url, validate_video_url, video, video_host

YOUTUBE_ID = "aQm4Lr7bX2c"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={YOUTUBE_ID}",
        f"https://m.youtube.com/watch?feature=share&v={YOUTUBE_ID}",
        f"https://youtu.be/{YOUTUBE_ID}?t=42",
        f"https://www.youtube.com/embed/{YOUTUBE_ID}",
        f"https://www.youtube.com/live/{YOUTUBE_ID}",
        f"http://www.youtube.com/watch?v={YOUTUBE_ID}",
    ],
)
def test_youtube_addresses_give_the_video_id_and_the_no_cookie_player(url):
    assert video(url) == ("youtube", YOUTUBE_ID)
    assert video_host(url) == "YouTube"
    assert embed_url(url) == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"
    assert embed_url(url, autoplay=True) == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?autoplay=1"


@pytest.mark.parametrize("url", ["https://vimeo.com/112233445", "https://player.vimeo.com/video/112233445#t=3"])
def test_vimeo_plays_without_tracking(url):
    assert video(url) == ("vimeo", "112233445")
    assert embed_url(url) == "https://player.vimeo.com/video/112233445?dnt=1"
    assert embed_url(url, autoplay=True) == "https://player.vimeo.com/video/112233445?autoplay=1&dnt=1"


@pytest.mark.parametrize(
    "url",
    [
        "",
        None,
        "https://example.org/video.mp4",
        "https://www.youtube.com/watch?v=short",
        "https://evil.example/youtu.be/x",
    ],
)
def test_other_addresses_are_not_embedded(url):
    assert video(url) is None
    assert embed_url(url) == ""
    assert video_host(url) == ""


def test_only_https_video_addresses_are_valid():
    validate_video_url(f"https://youtu.be/{YOUTUBE_ID}")
    validate_video_url("")
    for url in (f"http://youtu.be/{YOUTUBE_ID}", "https://example.org/video.mp4"):
        with pytest.raises(ValidationError):
            validate_video_url(url)


def test_no_other_module_parses_video_addresses():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in root.glob("*/*.py"):
        if path.parts[-2] in {".venv", "var", "tests"} or path.name == "embeds.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "youtube\\.com" not in text, path  # a pattern of its own
        assert "vimeo\\.com" not in text, path
