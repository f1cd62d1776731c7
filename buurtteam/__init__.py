"""buurtteam: buurtcontract, meetings and buurtbudget for Dutch neighbourhood projectteams."""

__version__ = "0.1.0"
