"""Contacts from every channel in one view: assisted capture by staff (a call, a visit, a letter,
social media, a councillor's enquiry), the single view of the resident while typing, and repeat
contact (the same resident about the same service again within REPEAT_CONTACT_DAYS)."""
