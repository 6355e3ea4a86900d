package io.camellanggraph.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.InboxEntry;

/**
 * A confirmed run outcome on its way to a route or to a waiting exchange.
 *
 * @param entry       the inbox row (dedup key, callback name, correlation id, source)
 * @param run         the server's copy of the run, redacted
 * @param body        {@code run} as JSON text: the routed message's body
 * @param interrupted the run reported {@code success} but its thread waits at an {@code interrupt()}
 * @param interrupts  the thread's pending interrupts (payloads a route can send for approval), or null
 */
public record CallbackDelivery(InboxEntry entry, Run run, String body, boolean interrupted, JsonNode interrupts) {

    public ObjectNode json() {
        return run.json();
    }
}
