"""YouTube and Vimeo addresses → the video's id and its player's address, for every page that plays one.

A video plays from YouTube's no-cookie host or with Vimeo's "do not track", and only once the visitor asks
(the pages load the player on a click). Any other address is linked, never embedded.
"""

import re
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|live/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})(?:[?&#].*)?$"
)
VIMEO = re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(\d+)(?:[/?#].*)?$")


def video(url: str | None) -> tuple[str, str] | None:
    """("youtube" or "vimeo", the video's id) for a video's address, else None."""
    if match := YOUTUBE.match(url or ""):
        return "youtube", match[1]
    if match := VIMEO.match(url or ""):
        return "vimeo", match[1]
    return None


def video_host(url: str | None) -> str:
    """The name of the video's host ("YouTube", "Vimeo"), or "" for any other address."""
    found = video(url)
    return {"youtube": "YouTube", "vimeo": "Vimeo"}[found[0]] if found else ""


def embed_url(url: str | None, *, autoplay: bool = False) -> str:
    """The player's address of a YouTube or Vimeo video, or "" for any other address."""
    found = video(url)
    if found is None:
        return ""
    host, video_id = found
    query = {"autoplay": 1} if autoplay else {}
    if host == "youtube":
        return f"https://www.youtube-nocookie.com/embed/{video_id}" + (f"?{urlencode(query)}" if query else "")
    return f"https://player.vimeo.com/video/{video_id}?{urlencode({**query, 'dnt': 1})}"


def validate_video_url(value: str) -> None:
    """A form or model validator: the address must be a YouTube or Vimeo video, over https."""
    if value and not (value.startswith("https://") and video(value)):
        raise ValidationError(_("Give the address of a YouTube or Vimeo video (https://…)."), code="video_url")
