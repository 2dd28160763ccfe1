"""Issue 18, item 5: a collective's members are described, not only named: their level and the types
of their units, read from the collective's words and the unit it belongs to."""

import pytest

from kg.extract.agencies import UnitContext, resolve_agencies
from tests.extract.contexts import HONG_BANG, NINH_BINH_2025, QUANG_NINH

COMMUNE = UnitContext("lai-chau/binh-lu", "xã Bình Lư", "xã", "commune", "lai-chau", "tỉnh Lai Châu", "2026-04")


def members(text: str, ctx: UnitContext) -> list[tuple[str, str | None, str | None, tuple[str, ...]]]:
    return [(r.name, r.orgtype, r.member_level, r.member_types)
            for r in resolve_agencies(text, 0, ctx) if r.is_group]


@pytest.mark.parametrize(("text", "ctx", "expected"), [
    # committees: the unit words after "các" or a count are the members' units
    ("Ủy ban nhân dân các xã, thị trấn", HONG_BANG,
     ("Ủy ban nhân dân các xã, thị trấn", "peoples-committee", "commune", ("commune", "township"))),
    ("Uy ban nhan dan 09 phuong", HONG_BANG,
     ("Ủy ban nhân dân các phường", "peoples-committee", "commune", ("ward",))),
    # "thành phố" among districts of a province is a provincial city
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", QUANG_NINH,
     ("Ủy ban nhân dân các huyện, thị xã, thành phố", "peoples-committee", "district",
      ("rural-district", "town", "provincial-city"))),
    # after the 2025 reform a province's committees below it are communes and wards
    ("UBND các xã, phường", NINH_BINH_2025,
     ("Ủy ban nhân dân các xã, phường", "peoples-committee", "commune", ("commune", "ward"))),
    # other collectives: a unit word after the members names their level, else the scope's level
    ("Các phòng, ban, ngành, đoàn thể quận", HONG_BANG,
     ("Các phòng, ban, ngành, đoàn thể quận", "office", "district", ())),
    ("các sở, ban, ngành tỉnh", HONG_BANG, ("Các sở, ban, ngành tỉnh", "department", "province", ())),
    ("các tổ chức chính trị - xã hội xã", COMMUNE,
     ("Các tổ chức chính trị - xã hội xã", "mass-organisation", "commune", ())),
    ("các sở, ban, ngành liên quan", QUANG_NINH, ("Các sở, ban, ngành liên quan", "department", "province", ())),
])
def test_members_level_and_unit_types(text: str, ctx: UnitContext, expected: tuple) -> None:
    assert members(text, ctx) == [expected]


def test_one_agency_has_no_members() -> None:
    (ref,) = resolve_agencies("Ủy ban nhân dân quận Hồng Bàng", 0, HONG_BANG)
    assert not ref.is_group and ref.member_level is None and ref.member_types == ()
