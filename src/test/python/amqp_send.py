"""An AMQP 1.0 sender as another team would write it (python-qpid-proton): sends one message with the application
properties given, exactly as spelled, and prints {"sent": true}.

    amqp_send.py <url> <address> <body> <properties json> [text|binary|value [correlation id]]

The body goes as an AMQP string (text, the default), as a Data section of the bytes <body> spells in hex (binary), or
as the AMQP value <body> is in JSON (value: a map, a list, a number). Without a correlation id the message carries no
id at all (no message-id either), as proton sends it by default.
"""
import json
import sys

from proton import Message
from proton.utils import BlockingConnection


def main():
    url, address, body, properties = sys.argv[1:5]
    kind = sys.argv[5] if len(sys.argv) > 5 else "text"
    correlation_id = sys.argv[6] if len(sys.argv) > 6 else None
    if kind == "binary":
        body = bytes.fromhex(body)
    elif kind == "value":
        body = json.loads(body)
    connection = BlockingConnection(url, timeout=30)
    try:
        sender = connection.create_sender(address)
        # inferred: bytes go as a Data section, as most clients send binary
        sender.send(Message(body=body, durable=True, properties=json.loads(properties), inferred=kind == "binary",
                            correlation_id=correlation_id))
        print(json.dumps({"sent": True}))
    finally:
        connection.close()


if __name__ == "__main__":
    main()
