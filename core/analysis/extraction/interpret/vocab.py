"""Words that name things: equipment types, transformer insulation, electrodes, instrument makers.

Each family maps normalized phrases (see `tokens.normalize`) to what they mean, so a value such as
"Dry-type Transformer" or "480V Distribution Panel" is read with `tokens.find_phrases`.
"""

from __future__ import annotations

from core.analysis.extraction.interpret.tokens import normalize
from core.enums import EquipmentType, TestType


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _table(spec: dict[str, str]) -> dict[str, str]:
    return {
        normalize(phrase): meaning
        for meaning, phrases in spec.items()
        for phrase in _split(phrases)
    }


_EQUIPMENT_SYNONYMS: dict[EquipmentType, str] = {
    EquipmentType.SWITCHGEAR: (
        "Switchgear; Switch Gear; SWGR; SWGEAR; Switchboard; SWBD; Main Switchboard; MSB; "
        "Metal-Clad Switchgear; Metal-Enclosed Switchgear; LV Switchgear; MV Switchgear; "
        "Low Voltage Switchgear; Medium Voltage Switchgear; Unit Substation; Paralleling Gear"
    ),
    EquipmentType.PANELBOARD: (
        "Panelboard; Panel Board; Panel; Distribution Panel; Lighting Panel; Power Panel; "
        "Distribution Board; Load Center; Panelboards; Branch Panel; Breaker Panel"
    ),
    EquipmentType.TRANSFORMER: (
        "Transformer; XFMR; Xfmer; Xformer; XFR; TFMR; Trafo; Power Transformer; "
        "Distribution Transformer; Dry-Type Transformer; Pad-Mount Transformer; "
        "Pad-Mounted Transformer; Unit Substation Transformer; Isolation Transformer; "
        "K-Rated Transformer; Step-Down Transformer; Step-Up Transformer"
    ),
    EquipmentType.UPS: (
        "UPS; Uninterruptible Power Supply; Uninterruptable Power Supply; "
        "Uninterruptible Power System; UPS Module; UPS System; Static UPS"
    ),
    EquipmentType.ATS: (
        "ATS; Automatic Transfer Switch; Transfer Switch; Static Transfer Switch; STS; "
        "Manual Transfer Switch; MTS; Closed Transition Transfer Switch"
    ),
    EquipmentType.GENERATOR: (
        "Generator; Gen Set; Genset; Gen-Set; Engine Generator; Standby Generator; "
        "Diesel Generator; Emergency Generator; Generator Set; Alternator"
    ),
    EquipmentType.CABLE: (
        "Cable; Cables; Feeder; Feeder Cable; Power Cable; MV Cable; LV Cable; Conductor; "
        "Conductors; Cable Run; Medium Voltage Cable; Low Voltage Cable; Shielded Cable"
    ),
    EquipmentType.BUSWAY: "Busway; Bus Way; Bus Duct; Busduct; Bus Plug; Bus Bar Trunking",
    EquipmentType.BREAKER: (
        "Breaker; Circuit Breaker; CB; ACB; MCCB; ICCB; LVPCB; VCB; Air Circuit Breaker; "
        "Molded Case Circuit Breaker; Moulded Case Circuit Breaker; Molded Case Breaker; "
        "Moulded Case Breaker; Air Breaker; Power Breaker; Power Circuit Breaker; "
        "Vacuum Circuit Breaker; Vacuum Breaker; Insulated Case Circuit Breaker; Main Breaker; "
        "Feeder Breaker; Low Voltage Power Circuit Breaker; SF6 Breaker; Tie Breaker"
    ),
    EquipmentType.PDU: "PDU; Power Distribution Unit; RPP; Remote Power Panel; Floor PDU",
    EquipmentType.MOTOR: "Motor; Induction Motor; AC Motor; Pump Motor; Fan Motor; Electric Motor",
    EquipmentType.GROUNDING_SYSTEM: (
        "Ground Grid; Grounding Grid; Grounding System; Ground System; Grounding Electrode System; "
        "Grounding Electrode; Ground Electrode; Earthing System; Earth Grid; Earthing Grid; "
        "Earth Electrode; Ground Ring; Ground Rod; Grounding Rod; Earth Rod; Counterpoise; "
        "Ground Mat; Grounding Network; Earthing Network; Electrode System"
    ),
    EquipmentType.OTHER: (
        "Other; Disconnect Switch; Safety Switch; Fused Switch; Capacitor Bank; Battery; "
        "Relay; Reactor; Load Bank; VFD; Variable Frequency Drive"
    ),
}
EQUIPMENT_TYPES: dict[str, EquipmentType] = {
    normalize(phrase): kind
    for kind, phrases in _EQUIPMENT_SYNONYMS.items()
    for phrase in _split(phrases)
}

# Dry-type vs liquid-filled transformers (Table 100.5). Short cooling classes (AN, OA) only count in
# an insulation/cooling field, where they cannot be an ordinary word.
INSULATION_CUES: dict[str, str] = _table(
    {
        "dry": (
            "Dry-Type; Dry Type; Cast Resin; Cast Coil; Cast-Coil; VPI; VPE; "
            "Vacuum Pressure Impregnated; Ventilated Dry; Dry Transformer; Resin Encapsulated"
        ),
        "liquid": (
            "Oil-Filled; Oil Filled; Liquid-Filled; Liquid Filled; Liquid-Immersed; "
            "Liquid Immersed; Oil-Immersed; Oil Immersed; Mineral Oil; FR3; Envirotemp; "
            "Silicone Fluid; Natural Ester; Less Flammable Liquid; ONAN; ONAF; OFAF; ODAF; "
            "KNAN; KNAF; Askarel; Fluid-Filled; Fluid Filled; Oil Insulated"
        ),
    }
)
INSULATION_FIELD_CUES: dict[str, str] = {
    **INSULATION_CUES,
    **_table(
        {
            "dry": "Dry; AN; AA; AFA; AA/FA; ANAF; Air; Resin",
            "liquid": "Oil; Liquid; OA; OA/FA; FOA",
        }
    ),
}

