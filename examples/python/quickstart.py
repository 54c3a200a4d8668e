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
price = client.order_calculate(senderCityId=3, receiverCityId=198, weight=2)
print("price", price["summaryPrice"])
try:
    order = client.order_add({
        "senderCityId": 3, "senderAddress": "Toshkent sh., Bobur ko‘chasi, 5-A",
        "senderReal": "Jurabek Turdiyev", "senderPhone": "+998 99 1234567",
        "weight": 2, "packageId": 8, "postTypeId": 4,
        "receiver": "Odil Ahkmedov", "receiverAddress": "Gozovo qish. 41 uy",
        "receiverCityId": 198, "receiverPhone": "+998 99 1234568",
    })
except bts.ValidationError as err:
    print("rejected:", err.fields)   # {'senderPhone': ["«Telefon» ni to'ldirishingiz kerak."]}
    raise
print("created", order["orderId"], order["barcode"])
print("status", client.order_track(order["orderId"])["status"]["name"])
# README: end
client.close()
