package io.camellanggraph.component;

import io.camellanggraph.cron.Schedules;
import org.apache.camel.Message;

/**
 * The producer operations on Camel-side schedules, for routes: {@code langgraph:pauseSchedule/<name>} and
 * {@code langgraph:resumeSchedule/<name>} (the body, if any, is the note the operator page shows), and
 * {@code langgraph:runSchedule/<name>} (runs it now, once, recorded {@code manual}; a body is the run's input instead
 * of the schedule's). The pause is in the store, so it holds for every instance and across restarts. For a server-side
 * cron ({@code langgraph:cron/<name>}) pause and resume set the server's {@code enabled} ({@link CronPause}).
 */
final class ScheduleOperations {

    private ScheduleOperations() {
    }

    static void apply(LangGraphEndpoint endpoint, LangGraphOperation operation, Message message) throws Exception {
        String name = endpoint.getName();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("langgraph:" + operation + " needs the schedule's name: langgraph:" + operation + "/<name>");
        }
        String body = message.getBody(String.class);
        String text = body == null || body.isBlank() ? null : body.strip();
        Schedules schedules = endpoint.getCamelContext().hasService(Schedules.class);
        if (schedules == null || schedules.policy(name) == null) {
            LangGraphEndpoint cron = CronPause.cronEndpoint(endpoint.getCamelContext(), name);
            if (cron == null || operation == LangGraphOperation.runSchedule) {
                throw new IllegalArgumentException("langgraph:" + operation + "/" + name + ": no langgraph:schedule/" + name
                        + (operation == LangGraphOperation.runSchedule ? "" : " or langgraph:cron/" + name) + " in this context");
            }
            if (!CronPause.pause(cron, operation == LangGraphOperation.pauseSchedule, text)) {
                throw new IllegalStateException("langgraph:" + operation + "/" + name + ": the cron is not on the server");
            }
            return;
        }
        boolean done = switch (operation) {
            case pauseSchedule -> schedules.pause(name, true, text);
            case resumeSchedule -> schedules.pause(name, false, text);
            default -> schedules.runNow(name, text);
        };
        if (!done) {
            throw new IllegalStateException("langgraph:" + operation + "/" + name + ": the schedule store is not open yet");
        }
    }
}
