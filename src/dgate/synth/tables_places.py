"""Embedded place tables: metro areas, street names and USPS suffixes, detention facilities.

Metro areas concentrate the population so that buildings and streets are shared, as they are
in the cities where most requested persons live. ZIP codes, cities and states come from the
installed `zipcodes` package (see geo.py); only county names are listed here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Metro:
    name: str
    state: str            # "" for the rest of the country
    counties: tuple[str, ...]
    weight_hispanic: float
    weight_other: float


METROS: tuple[Metro, ...] = (
    Metro("Houston", "TX", ("Harris County",), 0.16, 0.09),
    Metro("Dallas", "TX", ("Dallas County",), 0.08, 0.07),
    Metro("San Antonio", "TX", ("Bexar County",), 0.07, 0.03),
    Metro("Rio Grande Valley", "TX", ("Hidalgo County", "Cameron County"), 0.05, 0.01),
    Metro("Los Angeles", "CA", ("Los Angeles County",), 0.20, 0.12),
    Metro("San Diego", "CA", ("San Diego County",), 0.05, 0.05),
    Metro("Miami", "FL", ("Miami-Dade County",), 0.09, 0.06),
    Metro("Orlando", "FL", ("Orange County",), 0.03, 0.04),
    Metro("Chicago", "IL", ("Cook County",), 0.07, 0.10),
    Metro("New York", "NY", ("Queens County", "Kings County", "Bronx County"), 0.08, 0.12),
    Metro("Phoenix", "AZ", ("Maricopa County",), 0.07, 0.07),
    Metro("Rest of the country", "", (), 0.05, 0.24),
)

# Street names (without suffix). Numbered streets are written as USPS does: 1ST, 2ND …
STREET_NAMES: tuple[str, ...] = (
    "MAIN", "OAK", "PINE", "MAPLE", "CEDAR", "ELM", "WASHINGTON", "LAKE", "HILL", "PARK",
    "LINCOLN", "JEFFERSON", "MADISON", "FRANKLIN", "JACKSON", "WILLOW", "SUNSET", "RIVERSIDE",
    "CHURCH", "MILL", "HIGHLAND", "MEADOW", "FOREST", "SPRING", "CHERRY", "WALNUT", "CHESTNUT",
    "HICKORY", "BIRCH", "ASH", "LAUREL", "MAGNOLIA", "DOGWOOD", "SYCAMORE", "POPLAR",
    "CYPRESS", "BAY", "RIDGE", "VALLEY", "CREEK", "GROVE", "LAKEVIEW", "HILLCREST",
    "FAIRVIEW", "WOODLAND", "GREEN", "SPRUCE", "COLLEGE", "SCHOOL", "UNION", "BROADWAY",
    "CENTRAL", "MARKET", "WATER", "HIGH", "CENTER", "PROSPECT", "ADAMS", "MONROE", "GRANT",
    "KENNEDY", "WILSON", "HARRISON", "CLEVELAND", "ROOSEVELT", "EVERGREEN", "ORCHARD",
    "HOLLY", "JUNIPER", "MULBERRY", "PECAN", "PEACHTREE", "COTTONWOOD", "MESQUITE", "PALM",
    "OCEAN", "BEACH", "HARBOR", "SHORE", "CANYON", "DESERT", "MOUNTAIN", "SUMMIT",
    "COUNTRY CLUB", "INDUSTRIAL", "AIRPORT", "RAILROAD", "STATION", "BRIDGE", "FERRY",
    "MARTIN LUTHER KING JR", "CESAR CHAVEZ", "ALAMEDA", "MISSION", "SAN PEDRO", "SANTA FE",
    "EL CAMINO", "DEL MAR", "LAS PALMAS", "LOS OLIVOS", "VISTA DEL SOL", "LA PALOMA",
    "SAN JACINTO", "GUADALUPE", "BUENA VISTA", "SANTA ROSA", "SAN FERNANDO", "EL PASO",
    "LAS FLORES", "MONTEREY", "SAN ANTONIO", "PRIMAVERA", "LOMA LINDA", "SIERRA VISTA",
    "1ST", "2ND", "3RD", "4TH", "5TH", "6TH", "7TH", "8TH", "9TH", "10TH", "11TH", "12TH",
    "14TH", "16TH", "18TH", "21ST", "23RD", "28TH", "32ND", "43RD", "57TH", "72ND", "103RD",
)

# (USPS abbreviation, full word, weight)
STREET_SUFFIXES: tuple[tuple[str, str, float], ...] = (
    ("ST", "STREET", 30), ("AVE", "AVENUE", 20), ("DR", "DRIVE", 12), ("RD", "ROAD", 10),
    ("LN", "LANE", 6), ("BLVD", "BOULEVARD", 5), ("CT", "COURT", 4), ("WAY", "WAY", 4),
    ("PL", "PLACE", 3), ("PKWY", "PARKWAY", 2), ("CIR", "CIRCLE", 2), ("TER", "TERRACE", 2),
)

# (USPS abbreviation, full word, weight); the empty direction is the common case.
PREDIRECTIONS: tuple[tuple[str, str, float], ...] = (
    ("", "", 70), ("N", "NORTH", 7.5), ("S", "SOUTH", 7.5), ("E", "EAST", 7.5),
    ("W", "WEST", 7.5),
)

# Jails and detention or processing centers with their public street address:
# (facility, street, city, state, zip).
FACILITIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("Harris County Jail", "1200 Baker St", "Houston", "TX", "77002"),
    ("Cook County Jail", "2700 S California Ave", "Chicago", "IL", "60608"),
    ("Krome Service Processing Center", "18201 SW 12th St", "Miami", "FL", "33194"),
    ("Otay Mesa Detention Center", "7488 Calzada de la Fuente", "San Diego", "CA", "92154"),
    ("Adelanto ICE Processing Center", "10250 Rancho Rd", "Adelanto", "CA", "92301"),
    ("Port Isabel Service Processing Center", "27991 Buena Vista Blvd", "Los Fresnos", "TX",
     "78566"),
    ("Eloy Detention Center", "1705 E Hanna Rd", "Eloy", "AZ", "85131"),
    ("Maricopa County 4th Avenue Jail", "201 S 4th Ave", "Phoenix", "AZ", "85003"),
    ("Men's Central Jail", "441 Bauchet St", "Los Angeles", "CA", "90012"),
    ("Bexar County Adult Detention Center", "200 N Comal St", "San Antonio", "TX", "78207"),
    ("Rikers Island Correctional Facility", "1818 Hazen St", "East Elmhurst", "NY", "11370"),
)
