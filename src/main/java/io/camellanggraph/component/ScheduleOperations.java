package io.camellanggraph.component;

import io.camellanggraph.cron.Schedules;
import org.apache.camel.Message;

/**
 * The producer operations on Camel-side schedules, for routes: {@code langgraph:pauseSchedule/<name>} and
 * {@code langgraph:resumeSchedule/<name>} (the body, if any, is the note the operator page shows), and
 * {@code langgraph:runSchedule/<name>} (runs it now, once, recorded {@code manual}; a body is the run's input instead
 * of the schedule's). The pause is in the store, so it holds for every instance and across restarts.
 */
final class ScheduleOperations {

    private ScheduleOperations() {
    }

    static void apply(LangGraphEndpoint endpoint, LangGraphOperation operation, Message message) throws Exception {
        String name = endpoint.getName();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("langgraph:" + operation + " needs the schedule's name: langgraph:" + operation + "/<name>");
        }
        Schedules schedules = endpoint.getCamelContext().hasService(Schedules.class);
        if (schedules == null || schedules.policy(name) == null) {
            throw new IllegalArgumentException("langgraph:" + operation + "/" + name + ": no langgraph:schedule/" + name + " in this context");
        }
        String body = message.getBody(String.class);
        String text = body == null || body.isBlank() ? null : body.strip();
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
