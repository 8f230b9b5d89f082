"""Calendar feeds (iCalendar) of plans, years and agencies."""
