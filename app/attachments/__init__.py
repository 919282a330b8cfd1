"""Files residents send us: checked by content, cleaned, stored outside the static root."""
