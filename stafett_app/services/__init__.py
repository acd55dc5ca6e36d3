"""Use cases: load what a rule needs, ask the domain, write the result. No Reflex here either."""
