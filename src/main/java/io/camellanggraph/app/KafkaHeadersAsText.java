package io.camellanggraph.app;

import java.nio.charset.StandardCharsets;

import org.apache.camel.component.kafka.serde.KafkaHeaderSerializer;

/**
 * Kafka header values as UTF-8 text, whatever their Java type: a consumer in any language reads {@code true} or
 * {@code 2026-01-01T00:00:00Z} rather than camel-kafka's default binary encoding of numbers and booleans.
 */
public class KafkaHeadersAsText implements KafkaHeaderSerializer {

    @Override
    public byte[] serialize(String key, Object value) {
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
