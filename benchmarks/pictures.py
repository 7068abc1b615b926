"""Network pictures: do they use their frame, and how long do they take?

Usage::

    .venv/bin/python benchmarks/pictures.py [--tweets 20000] [--big 1000000] [--no-big]
        [--images DIR] [--workdir DIR]

1. The eight demo cases (generated with the demo seed, imported into one store): every
   network of every case, drawn with both layouts at the factsheet's size (158 × 112 mm)
   and at a full A3 width (260 × 170 mm); for each the accounts drawn, the names placed,
   the spread (share of the picture's width and height the middle 90 % of the drawn
   accounts span; the target is at least 0.5 in both) and the seconds.
2. A generated mention network of ``--tweets`` tweets (``networks.py``'s generator: 50
   groups, 80 % of ties inside, skewed activity), the same measures.
3. A generated network of ``--big`` tweets: the picture alone (selection, layout, names,
   SVG) at 1,500 and 2,000 drawn accounts, group-in-a-box and force, one run each (the
   machine is shared: do not repeat).

With ``--images DIR`` it also writes PNG renders (WeasyPrint → PDF → ``pdftoppm``, then
256 colours with Pillow) of
each case's main picture (group-in-a-box, 158 mm), Benno L. in the force layout, and
wijkagent Lisse's follow network as a 120 mm small multiple: docs/images holds them.
Prints a table; writes nothing else outside ``--workdir`` (a temporary folder by default).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from civicnet.case import load_case  # noqa: E402
from civicnet.networks import analyse_network, build_network  # noqa: E402
from civicnet.networks.layout import LAYOUTS  # noqa: E402
from civicnet.simulate import CASES, generate  # noqa: E402
from civicnet.store import Store, ingest_case  # noqa: E402
from civicnet.store.views import use_case  # noqa: E402

SIZES = {"factsheet": (158.0, 112.0), "A3": (260.0, 170.0)}
failures: list[str] = []


def measure(name: str, res, label, sizes=SIZES, max_nodes: int = 1500) -> None:
    for layout in LAYOUTS:
        for size, (w, h) in sizes.items():
            t0 = time.perf_counter()
            pic = res.draw_svg(label=label, max_nodes=max_nodes, layout=layout, width_mm=w, height_mm=h)
            seconds = time.perf_counter() - t0
            sx, sy = pic.spread
            ok = sx >= 0.5 and sy >= 0.5
            if not ok:
                failures.append(f"{name} {layout} {size}")
            print(f"{name:<34} {layout:<15} {size:<9} {pic.drawn.drawn:>6,}/{pic.drawn.total:<8,} "
                  f"{len(pic.names):>5} {sx:>6.2f} {sy:>6.2f} {'' if ok else 'BELOW 0.5':<9} {seconds:>6.2f}", flush=True)


def display_names(store: Store) -> dict[str, str]:
    return {ident: name for ident, name in store.sql(
        "SELECT coalesce(handle, id), name FROM case_accounts WHERE name IS NOT NULL AND name <> ''")}


def demo_cases(workdir: Path, images: Path | None) -> None:
    with Store(workdir / "demo.duckdb") as store:
        for case_name in CASES:
            case = load_case(generate(case_name, workdir / "demo", seed=2014))
            ingest_case(case, store)
            use_case(store, case.id)
            names = display_names(store)
            label = lambda i: names.get(i, i)  # noqa: E731
            for k, kind in enumerate(case.networks):
                res = analyse_network(build_network(store, case, kind), method=case.community_method, seed=42,
                                      reach_threshold=case.reach_threshold)
                measure(f"{case.id} ({kind})", res, label)
                if images is not None:
                    write_images(images, case.id, kind, k, res, label)


def write_images(folder: Path, case_id: str, kind: str, k: int, res, label) -> None:
    if k == 0:
        render(folder / f"picture-{case_id}.png", res.draw_svg(label=label, width_mm=158, height_mm=112))
    if case_id == "benno-l":
        render(folder / "picture-benno-l-force.png", res.draw_svg(label=label, width_mm=158, height_mm=112, layout="force"))
    if case_id == "wijkagent-lisse" and kind == "follow":
        render(folder / "picture-wijkagent-lisse-follow-small.png", res.draw_svg(label=label, width_mm=120, height_mm=80))


def render(path: Path, pic, dpi: int = 110) -> None:
    import weasyprint

    path.parent.mkdir(parents=True, exist_ok=True)
    page = (f"<html><head><style>@page {{ size: {pic.width_mm + 6}mm {pic.height_mm + 6}mm; margin: 3mm }}"
            f"body {{ margin: 0 }}</style></head><body>{pic.svg}</body></html>")
    pdf = path.with_suffix(".pdf")
    weasyprint.HTML(string=page).write_pdf(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(path.with_suffix(""))], check=True)
    pdf.unlink()
    from PIL import Image  # a palette of 256 colours: a third of the file, the same picture to the eye

    Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)
    print(f"  wrote {path} ({path.stat().st_size // 1024} KB)", flush=True)


def generated(workdir: Path, tweets: int, big: bool) -> None:
    from networks import generate as generate_network

    t0 = time.perf_counter()
    store, case = generate_network(workdir, tweets, max(100, tweets * 3 // 5))
    res = analyse_network(build_network(store, case, "mention"), seed=42)
    print(f"  generated and analysed {tweets:,} tweets in {time.perf_counter() - t0:.1f} s: "
          f"{res.net.n_nodes:,} accounts, {res.net.n_edges:,} ties", flush=True)
    if big:
        for max_nodes in (1500, 2000):
            measure(f"generated {tweets // 1000}k, {max_nodes} drawn", res, None, {"A3": SIZES["A3"]}, max_nodes)
    else:
        measure(f"generated {tweets // 1000}k", res, None)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tweets", type=int, default=20_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--no-big", action="store_true")
    ap.add_argument("--images", type=Path)
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"{'network':<34} {'layout':<15} {'size':<9} {'drawn/total':>15} {'names':>5} "
              f"{'x':>6} {'y':>6} {'':<9} {'s':>6}")
        demo_cases(workdir, args.images)
        generated(workdir, args.tweets, big=False)
        if not args.no_big:
            generated(workdir, args.big, big=True)
    print("spread below 0.5: " + (", ".join(failures) if failures else "none"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
