"""The effort and cost estimator: the worked example of docs/exercises/rehabilitation.md (worked
by hand in ``rap_example``), and its invariants under random plans (hypothesis)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.exercises.rehabilitation.design import RehabilitationPlan
from engine.exercises.rehabilitation.estimate import Effort, estimate, spread_by_month
from engine.exercises.rehabilitation.results import rehabilitation_results

from rap_example import EXERCISE, example_workshop, plan, plan_data


def test_each_task_costs_its_work_times_its_rate():
    """infill-hand: 30 pits × 3 m² × 2 m = 180 m³ × 0.4 = 72 person-days × 2 500 = 180 000.
    infill-machine: 10 × 5 × 8 = 400 m³ × 0.005 = 2 pd and × 0.0025 = 1 equipment-day:
    2 × 2 500 + 1 × 200 000 = 205 000. plant: 1 500 × 0.01 = 15 pd = 37 500, and 1 500 × 100
    = 150 000 of seedlings: 187 500."""
    tasks = estimate(plan()).tasks
    assert tasks["infill-hand"] == Effort(person_days=Fraction(72), labour=Fraction(180000))
    assert tasks["infill-machine"] == Effort(person_days=Fraction(2), equipment_days=Fraction(1),
                                             labour=Fraction(5000), equipment=Fraction(200000))
    assert (tasks["plant"].person_days, tasks["plant"].supplies, tasks["plant"].cost) == (
        15, 150000, 187500)
    assert (tasks["respread"].person_days, tasks["respread"].topsoil) == (500, 2000)


def test_phases_and_the_plan_add_up_to_the_worked_example():
    """Preparation 8 pd, 20 000; technical 72 + 2 + 300 = 374 pd, 1 ed, 180 000 + 205 000 +
    750 000 = 1 135 000; topsoil 500 pd, 1 250 000; biological 15 pd, 187 500; handover 4 pd,
    10 000. In all: 901 pd, 1 ed, 2 602 500 XOF."""
    found = rehabilitation_results(example_workshop().exercise(EXERCISE),
                                   example_workshop().room())
    assert [(p.phase, p.person_days, p.equipment_days, p.cost, p.topsoil_m3, p.tasks)
            for p in found.phases] == [
        ("preparation", 8, 0, 20000, 0, 1), ("technical", 374, 1, 1135000, 0, 3),
        ("topsoil", 500, 0, 1250000, 2000, 1), ("biological", 15, 0, 187500, 0, 1),
        ("handover", 4, 0, 10000, 0, 1)]
    totals = found.totals
    assert (totals.person_days, totals.equipment_days, totals.labour_cost,
            totals.equipment_cost, totals.supplies_cost, totals.cost) == (
        901, 1, 2252500, 200000, 150000, 2602500)
    assert [(p.start, p.end) for p in found.phases][1] == (dt.date(2026, 3, 9),
                                                           dt.date(2026, 4, 21))
    assert found.currency == "XOF" and found.starting_rates == [] and not found.starting_costs


def test_the_whole_mine_cycle_saves_the_double_handling():
    """V = 8 000 m² × 0.25 m = 2 000 m³. Stored: 4 000 m³ × 0.25 = 1 000 pd, 2 500 000.
    Recovered from spoil half topsoil: 2 000 / 0.5 + 2 000 = 6 000 m³, 1 500 pd, 3 750 000.
    Saving: 2 000 m³, 500 pd, 1 250 000 XOF."""
    cycle = rehabilitation_results(example_workshop().exercise(EXERCISE),
                                   example_workshop().room()).whole_mine_cycle
    assert (cycle.topsoil_m3, cycle.mixed_share, cycle.method) == (2000, 0.5, "manual")
    assert [(s.topsoil_m3, s.person_days, s.cost) for s in (cycle.stored, cycle.recovered,
                                                            cycle.saving)] == [
        (4000, 1000, 2500000), (6000, 1500, 3750000), (2000, 500, 1250000)]


def test_the_months_spread_each_task_over_its_days():
    """March 8 + 72 × 23/30 + 2 + 300 × 9/30 = 155.2; April 72 × 7/30 + 300 × 21/30 + 500 =
    726.8; May 15; June to October nothing; November 4."""
    found = rehabilitation_results(example_workshop().exercise(EXERCISE),
                                   example_workshop().room())
    assert [(m.month, m.person_days) for m in found.months] == [
        ("2026-03", 155.2), ("2026-04", 726.8), ("2026-05", 15), ("2026-06", 0), ("2026-07", 0),
        ("2026-08", 0), ("2026-09", 0), ("2026-10", 0), ("2026-11", 4)]
    assert found.months[0].tasks == ["survey", "infill-hand", "infill-machine", "regrade"]
    assert found.months[5].tasks == []


def test_quantities_and_the_mitigation_hierarchy():
    """Pits 30 + 10 = 40, their volume 180 + 400 = 580 m³; ground 6 000 m²; topsoil 2 000 m³
    to conserve and 2 000 handled; 1 500 néré seedlings. Every task restores by default."""
    found = rehabilitation_results(example_workshop().exercise(EXERCISE),
                                   example_workshop().room())
    amounts = found.quantities
    assert (amounts.site_m2, amounts.pits, amounts.pit_volume_m3, amounts.area_worked_m2,
            amounts.topsoil_m3, amounts.topsoil_handled_m3) == (20000, 40, 580, 6000, 2000, 2000)
    assert (amounts.seedlings, amounts.seed_kg) == ({"nere": 1500}, {"nere": 0})
    assert found.hierarchy == {"avoid": [], "minimise": [], "offset": [], "restore": [
        "survey", "infill-hand", "infill-machine", "regrade", "respread", "plant", "sign-off"]}


def test_a_task_over_a_month_end_splits_by_its_days():
    """10 person-days over 28 March – 6 April: 4 days in March, 6 in April."""
    parts = spread_by_month(dt.date(2026, 3, 28), dt.date(2026, 4, 6),
                            Effort(person_days=Fraction(10)))
    assert {m: e.person_days for m, e in parts.items()} == {"2026-03": 4, "2026-04": 6}


def test_starting_values_in_use_are_named():
    data = plan_data()
    data["costs"]["starting"] = True
    data["rates"][0]["starting"] = True  # pits by hand: used
    data["rates"][1]["starting"] = True  # pits by machine: used
    data["rates"][2]["starting"] = False
    found = rehabilitation_results(
        example_workshop(design=data).exercise(EXERCISE), example_workshop().room())
    assert found.starting_costs and found.starting_rates == ["pit/manual", "pit/mechanised"]
    assert [line.task for line in found.tasks if line.starting_rate] == ["infill-hand",
                                                                         "infill-machine"]


# ---- invariants --------------------------------------------------------------------------------

POSITIVE = st.decimals(min_value="0.01", max_value="500", places=2).map(float)
DAYS = st.integers(min_value=0, max_value=120)


@st.composite
def plans(draw: st.DrawFn) -> RehabilitationPlan:
    """The example plan with random quantities, rates, day costs, dates and topsoil."""
    data = plan_data()
    data["costs"].update(wage=draw(POSITIVE), equipment_day=draw(POSITIVE))
    for rate in data["rates"]:
        rate["person_days"] = draw(POSITIVE)
        if rate["method"] == "mechanised":
            rate["equipment_days"] = draw(POSITIVE)
        rate["supplies"] = draw(st.sampled_from([0, 0.5, 125]))
    data["topsoil"].update(area=draw(st.integers(1, 20000)),
                           depth=draw(st.decimals("0.01", "1", places=2).map(float)),
                           mixed_share=draw(st.decimals("0.01", "1", places=2).map(float)))
    volume = data["topsoil"]["area"] * data["topsoil"]["depth"]
    for phase in data["phases"]:
        start = dt.date.fromisoformat(phase["start"])
        for task in phase["tasks"]:
            first = start + dt.timedelta(days=draw(DAYS))
            task["start"] = first.isoformat()
            task["end"] = (first + dt.timedelta(days=draw(DAYS))).isoformat()
            if task["unit"] == "day":
                task["quantity"] = 1
            elif task["unit"] == "topsoil":
                task["quantity"] = draw(st.integers(0, int(volume)))
            elif task["unit"] in ("pit", "seedling"):
                task["quantity"] = draw(st.integers(0, 50))
            else:
                task["quantity"] = draw(st.integers(0, 20000))
    return RehabilitationPlan.model_validate(data)


@settings(max_examples=60, deadline=None)
@given(plans())
def test_totals_are_the_sums_of_phases_tasks_and_months(plan: RehabilitationPlan):
    found = estimate(plan)
    assert found.total == sum(found.phases.values(), Effort())
    assert found.total == sum(found.tasks.values(), Effort())
    assert found.total == sum(found.months.values(), Effort())
    assert found.total.cost == (found.total.person_days * Fraction(str(plan.costs.wage))
                                + found.total.equipment_days
                                * Fraction(str(plan.costs.equipment_day))
                                + found.total.supplies)


@settings(max_examples=60, deadline=None)
@given(plans())
def test_the_rounded_results_add_up_within_rounding(plan: RehabilitationPlan):
    """Each rounded phase is within half a cent of its exact value, so the rounded total is
    within 5 × 0.005 of the sum of the rounded phases."""
    found = rehabilitation_results(Exercise(id="x", kind="rehabilitation", design=plan),
                                   Room((), ()))
    for field in ("person_days", "equipment_days", "cost", "topsoil_m3"):
        assert abs(sum(getattr(p, field) for p in found.phases)
                   - getattr(found.totals, field)) <= 0.025 + 1e-9


@settings(max_examples=100, deadline=None)
@given(plans())
def test_storing_topsoil_while_mining_never_costs_more(plan: RehabilitationPlan):
    """Recovered afterwards moves V / s + V ≥ 2 V, since 0 < s ≤ 1: the saving is V (1/s − 1)
    m³ of handling, never negative, and nothing when the spoil is all topsoil."""
    cycle = estimate(plan).comparison
    saving = cycle.saving
    assert saving.topsoil == cycle.volume * (1 / cycle.mixed_share - 1)
    assert saving.topsoil >= 0 and saving.person_days >= 0 and saving.cost >= 0
    assert (saving.topsoil == 0) == (cycle.mixed_share == 1)
    assert cycle.stored.topsoil == 2 * cycle.volume


@settings(max_examples=40, deadline=None)
@given(plans(), st.integers(min_value=2, max_value=5))
def test_costs_scale_with_the_wage_and_equipment_rate(plan: RehabilitationPlan, factor: int):
    """Multiplying both day costs by k multiplies labour and equipment costs by k and leaves
    the person-days as they were."""
    scaled = plan.model_copy(update={"costs": plan.costs.model_copy(update={
        "wage": plan.costs.wage * factor, "equipment_day": plan.costs.equipment_day * factor})})
    before, after = estimate(plan).total, estimate(scaled).total
    assert after.person_days == before.person_days
    assert abs(after.labour - factor * before.labour) < Fraction(1, 10**6)
    assert abs(after.equipment - factor * before.equipment) < Fraction(1, 10**6)
