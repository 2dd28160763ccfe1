"""The plan's own unit and its province: the scope of the agencies a plan names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitContext:
    """The plan's own unit and its province, used to scope agencies."""

    path: str | None = None  # "hai-phong/hong-bang"
    name: str | None = None  # "quận Hồng Bàng"
    type_word: str | None = None  # "quận"
    level: str | None = None
    province: str | None = None  # slug, date-adjusted: "hai-phong"
    province_name: str | None = None  # "thành phố Hải Phòng"
    date: str | None = None
    ocr: bool = False
    parent_path: str | None = None  # the district above a commune (before the 2025 reform): "son-la/bac-yen"
    parent_name: str | None = None  # "huyện Bắc Yên"
    parent_type_word: str | None = None  # "huyện"
