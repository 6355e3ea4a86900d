package io.camellanggraph.callback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Remembers for a while that the server does not know a claimed run, so a flood of forged claims naming the same run
 * costs one GET, not one per claim: the same run id (in the same thread, under the same correlation id) gets the same
 * answer until the entry expires. Only that answer is kept: anything a later look could change (a run still running,
 * a server that could not be asked, a run that exists) is asked again. Bounded: the oldest entries go first.
 */
final class RefusalCache {

    private final long ttlMillis;
    private final LongSupplier clock;
    private final Map<String, Entry> entries;

    private record Entry(Verdict.Refused verdict, long until) {
    }

    RefusalCache(int maxEntries, long ttlMillis, LongSupplier clock) {
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The refusal remembered for this claim's run, or null: then the server is asked. */
    synchronized Verdict.Refused get(Claim claim) {
        String key = key(claim);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.until() <= clock.getAsLong()) {
            entries.remove(key);
            return null;
        }
        return entry.verdict();
    }

    /** Keeps the verdict if it says the server has no such run. */
    synchronized void offer(Claim claim, Verdict verdict) {
        if (verdict instanceof Verdict.Refused refused && refused.reason() == Verdict.Reason.UNKNOWN_RUN) {
            entries.put(key(claim), new Entry(refused, clock.getAsLong() + ttlMillis));
        }
    }

    private static String key(Claim claim) {
        return claim.runId() + "\n" + claim.threadId() + "\n" + claim.correlationId();
    }
}
