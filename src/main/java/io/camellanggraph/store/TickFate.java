package io.camellanggraph.store;

import java.util.Arrays;

/**
 * The fate of one tick of a Camel-side schedule, as stored in {@code lg_schedule_tick.fate} and shown on the operator
 * page, in the tick header {@code CamelLangGraphTickFate} and in {@code langgraph_schedule_ticks_total{outcome}}. The
 * stored values ({@link #value()}) never change: rows written by an older version read the same.
 */
public enum TickFate {

    /** The tick ran (on time, or later after its jitter or a buffer). */
    FIRED("fired"),
    /** The schedule's previous run still ran and the overlap policy said skip (or the buffer was full). */
    SKIPPED("skipped"),
    /** No instance ran at the tick, the schedule was paused, or Quartz could not fire it in time. */
    MISSED("missed"),
    /** A missed tick run at start by the catch-up policy. */
    CAUGHT_UP("caught-up"),
    /** The tick could not start its run: the run request was refused, or the store or server failed at the tick. */
    FAILED("failed"),
    /** Run now (page, CLI or route). */
    MANUAL("manual"),
    /** Waiting for the schedule's running run to end (overlap bufferOne/bufferAll). */
    BUFFERED("buffered"),
    /** Waiting for its jittered fire time ({@code due_at}). */
    WAITING("waiting");

    private final String value;

    TickFate(String value) {
        this.value = value;
    }

    /** The stored (and displayed) value. */
    public String value() {
        return value;
    }

    /** The fate of a stored value. */
    public static TickFate of(String value) {
        for (TickFate fate : values()) {
            if (fate.value.equals(value)) {
                return fate;
            }
        }
        throw new IllegalArgumentException("unknown tick fate " + value + " (one of " + Arrays.stream(values())
                .map(TickFate::value).toList() + ")");
    }

    @Override
    public String toString() {
        return value;
    }
}
