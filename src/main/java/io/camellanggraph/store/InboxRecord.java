package io.camellanggraph.store;

/** An inbox row with its routing state. */
public record InboxRecord(InboxEntry entry, String state, String reason) {
}
