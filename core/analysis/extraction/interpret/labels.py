"""Label synonyms → field keys, for the key/value part of a report.

Synonyms are written as people print them and normalized once at import (see `tokens.normalize`),
so matching a label is one dict lookup. A leading `~` marks a weak synonym (a generic word such
as "Date" or "Type"): it still counts, at a lower confidence (`confidence.WEAK_LABEL`).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.analysis.extraction.interpret.tokens import normalize


@dataclass(frozen=True, slots=True)
class Label:
    field: str
    weak: bool
    generic: bool = False
    """Manufacturer / Model / Serial with no owner: the instrument's in an instrument section."""


# Dotted keys: `equipment.*`, `test.*`, `instrument.*` mirror ExtractionResult; `measure.*` are
# readings printed as fields; `equipment.either` is a tag or a type ("Equipment: SWGR-1A");
# `note` swallows remarks so their words are not taken for labels.
_SYNONYMS: dict[str, str] = {
    "equipment.tag": (
        "Equipment Tag; Equipment ID; Equipment I.D.; Equipment No; Equipment Number; "
        "Equip ID; Equip Tag; Eqpt ID; Equipment Designation; Equipment Name; Asset Tag; "
        "Asset ID; Asset No; Asset Number; Asset; Tag; Tag No; Tag #; Tag Number; Tag ID; "
        "Device Designation; Device ID; Device Tag; Device Name; Designation; Unit ID; "
        "Unit Tag; Unit No; ~ID; ~Unit; ~Name; Circuit ID; Feeder ID; Circuit Designation; "
        "Identification; Equipment Identification; Identifier; Breaker Identifier; Breaker ID; "
        "Breaker Designation; Cubicle ID;"
    ),
    "equipment.either": ("~Equipment; ~Apparatus; ~Device; ~Equipment Under Test; ~EUT;"),
    "equipment.type": (
        "Equipment Type; Type of Equipment; Device Type; Apparatus Type; Asset Type; "
        "Equipment Class; Equipment Category; Equipment Kind; ~Type; ~Class;"
    ),
    "equipment.description": (
        "~Description; Equipment Description; Asset Description; ~Electrode; Electrode Type; "
        "Ground Electrode; Electrode Description;"
    ),
    "equipment.insulation": (
        "Insulation Type; Insulation Medium; Insulating Medium; Insulating Fluid; "
        "Dielectric Fluid; Cooling; Cooling Class; Cooling Type; Transformer Type; "
        "~Insulation; ~Construction; ~Fluid; Fluid Type;"
    ),
    "equipment.manufacturer": (
        "Manufacturer; Mfr; Mfg; Mfgr; Make; Maker; Brand; Manufactured By; OEM; "
        "Equipment Manufacturer; Vendor;"
    ),
    "equipment.model": (
        "Model; Model No; Model Number; Model #; Catalog No; Catalog Number; Cat No; "
        "Equipment Model; ~Style;"
    ),
    "equipment.serial": (
        "Serial Number; Serial No; Serial #; Serial; S/N; SN; Ser No; Equipment Serial; "
        "Equipment S/N; Nameplate Serial;"
    ),
    "equipment.voltage_rating_v": (
        "Voltage Rating; Rated Voltage; Nominal Voltage; System Voltage; Voltage Class; "
        "Equipment Voltage; Nameplate Voltage; Operating Voltage; Service Voltage; "
        "Line Voltage; Voltage; kV Rating; ~kV; ~Volts; ~Rating; Primary Voltage; "
        "HV Voltage; High Voltage; HV Rating; Primary Rating; Rated Voltage kV;"
    ),
    "equipment.secondary_voltage_v": (
        "Secondary Voltage; LV Voltage; Low Voltage; LV Rating; Secondary Rating;"
    ),
    "equipment.tertiary_voltage_v": ("Tertiary Voltage; Tertiary Rating; TV Voltage;"),
    "equipment.vector_group": (
        "Vector Group; Vector Diagram; Phase Displacement; Connection Group; "
        "Winding Connection; Winding Connections; Transformer Connection; ~Connection; "
        "~Connections; Vector;"
    ),
    "equipment.phases": ("Phases; No of Phases; Number of Phases; Phase Configuration;"),
    "equipment.site": (
        "Site; Site Name; Location; Facility; Project; Project Name; Building; Job Site; "
        "Plant; ~Substation; Project Location; Installation;"
    ),
    "equipment.winding": ("Winding; Winding Type; Stator Winding; Winding Construction;"),
    "equipment.manufactured_year": (
        "Year of Manufacture; Year Manufactured; Manufacture Year; Mfg Year; Mfg Date; "
        "Date of Manufacture; Manufactured; ~Year; Year Built;"
    ),
    "test.date": (
        "Test Date; Date of Test; Date Tested; Tested On; Date Performed; Performed On; "
        "Inspection Date; Survey Date; Date of Survey; Test Performed; Testing Date; "
        "Date of Inspection; ~Date; ~Report Date; Date of Testing;"
    ),
    "test.standard": (
        "Standard; Test Standard; Reference Standard; Applicable Standard; Standard Cited; "
        "Standards; Specification; Test Specification; ~Procedure; Test Procedure; "
        "~Reference; Acceptance Criteria;"
    ),
    "test.technician": (
        "Technician; Tested By; Test Technician; Performed By; Inspector; Inspected By; "
        "Field Engineer; Thermographer; Tech; Technician Name; Test Engineer; ~Engineer; "
        "~Operator; Conducted By; Surveyed By; Tester Name; ~Prepared By;"
    ),
    "test.company": (
        "Testing Company; Test Company; Company; Testing Organization; Testing Organisation; "
        "Organization; Testing Firm; Testing Agency; Testing Contractor; ~Contractor; "
        "Service Company; ~Firm; Test Organization; Service Provider; Testing Agent;"
    ),
    "test.ambient_temperature_c": (
        "Ambient Temperature; Ambient Temp; Ambient; Ambient Air Temperature; "
        "Air Temperature; Air Temp; Amb Temp; ~Temperature; ~Temp; Ambient Air Temp;"
    ),
    "test.apparatus_temperature_c": (
        "Winding Temperature; Winding Temp; Apparatus Temperature; Equipment Temperature; "
        "Oil Temperature; Oil Temp; Top Oil Temperature; Top Oil Temp; "
        "Insulation Temperature; Apparatus Temp; Conductor Temperature;"
    ),
    "test.humidity_pct": ("Humidity; Relative Humidity; RH; Rel Humidity; Humidity %;"),
    "test.load_pct": (
        "Load; Load %; Percent Load; Loading; Load at Time of Test; Load During Survey; "
        "Load at Time of Survey; Operating Load; Load Conditions; Load Condition; "
        "Percent of Rated Load; Load (% of rated);"
    ),
    "test.test_voltage_v": (
        "Test Voltage; Applied Voltage; DC Test Voltage; Test Volts; Megger Voltage; "
        "Test Potential;"
    ),
    "test.duration_s": ("Test Duration; Duration; Reading Time; ~Test Time;"),
    "test.tap": ("Tap; Tap Position; Tap Setting; DETC Position; Tap Changer Position;"),
    "instrument.model": (
        "Test Instrument; Instrument; Instrument Model; Test Set; Test Equipment; "
        "Test Equipment Used; Instrument Used; Equipment Used; ~Meter; Tester; Megohmmeter; "
        "Camera; IR Camera; Infrared Camera; Imager; Thermal Imager; TTR Set; Ohmmeter; "
        "Micro Ohmmeter; Micro-ohmmeter; Ground Tester; Earth Tester; Test Instrument Model; "
        "Instrument Type; Test Set Model; Meter Model; Insulation Tester; "
        "Ground Resistance Tester;"
    ),
    "instrument.manufacturer": (
        "Instrument Manufacturer; Instrument Make; Meter Manufacturer; Test Set Manufacturer;"
    ),
    "instrument.serial": (
        "Instrument Serial; Instrument Serial Number; Instrument Serial No; Instrument S/N; "
        "Instrument SN; Meter Serial; Meter S/N; Test Set Serial; Test Set S/N; "
        "Camera Serial; Camera S/N; Tester Serial; Instrument ID; Test Equipment Serial; "
        "Equipment Used Serial; Serial No of Instrument;"
    ),
    "instrument.calibration_date": (
        "Calibration Date; Cal Date; Last Calibrated; Calibrated On; Date Calibrated; "
        "Last Calibration; Last Calibration Date; Date of Calibration; ~Calibrated; "
        "Calibration Performed; Last Cal; Last Cal Date; ~Calibration; Cal Performed; "
        "Instrument Calibration Date; Camera Calibration; Camera Calibration Date; "
        "Camera Cal Date; Test Set Calibration; Test Set Calibration Date;"
    ),
    "instrument.calibration_due_date": (
        "Calibration Due; Cal Due; Calibration Due Date; Cal Due Date; Calibration Expiry; "
        "Calibration Expiration; Calibration Expiry Date; Cal Exp; Cal Expiry; "
        "Cal Expiration; Cal Exp Date; Next Calibration; Next Calibration Date; Next Cal; "
        "Next Cal Date; Next Cal Due; ~Due Date; Recalibration Due; Recal Due; "
        "Calibration Valid Until; Cal Valid Until; ~Valid Until; ~Expires; "
        "Calibration Expires; Due for Calibration; Calibration Due On; "
        "Instrument Calibration Due;"
    ),
    "measure.resistance": (
        "Ground Resistance; Earth Resistance; System Resistance; Grid Resistance; "
        "Electrode Resistance; Resistance to Earth; Resistance to Ground; "
        "Ground Grid Resistance; Grounding System Resistance; Measured Resistance; "
        "Resistance to Remote Earth; Ground Electrode Resistance; ~Resistance; "
        "Insulation Resistance; IR Reading; Contact Resistance; Megger Reading;"
    ),
    "measure.pi": ("Polarization Index; PI; Polarisation Index; P.I.;"),
    "measure.dar": ("Dielectric Absorption Ratio; DAR; Dielectric Absorption;"),
    "measure.nameplate_ratio": (
        "Nameplate Ratio; Calculated Ratio; Theoretical Ratio; Expected Ratio; "
        "Nominal Ratio; Design Ratio; Rated Ratio; Voltage Ratio;"
    ),
    "measure.mfr_min": (
        "Manufacturer Min; Mfr Min; Manufacturer Minimum; Manufacturer Minimum IR; "
        "Mfr Minimum; Cable Manufacturer Minimum; Manufacturer's Minimum; Mfr Min IR;"
    ),
    "measure.mfr_max": (
        "Manufacturer Max; Mfr Max; Manufacturer Maximum; Manufacturer Limit; Mfr Limit; "
        "Max Allowable; Maximum Allowable; Manufacturer's Maximum; Max Allowed; "
        "Maximum Allowed; Mfr Max Resistance; Manufacturer Max Resistance;"
    ),
    "note": (
        "Remarks; Remark; Notes; Note; Comments; Comment; Observations; Recommendation; "
        "Recommendations; Deficiencies; Summary; Conclusion; AMP ID; Instrument Asset No;"
    ),
}

