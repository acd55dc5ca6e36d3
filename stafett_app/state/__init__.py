"""Thin Reflex states: each handler finds the signed-in person, calls a service, shows the result."""
