"""The keyboard focus ring stands out on every background the stylesheets use (WCAG 2.2, 1.4.11, 2.4.13).

The test reads static/css/*.css: the focus rule's ring and halo colours (custom properties resolved)
against each background colour declared anywhere (gradient stops too; translucent ones laid over
each opaque one). A two-colour ring passes where one of its colours reaches 3:1 against the
background it appears on and the ring's two colours differ 9:1 (technique C40: then one of them
reaches 3:1 on any background). Each band is at least 2px thick.
"""

import re
from pathlib import Path

import pytest

CSS_DIR = Path(__file__).resolve().parents[2] / "static" / "css"
COLOR = r"#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|\bwhite\b|\bblack\b"


def rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """[(selector, {property: value})] of a stylesheet, the rules inside @media and @supports included."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    found, position = [], 0
    while True:
        opening = text.find("{", position)
        if opening < 0:
            return found
        prelude = text[position:opening].strip().rsplit(";", 1)[-1].strip()
        depth, end = 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        body = text[opening + 1 : end - 1]
        if prelude.startswith("@"):
            found += rules(body)
        else:
            declarations = {}
            for declaration in body.split(";"):
                name, _colon, value = declaration.partition(":")
                if value.strip():
                    declarations[name.strip().lower()] = value.strip()
            found.append((prelude, declarations))
        position = end


def stylesheet_rules() -> list[tuple[str, str, dict[str, str]]]:
    return [(path.name, *rule) for path in sorted(CSS_DIR.glob("*.css")) for rule in rules(path.read_text())]


def custom_properties(all_rules) -> dict[str, str]:
    return {
        name: value
        for _file, selector, declarations in all_rules
        if selector == ":root"
        for name, value in declarations.items()
        if name.startswith("--")
    }


def resolve(value: str, variables: dict[str, str]) -> str:
    for _ in range(5):
        value = re.sub(r"var\((--[\w-]+)\)", lambda match: variables[match.group(1)], value)
    return value


def rgba(color: str) -> tuple[float, float, float, float]:
    color = color.strip().lower()
    color = {"white": "#ffffff", "black": "#000000"}.get(color, color)
    if color.startswith("#"):
        digits = color[1:]
        if len(digits) in (3, 4):
            digits = "".join(digit * 2 for digit in digits)
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        return (*channels[:3], channels[3] / 255 if len(channels) == 4 else 1.0)
    numbers = [float(number) for number in re.findall(r"[\d.]+", color)]
    return (*numbers[:3], numbers[3] if len(numbers) == 4 else 1.0)


def over(color, backdrop):
    """A translucent colour laid over an opaque one."""
    alpha = color[3]
    return (*(alpha * c + (1 - alpha) * b for c, b in zip(color[:3], backdrop[:3], strict=True)), 1.0)


def luminance(color) -> float:
    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in color[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second) -> float:
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pixels(length: str) -> float:
    match = re.fullmatch(r"(-?[\d.]+)(px|rem|em)?", length.strip())
    assert match, f"a length in px or rem, not {length!r}"
    return float(match.group(1)) * (16 if match.group(2) in ("rem", "em") else 1)


ALL_RULES = stylesheet_rules()
VARIABLES = custom_properties(ALL_RULES)
FOCUS_RULES = [(file, selector, decl) for file, selector, decl in ALL_RULES if ":focus" in selector]


def backgrounds() -> list[tuple[str, tuple]]:
    """Every background colour the stylesheets declare, with where; translucent ones over each opaque one."""
    declared = [("body (the page)", rgba(resolve("var(--paper)", VARIABLES)))]
    for file, selector, declarations in ALL_RULES:
        for name in ("background", "background-color"):
            if name in declarations:
                for color in re.findall(COLOR, resolve(declarations[name], VARIABLES)):
                    declared.append((f"{file}: {selector}", rgba(color)))
    opaque = [(where, color) for where, color in declared if color[3] == 1]
    translucent = [
        (f"{where} over {backdrop_where}", over(color, backdrop))
        for where, color in declared
        if color[3] < 1
        for backdrop_where, backdrop in opaque
    ]
    return opaque + translucent


def ring():
    """The focus rule every element gets: (ring colour, ring width, halo colour, halo thickness)."""
    (declarations,) = [decl for _file, selector, decl in FOCUS_RULES if selector == ":focus-visible"]
    outline = resolve(declarations["outline"], VARIABLES)
    width, style, color = outline.split()
    assert style == "solid"
    offset = pixels(declarations.get("outline-offset", "0"))
    shadow = resolve(declarations["box-shadow"], VARIABLES).split()
    x, y, blur, spread, halo = shadow
    assert (pixels(x), pixels(y), pixels(blur)) == (0, 0, 0), "a halo all round, without blur"
    # The outline covers the shadow from the border out to offset + width; the halo shows beyond.
    return rgba(color), pixels(width), rgba(halo), pixels(spread) - max(offset, 0) - pixels(width)


def test_the_ring_has_two_bands_of_at_least_2px():
    _color, width, _halo, halo_thickness = ring()
    assert width >= 2
    assert halo_thickness >= 2


def test_the_two_colours_of_the_ring_differ_enough_to_show_on_any_background():
    color, _width, halo, _thickness = ring()
    assert contrast(color, halo) >= 9


@pytest.mark.parametrize(("where", "background"), backgrounds(), ids=lambda value: str(value)[:60])
def test_the_ring_stands_out_3_to_1_on_every_background(where, background):
    color, _width, halo, _thickness = ring()
    assert max(contrast(color, background), contrast(halo, background)) >= 3, where


def test_the_old_yellow_ring_on_white_would_fail():
    """The check can fail: the former ring (#ffbf47 alone) against the white page is 1.6:1."""
    assert contrast(rgba("#ffbf47"), rgba("#ffffff")) < 3


def test_nothing_else_draws_outlines_or_shadows_that_could_hide_the_ring():
    """A more specific rule that sets outline or box-shadow would replace the focus ring where it applies."""
    others = [
        f"{file}: {selector} {{{name}: {value}}}"
        for file, selector, declarations in ALL_RULES
        for name, value in declarations.items()
        if name in ("outline", "outline-color", "outline-style", "outline-width", "box-shadow")
        and selector != ":focus-visible"
        and not (selector == "main:focus" and value == "none")  # the skip link's target, not a control
    ]
    assert others == []


def test_focus_styles_keep_text_readable():
    """Rules that restyle a focused element keep its text at 4.5:1 on its background."""
    for file, selector, declarations in FOCUS_RULES:
        if "color" in declarations and "background" in declarations:
            text = rgba(resolve(declarations["color"], VARIABLES))
            background = rgba(resolve(declarations["background"], VARIABLES))
            assert contrast(text, background) >= 4.5, f"{file}: {selector}"
