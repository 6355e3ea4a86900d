"""A Kafka consumer as another team would write it (kafka-python): reads a topic from its beginning until it has
<count> records or <timeout> seconds passed, and prints them as a JSON list of {key, value, headers}.

    kafka_consume.py <bootstrap servers> <topic> <count> [timeout seconds]
"""
import json
import sys
import time

from kafka import KafkaConsumer


def main():
    bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 60
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id="python-results-reader",
                             auto_offset_reset="earliest", enable_auto_commit=True)
    records = []
    deadline = time.monotonic() + timeout
    try:
        while len(records) < count and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=1000).values():
                for r in batch:
                    records.append({
                        "key": r.key.decode("utf-8") if r.key is not None else None,
                        "value": r.value.decode("utf-8"),
                        "headers": {k: (v.decode("utf-8") if v is not None else None) for k, v in r.headers},
                    })
    finally:
        consumer.close()
    print(json.dumps(records))


if __name__ == "__main__":
    main()
