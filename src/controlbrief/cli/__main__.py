"""python -m controlbrief.cli"""

from controlbrief.cli import app

app()
