"""The REST API's claims, predictions, events, judgements, leaderboards, review and resolution."""
