"""USPS Publication 28 tables, written out as Python data.

Sources: USPS Publication 28 "Postal Addressing Standards", Appendix B (state abbreviations),
Appendix C1 (street suffixes), C2 (secondary unit designators) and section 233 (directionals).
Every key is upper case ASCII without punctuation, as `normalize.address.fold` produces it.
The tables are written as "standard: variants" and inverted once at import, so each standard
form also maps to itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "DIRECTIONALS",
    "HIGHWAY_WORDS",
    "NAME_PREFIX_WORDS",
    "ORDINAL_WORDS",
    "ORDINAL_TENS",
    "SPANISH_STREET_TYPES",
    "STATE_CODES",
    "STATE_NAMES",
    "STREET_SUFFIXES",
    "UNIT_DESIGNATORS",
    "UNIT_WORDS_WITHOUT_ID",
    "URBANIZATION_WORDS",
    "URB_DESIGNATORS",
    "WEAK_UNIT_DESIGNATORS",
]


def _invert(table: Mapping[str, str]) -> Mapping[str, str]:
    """{"ST": "STREET STRT STR"} -> {"STREET": "ST", "STRT": "ST", "STR": "ST", "ST": "ST"}."""
    out: dict[str, str] = {}
    for standard, variants in table.items():
        out[standard] = standard
        for variant in variants.split():
            out[variant] = standard
    return MappingProxyType(out)


# Appendix C1: standard suffix abbreviation -> every common form USPS lists for it.
_C1: dict[str, str] = {
    "ALY": "ALLEE ALLEY ALLY", "ANX": "ANEX ANNEX ANNX", "ARC": "ARCADE",
    "AVE": "AV AVEN AVENU AVENUE AVN AVNUE", "BYU": "BAYOO BAYOU", "BCH": "BEACH",
    "BND": "BEND", "BLF": "BLUF BLUFF", "BLFS": "BLUFFS", "BTM": "BOT BOTTM BOTTOM",
    "BLVD": "BOUL BOULEVARD BOULV", "BR": "BRNCH BRANCH", "BRG": "BRDGE BRIDGE",
    "BRK": "BROOK", "BRKS": "BROOKS", "BG": "BURG", "BGS": "BURGS",
    "BYP": "BYPA BYPAS BYPASS BYPS", "CP": "CAMP CMP", "CYN": "CANYN CANYON CNYN",
    "CPE": "CAPE", "CSWY": "CAUSEWAY CAUSWA", "CTR": "CEN CENT CENTER CENTR CENTRE CNTER CNTR",
    "CTRS": "CENTERS", "CIR": "CIRC CIRCL CIRCLE CRCL CRCLE", "CIRS": "CIRCLES",
    "CLF": "CLIFF", "CLFS": "CLIFFS", "CLB": "CLUB", "CMN": "COMMON", "CMNS": "COMMONS",
    "COR": "CORNER", "CORS": "CORNERS", "CRSE": "COURSE", "CT": "COURT", "CTS": "COURTS",
    "CV": "COVE", "CVS": "COVES", "CRK": "CREEK", "CRES": "CRESCENT CRSENT CRSNT",
    "CRST": "CREST", "XING": "CROSSING CRSSNG", "XRD": "CROSSROAD", "XRDS": "CROSSROADS",
    "CURV": "CURVE", "DL": "DALE", "DM": "DAM", "DV": "DIV DIVIDE DVD",
    "DR": "DRIV DRIVE DRV", "DRS": "DRIVES", "EST": "ESTATE", "ESTS": "ESTATES",
    "EXPY": "EXP EXPR EXPRESS EXPRESSWAY EXPW", "EXT": "EXTENSION EXTN EXTNSN",
    "EXTS": "EXTENSIONS", "FALL": "", "FLS": "FALLS", "FRY": "FERRY FRRY", "FLD": "FIELD",
    "FLDS": "FIELDS", "FLT": "FLAT", "FLTS": "FLATS", "FRD": "FORD", "FRDS": "FORDS",
    "FRST": "FOREST FORESTS", "FRG": "FORG FORGE", "FRGS": "FORGES", "FRK": "FORK",
    "FRKS": "FORKS", "FT": "FORT FRT", "FWY": "FREEWAY FREEWY FRWAY FRWY",
    "GDN": "GARDEN GARDN GRDEN GRDN", "GDNS": "GARDENS GRDNS",
    "GTWY": "GATEWAY GATEWY GATWAY GTWAY", "GLN": "GLEN", "GLNS": "GLENS", "GRN": "GREEN",
    "GRNS": "GREENS", "GRV": "GROV GROVE", "GRVS": "GROVES",
    "HBR": "HARB HARBOR HARBR HRBOR", "HBRS": "HARBORS", "HVN": "HAVEN", "HTS": "HT HEIGHTS",
    "HWY": "HIGHWAY HIGHWY HIWAY HIWY HWAY", "HL": "HILL", "HLS": "HILLS",
    "HOLW": "HLLW HOLLOW HOLLOWS HOLWS", "INLT": "INLET", "IS": "ISLAND ISLND",
    "ISS": "ISLANDS ISLNDS", "ISLE": "ISLES", "JCT": "JCTION JCTN JUNCTION JUNCTN JUNCTON",
    "JCTS": "JCTNS JUNCTIONS", "KY": "KEY", "KYS": "KEYS", "KNL": "KNOL KNOLL",
    "KNLS": "KNOLLS", "LK": "LAKE", "LKS": "LAKES", "LAND": "", "LNDG": "LANDING LNDNG",
    "LN": "LANE", "LGT": "LIGHT", "LGTS": "LIGHTS", "LF": "LOAF", "LCK": "LOCK",
    "LCKS": "LOCKS", "LDG": "LDGE LODG LODGE", "LOOP": "LOOPS", "MALL": "", "MNR": "MANOR",
    "MNRS": "MANORS", "MDW": "MEADOW", "MDWS": "MEADOWS MEDOWS", "MEWS": "", "ML": "MILL",
    "MLS": "MILLS", "MSN": "MISSION MISSN MSSN", "MTWY": "MOTORWAY", "MT": "MNT MOUNT",
    "MTN": "MNTAIN MNTN MOUNTAIN MOUNTIN MTIN", "MTNS": "MNTNS MOUNTAINS", "NCK": "NECK",
    "ORCH": "ORCHARD ORCHRD", "OVAL": "OVL", "OPAS": "OVERPASS", "PARK": "PRK PARKS",
    # "PASS" is a street suffix (Pub 28), not a password: bandit B105 is a false alarm here
    "PKWY": "PARKWAY PARKWY PKWAY PKY PARKWAYS PKWYS", "PASS": "", "PSGE": "PASSAGE",  # nosec B105
    "PATH": "PATHS", "PIKE": "PIKES", "PNE": "PINE", "PNES": "PINES", "PL": "PLACE",
    "PLN": "PLAIN", "PLNS": "PLAINS", "PLZ": "PLAZA PLZA", "PT": "POINT", "PTS": "POINTS",
    "PRT": "PORT", "PRTS": "PORTS", "PR": "PRAIRIE PRR", "RADL": "RAD RADIAL RADIEL",
    "RAMP": "", "RNCH": "RANCH RANCHES RNCHS", "RPD": "RAPID", "RPDS": "RAPIDS",
    "RST": "REST", "RDG": "RDGE RIDGE", "RDGS": "RIDGES", "RIV": "RIVER RVR RIVR",
    "RD": "ROAD", "RDS": "ROADS", "RTE": "ROUTE", "ROW": "", "RUE": "", "RUN": "",
    "SHL": "SHOAL", "SHLS": "SHOALS", "SHR": "SHOAR SHORE", "SHRS": "SHOARS SHORES",
    "SKWY": "SKYWAY", "SPG": "SPNG SPRING SPRNG", "SPGS": "SPNGS SPRINGS SPRNGS",
    "SPUR": "SPURS", "SQ": "SQR SQRE SQU SQUARE", "SQS": "SQRS SQUARES",
    "STA": "STATION STATN STN", "STRA": "STRAV STRAVEN STRAVENUE STRAVN STRVN STRVNUE",
    "STRM": "STREAM STREME", "ST": "STREET STRT STR", "STS": "STREETS",
    "SMT": "SUMIT SUMITT SUMMIT", "TER": "TERR TERRACE", "TRWY": "THROUGHWAY",
    "TRCE": "TRACE TRACES", "TRAK": "TRACK TRACKS TRK TRKS", "TRFY": "TRAFFICWAY",
    "TRL": "TRAIL TRAILS TRLS", "TRLR": "TRAILER TRLRS", "TUNL": "TUNEL TUNLS TUNNEL TUNNELS TUNNL",
    "TPKE": "TRNPK TURNPIKE TURNPK", "UPAS": "UNDERPASS", "UN": "UNION", "UNS": "UNIONS",
    "VLY": "VALLEY VALLY VLLY", "VLYS": "VALLEYS", "VIA": "VDCT VIADCT VIADUCT",
    "VW": "VIEW", "VWS": "VIEWS", "VLG": "VILL VILLAG VILLAGE VILLG VILLIAGE",
    "VLGS": "VILLAGES", "VL": "VILLE", "VIS": "VIST VISTA VST VSTA", "WALK": "WALKS",
    "WALL": "", "WAY": "WY", "WAYS": "", "WL": "WELL", "WLS": "WELLS",
}

STREET_SUFFIXES: Mapping[str, str] = _invert(_C1)
"""Any written street suffix -> its Pub 28 standard abbreviation ("AVENUE" -> "AVE")."""

# Plurals Pub 28 writes as the singular's abbreviation (PARKS -> PARK, FORESTS -> FRST,
# TRAILS -> TRL): one suffix either way, but inside a street's name two streets. An audit
# (21) found 3485 PARKS PL disclosed to a request for 3485 PARK PL, another taxpayer's
# address in the same ZIP, and 4740 FORESTS LN for 4740 FOREST LN.
_PLURALS_OF_ONE_ABBREVIATION = frozenset({
    "FORESTS", "HOLLOWS", "HOLWS", "ISLES", "LOOPS", "PARKS", "PARKWAYS", "PKWYS", "PATHS",
    "PIKES", "RANCHES", "RNCHS", "SPURS", "TRACES", "TRACKS", "TRKS", "TRAILS", "TRLS",
    "TRLRS", "TUNNELS", "TUNLS", "WALKS"})
STREET_NAME_WORDS: Mapping[str, str] = {
    word: short + "S" if word in _PLURALS_OF_ONE_ABBREVIATION else short
    for word, short in STREET_SUFFIXES.items()}
"""A suffix word inside a street's name -> the form the street's key compares: its Pub 28
abbreviation, a plural kept apart from its singular (PARKS -> PARKS, TRAILS and TRLS ->
TRLS; PARK -> PARK, TRAIL -> TRL)."""

DIRECTIONALS: Mapping[str, str] = _invert({
    "N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST",
    "NE": "NORTHEAST", "NW": "NORTHWEST", "SE": "SOUTHEAST", "SW": "SOUTHWEST",
})
"""Directional word -> one- or two-letter abbreviation (Pub 28 section 233)."""

# Appendix C2: secondary unit designators, standard -> other written forms.
UNIT_DESIGNATORS: Mapping[str, str] = _invert({
    "APT": "APARTMENT APTS APPT APRT", "BSMT": "BASEMENT", "BLDG": "BUILDING BLD",
    "DEPT": "DEPARTMENT", "FL": "FLOOR FLR", "FRNT": "FRONT", "HNGR": "HANGAR HANGER",
    "KEY": "", "LBBY": "LOBBY", "LOT": "", "LOWR": "LOWER", "OFC": "OFFICE",
    "PH": "PENTHOUSE", "PIER": "", "REAR": "", "RM": "ROOM", "SIDE": "", "SLIP": "",
    "SPC": "SPACE SP", "STOP": "", "STE": "SUITE", "TRLR": "TRAILER", "UNIT": "UNT",
    "UPPR": "UPPER", "PMB": "", "#": "NO NUM NUMBER",
})
"""Unit designator -> standard form. "#" stands for the number sign and its spelled forms."""

UNIT_WORDS_WITHOUT_ID: frozenset[str] = frozenset(
    {"BSMT", "FRNT", "LBBY", "LOWR", "OFC", "PH", "REAR", "SIDE", "UPPR"}
)
"""Designators that need no identifier (Pub 28 C2): "REAR" alone is a complete unit."""

WEAK_UNIT_DESIGNATORS: frozenset[str] = frozenset({
    "BASEMENT", "BUILDING", "DEPARTMENT", "FLOOR", "FRONT", "HANGAR", "HANGER", "KEY", "LOBBY",
    "LOT", "LOWER", "NO", "NUM", "NUMBER", "OFFICE", "PENTHOUSE", "PIER", "REAR", "ROOM", "SIDE",
    "SLIP", "SP", "SPACE", "STOP", "TRAILER", "UPPER",
})
"""Written designators that are also ordinary street-name words ("Front St", "Old Lot Rd",
"Lower Main St"); they start a unit only in an unambiguous position (see address.py)."""

ORDINAL_WORDS: Mapping[str, str] = MappingProxyType({
    "FIRST": "1ST", "SECOND": "2ND", "THIRD": "3RD", "FOURTH": "4TH", "FIFTH": "5TH",
    "SIXTH": "6TH", "SEVENTH": "7TH", "EIGHTH": "8TH", "NINTH": "9TH", "TENTH": "10TH",
    "ELEVENTH": "11TH", "TWELFTH": "12TH", "THIRTEENTH": "13TH", "FOURTEENTH": "14TH",
    "FIFTEENTH": "15TH", "SIXTEENTH": "16TH", "SEVENTEENTH": "17TH", "EIGHTEENTH": "18TH",
    "NINETEENTH": "19TH", "TWENTIETH": "20TH", "THIRTIETH": "30TH", "FORTIETH": "40TH",
    "FIFTIETH": "50TH", "SIXTIETH": "60TH", "SEVENTIETH": "70TH", "EIGHTIETH": "80TH",
    "NINETIETH": "90TH", "HUNDREDTH": "100TH",
})
"""Spelled ordinal -> numeric ordinal; compounds ("TWENTY FIRST") combine with ORDINAL_TENS."""

ORDINAL_TENS: Mapping[str, int] = MappingProxyType({
    "TWENTY": 20, "THIRTY": 30, "FORTY": 40, "FIFTY": 50, "SIXTY": 60, "SEVENTY": 70,
    "EIGHTY": 80, "NINETY": 90,
})

NAME_PREFIX_WORDS: Mapping[str, str] = MappingProxyType({
    "ST": "SAINT", "STE": "SAINTE", "MT": "MOUNT", "FT": "FORT",
})
"""Abbreviations read as a word when they open a street or city name: "ST JAMES PL" is
Saint James, while "ST" as the last word is the suffix STREET. USPS city names spell these
words out (SAINT LOUIS, FORT WORTH, MOUNT VERNON), so both sides compare the same."""

HIGHWAY_WORDS: Mapping[str, str] = MappingProxyType({
    "HIGHWAY": "HWY", "HWY": "HWY", "HIWAY": "HWY", "HWAY": "HWY", "ROUTE": "RTE",
    "RTE": "RTE", "RT": "RTE", "ROAD": "RD", "RD": "RD", "FM": "FM", "CR": "CR", "SR": "SR",
    "INTERSTATE": "I", "I": "I", "US": "US", "STATE": "STATE", "COUNTY": "COUNTY",
})
"""Words that, followed by a number, name a road ("COUNTY ROAD 45", "US HIGHWAY 1"): the
number is part of the street name, not a unit."""

SPANISH_STREET_TYPES: frozenset[str] = frozenset({
    "CALLE", "CAMINO", "CAMINITO", "AVENIDA", "PASEO", "VIA", "VIALE", "CALLEJON", "CALZADA",
    "CARRETERA", "PLAZUELA", "PASAJE", "VEREDA", "RAMBLA", "ALAMEDA", "CAMINITA",
})
"""Spanish street types as written in the US ("CALLE LUNA", "CAMINO REAL"): Pub 28 keeps them
as words of the street name, never as a suffix to abbreviate."""

URB_DESIGNATORS: frozenset[str] = frozenset({"URB", "URBANIZACION"})
"""Section 29 (Puerto Rico addresses): the urbanization descriptor. It precedes the name of
the area ("URB LAS GLADIOLAS"), on a line of its own or before the street line; the
descriptor itself is not part of the name."""

URBANIZATION_WORDS: Mapping[str, str] = _invert({
    "RES": "RESIDENCIAL", "COND": "CONDOMINIO", "EXT": "EXTENSION EXTN",
    "BO": "BARRIO", "SECTOR": "SECT", "PARC": "PARCELAS", "JARD": "JARDINES",
    "BDA": "BARRIADA", "REPTO": "REPARTO",
})
"""Other Puerto Rico area designators (residencial, condominio, extension, barrio, sector,
parcelas, jardines, barriada, reparto) and their abbreviations. Unlike URB they are words of
the area's name (RES LUIS LLORENS TORRES, EXT VILLA RICA: an extension is a development of
its own), standardized wherever they stand in it; a street line that opens with one, before
the house number, names an area as URB does."""

STATE_CODES: Mapping[str, str] = MappingProxyType({
    "AL": "ALABAMA", "AK": "ALASKA", "AZ": "ARIZONA", "AR": "ARKANSAS", "CA": "CALIFORNIA",
    "CO": "COLORADO", "CT": "CONNECTICUT", "DE": "DELAWARE", "DC": "DISTRICT OF COLUMBIA",
    "FL": "FLORIDA", "GA": "GEORGIA", "HI": "HAWAII", "ID": "IDAHO", "IL": "ILLINOIS",
    "IN": "INDIANA", "IA": "IOWA", "KS": "KANSAS", "KY": "KENTUCKY", "LA": "LOUISIANA",
    "ME": "MAINE", "MD": "MARYLAND", "MA": "MASSACHUSETTS", "MI": "MICHIGAN",
    "MN": "MINNESOTA", "MS": "MISSISSIPPI", "MO": "MISSOURI", "MT": "MONTANA",
    "NE": "NEBRASKA", "NV": "NEVADA", "NH": "NEW HAMPSHIRE", "NJ": "NEW JERSEY",
    "NM": "NEW MEXICO", "NY": "NEW YORK", "NC": "NORTH CAROLINA", "ND": "NORTH DAKOTA",
    "OH": "OHIO", "OK": "OKLAHOMA", "OR": "OREGON", "PA": "PENNSYLVANIA",
    "RI": "RHODE ISLAND", "SC": "SOUTH CAROLINA", "SD": "SOUTH DAKOTA", "TN": "TENNESSEE",
    "TX": "TEXAS", "UT": "UTAH", "VT": "VERMONT", "VA": "VIRGINIA", "WA": "WASHINGTON",
    "WV": "WEST VIRGINIA", "WI": "WISCONSIN", "WY": "WYOMING",
    # territories and freely associated states served by USPS
    "AS": "AMERICAN SAMOA", "GU": "GUAM", "MP": "NORTHERN MARIANA ISLANDS",
    "PR": "PUERTO RICO", "VI": "VIRGIN ISLANDS", "FM": "FEDERATED STATES OF MICRONESIA",
    "MH": "MARSHALL ISLANDS", "PW": "PALAU",
    # military "states"
    "AA": "ARMED FORCES AMERICAS", "AE": "ARMED FORCES EUROPE", "AP": "ARMED FORCES PACIFIC",
})
"""Every USPS state code (Pub 28 Appendix B) -> its name."""

STATE_NAMES: Mapping[str, str] = MappingProxyType({
    **{name: code for code, name in STATE_CODES.items()},
    "US VIRGIN ISLANDS": "VI", "UNITED STATES VIRGIN ISLANDS": "VI", "MICRONESIA": "FM",
    "NORTHERN MARIANAS": "MP", "WASHINGTON DC": "DC", "WASHINGTON D C": "DC",
    "REPUBLIC OF PALAU": "PW",
})
"""Written state name -> USPS code ("TEXAS" -> "TX")."""
