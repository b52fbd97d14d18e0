"""Pure readers of files that bring claims, forecasts and events into the archive (no ORM)."""
