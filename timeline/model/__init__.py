"""The chronology as data: records (`fields` says what each field accepts) and the `Timeline`.

The model imports nothing of timeline but `timeline.dates`, `timeline.errors` and
`timeline.diagnostics`; `Timeline.validate()` and `Timeline.save()` hand over to
`timeline.rules` and `timeline.storage` by deferred imports.
"""

from timeline.model.citations import Citation
from timeline.model.records import Event, Period, Source
from timeline.model.timeline import DEFAULT_CERTAINTY, Origin, Timeline

__all__ = ["DEFAULT_CERTAINTY", "Citation", "Event", "Origin", "Period", "Source", "Timeline"]
