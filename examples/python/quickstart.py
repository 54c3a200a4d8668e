"""Price, create and track an order from Python (run by tests/readme.rs against the sandbox).

    BTS_CONFIG='{"username": ..., "password": ..., "inn": ...}' python3 examples/python/quickstart.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bindings", "python"))
import bts  # noqa: E402

config = json.loads(os.environ["BTS_CONFIG"])

# README: python
client = bts.Client(config)
price = client.order_calculate({"senderCityId": 3, "receiverCityId": 198, "weight": 2})
print("price", price["summaryPrice"])           # price: bts.types.PriceQuote
request: bts.types.OrderRequest = {              # mypy checks names and types of the members
    "senderCityId": 3, "senderAddress": "Toshkent sh., Bobur ko‘chasi, 5-A",
    "senderReal": "Jurabek Turdiyev", "senderPhone": "+998 99 1234567",
    "weight": 2, "packageId": 8, "postTypeId": 4,
    "receiver": "Odil Ahkmedov", "receiverAddress": "Gozovo qish. 41 uy",
    "receiverCityId": 198, "receiverPhone": "+998 99 1234568",
}
try:
    order = client.order_add(request)            # bts.types.Order
except bts.ValidationError as err:
    print("rejected:", err.fields)   # {'senderPhone': ["«Telefon» ni to'ldirishingiz kerak."]}
    raise
print("created", order["orderId"], order["barcode"])
status = client.order_track(int(order["orderId"]))["status"]
print("status", status["name"], "/", bts.LegacyStatus(status["id"]).en)   # status new / At the sender
# README: end
client.close()
