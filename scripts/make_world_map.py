"""Draw the world basemap of the cities map once: static/img/world-110m.svg.

Input: countries-110m.json of the npm package world-atlas (Natural Earth 1:110m, public domain, as
TopoJSON), e.g. `npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`, then

    python scripts/make_world_map.py package/countries-110m.json

Projection: equirectangular, in the coordinates the portal's map uses (goodideas.services.world_map):
x = longitude + 180, y = 90 - latitude, so a city's point needs no projection code of its own. Points
are rounded to 0.1 degree and repeated points dropped; Antarctica is left out (no city there, and it
would take a fifth of the height). Each country is one path: the fill is the land, the stroke the borders.
No third-party library: TopoJSON is arcs of delta-encoded integers, decoded below.
"""

import itertools
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "world-110m.svg"
LEFT_OUT = {"010"}  # Antarctica (ISO 3166-1 numeric)
TOP, BOTTOM = 0, 150  # latitudes 90 to -60


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (longitude, latitude) points: undo the quantisation and the delta encoding."""
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    """A ring's points from its arc indexes (a negative index ~i is arc i reversed)."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def ring_path(points) -> str:
    """SVG path data of a ring, equirectangular, rounded to 0.1 degree, repeats dropped."""
    kept = []
    for lon, lat in points:
        point = (round(lon + 180, 1), round(90 - lat, 1))
        if not kept or point != kept[-1]:
            kept.append(point)
    if len(kept) < 3:
        return ""
    data = f"M{kept[0][0]:g} {kept[0][1]:g}"
    for (x0, _y0), (x, y) in itertools.pairwise(kept):
        # a ring cut at the antimeridian jumps across the map: move there instead of drawing a line
        data += f"M{x:g} {y:g}" if abs(x - x0) > 180 else f"L{x:g} {y:g}"
    return data + "Z"


def country_paths(topology: dict) -> list[str]:
    arcs = decode_arcs(topology)
    paths = []
    for shape in topology["objects"]["countries"]["geometries"]:
        if shape.get("id") in LEFT_OUT or shape["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = shape["arcs"] if shape["type"] == "MultiPolygon" else [shape["arcs"]]
        data = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
        if data:
            paths.append(f'<path d="{data}"/>')
    return paths


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {TOP} 360 {BOTTOM - TOP}">'
        "<!-- Natural Earth 1:110m countries (public domain), via world-atlas; scripts/make_world_map.py -->"
        '<g fill="#dfe6d9" stroke="#8a9a86" stroke-width="0.15" stroke-linejoin="round">'
        + "".join(country_paths(topology))
        + "</g></svg>\n"
    )
    OUT.write_text(svg)
    print(f"{OUT}: {len(svg.encode()) // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/countries-110m.json")
