"""Speed of the social-choice methods, printed as figures (not a test: these machines are noisy).

    python bench/social_choice_bench.py [--ballots 10000] [--items 30] [--repeat 5]

Prints, for N ranked ballots over M items (and N pairwise answers over the same items), the
median time each method of ``engine.methods.social_choice`` takes from the plain Python lists
a caller holds to its result: Borda, Copeland and Schulze (pairwise matrix included), Kendall's
W, the wins tally and Bradley–Terry. Where a reference library is importable it is timed on the same
data, from the same kind of plain lists (its own input conversion included), with the ratio
ours / theirs:

- ``pref_voting`` for Borda, Copeland and Schulze (its ``beat_path`` returns the winners only);
- ``choix`` for Bradley–Terry (``ilsr_pairwise`` and ``mm_pairwise``, unweighted, which is why
  every generated answer has weight 1).

The references are benchmark-only: never add them to the requirements. They pin an older numpy,
so install them in a throwaway environment and run this script with its interpreter::

    python -m venv --system-site-packages /tmp/bench-venv
    /tmp/bench-venv/bin/pip install choix pref_voting
    /tmp/bench-venv/bin/python bench/social_choice_bench.py
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.methods import social_choice as sc

TARGET_MS = 50.0


def random_profile(ballots: int, items: int, seed: int = 1,
                   ) -> tuple[list[str], list[tuple[list[str], float]],
                              list[tuple[str, str, float]]]:
    """Rankings and pairwise answers drawn from one Bradley–Terry / Plackett–Luce population.

    Each item has a log-strength; a ballot ranks the items by log-strength plus Gumbel noise
    (a Plackett–Luce draw), and an answer picks a random pair and a winner with Bradley–Terry
    odds. So the profile has the mix of agreement and noise a real workshop has.
    """
    rng = random.Random(seed)
    ids = [f"item-{i:02d}" for i in range(items)]
    strength = {item: rng.gauss(0, 1) for item in ids}
    rankings = []
    for _ in range(ballots):
        noisy = {item: strength[item] - math.log(-math.log(rng.random())) for item in ids}
        rankings.append((sorted(ids, key=noisy.__getitem__, reverse=True), 1.0))
    answers = []
    for _ in range(ballots):
        a, b = rng.sample(ids, 2)
        a_wins = rng.random() < 1 / (1 + math.exp(strength[b] - strength[a]))
        answers.append((a, b, 1.0) if a_wins else (b, a, 1.0))
    return ids, rankings, answers


def median_ms(action, repeat: int) -> float:
    """Median wall time of ``action()`` over ``repeat`` runs, after one warm-up run."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def reference_actions(ids, rankings, answers, missing: list[str]):
    """``{method: [(label, action)]}`` for every reference library that imports; why each one
    that does not is missing goes to ``missing``."""
    references: dict[str, list] = {}
    index = {item: i for i, item in enumerate(ids)}
    try:
        from pref_voting.c1_methods import copeland_ranking
        from pref_voting.margin_based_methods import beat_path
        from pref_voting.profiles import Profile
        from pref_voting.scoring_methods import borda_ranking
    except ImportError as error:
        missing.append(f"pref_voting: {error}")
    else:
        def profile():
            return Profile([[index[item] for item in ranking] for ranking, _ in rankings],
                           rcounts=[int(weight) for _, weight in rankings])

        references["borda"] = [("pref_voting borda_ranking", lambda: borda_ranking(profile()))]
        references["copeland"] = [("pref_voting copeland_ranking",
                                   lambda: copeland_ranking(profile()))]
        references["schulze"] = [("pref_voting beat_path (winners)",
                                  lambda: beat_path(profile()))]
    try:
        import choix
    except ImportError as error:
        missing.append(f"choix: {error}")
    else:
        def pairs():
            return [(index[winner], index[loser]) for winner, loser, _ in answers]

        references["bradley_terry"] = [
            ("choix ilsr_pairwise", lambda: choix.ilsr_pairwise(len(ids), pairs(), alpha=0.01)),
            ("choix mm_pairwise", lambda: choix.mm_pairwise(len(ids), pairs(), alpha=0.01))]
    return references


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    ids, rankings, answers = random_profile(args.ballots, args.items)
    ranks = [{item: position + 1 for position, item in enumerate(ranking)}
             for ranking, _ in rankings]
    ours = {
        "borda": lambda: sc.borda_rankings(ids, rankings),
        "copeland": lambda: sc.copeland_matrix(ids, sc.pairwise_matrix_rankings(ids, rankings)),
        "schulze": lambda: sc.schulze_matrix(ids, sc.pairwise_matrix_rankings(ids, rankings)),
        "kendall_w": lambda: sc.kendall_w_ranks(ids, ranks),
        "wins": lambda: sc.wins_comparisons(ids, answers),
        "bradley_terry": lambda: sc.bradley_terry_comparisons(ids, answers),
    }
    missing: list[str] = []
    references = reference_actions(ids, rankings, answers, missing)

    print(f"{args.ballots} ranked ballots and {args.ballots} pairwise answers over {args.items} "
          f"items; median of {args.repeat} runs (target {TARGET_MS:.0f} ms per method)")
    if hasattr(os, "getloadavg"):
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
              f"(a busy machine inflates every figure)")
    print(f"{'method':<15}{'ours ms':>9}  {'reference':<34}{'ref ms':>9}{'ours/ref':>10}")
    for method, action in ours.items():
        mine = median_ms(action, args.repeat)
        flag = "" if mine <= TARGET_MS else "  (over target)"
        rows = references.get(method) or [("-", None)]
        for number, (label, reference) in enumerate(rows):
            head = f"{method:<15}{mine:>9.1f}" if number == 0 else " " * 24
            if reference is None:
                print(f"{head}  {label:<34}{'':>9}{'':>10}{flag}")
                continue
            theirs = median_ms(reference, args.repeat)
            print(f"{head}  {label:<34}{theirs:>9.1f}{mine / theirs:>10.2f}"
                  f"{flag if number == 0 else ''}")
    for why in missing:
        print(f"(not importable, so not compared: {why}; see this script's docstring)")


if __name__ == "__main__":
    main()
