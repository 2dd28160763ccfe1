"""Unit contexts of the seed plans and the excerpts folder, shared by the extraction tests."""

from pathlib import Path

from kg.extract.agencies import UnitContext

EXCERPTS = Path(__file__).parents[1] / "data" / "excerpts"
HONG_BANG = UnitContext(
    "hai-phong/hong-bang",
    "quận Hồng Bàng",
    "quận",
    "district",
    "hai-phong",
    "thành phố Hải Phòng",
    "2022-12-16",
    True,
)
QUANG_NINH = UnitContext(
    "quang-ninh", "tỉnh Quảng Ninh", "tỉnh", "province", "quang-ninh", "tỉnh Quảng Ninh", "2021-11-24", False
)
# a province after the July 2025 reform (no district level), as the real published plans are
NINH_BINH_2025 = UnitContext(
    "ninh-binh-2025", "tỉnh Ninh Bình", "tỉnh", "province", "ninh-binh-2025", "tỉnh Ninh Bình", "2025-11-20"
)
