"""The workbook's parts of the room: a sheet per cut, the participation by gender, and the
ballots sheets' profile columns, on a room worked by hand.

Women (woman-1 to 5, all women, 6 expected of whom 6 women) put their 10 beans on water; miners
1–4 (men) on roads, miner-5 (who did not say their gender) on water. Threshold 3.

- By gender: the women's part has 5 voters and ranks water 1, roads 2. "Prefer not to say"
  holds miner-5 alone: hidden; the men's part (4) is hidden too, or it would be the room's 10 voters
  minus the women's 5 minus the men's 4 = miner-5's ballot (complementary suppression).
- The women against the rest (the miners: roads 40 beans, water 10): the order reversed, so
  Kendall's τ_b = Spearman's ρ = −1 over the two items.
- Ballots sheets (when the facilitator exports the profile): a woman's gender is listed (5 women
  share it), a man's too (4), miner-5's answer is blank.
"""

from __future__ import annotations

from engine.core import i18n
from engine.core.workshop import Workshop
from engine.excel import listed_room

from factories import beans, tokens_exercise, workshop_data
from workbook_helpers import row_of, saved

WOMEN = [f"woman-{n}" for n in range(1, 6)]
MEN = [f"miner-{n}" for n in range(1, 5)]


def gender_room(export_profile: bool = True) -> Workshop:
    data = workshop_data({"women": WOMEN, "miners": [*MEN, "miner-5"]}, [tokens_exercise(
        "water-priorities", ["water", "roads"],
        [beans(token, water=10) for token in WOMEN]
        + [beans(token, roads=10) for token in MEN] + [beans("miner-5", water=10)])])
    for participant in data["participants"]:
        if participant["token"] in WOMEN + MEN:
            participant["attributes"] = {"gender": "woman" if participant["group"] == "women"
                                         else "man"}
    women = next(group for group in data["groups"] if group["id"] == "women")
    women.update(expected=6, expected_by={"woman": 6})
    return Workshop.model_validate({**data, "export_profile": export_profile})


def test_a_sheet_per_cut_shows_the_parts_big_enough_and_hides_what_could_be_subtracted():
    _, book = saved(gender_room())
    assert [name for name in book.sheetnames if name.startswith("By ")] == [
        "By group", "By gender", "By age", "By group and gender", "By group and age"]
    sheet = book["By gender"]
    header = row_of(sheet, i18n.t("excel.col.part"))
    lines = [tuple(cell.value for cell in line[:7])
             for line in sheet.iter_rows(min_row=header, max_row=header + 3)]
    assert lines == [
        ("Part of the room", "Voters", "Kendall's τ_b", "Spearman's ρ",
         "Ranked most differently (here / the rest)", "Water", "Roads"),
        ("Woman", 5, -1, -1, "Water (1 / 2), Roads (2 / 1)", 1, 2),
        ("Man", "hidden", None, None, None, None, None),
        ("Prefer not to say", "hidden", None, None, None, None, None)]
    assert sheet.cell(row=header - 1, column=1).value == "Water-Priorities: 10 voters"


def test_participation_lists_the_head_counts_expected_by_gender_under_their_group():
    _, book = saved(gender_room())
    rows = list(book["Participation"].iter_rows(values_only=True))
    assert rows[1:3] == [("Women", "Other", 6, 5, 5), ("Women · Woman", None, 6, 5, 5)]
    assert rows[-1] == ("Total", None, 6, 10, 10)  # the group's line counted once


def test_the_ballots_sheets_list_an_answer_only_where_enough_of_the_group_share_it():
    workshop = gender_room()
    listed = {p.token: p.attributes for p in listed_room(workshop).participants}
    assert listed["woman-1"] == {"gender": "woman"} and listed["miner-1"] == {"gender": "man"}
    assert listed["miner-5"] == {}
    _, book = saved(workshop)
    sheet = book["water-priorities ballots"]
    header = [cell.value for cell in sheet[1]]
    gender = header.index("Gender") + 1
    answers = {sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=gender).value
               for r in range(2, sheet.max_row + 1)}
    assert answers == {**dict.fromkeys(WOMEN, "Woman"), **dict.fromkeys(MEN, "Man"),
                       "miner-5": None}


def test_by_default_the_ballots_sheets_give_no_profile_answers():
    workshop = gender_room(export_profile=False)
    assert listed_room(workshop).profile_columns == ()
    _, book = saved(workshop)
    header = [cell.value for cell in book["water-priorities ballots"][1]]
    assert "Gender" not in header and "Age" not in header
    assert i18n.t("excel.cover.attributes_note", threshold=3) not in {
        line[0].value for line in book["Cover"].iter_rows()}


def test_a_lone_answer_in_a_group_is_not_listed_beside_its_token():
    data = gender_room().model_dump(mode="json")
    data["participants"][0]["attributes"] = {"gender": "man", "age": "60-plus"}  # w1
    listed = {p.token: p.attributes for p in listed_room(Workshop.model_validate(data))
              .participants}
    assert listed["woman-1"] == {} and listed["woman-2"] == {"gender": "woman"}