_ELECTRODE_PHRASES = {
    True: (
        "Ground Rod; Grounding Rod; Earth Rod; Driven Rod; Single Rod; Rod Electrode; "
        "Pipe Electrode; Plate Electrode; Single Electrode; Ground Plate; Made Electrode"
    ),
    False: (
        "Ground Grid; Grounding Grid; Grounding System; Ground System; Electrode System; "
        "Ground Ring; Earth Grid; Ground Mat; Grounding Network; Counterpoise"
    ),
}
ELECTRODE_CUES: dict[str, bool] = {
    normalize(phrase): single
    for single, phrases in _ELECTRODE_PHRASES.items()
    for phrase in _split(phrases)
}

WINDING_CUES: dict[str, str] = _table(
    {
        "form_wound": "Form Wound; Form-Wound; Form Coil",
        "random_wound": "Random Wound; Random-Wound",
        "field": "Field Winding; Field Coil; Rotor Field; Exciter Field",
    }
)

INSTRUMENT_MAKERS: dict[str, str] = {
    normalize(name): name
    for name in _split(
        "Megger; Fluke; AEMC; Hioki; FLIR; Teledyne FLIR; Doble; Omicron; Vanguard; Raytech; "
        "Kyoritsu; Sonel; Metrel; Chauvin Arnoux; Testo; Hipotronics; Phenix; Programma; "
        "Haefely; Seaward; Amprobe; Extech; Ideal; Klein; Keysight; Yokogawa; Megabras; DV Power; "
        "Kocos; ISA; Tettex; Baur; Vanguard Instruments; Biddle; HV Diagnostics; Dranetz; "
        "Testo; Hikmicro; InfiRay; Optris"
    )
}

_TEST_PHRASES: dict[TestType, str] = {
    TestType.INSULATION_RESISTANCE: (
        "Insulation Resistance; Insulation Test; Megger Test; Meggering; Megohm; Megohmmeter; "
        "IR Test; Insulation Resistance Test; Polarization Index; Dielectric Absorption; "
        "Insulation Tester; Meg Test; Megger Testing"
    ),
    TestType.GROUNDING: (
        "Fall of Potential; Fall-of-Potential; Ground Resistance; Earth Resistance; "
        "Grounding Electrode; Ground Grid; Three-Point; Three Point; 3-Point; "
        "Clamp-On Ground; Earth Electrode; Grounding Test; Ground Test; Grounding System Test; "
        "Earthing Test; Ground Resistance Test; Resistance to Earth; Point-to-Point; Two-Point; "
        "Ground Rod"
    ),
    TestType.THERMOGRAPHY: (
        "Infrared; Thermography; Thermographic; Thermal Imaging; Thermal Image; Thermogram; "
        "Infrared Survey; IR Survey; IR Scan; Infrared Inspection; Thermal Survey; Hot Spot; "
        "Emissivity; Thermal Scan; IR Thermography"
    ),
    TestType.CONTACT_RESISTANCE: (
        "Contact Resistance; Ductor; Micro-Ohm; Micro Ohm; Microohm; Micro-Ohmmeter; DLRO; "
        "Low Resistance Ohmmeter; Millivolt Drop; Millivolt-Drop; Contact Resistance Test; "
        "Pole Resistance; Bolted Connection Resistance; Digital Low Resistance; "
        "Contact/Pole Resistance; Joint Resistance; Bus Joint Resistance"
    ),
    TestType.TURNS_RATIO: (
        "Turns Ratio; TTR; Transformer Turns Ratio; Ratio Test; Turns-Ratio; Nameplate Ratio; "
        "Turn Ratio; Transformer Ratio; Ratio Measurement; Calculated Ratio"
    ),
}
_CUE_WEIGHT = 3
# "Megger" names the test in the trade, but the brand also makes every other test set.
_BRAND_WEIGHT = 1

# Cue phrases per test type, weighted: a title or a column header that names the test decides it.
TEST_CUES: dict[str, tuple[TestType, int]] = {
    normalize("Megger"): (TestType.INSULATION_RESISTANCE, _BRAND_WEIGHT),
    **{
        normalize(phrase): (kind, _CUE_WEIGHT)
        for kind, phrases in _TEST_PHRASES.items()
        for phrase in _split(phrases)
    },
}


# ANSI/NETA ATS-2025 section 7 numbers the equipment a test sheet is for ("7.6.1.1.1.A.2" in a
# checklist row): the longest matching prefix names it. Only sections whose equipment is certain.
NETA_SECTIONS: dict[str, tuple[EquipmentType, str | None]] = {
    "7.1": (EquipmentType.SWITCHGEAR, None),
    "7.2.1": (EquipmentType.TRANSFORMER, "dry"),
    "7.2.2": (EquipmentType.TRANSFORMER, "liquid"),
    "7.3": (EquipmentType.CABLE, None),
    "7.4": (EquipmentType.BUSWAY, None),
    "7.6": (EquipmentType.BREAKER, None),
    "7.13": (EquipmentType.GROUNDING_SYSTEM, None),
    "7.15": (EquipmentType.MOTOR, None),
    "7.22.1": (EquipmentType.GENERATOR, None),
}
"""Section prefix → (equipment type, transformer insulation it implies)."""
