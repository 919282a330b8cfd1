"""The council's organisation: its service areas."""
