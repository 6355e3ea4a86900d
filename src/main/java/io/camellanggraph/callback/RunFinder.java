package io.camellanggraph.callback;

import java.util.List;

/**
 * Finds, on the server, the ended runs of a callback whose runs this app did not start itself (a server-side cron):
 * nothing records them as pending, so without a finder a run that ended while the app was down would never be
 * routed. Implemented by the cron package, registered by the cron consumer.
 */
public interface RunFinder {

    /** The correlation id every run of this callback carries in its metadata. */
    String correlationId();

    /** The server's id of the assistant these runs must run on, or null when not known (yet). */
    String expectedAssistant();

    /** Ended runs of this callback still on the server created after {@code since} (epoch ms), at most a bounded number. */
    List<FoundRun> endedRuns(long since);

    /** A run found on the server. */
    record FoundRun(String runId, String threadId, String status) {
    }
}
