"""What every workshop has, whatever its exercises: groups, participants, the ordered list of
exercises and the registry of their kinds, the file format and its versions, the store, errors
and texts. Core imports nothing from ``engine.methods`` or ``engine.exercises``."""
