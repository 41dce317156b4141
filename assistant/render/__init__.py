"""Channel renderers of a Reply: markdown -> Slack Block Kit and markdown -> terminal text."""