# Words that name an instrument context when printed alone as a heading.
_INSTRUMENT_SECTIONS = (
    "Test Equipment",
    "Test Equipment Used",
    "Instruments",
    "Instrument",
    "Test Instruments",
    "Instrumentation",
    "Test Instrument",
    "Instruments Used",
    "Calibration",
    "Test Instrument Information",
    "Instrument Information",
    "Test Set",
)
_EQUIPMENT_SECTIONS = (
    "Nameplate",
    "Nameplate Data",
    "Equipment",
    "Equipment Data",
    "Equipment Information",
    "Equipment Details",
    "Asset Information",
    "Apparatus",
    "Test Data",
    "Test Results",
    "Results",
    "Readings",
    "Measurements",
    "General Information",
    "Test Information",
)
_GENERIC_OWNER = frozenset(
    normalize(text)
    for text in (
        "Manufacturer",
        "Mfr",
        "Mfg",
        "Make",
        "Model",
        "Model No",
        "Model Number",
        "Serial Number",
        "Serial No",
        "Serial",
        "S/N",
        "SN",
        "Serial #",
        "Brand",
    )
)


# "Panel ID", "Xfmr Tag", "Breaker No." …: an equipment word and an identifier word name the tag.
_TAG_OWNERS = (
    "Panel; Panelboard; Transformer; Xfmr; Breaker; Switchgear; Swgr; Switchboard; UPS; ATS; "
    "Generator; Motor; Cable; Feeder; PDU; Busway; Circuit; Unit; Device; Asset; Grid; Rod; "
    "Electrode; System"
)
_TAG_WORDS = "ID; Tag; No; Number; Name; Designation; Tag No"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _build_labels() -> dict[str, Label]:
    table: dict[str, Label] = {}
    for field, synonyms in _SYNONYMS.items():
        for synonym in _split(synonyms):
            weak = synonym.startswith("~")
            key = normalize(synonym.lstrip("~"))
            table.setdefault(key, Label(field, weak, key in _GENERIC_OWNER))
    for owner in _split(_TAG_OWNERS):
        for word in _split(_TAG_WORDS):
            table.setdefault(normalize(f"{owner} {word}"), Label("equipment.tag", weak=False))
    return table


LABELS: dict[str, Label] = _build_labels()

SECTIONS: dict[str, str] = {
    **{normalize(text): "equipment" for text in _EQUIPMENT_SECTIONS},
    **{normalize(text): "instrument" for text in _INSTRUMENT_SECTIONS},
}
