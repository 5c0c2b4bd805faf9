"""Events: German predicates coded as PLOVER events with source, target, status, date and place.

Importing this package registers the spaCy component ``lagebild_events_v1`` (lagebild.events.v1) (writes
``doc._.events``).  Each event is a plain dict in the ``lagebild.analysis/1`` shape plus extras
(``goldstein``, ``trigger_span``, ``domain``, ``commodity``, ``source_country`` …).

Types are the 16 PLOVER root types.  Two lagebild domain types cover what PLOVER leaves out:
``ACCIDENT`` (domain ``industrial_accident``: explosion, fire, leak) and ``LEGISLATE`` (domain
``legislation``: bills introduced or passed).  Supply disruptions (pipeline halted, exports
stopped) are PLOVER ``SANCTION``/``discontinue`` (or ``COERCE``/``withhold`` for cut-off
utilities) with domain ``supply_disruption``; ``commodity`` tags oil, gas, lng, grain, coal,
electricity …
"""

from __future__ import annotations

from .component import FACTORY_NAME, EventCoder, make_event_coder
from .lexicon import Lexicon, load_lexicon

__all__ = ["FACTORY_NAME", "EventCoder", "Lexicon", "load_lexicon", "make_event_coder"]
