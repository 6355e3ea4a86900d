"""An AMQP 1.0 sender as another team would write it (python-qpid-proton): sends one message with the application
properties given, exactly as spelled, and prints {"sent": true}.

    amqp_send.py <url> <address> <body> <properties json>
"""
import json
import sys

from proton import Message
from proton.utils import BlockingConnection


def main():
    url, address, body, properties = sys.argv[1:5]
    connection = BlockingConnection(url, timeout=30)
    try:
        sender = connection.create_sender(address)
        sender.send(Message(body=body, durable=True, properties=json.loads(properties)))
        print(json.dumps({"sent": True}))
    finally:
        connection.close()


if __name__ == "__main__":
    main()
