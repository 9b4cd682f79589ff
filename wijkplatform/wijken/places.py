"""What a place tells us: its country's name, its time zone and the language a new wijk starts in.

All offline: time zones from coordinates with tzfpy, country names in every language from Babel's CLDR data.
"""

import math
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from tzfpy import get_tz

NEARBY_KM = 1.5  # requests closer than this are probably the same neighbourhood
NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}

# The language a new wijk starts in, by country; everything else starts in English. Coordinators change it.
LANGUAGE_BY_COUNTRY = {
    "NL": "nl", "BE": "nl", "SR": "nl", "AW": "nl", "CW": "nl", "SX": "nl",
    "DE": "de", "AT": "de", "CH": "de", "LI": "de",
    "FR": "fr", "LU": "fr", "MC": "fr", "SN": "fr", "CI": "fr", "ML": "fr", "HT": "fr",
    "ES": "es", "MX": "es", "AR": "es", "CO": "es", "PE": "es", "CL": "es", "VE": "es", "EC": "es",
    "GT": "es", "CU": "es", "BO": "es", "DO": "es", "HN": "es", "PY": "es", "SV": "es", "NI": "es",
    "CR": "es", "PA": "es", "UY": "es",
    "TR": "tr", "CY": "tr",
    "PL": "pl",
    "MA": "ar", "DZ": "ar", "TN": "ar", "EG": "ar", "SA": "ar", "AE": "ar", "JO": "ar", "LB": "ar",
    "SY": "ar", "IQ": "ar", "KW": "ar", "QA": "ar", "BH": "ar", "OM": "ar", "YE": "ar", "LY": "ar",
    "SD": "ar", "PS": "ar",
}


@lru_cache(maxsize=16)
def countries(language="en"):
    """[(code, name)] of every country, named and sorted in this language."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    names = locale.territories
    pairs = [(code, name) for code, name in names.items()
             if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES]
    return sorted(pairs, key=lambda pair: pair[1])


def country_name(code, language="en"):
    return dict(countries(language)).get(code, code)


def is_country(code):
    return code in dict(countries("en"))


def language_for_country(code):
    return LANGUAGE_BY_COUNTRY.get(code, "en")


def time_zone_at(latitude, longitude):
    """The IANA time zone at a point, or None in open sea."""
    name = get_tz(float(longitude), float(latitude))
    if not name or name.startswith("Etc/"):  # the sea has nautical zones such as Etc/GMT+2
        return None
    return name


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance between two points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (lat1, lon1, lat2, lon2)))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
