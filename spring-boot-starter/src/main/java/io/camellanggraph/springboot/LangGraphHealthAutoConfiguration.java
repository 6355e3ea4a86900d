package io.camellanggraph.springboot;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The {@code langgraph} Actuator health indicator ({@link LangGraphHealthIndicator}), when the application has
 * Actuator; {@code management.health.langgraph.enabled=false} turns it off.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator", value = LangGraphComponent.class)
@ConditionalOnEnabledHealthIndicator("langgraph")
public class LangGraphHealthAutoConfiguration {

    @Bean(name = "langgraphHealthIndicator")
    LangGraphHealthIndicator langgraphHealthIndicator(CamelContext camelContext) {
        return new LangGraphHealthIndicator(camelContext);
    }
}
