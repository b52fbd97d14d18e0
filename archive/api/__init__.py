"""The REST API's outlets, people, articles, comments and document intake."""
