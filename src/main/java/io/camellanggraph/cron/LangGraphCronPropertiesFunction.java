package io.camellanggraph.cron;

import org.apache.camel.spi.PropertiesFunction;

/**
 * Property function {@code {{langgraph-cron:<expression>}}}: a LangGraph (Unix, 5-field) schedule as a Quartz
 * expression, so one schedule syntax works on both clocks, e.g.
 * {@code quartz:report?cron={{langgraph-cron:0 9 * * 1-5}}}. Quartz expressions pass through unchanged. As in
 * camel-quartz's {@code cron} option, {@code +} stands for a space (a schedule written in an endpoint URI's query).
 */
@org.apache.camel.spi.annotations.PropertiesFunction("langgraph-cron")
public class LangGraphCronPropertiesFunction implements PropertiesFunction {

    @Override
    public String getName() {
        return "langgraph-cron";
    }

    @Override
    public String apply(String remainder) {
        return CronExpressions.toQuartz(remainder.replace('+', ' ').trim());
    }
}
