"""A remembered value survives a database that cannot be read (core.memo, core.outage)."""

import logging

import pytest
from django.db import OperationalError

from core.memo import Remembered


def reader(*answers):
    """A load function that gives these answers in turn, raising the exceptions among them."""
    pending = list(answers)

    def load():
        answer = pending.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return load


def test_the_last_value_is_served_while_the_database_cannot_be_read(settings, caplog):
    settings.PAGE_VERSION_TTL = 0
    memo = Remembered(reader("one", OperationalError("down"), OperationalError("down"), "two"))
    assert memo.get() == "one"
    assert not memo.stale
    with caplog.at_level(logging.WARNING, logger="core.outage"):
        assert memo.get() == "one"
        assert memo.stale
        assert memo.get() == "one"
        assert memo.get() == "two"
    assert not memo.stale
    messages = [record.getMessage() for record in caplog.records]
    assert sum("The database is unreachable" in message for message in messages) == 1
    assert "The database is reachable again." in messages
    assert not any(record.exc_info for record in caplog.records)


def test_before_any_value_was_read_the_error_is_raised(settings):
    settings.PAGE_VERSION_TTL = 0
    memo = Remembered(reader(OperationalError("down")))
    with pytest.raises(OperationalError):
        memo.get()


def test_a_forgotten_value_is_read_again(settings):
    settings.PAGE_VERSION_TTL = 60
    memo = Remembered(reader("one", "two"))
    assert memo.get() == "one"
    assert memo.get() == "one"
    memo.forget()
    assert memo.get() == "two"
