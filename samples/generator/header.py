"""Report headers: the same facts under the label wordings different companies and tools print."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.model import Field

# Label sets seen on real reports. Keys are the facts; a scenario picks a set, may override labels.
LABELS: dict[str, dict[str, str]] = {
    "neta": {
        "tag": "Equipment Tag",
        "type": "Equipment Type",
        "voltage": "Voltage Rating",
        "company": "Testing Company",
        "manufacturer": "Manufacturer",
        "model": "Model",
        "serial": "Serial Number",
        "site": "Site",
        "date": "Test Date",
        "technician": "Technician",
        "instrument": "Test Instrument",
        "instrument_serial": "Instrument Serial",
        "cal_date": "Calibration Date",
        "cal_due": "Calibration Due",
        "ambient": "Ambient Temperature",
        "humidity": "Relative Humidity",
        "load": "Load",
    },
    "asset": {
        "tag": "Asset Tag",
        "type": "Asset Type",
        "voltage": "Nominal Voltage",
        "company": "Test Organization",
        "manufacturer": "Make",
        "model": "Model No.",
        "serial": "S/N",
        "site": "Facility",
        "date": "Date of Test",
        "technician": "Tested By",
        "instrument": "Instrument",
        "instrument_serial": "Instrument S/N",
        "cal_date": "Last Calibrated",
        "cal_due": "Calibration Expiry",
        "ambient": "Ambient Temp.",
        "humidity": "RH",
        "load": "Load at Time of Test",
    },
    "tagno": {
        "tag": "Tag No.",
        "type": "Device Type",
        "voltage": "Rated Voltage",
        "company": "Contractor",
        "manufacturer": "Mfr.",
        "model": "Cat. No.",
        "serial": "Serial No.",
        "site": "Location",
        "date": "Date Tested",
        "technician": "Test Technician",
        "instrument": "Test Set",
        "instrument_serial": "Test Set Serial",
        "cal_date": "Cal Date",
        "cal_due": "Cal Due",
        "ambient": "Ambient",
        "humidity": "Humidity",
        "load": "Load (%)",
    },
    "designation": {
        "tag": "Device Designation",
        "type": "Apparatus",
        "voltage": "System Voltage",
        "company": "Testing Firm",
        "manufacturer": "Manufacturer",
        "model": "Type",
        "serial": "Serial",
        "site": "Project",
        "date": "Test Date",
        "technician": "Performed By",
        "instrument": "Meter",
        "instrument_serial": "Meter Serial",
        "cal_date": "Calibrated On",
        "cal_due": "Next Calibration",
        "ambient": "Air Temperature",
        "humidity": "Humidity",
        "load": "Loading",
    },
}

ORDER = (
    "tag",
    "type",
    "voltage",
    "company",
    "manufacturer",
    "model",
    "serial",
    "site",
    "date",
    "technician",
    "instrument",
    "instrument_serial",
    "cal_date",
    "cal_due",
    "ambient",
    "humidity",
    "load",
)


@dataclass(frozen=True)
class Header:
    """The facts a report header states, already written as printed. None omits the line."""

    tag: str | None
    type: str | None
    voltage: str | None
    date: str | None
    instrument: str | None
    cal_date: str | None
    cal_due: str | None
    company: str | None = "Volta Electrical Testing Services"
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    site: str | None = None
    technician: str | None = "J. Rivera"
    instrument_serial: str | None = None
    ambient: str | None = None
    humidity: str | None = None
    load: str | None = None
    natives: tuple[tuple[str, object], ...] = ()
    """Typed values for spreadsheets, by fact key (a date for `date`, a float for `ambient` …)."""

    def fields(self, labels: str = "neta", **overrides: str) -> list[Field]:
        """The header as labelled fields, in the usual order, with optional label overrides."""
        names = {**LABELS[labels], **overrides}
        natives = dict(self.natives)
        out = []
        for key in ORDER:
            value = getattr(self, key)
            if value is None:
                continue
            native = natives.get(key)
            out.append(Field(names[key], value, native))  # type: ignore[arg-type]
        return out

    def but(self, **changes: object) -> Header:
        return replace(self, **changes)  # type: ignore[arg-type]
