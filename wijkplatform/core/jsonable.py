"""Values of model fields as JSON can hold them, to the microsecond (exports and archives)."""

import datetime
import decimal
import uuid


def jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value
