"""Small cells never shown, nor worked out from what is shown: primary and complementary
suppression.

A *cell* is a part of the room a result is shown for: a group, a gender, a group × age band…,
with the people in it who answered. A result for a cell of fewer people than the workshop's
small-group threshold would give away what those few answered, so it is hidden (*primary*
suppression). Hiding it is not enough when its neighbours and their total are shown: the room's
result minus every shown group's is the hidden group's (bean counts, Borda points and sums of
ratings add up), and a group's result minus its men's and its women's is its "prefer not to
say". So more cells are hidden (*complementary*, or secondary, suppression) until no cell under
the threshold can be worked out from the shown ones (Cox 1980; Hundepool et al. 2012, ch. 4):

1. Every cell with 1 to threshold − 1 people is hidden. Cells with nobody are shown as empty:
   they give away no one's answer.
2. For every published sum (the room's total, or a cell that others add up to), the hidden
   parts must be none, or at least two holding at least threshold people together: a hidden
   remainder of one cell is that cell, and one of two people is those two people's answers.
   Where it is not so, the smallest shown part is hidden next (the one that costs the least);
   where no part is left to hide, the sum itself is.
3. Then the attack itself: every published sum is an equation, the shown cells' values are
   known, and a hidden cell is *worked out* when its value is the same in every solution (it
   lies in the row space of the equations over the hidden cells: exact elimination over the
   rationals, ``determined``). While one is, the shown cell of its equations whose hiding
   makes it undetermined (the smallest such) is hidden, and step 2 runs again. When nothing
   is left to hide (every other cell is hidden, or fixed: the groups, which the kinds' own
   results show or hide), a cell hidden only to protect others may stay worked out; it holds
   at least the threshold's number of people (step 2), so no small cell's answers are given
   away (two small groups of one each, hidden, are known together when their total of two is
   a shown age band minus a shown group).

Cells that hold exactly the same people (a group whose every voter is a woman: the group and
its women) are one quantity and are shown or hidden together. Which cells are hidden depends
only on who is in them, never on what they answered, so one pattern protects every additive
number a kind shows (head-counts, bean counts, points, sums of scores) at once.

What this does not protect: bounds (a hidden cell is known to hold 1 or more people, and a
reader who knows it is under the threshold can narrow it down), ratios and rankings read
against outside knowledge ("I know I am the only woman elder here"), nor the head-counts that
the facilitator's participation view shows, which say who took part and never what they
answered (``docs/exercises/prioritisation.md``).

References
----------
Cox, L. H. (1980). Suppression methodology and statistical disclosure control. *Journal of the
American Statistical Association* 75(370), 377–385. https://doi.org/10.1080/01621459.1980.10477481
Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley.
https://doi.org/10.1002/9781118348239
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from engine.core.records import Room

__all__ = ["Cell", "Sum", "hidden_groups", "suppress", "determined"]


@dataclass(frozen=True)
class Cell:
    """A part of the room a result is shown for: ``key`` names it, ``members`` are the tokens
    of the people in it who answered, ``voters`` how many people they count for (a proxy tally
    by its head-count). A ``fixed`` cell is shown or hidden by a decision taken elsewhere (a
    group, which each kind's own results show or hide): it is never hidden to protect another."""

    key: Hashable
    members: frozenset[str]
    voters: int
    fixed: bool = False


@dataclass(frozen=True)
class Sum:
    """A published sum: the cells ``parts`` add up to the cell ``total`` (``None``: the room's
    total, always shown)."""

    total: Hashable | None
    parts: tuple[Hashable, ...]


def hidden_groups(room: Room, voters: Mapping[str, int]) -> list[str]:
    """The groups whose own results are hidden, in the room's group order: every group with
    fewer voters than the room's threshold (but at least one), and, if that leaves a single one
    or fewer than the threshold's people hidden in all, the next smallest groups too, so that
    the room's result minus the shown groups' is never one small group's.

    Examples
    --------
    Threshold 3, groups of 10, 12 and 2 voters: the group of 2 is hidden, and so is the group
    of 10 (the next smallest), or 2 would be 24 − 10 − 12.
    """
    order = [group.id for group in room.groups if voters.get(group.id, 0) > 0]
    threshold = room.small_group_threshold
    hidden = {g for g in order if voters[g] < threshold}
    while hidden and (len(hidden) == 1 or sum(voters[g] for g in hidden) < threshold):
        shown = sorted((g for g in order if g not in hidden), key=lambda g: voters[g])
        if not shown:
            break
        hidden.add(shown[0])
    return [g for g in order if g in hidden]


def suppress(cells: Sequence[Cell], sums: Sequence[Sum], threshold: int,
             hidden: Iterable[Hashable] = ()) -> set[Hashable]:
    """The keys of the cells to hide (see the module docstring): those under ``threshold``,
    the ``hidden`` ones (fixed cells hidden elsewhere), and as many more as it takes for no
    hidden cell to be worked out from the shown ones and the sums, as far as there are cells
    left to hide (the module docstring says what remains then)."""
    table = _Table(cells, sums, threshold, set(hidden))
    while True:
        if table.protect_sums():
            continue
        found = table.determined()
        if not found or not table.protect(found[0]):
            break
    return {cell.key for cell in cells if table.is_hidden(cell.key)}


def determined(cells: Sequence[Cell], sums: Sequence[Sum], hidden: Iterable[Hashable]
               ) -> list[Hashable]:
    """The hidden cells (keys) whose value the sums and the shown cells determine: the attack
    that ``suppress`` defeats."""
    table = _Table(cells, sums, 0, set(hidden))
    found = set(table.determined())
    return [cell.key for cell in cells if table.class_of(cell.key) in found]


class _Table:
    """Cells merged into classes of the same people, the sums as equations over the classes,
    and which classes are hidden."""

    def __init__(self, cells: Sequence[Cell], sums: Sequence[Sum], threshold: int,
                 hidden: set[Hashable]) -> None:
        self.threshold = threshold
        self._class: dict[Hashable, frozenset[str]] = {}
        self.voters: dict[frozenset[str], int] = {}
        self.fixed: set[frozenset[str]] = set()
        self.hidden: set[frozenset[str]] = set()
        for cell in cells:
            self._class[cell.key] = cell.members
            if not cell.members:
                continue  # nobody: known to be empty
            self.voters.setdefault(cell.members, cell.voters)
            if cell.fixed:
                self.fixed.add(cell.members)
            if cell.key in hidden or 0 < cell.voters < threshold:
                self.hidden.add(cell.members)
        self.order = list(self.voters)  # first appearance: ties go to the earlier cell
        self.equations: list[tuple[frozenset[str] | None, dict[frozenset[str], int]]] = []
        for found in sums:
            total = None if found.total is None else self._class[found.total]
            coefficients: dict[frozenset[str], int] = {}
            for part in found.parts:
                members = self._class[part]
                if members:
                    coefficients[members] = coefficients.get(members, 0) + 1
            if total:
                coefficients[total] = coefficients.get(total, 0) - 1
            coefficients = {c: k for c, k in coefficients.items() if k}
            if coefficients:
                self.equations.append((total or None, coefficients))

    def class_of(self, key: Hashable) -> frozenset[str]:
        return self._class[key]

    def is_hidden(self, key: Hashable) -> bool:
        return self._class[key] in self.hidden

    def _hideable(self, classes: Iterable[frozenset[str]]) -> list[frozenset[str]]:
        """The shown classes among ``classes`` that may be hidden, smallest first."""
        found = {c for c in classes if c not in self.hidden and c not in self.fixed}
        return sorted(found, key=lambda c: (self.voters[c], self.order.index(c)))

    def protect_sums(self) -> bool:
        """Step 2 on every sum; True if a cell was hidden."""
        for total, coefficients in self.equations:
            unknown = [c for c in coefficients if c in self.hidden]
            if not unknown:
                continue
            total_known = total is None or total not in self.hidden
            parts = [c for c in coefficients if c != total]
            if total_known:
                hidden_parts = [c for c in parts if c in self.hidden]
                safe = len(hidden_parts) >= 2 and sum(
                    self.voters[c] for c in hidden_parts) >= self.threshold
            else:
                safe = len(unknown) >= 2
            if safe:
                continue
            candidates = self._hideable(parts)
            if candidates:
                self.hidden.add(candidates[0])
                return True
            if total is not None and total_known and total not in self.fixed:
                self.hidden.add(total)
                return True
        return False

    def protect(self, target: frozenset[str]) -> bool:
        """Step 3 for one worked-out class: hide the smallest shown class of its equations whose
        hiding leaves it undetermined, else the smallest of them (then of all) to make progress;
        False when nothing is left to hide."""
        near = self._hideable(c for _, coefficients in self.equations if target in coefficients
                              for c in coefficients)
        candidates = near or self._hideable(self.order)
        if not candidates:
            return False
        for candidate in candidates:
            self.hidden.add(candidate)
            if target not in self.determined():
                return True
            self.hidden.discard(candidate)
        self.hidden.add(candidates[0])
        return True

    def determined(self) -> list[frozenset[str]]:
        """The hidden classes the equations determine, in order (exact Gauss–Jordan elimination
        over the hidden classes: a class is determined when it is a pivot whose row has no
        other unknown left free)."""
        columns = [c for c in self.order if c in self.hidden]
        index = {c: i for i, c in enumerate(columns)}
        rows = []
        for _, coefficients in self.equations:
            row = [Fraction(0)] * len(columns)
            for c, k in coefficients.items():
                if c in index:
                    row[index[c]] = Fraction(k)
            if any(row):
                rows.append(row)
        pivots = _reduce(rows, len(columns))
        return [columns[col] for row, col in pivots
                if all(value == 0 for other, value in enumerate(rows[row]) if other != col)]


def _reduce(rows: list[list[Fraction]], width: int) -> list[tuple[int, int]]:
    """Bring ``rows`` to reduced row echelon form in place; return the (row, column) pivots."""
    pivots: list[tuple[int, int]] = []
    top = 0
    for col in range(width):
        pivot = next((r for r in range(top, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[top], rows[pivot] = rows[pivot], rows[top]
        lead = rows[top][col]
        rows[top] = [value / lead for value in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[top])]
        pivots.append((top, col))
        top += 1
        if top == len(rows):
            break
    return pivots
