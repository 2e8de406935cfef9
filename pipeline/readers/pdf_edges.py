"""Painted paths to the edges pdfplumber's table finder works on, as pdfminer sees them.

The fast PDF engine (``pdf_pdfium``) reads each path's segments from pdfium; pdfminer
(under pdfplumber) would have parsed the same path operators. This module turns the
segments into what pdfplumber's ``page.edges`` holds for them: a path is split into
subpaths ("m" starts one, a bezier counts by its end point, "h" closes back to the start),
each classified as pdfminer does (a line, an axis-aligned rectangle, or a curve of
straight segments) and given pdfplumber's edge dicts, in top-down page coordinates.
"""

from __future__ import annotations

MOVETO, LINETO, BEZIERTO = 2, 0, 1  # pdfium's FPDF_SEGMENT_*

Matrix = tuple  # (a, b, c, d, e, f), as in PDF


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (an object's matrix inside a form placed by ``outer``)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """The point (x, y) transformed by ``m``."""
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def path_edges(segments: list) -> list[dict]:
    """A path's subpaths as pdfminer sees them ("m" starts one; a bezier's end point is its
    point; "h" closes back to the start), each turned into pdfplumber edges."""
    edges: list[dict] = []
    subpath: list[tuple[str, tuple]] = []

    def flush():
        if subpath and subpath[0][0] == "m" and len(subpath) > 1:
            edges.extend(_subpath_edges(subpath))

    i = 0
    while i < len(segments):
        kind, point, close = segments[i]
        if kind == MOVETO:
            flush()
            subpath = [("m", point)]
        elif kind == BEZIERTO:
            # pdfium stores a curve as three points; pdfminer's "c" ends at the third
            end = segments[min(i + 2, len(segments) - 1)]
            subpath.append(("c", end[1]))
            close = end[2]
            i += 2
        else:
            subpath.append(("l", point))
        if close and subpath:
            subpath.append(("h", subpath[0][1]))
        i += 1
    flush()
    return edges


def _subpath_edges(path: list[tuple[str, tuple]]) -> list[dict]:
    shape = "".join(op for op, _ in path)
    pts = [p for _, p in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return [_line_edge(pts[0], pts[1])]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return _rect_edges(pts[0], pts[2])
    return [_curve_edge(p0, p1) for p0, p1 in zip(pts, pts[1:])]


def _box(p0, p1) -> dict:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top}


def _line_edge(p0, p1) -> dict:
    edge = _box(p0, p1)
    edge["object_type"] = "line"
    edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"  # as pdfplumber
    return edge


def _curve_edge(p0, p1) -> dict:
    edge = _box(p0, p1)
    edge["object_type"] = "curve_edge"
    edge["orientation"] = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return edge


def _rect_edges(p0, p2) -> list[dict]:
    box = _box(p0, p2)
    x0, x1, top, bottom = box["x0"], box["x1"], box["top"], box["bottom"]
    h = {"object_type": "rect_edge", "orientation": "h", "height": 0, "width": x1 - x0, "x0": x0, "x1": x1}
    v = {"object_type": "rect_edge", "orientation": "v", "width": 0, "height": bottom - top, "top": top, "bottom": bottom, "doctop": top}
    return [dict(h, top=top, bottom=top, doctop=top), dict(h, top=bottom, bottom=bottom, doctop=bottom),
            dict(v, x0=x0, x1=x0), dict(v, x0=x1, x1=x1)]
