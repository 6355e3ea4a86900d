package io.camellanggraph.cron;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.util.URISupport;

/**
 * {@code langgraph:schedule/<name>?schedule=...&timezone=...}: a Camel-side clock, which is the camel-quartz endpoint
 * {@code quartz:langgraph-schedule/<name>} with the schedule in LangGraph's Unix syntax or Quartz's, in the given time
 * zone or UTC (the trigger always gets the zone, so the JVM's default zone never counts). The other parameters are camel-quartz's ({@code stateful}, {@code trigger.misfireInstruction}, ...).
 *
 * <p>The route's endpoint is the Quartz endpoint itself, not a wrapper, so everything that knows Quartz routes (the
 * clustered job store, the operator view) sees an ordinary one. This is how the {@code langgraph-schedule-source}
 * Kamelet converts its schedule without a placeholder nested in another, which Kamelet catalogs do not accept.
 */
public final class QuartzSchedules {

    /** The Quartz job group of every schedule; the trigger name is the schedule's name (the Kamelet's route id). */
    public static final String GROUP = "langgraph-schedule";

    private QuartzSchedules() {
    }

    /** {@code timezone}, or camel-quartz's spelling {@code trigger.timeZone}; both given, they must name one zone. */
    private static Object timezone(String name, Object timezone, Object triggerTimeZone) {
        if (timezone == null || timezone.toString().isBlank()) {
            return triggerTimeZone;
        }
        if (triggerTimeZone != null && !triggerTimeZone.toString().equals(timezone.toString())) {
            throw new IllegalArgumentException("langgraph:schedule/" + name + ": timezone=" + timezone + " and trigger.timeZone="
                    + triggerTimeZone + " disagree; give timezone only");
        }
        return timezone;
    }

    /**
     * The Quartz endpoint of a schedule, declared with its policy ({@link SchedulePolicy}) to {@code schedules}; removes
     * every parameter it uses from {@code parameters}. Quartz's own misfire handling defaults to "do nothing" (2):
     * the ticks missed while no instance ran are caught up per {@code catchUp} by {@link Schedules} instead.
     */
    public static Endpoint endpoint(CamelContext context, String name, Map<String, Object> parameters, Callable<Schedules> schedules)
            throws Exception {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a name: from(langgraph:schedule/<name>?schedule=...)");
        }
        Object schedule = parameters.remove("schedule");
        if (schedule == null) {
            throw new IllegalArgumentException("langgraph:schedule/" + name + " needs a schedule (Unix or Quartz cron expression)");
        }
        Object timezone = timezone(name, parameters.remove("timezone"), parameters.remove("trigger.timeZone"));
        // as in camel-quartz's own cron option, '+' stands for a space (a schedule written in an endpoint URI's query)
        String cron = CronExpressions.toQuartz(schedule.toString().replace('+', ' ').trim());
        SchedulePolicy policy = SchedulePolicy.from(name, cron, timezone == null ? null : timezone.toString(), parameters);
        parameters.putIfAbsent("trigger.misfireInstruction", 2);
        Map<String, Object> quartz = new LinkedHashMap<>(parameters);
        parameters.clear();
        quartz.put("cron", cron);
        // always the policy's zone: without one, Quartz would take the JVM's default zone while catch-up uses UTC
        quartz.put("trigger.timeZone", policy.zone().getID());
        // only a valid schedule gets the context's Schedules service (created with the first one)
        schedules.call().declare(policy);
        return context.getEndpoint("quartz:" + GROUP + "/" + name + "?" + URISupport.createQueryString(quartz));
    }
}
