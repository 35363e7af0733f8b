"""A stop asked for by signal is remembered until the run honours it.

Dagster stops a run by raising DagsterExecutionInterruptedError from its SIGINT/SIGTERM handler, in
whatever the main thread runs at that moment. Two places lose it, and the run then goes on for
minutes holding the warehouse lock (seen with `make materialise` stopped by SIGTERM):
- a weakref callback or `__del__` (Great Expectations churns through SQLAlchemy objects, whose event
  registry has one): Python prints "Exception ignored in ..." and carries on;
- a Python callback of DuckDB (`register` of a DataFrame): DuckDB turns it into an ordinary
  `duckdb.Error`, the step fails as if by a bug, and Dagster goes on with the steps that do not
  depend on it.
Inside `stop_remembered()` (every warehouse connection of a step) the signal is also written down;
`stop_if_asked()` raises it again before every Great Expectations validation, at the end of the
block, and in place of the ordinary error.
"""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_asked = threading.Event()


@contextmanager
def stop_remembered() -> Iterator[None]:
    """Remember SIGINT/SIGTERM while the block runs; the handlers in place still run as before.

    Only Python handlers are wrapped (Dagster's, in a run): an ignored or default disposition is
    left alone, so this never makes a signal stop a process that would not have stopped, or the
    other way round.
    """
    if threading.current_thread() is not threading.main_thread():  # handlers belong to the main thread
        yield
        return
    previous = {signo: signal.getsignal(signo) for signo in _STOP_SIGNALS}

    def remember(signo, frame) -> None:
        _asked.set()
        previous[signo](signo, frame)

    wrapped = [signo for signo, handler in previous.items() if callable(handler)]
    for signo in wrapped:
        signal.signal(signo, remember)
    try:
        yield
    except Exception as error:
        if _asked.is_set():
            _asked.clear()
            raise dg.DagsterExecutionInterruptedError() from error
        raise
    except BaseException:
        _asked.clear()  # the stop arrived as it should (or the process is leaving anyway)
        raise
    else:
        stop_if_asked()
    finally:
        for signo in wrapped:
            # Dagster swaps its handlers around each step it resumes; only ours is put back.
            if signal.getsignal(signo) is remember:
                signal.signal(signo, previous[signo])


def stop_if_asked() -> None:
    """Raise the stop that a signal asked for and that got lost on its way."""
    if _asked.is_set():
        _asked.clear()
        raise dg.DagsterExecutionInterruptedError()
