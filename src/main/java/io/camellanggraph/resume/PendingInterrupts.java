package io.camellanggraph.resume;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a thread state for the interrupts it still waits at: those of its tasks that are still {@code next}. The JS
 * server keeps listing a task's interrupt after that task was resumed (while a sibling still waits), so a task's
 * interrupts alone do not say it is pending.
 */
public final class PendingInterrupts {

    private PendingInterrupts() {
    }

    /** The pending interrupt of that id ({@code {id, value}}), or null when the thread does not wait at it. */
    public static JsonNode find(JsonNode state, String interruptId) {
        if (state == null) {
            return null;
        }
        Set<String> next = new HashSet<>();
        state.path("next").forEach(n -> next.add(n.asText()));
        for (JsonNode task : state.path("tasks")) {
            if (!next.contains(task.path("name").asText())) {
                continue;
            }
            for (JsonNode interrupt : task.path("interrupts")) {
                if (interruptId.equals(interrupt.path("id").asText(null))) {
                    return interrupt;
                }
            }
        }
        return null;
    }
}
