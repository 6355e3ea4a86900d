package io.camellanggraph.component;

import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.Run;
import io.camellanggraph.cron.TickKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;

/**
 * Keeps a Camel-side schedule (a stateful {@code quartz:} route, e.g. the {@code langgraph-schedule-source} Kamelet)
 * from overlapping its own runs: the run each tick started is remembered in the Quartz job's data map, which a
 * stateful job saves after every tick (in the clustered JDBC job store as well, so every instance knows it), and a
 * tick whose previous run is still pending or running on the LangGraph server is skipped.
 *
 * <p>Used from YAML as bean methods: {@code previousRunActive(*, true)} before starting a run, {@code remember} after.
 * Skipped ticks get the headers {@code CamelLangGraphPreviousRunId} and {@code CamelLangGraphPreviousRunStatus}.
 */
public final class ScheduleGuard {

    /** Headers of a skipped tick: the run it waited for, and that run's status. */
    public static final String PREVIOUS_RUN_ID = LangGraphConstants.PREVIOUS_RUN_ID;
    public static final String PREVIOUS_RUN_STATUS = LangGraphConstants.PREVIOUS_RUN_STATUS;

    /** Quartz's message header holding the job (camel-quartz QuartzMessage). */
    private static final String JOB_DETAIL = "jobDetail";

    private ScheduleGuard() {
    }

    /**
     * Whether the run the previous tick of this schedule started is still pending or running (so this tick is to be
     * skipped). False when {@code enabled} is false, on the first tick, and when that run no longer exists.
     */
    public static boolean previousRunActive(Exchange exchange, boolean enabled) {
        JobDataMap data = jobData(exchange.getMessage());
        if (!enabled || data == null) {
            return false;
        }
        String threadId = data.getString(TickKeys.LAST_THREAD);
        String runId = data.getString(TickKeys.LAST_RUN);
        if (threadId == null || runId == null) {
            return false;
        }
        Run previous;
        try {
            previous = exchange.getContext().getEndpoint("langgraph:getRun", LangGraphEndpoint.class).client().getRun(threadId, runId);
        } catch (LangGraphNotFoundException gone) {
            // deleted (a stateless run's thread after routing, or by someone else): nothing runs any more
            return false;
        }
        if (previous.isTerminal()) {
            return false;
        }
        exchange.getMessage().setHeader(LangGraphConstants.PREVIOUS_RUN_ID, runId);
        exchange.getMessage().setHeader(LangGraphConstants.PREVIOUS_RUN_STATUS, previous.status());
        return true;
    }

    /** Records the run this tick started (from the {@code langgraph:run} answer's headers) for the next tick's check. */
    public static void remember(Exchange exchange) {
        Message message = exchange.getMessage();
        JobDataMap data = jobData(message);
        String threadId = message.getHeader(LangGraphConstants.THREAD_ID, String.class);
        String runId = message.getHeader(LangGraphConstants.RUN_ID, String.class);
        if (data == null || threadId == null || runId == null) {
            return;
        }
        data.put(TickKeys.LAST_THREAD, threadId);
        data.put(TickKeys.LAST_RUN, runId);
    }

    private static JobDataMap jobData(Message message) {
        return message.getHeader(JOB_DETAIL) instanceof JobDetail job ? job.getJobDataMap() : null;
    }
}
