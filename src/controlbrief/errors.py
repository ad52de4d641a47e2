"""Named exceptions with one-line messages; the CLI turns them into errors."""


class ControlbriefError(Exception):
    """Base of every error controlbrief reports to a user."""


class ReadError(ControlbriefError):
    """An input file could not be read; the message is one line naming the reason."""


class PatternError(ControlbriefError):
    """A pattern or lexicon file is invalid; the message names file and line."""


class StoreError(ControlbriefError):
    """The SQLite store cannot be opened, read or written; the message names the file and what to do."""


class UnstorableError(ControlbriefError):
    """A document's provisions would not read back from the store; that document is set aside."""


def first_error(exc) -> str:
    """The first error of a pydantic ValidationError as one line: 'field.path: message'."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "record"
    return f"{where}: {err['msg']}"
