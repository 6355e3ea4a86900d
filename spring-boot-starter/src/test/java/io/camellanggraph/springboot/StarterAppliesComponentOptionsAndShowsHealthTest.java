package io.camellanggraph.springboot;

import java.nio.file.Files;
import java.nio.file.Path;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.actuate.health.CamelHealthCheckAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a Spring Boot application context: {@code camel.component.langgraph.*} reach the component
 * (kebab-case keys), a key the component does not have fails the start, {@code enabled=false} leaves the component's
 * defaults, and the {@code langgraph} health indicator reports the component's checks (DOWN for a server that does not
 * answer: nothing listens on port 1).
 */
class StarterAppliesComponentOptionsAndShowsHealthTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, CamelHealthCheckAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, LangGraphComponentAutoConfiguration.class,
                    LangGraphHealthAutoConfiguration.class));

    @Test
    void optionsFromSpringReachTheComponentAndItsHealthIsAnIndicator() throws Exception {
        Path dataDir = Files.createTempDirectory("starter-data-");
        runner.withPropertyValues(
                "camel.component.langgraph.url=http://127.0.0.1:1",
                "camel.component.langgraph.data-dir=" + dataDir,
                "camel.component.langgraph.webhook-base-url=http://127.0.0.1:2",
                "camel.health.exposure-level=full")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    LangGraphComponent component = context.getBean(CamelContext.class).getComponent("langgraph", LangGraphComponent.class);
                    assertThat(component.getConfiguration().getUrl()).isEqualTo("http://127.0.0.1:1");
                    assertThat(component.getDataDir()).isEqualTo(dataDir.toString());
                    assertThat(component.getWebhookBaseUrl()).isEqualTo("http://127.0.0.1:2");

                    Health health = context.getBean(LangGraphHealthIndicator.class).health();
                    assertThat(health.getStatus()).as("%s", health).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsKey("langgraph-server");
                });
    }

    @Test
    void aKeyTheComponentDoesNotHaveFailsTheStart() {
        runner.withPropertyValues("camel.component.langgraph.url=http://127.0.0.1:1", "camel.component.langgraph.no-such-option=x")
                .run(context -> {
                    CamelContext camel = context.getBean(CamelContext.class);
                    assertThat(context).hasNotFailed();
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> camel.getComponent("langgraph"))
                            .hasStackTraceContaining("noSuchOption");
                });
    }

    @Test
    void disabledLeavesTheComponentAlone() {
        runner.withPropertyValues("camel.component.langgraph.enabled=false", "camel.component.langgraph.url=http://127.0.0.1:1")
                .run(context -> assertThat(context).doesNotHaveBean("langGraphComponentOptions"));
    }
}
