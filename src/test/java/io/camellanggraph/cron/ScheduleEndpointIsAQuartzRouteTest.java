package io.camellanggraph.cron;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code langgraph:schedule/<name>} is the Quartz endpoint {@code quartz:langgraph-schedule/<name>}: its Unix
 * schedule converted, its time zone (UTC unless given, a known one) on the trigger, the other options passed to
 * camel-quartz.
 */
@Tag("fast")
class ScheduleEndpointIsAQuartzRouteTest {

    @Test
    void unixScheduleBecomesTheQuartzEndpointsCron() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();

            QuartzEndpoint quartz = (QuartzEndpoint) context.getEndpoint(
                    "langgraph:schedule/weekday-report?schedule=0+9+*+*+1-5&timezone=Europe/Berlin&stateful=true");

            assertThat(quartz.getGroupName()).isEqualTo("langgraph-schedule");
            assertThat(quartz.getTriggerName()).isEqualTo("weekday-report");
            assertThat(quartz.getCron()).isEqualTo("0 0 9 ? * MON-FRI");
            assertThat(quartz.getTriggerParameters()).containsEntry("timeZone", "Europe/Berlin");
            assertThat(quartz.isStateful()).isTrue();
        }
    }

    @Test
    void quartzSchedulePassesThrough() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();

            QuartzEndpoint quartz = (QuartzEndpoint) context.getEndpoint("langgraph:schedule/ticks?schedule=0/30+*+*+*+*+?");

            assertThat(quartz.getCron()).isEqualTo("0/30 * * * * ?");
        }
    }

    @Test
    void aScheduleWithoutTimezoneGetsUtcOnItsTriggerNotTheJvmsZone() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();

            QuartzEndpoint quartz = (QuartzEndpoint) context.getEndpoint("langgraph:schedule/report?schedule=43+10+*+*+*");

            assertThat(quartz.getTriggerParameters()).containsEntry("timeZone", "UTC");
        }
    }

    @Test
    void anUnknownTimezoneFailsTheStartWithItsName() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();

            // TimeZone.getTimeZone would make it GMT without a word
            assertThatThrownBy(() -> context.getEndpoint("langgraph:schedule/report?schedule=43+10+*+*+*&timezone=Europe/Berln"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasMessageContaining("langgraph:schedule/report: timezone=Europe/Berln is not a known time zone");
        }
    }

    @Test
    void scheduleWithoutExpressionIsRefused() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();

            assertThatThrownBy(() -> context.getEndpoint("langgraph:schedule/nothing"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasMessageContaining("langgraph:schedule/nothing needs a schedule");
        }
    }
}
