package io.camellanggraph.store;

/** A refused request kept for inspection. */
public record RejectedRecord(long receivedAt, String callback, int status, String reason, String body) {
}
