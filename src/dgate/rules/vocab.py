"""Vocabularies the address rules match against, kept as plain data.

These tuples become parameters of R_ADDRESS_PLACEHOLDER and R_ADDRESS_FACILITY in the rule
catalogue, so changing a word changes the rule set's content hash. Entries are written the
way a person types them; the matcher folds them exactly as it folds request text (accents,
case, apostrophes and punctuation removed, "N/A" and "N.A." both becoming "NA"), so there is
no need to list spelling variants that differ only in punctuation or case.

How an entry matches (see rules/address.py):

- A plain entry matches as a whole word or a whole run of words inside any address field:
  "UNKNOWN" matches "Unknown Address" but not "Unknownville".
- An entry starting with "=" matches only a whole field (or a whole parsed component of a
  one-line address): "=X" flags a unit of "x" but not "Malcolm X Blvd".
- A phrase that is exactly the street name of a structurally complete street line (house
  number + name + suffix, as in "123 Unknown Rd") is a real street and does not match.

Every entry was checked against the city names of the `zipcodes` data set's standard ZIPs:
no entry is a real city name, and no plain entry is a word of one, except NA (USPS accepts
"Washington Na" for the Navy Yard; a requester writes "Washington"). "SAMPLE" (KY) and
"STREET" (MD) are real places and are left out. tests/rules/test_address_vocab.py keeps it so.
"""

from __future__ import annotations

__all__ = ["FACILITIES", "PLACEHOLDERS"]

PLACEHOLDERS: tuple[str, ...] = (
    # "we do not know" -------------------------------------------------------------------
    "UNKNOWN", "UNK", "UNKN", "UNKNWN", "UNKOWN", "UNKNOW", "UNKNOWN ADDRESS",
    "ADDRESS UNKNOWN", "WHEREABOUTS UNKNOWN", "NOT KNOWN", "NO ADDRESS", "NO ADDR",
    "NO KNOWN ADDRESS", "NO FIXED ADDRESS", "NO FIXED ABODE", "NFA", "NO PERMANENT ADDRESS",
    "NO CURRENT ADDRESS", "NO RECORD", "NO DATA", "NO INFO", "NO INFORMATION",
    "NOT ON FILE", "NONE ON FILE", "DESCONOCIDO", "DESCONOCIDA", "SIN DOMICILIO",
    "SIN DIRECCION", "NO SE SABE",
    # UNKNOWN said another way (red team r5: in the city or unit they passed every rule)
    "DON'T KNOW", "DO NOT KNOW", "IDK", "NOT SURE",
    # "we did not fill it in" -------------------------------------------------------------
    "FAILED TO PROVIDE", "NOT PROVIDED", "NONE PROVIDED", "NOT GIVEN", "NOT STATED",
    "DID NOT PROVIDE", "DIDNT PROVIDE", "DECLINED TO PROVIDE", "REFUSED", "DECLINED",
    "NONE GIVEN", "NOT REPORTED", "WITHHELD", "REDACTED",
    "NOT AVAILABLE", "UNAVAILABLE", "NOT APPLICABLE", "NA", "N/A", "NA NA", "NAN",
    "NONE", "NULL", "NIL", "NINGUNO", "NINGUNA", "MISSING", "BLANK", "EMPTY", "UNSPECIFIED",
    "UNDISCLOSED", "UNDEFINED", "UNVERIFIED", "INVALID", "PENDING",
    # "we do not care" / "to be filled later" --------------------------------------------
    "DON'T CARE", "DO NOT CARE", "TBD", "TBA", "TO BE DETERMINED", "TO BE ADVISED",
    # no address by circumstance: not an address to disclose against --------------------
    "HOMELESS", "TRANSIENT", "DEPORTED", "ABSCONDED",
    # test and filler data ------------------------------------------------------------------
    "XX", "XXX", "TEST", "TESTING", "DUMMY", "FAKE", "PLACEHOLDER", "ASDF",
    "QWERTY", "ANYTOWN", "ANYWHERE", "SAME AS ABOVE", "SEE ABOVE", "SEE FILE",
    # whole-field only: common words or letters that are fine inside a real address -------
    "=X", "=N", "=NO", "=NOT", "=SAME", "=ANY", "=ADDRESS", "=STREET ADDRESS",
    "=ADDRESS LINE 1", "=CITY", "=STATE", "=ZIP", "=ZIPCODE", "=ZIP CODE", "=ST", "=OTHER",
    "=NANA",  # "N A N A" typed apart
    # ZIP codes that stand in for one. Zeros-only fields are caught by rule, not listed.
    # 12345 is a real unique ZIP of one company (Schenectady, NY) that no residence uses,
    # and the commonest fake ZIP; 44444 is left out: it is Newton Falls, OH, residential.
    "=11111", "=22222", "=33333", "=55555", "=66666", "=77777", "=88888",
    "=99999", "=12345", "=123456789", "=01234", "=98765",
)
"""Placeholder text that stands where an address should be (R_ADDRESS_PLACEHOLDER).

GENERAL DELIVERY is deliberately absent: it is a real USPS service, but it names a post
office rather than where the person lives, so the parser treats it like a PO Box and the
address is judged R_ADDRESS_INCOMPLETE (no street), not a placeholder."""

FACILITIES: tuple[str, ...] = (
    "JAIL", "JAILS", "COUNTY JAIL", "CITY JAIL", "PRISON", "STATE PRISON", "FEDERAL PRISON",
    "PRISON CAMP", "FEDERAL PRISON CAMP", "PENITENTIARY", "STATE PENITENTIARY",
    "UNITED STATES PENITENTIARY", "DETENTION", "DETENTION CENTER", "DETENTION CTR",
    "DETENTION FACILITY", "DETENTION FAC", "CORRECTIONAL", "CORRECTIONAL FACILITY",
    "CORRECTIONAL INSTITUTION", "CORRECTIONAL CENTER", "CORRECTIONAL COMPLEX",
    "FEDERAL CORRECTIONAL INSTITUTION", "CORRECTION CENTER", "CORRECTIONS CENTER",
    "DEPARTMENT OF CORRECTIONS", "DEPT OF CORRECTIONS", "DEPT OF CORRECTION",
    "PROCESSING CENTER", "PROCESSING CTR", "SERVICE PROCESSING CENTER", "ICE PROCESSING",
    "ICE FACILITY", "ICE CUSTODY", "IN CUSTODY", "HOLDING FACILITY", "HOLDING CENTER",
    "HOLDING CELL", "CELL BLOCK", "DETAINEE", "DETAINED", "INCARCERATED", "INMATE",
    "LOCKUP", "REFORMATORY", "JUVENILE HALL", "STOCKADE",
    # Bureau of Prisons and ICE facility acronyms, matched as whole words only
    "FCI", "FDC", "FMC", "FPC", "MDC", "MCC", "USP", "CDF",
)
"""Custodial-facility words and phrases (R_ADDRESS_FACILITY). A facility word that is the
street name of a complete street line ("12 Old Prison Rd") names a street, not a facility."""
