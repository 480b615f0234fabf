"""Errors with stable codes, turned into one-line messages by the CLI (exit status 2)."""


class TidingsError(Exception):
    """A user-facing error: ``code`` is stable (T001...), ``str()`` is one line.

    Raise one of the subclasses below, each with a code of its own (listed in the README's
    "Errors" section); T000 marks an error raised without one.
    """

    code = "T000"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(TidingsError):
    """The input cannot be read: missing file, binary data, bad JSON line, empty text."""

    code = "T001"


class OptionError(TidingsError):
    """A command-line value is malformed (a bad --published date, an unknown format)."""

    code = "T002"


class ModelError(TidingsError):
    """The spaCy pipeline named by --model is not installed."""

    code = "T003"


class StoreError(TidingsError):
    """The event store cannot be used: locked, corrupt, or written by a newer tidings."""

    code = "T004"


class ClusterError(TidingsError):
    """The Dask cluster cannot be used: the scheduler does not answer, or a worker wrote a
    partition where this process cannot read it."""

    code = "T005"


class WorkerError(TidingsError):
    """Extraction workers keep dying on the same articles."""

    code = "T006"
