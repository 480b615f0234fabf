#!/usr/bin/env python
"""Build src/tidings/web/static/world-110m.json: country outlines for the dashboard's map.

Source: Natural Earth's Admin 0 country boundaries at 1:110m (version 4.1.0; public domain,
https://www.naturalearthdata.com/), as TopoJSON in the npm package world-atlas 2.0.2
(countries-110m.json; ISC licence). Every arc of the topology (a coastline or a border
between two countries) becomes one polyline of [lon, lat] points rounded to 0.01 degree, so
a shared border is drawn once; a line is split where it crosses the antimeridian. The map
draws them as one line trace under the events: nothing is fetched at run time.

Usage: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
       python scripts/build_world_outlines.py package/countries-110m.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "tidings" / "web" / "static" / \
    "world-110m.json"


def arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    lines = []
    for arc in topology["arcs"]:
        x = y = 0
        line: list[tuple[float, float]] = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            point = (round(x * sx + tx, 2), round(y * sy + ty, 2))
            if line and abs(point[0] - line[-1][0]) > 180:  # across the antimeridian
                lines.append(line)
                line = []
            if not line or point != line[-1]:
                line.append(point)
        lines.append(line)
    return [line for line in lines if len(line) > 1]


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    lines = arcs(topology)
    out = {"about": "Country outlines: Natural Earth Admin 0 boundaries, 1:110m, v4.1.0 "
                    "(public domain), via world-atlas 2.0.2 (ISC); built by "
                    "scripts/build_world_outlines.py",
           "lines": [[c for point in line for c in point] for line in lines]}
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(lines)} lines, {sum(len(l) for l in lines)} points, "
          f"{OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
