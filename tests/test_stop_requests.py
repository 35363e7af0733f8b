"""A stop asked for by SIGTERM while Great Expectations runs is not lost (dagster_project/defs/stop_requests.py).

Dagster raises its interrupt from the signal handler; raised inside a weakref callback, Python
swallows it. `make materialise` then ran on for minutes after SIGTERM, holding the warehouse lock.
"""

import signal
import sys
import weakref
from datetime import date

import dagster as dg
import duckdb
import pandas as pd
import pytest

from dagster_project.defs.quality import gx_project
from dagster_project.defs.resources import WarehouseResource
from dagster_project.defs.stop_requests import stop_if_asked, stop_remembered
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE


class _Interrupted(BaseException):
    """What Dagster's handler raises during a step (DagsterExecutionInterruptedError is a BaseException too)."""


@pytest.fixture
def dagster_like_sigterm():
    """SIGTERM handled as Dagster does during a step: raise from the handler."""

    def raise_interrupt(_signo, _frame):
        raise _Interrupted()

    previous = signal.signal(signal.SIGTERM, raise_interrupt)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.fixture
def swallowed(monkeypatch):
    """Exceptions Python printed as "Exception ignored in ..." (here collected instead of printed)."""
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: seen.append(unraisable.exc_type))
    return seen


def _sigterm_inside_a_weakref_callback() -> None:
    class Thing:
        pass

    thing = Thing()
    ref = weakref.ref(thing, lambda _ref: signal.raise_signal(signal.SIGTERM))
    del thing  # the callback runs now, and the handler raises inside it
    assert ref() is None


def test_without_remembering_a_sigterm_in_a_weakref_callback_is_lost(dagster_like_sigterm, swallowed):
    _sigterm_inside_a_weakref_callback()
    assert swallowed == [_Interrupted]  # raised, printed, and the code went on
    stop_if_asked()  # nothing remembered outside stop_remembered()


def test_a_lost_sigterm_is_raised_at_the_next_checkpoint(dagster_like_sigterm, swallowed):
    with pytest.raises(dg.DagsterExecutionInterruptedError), stop_remembered():
        _sigterm_inside_a_weakref_callback()
        assert swallowed == [_Interrupted]
        stop_if_asked()
        pytest.fail("the stop was not raised at the checkpoint")


def test_a_sigterm_lost_after_the_last_checkpoint_is_raised_when_the_block_ends(dagster_like_sigterm, swallowed):
    with pytest.raises(dg.DagsterExecutionInterruptedError), stop_remembered():
        _sigterm_inside_a_weakref_callback()
    stop_if_asked()  # raised once, then forgotten


def test_a_sigterm_turned_into_an_ordinary_error_is_raised_as_a_stop(dagster_like_sigterm):
    """As DuckDB does with an exception raised in its Python callback (`register` of a DataFrame)."""

    def as_duckdb_does():
        try:
            signal.raise_signal(signal.SIGTERM)
        except _Interrupted as interrupt:
            raise duckdb.Error("Traceback (most recent call last): ...") from interrupt

    with pytest.raises(dg.DagsterExecutionInterruptedError) as stopped, stop_remembered():
        as_duckdb_does()
    assert isinstance(stopped.value.__cause__, duckdb.Error)


def test_an_ordinary_error_without_a_stop_stays_what_it_is(dagster_like_sigterm):
    with pytest.raises(duckdb.Error), stop_remembered():
        raise duckdb.Error("kapot")


def test_a_sigterm_that_is_not_lost_still_stops_at_once(dagster_like_sigterm):
    with pytest.raises(_Interrupted), stop_remembered():
        signal.raise_signal(signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM).__name__ == "raise_interrupt"  # Dagster's handler put back


def test_an_ignored_sigterm_stays_ignored(swallowed):
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with stop_remembered():
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
            signal.raise_signal(signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert swallowed == []


def test_every_warehouse_connection_of_a_step_remembers_a_stop(tmp_path, dagster_like_sigterm, swallowed):
    warehouse = WarehouseResource(path=str(tmp_path / "w.duckdb"))
    with pytest.raises(dg.DagsterExecutionInterruptedError), warehouse.connect() as conn:
        conn.execute("create table t as select 1 as x")
        _sigterm_inside_a_weakref_callback()
    assert swallowed == [_Interrupted]


def test_great_expectations_validates_nothing_more_after_a_lost_sigterm(tmp_path, dagster_like_sigterm, swallowed):
    gx_project._OPEN.clear()
    project = gx_project.open_project(tmp_path, load_reference(INDICATOR_FILE, today=date(2026, 11, 30)))
    with stop_remembered():
        _sigterm_inside_a_weakref_callback()
        with pytest.raises(dg.DagsterExecutionInterruptedError):
            project.run("levering", pd.DataFrame())
    assert project.unpublished == []
