"""The receipts log under concurrent submissions: each takes the next entry, none fails."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from opendebate.entities.models import Entity
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline
from opendebate.statements.content import Received
from opendebate.statements.enums import Channel
from opendebate.statements.models import Receipt
from opendebate.statements.pipeline import PASTED_NAME
from opendebate.statements.receipts import verify_chain
from tests.statements.conftest import ENGLISH

CODES = ("FRA", "CAN", "DEU", "BRA", "IND", "JPN", "KEN", "MEX")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_chain_one_after_the_other(open_meeting: Meeting) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's immediate transactions take the write lock first: none overlap")
    received = Received(data=ENGLISH.encode(), name=PASTED_NAME, pasted=True, heading="Statement")
    # Read beforehand, as mail is, so that the threads meet where the versions are recorded.
    prepared = pipeline.read(open_meeting, received)
    entities = list(Entity.objects.filter(code__in=CODES))
    together = threading.Barrier(len(entities))
    failures: list[Exception] = []

    def submit(entity: Entity) -> None:
        try:
            together.wait()
            arrival = pipeline.Arrival(open_meeting, entity, Channel.API, timezone.now())
            pipeline.submit(arrival, received, prepared=prepared)
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(entity,)) for entity in entities]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    receipts = Receipt.objects.select_related("version").order_by("sequence")
    assert [receipt.sequence for receipt in receipts] == list(range(1, len(CODES) + 1))
    assert verify_chain(receipts) is None
