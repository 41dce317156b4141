"""Answers: small pure functions, one per intent, from catalog data to a Reply."""
