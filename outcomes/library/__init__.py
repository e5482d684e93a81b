"""The safeguarding indicator library: curated definitions a partnership adopts as its own indicators.

``definitions`` holds the library itself (versioned with the code, decision 45); ``selectors`` reads it
beside what a partnership has adopted; ``services.definition_adopt`` is the one write.
"""
