package io.camellanggraph.cron;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import io.camellanggraph.store.TickFate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fates of ticks that the schedule store could not take when they were decided (a tick that failed because the store
 * did, the ticks Quartz misfired meanwhile): held in memory, oldest first, and written as soon as the store answers again (before the next tick is decided, and
 * every second). Catch-up at start looks only after the newest recorded tick, so a tick left without a row behind a
 * later recorded one would vanish. A process that dies holding some loses them, but then it recorded no later tick
 * either (its next tick writes these first), so catch-up at the next start finds them.
 *
 * <p>Bounded: past {@value #LIMIT} held ticks the oldest are dropped, with a count in the log.
 */
final class UnrecordedTicks {

    /** A tick to be recorded with its fate and the reason. */
    record Tick(String schedule, long scheduledAt, TickFate fate, String reason) {
    }

    static final int LIMIT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.schedule");

    private final Deque<Tick> ticks = new ArrayDeque<>();
    private long dropped;

    synchronized void hold(Tick tick) {
        ticks.addLast(tick);
        if (ticks.size() > LIMIT) {
            ticks.removeFirst();
            dropped++;
            if (dropped % LIMIT == 1) {
                LOG.error("Schedules: {} ticks dropped unrecorded, the schedule store has not answered for long", dropped);
            }
        }
    }

    /** Writes the held ticks, oldest first, with {@code writer}; stops at the first one the store refuses, keeping it. */
    synchronized void writeAll(Consumer<Tick> writer) {
        while (!ticks.isEmpty()) {
            try {
                writer.accept(ticks.peekFirst());
            } catch (RuntimeException stillFailing) {
                LOG.debug("Schedules: {} tick(s) not recorded yet: {}", ticks.size(), stillFailing.getMessage());
                return;
            }
            ticks.removeFirst();
        }
    }
}
