"""An AMQP 1.0 client as another team would write it (python-qpid-proton): sends one request to the bridge's queue
with a reply address and a correlation id, waits for the reply and prints it as JSON.

    amqp_request_reply.py <url> <queue> <assistant> <input json> <correlation id> [timeout seconds] [reply address]

The url may carry a login: amqp://user:password@127.0.0.1:61616. With a reply address the client listens there (a
plain address of its own naming, no capabilities, as ESB clients do); without, on a dynamic (temporary) queue.
"""
import json
import sys

from proton import Message
from proton.utils import BlockingConnection


def main():
    url, queue, assistant, body, correlation_id = sys.argv[1:6]
    timeout = float(sys.argv[6]) if len(sys.argv) > 6 else 60
    named = sys.argv[7] if len(sys.argv) > 7 else None
    connection = BlockingConnection(url, timeout=timeout)
    try:
        if named:
            receiver = connection.create_receiver(named)
            reply_to = named
        else:
            # a dynamic (temporary) queue of the broker's for the reply, as AMQP request-reply does
            receiver = connection.create_receiver(None, dynamic=True)
            reply_to = receiver.remote_source.address
        sender = connection.create_sender(queue)
        sender.send(Message(body=body, reply_to=reply_to, correlation_id=correlation_id, durable=True,
                            properties={"CamelLangGraphAssistantId": assistant}))
        reply = receiver.receive(timeout=timeout)
        receiver.accept()
        print(json.dumps({
            "correlation_id": reply.correlation_id,
            "body": reply.body if isinstance(reply.body, str) else bytes(reply.body).decode("utf-8"),
            "properties": {str(k): v for k, v in (reply.properties or {}).items()},
        }, default=str))
    finally:
        connection.close()


if __name__ == "__main__":
    main()
