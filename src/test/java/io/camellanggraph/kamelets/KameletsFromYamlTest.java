package io.camellanggraph.kamelets;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each shipped Kamelet used from a YAML route as any Camel runtime would: resolved from {@code classpath:kamelets}
 * (the component jar), parameters as URI query or YAML map, against the real Python server.
 * (The schedule source's defaults, skipped misfires and no overlapping runs, are in CamelSideSchedulesTest.)
 */
class KameletsFromYamlTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LangGraphServer server = LangGraphServer.python();
    private YamlApp app;

    @AfterEach
    void stopTheApp() {
        if (app != null) {
            app.close();
        }
    }

    private static JsonNode json(Message message) throws Exception {
        return MAPPER.readTree(message.getBody(String.class));
    }

    @Test
    void runActionStartsRunsWhoseOutcomesComeOutOfTheWebhookSource() throws Exception {
        app = new YamlApp(server).property("server.url", server.url()).routes("""
            - route:
                from:
                  uri: direct:start
                  steps:
                    - to: "kamelet:langgraph-run-action?assistantId=echo&callback=kamelets"
                    - process:
                        ref: collect-started
            # url given explicitly (the other optional parameters left out)
            - route:
                from:
                  uri: direct:start-with-url
                  steps:
                    - to:
                        uri: kamelet:langgraph-run-action
                        parameters:
                          url: "{{server.url}}"
                          assistantId: echo
                          threadId: ""
                          callback: kamelets
                    - process:
                        ref: collect-started
            - route:
                from:
                  uri: "kamelet:langgraph-webhook-source?callback=kamelets"
                  steps:
                    - process:
                        ref: collect-outcomes
            """).start();
        ProducerTemplate template = app.context().createProducerTemplate();

        template.sendBody("direct:start", "{\"text\": \"on a thread\"}");
        template.sendBody("direct:start-with-url", "{\"text\": \"stateless\"}");

        List<Message> outcomes = await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("outcomes"), l -> l.size() >= 2);
        assertThat(outcomes).extracting(m -> m.getHeader(LangGraphConstants.RUN_STATUS)).containsOnly("success");
        assertThat(outcomes).extracting(m -> json(m).path("values").path("upper").asText())
                .containsExactlyInAnyOrder("ON A THREAD", "STATELESS");
        assertThat(outcomes).extracting(m -> m.getHeader(LangGraphConstants.RUN_ID))
                .containsExactlyInAnyOrderElementsOf(app.collected("started").stream()
                        .map(m -> m.getHeader(LangGraphConstants.RUN_ID)).toList());
    }

    @Test
    void withoutCallbackBothKameletsUseTheComponentsUnnamedCallback() throws Exception {
        app = new YamlApp(server).routes("""
            - route:
                from:
                  uri: direct:start
                  steps:
                    - to: "kamelet:langgraph-run-action?assistantId=echo"
                    - process:
                        ref: collect-started
            - route:
                from:
                  uri: "kamelet:langgraph-webhook-source"
                  steps:
                    - process:
                        ref: collect-outcomes
            """).start();

        app.context().createProducerTemplate().sendBody("direct:start", "{\"text\": \"unnamed\"}");

        Message outcome = await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("outcomes"), l -> !l.isEmpty()).get(0);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_ID)).isEqualTo(app.collected("started").get(0).getHeader(LangGraphConstants.RUN_ID));
        assertThat(outcome.getHeader(LangGraphConstants.CALLBACK, String.class)).isNullOrEmpty();
        assertThat(json(outcome).path("values").path("upper").asText()).isEqualTo("UNNAMED");
    }

    @Test
    void runActionWithAwaitWebhookContinuesWithTheOutcome() throws Exception {
        app = new YamlApp(server).routes("""
            - route:
                from:
                  uri: direct:ask
                  steps:
                    - to: "kamelet:langgraph-run-action?assistantId=echo&awaitWebhook=true&awaitTimeout=30s&callback=kamelets-await"
            """).start();

        Message reply = app.context().createProducerTemplate().request("direct:ask",
                e -> e.getMessage().setBody("{\"text\": \"await me\"}")).getMessage();

        assertThat(reply.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(json(reply).path("values").path("upper").asText()).isEqualTo("AWAIT ME");
    }

    @Test
    void cronSourceDeclaresAServerCronWhoseRunsItEmits() throws Exception {
        String appName = "kamelets-test-" + System.nanoTime();
        app = new YamlApp(server);
        app.langgraph().setAppName(appName);
        try {
            // 6 fields: the Python server reads the last as seconds, so this fires within seconds, not a minute
            app.routes("""
                - route:
                    from:
                      uri: kamelet:langgraph-cron-source
                      parameters:
                        name: kamelet-cron
                        assistantId: echo
                        schedule: "* * * * * */5"
                        input: '{"text": "from the cron"}'
                      steps:
                        - process:
                            ref: collect-outcomes
                """).start();

            Message outcome = await().atMost(Duration.ofSeconds(45)).until(() -> app.collected("outcomes"), l -> !l.isEmpty()).get(0);
            assertThat(outcome.getHeader(LangGraphConstants.CRON_NAME)).isEqualTo("kamelet-cron");
            assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
            assertThat(json(outcome).path("values").path("upper").asText()).isEqualTo("FROM THE CRON");
        } finally {
            ProducerTemplate template = app.context().createProducerTemplate();
            String crons = template.requestBody("langgraph:cronSearch?metadata={\"camel_langgraph_app\": \"" + appName + "\"}",
                    (Object) null, String.class);
            for (JsonNode cron : MAPPER.readTree(crons)) {
                template.sendBodyAndHeader("langgraph:cronDelete", null, LangGraphConstants.CRON_ID, cron.path("cron_id").asText());
            }
        }
    }

    @Test
    void scheduleSourceRunsOnTheDefaultQuartzComponent() throws Exception {
        app = new YamlApp(server).routes("""
            - route:
                from:
                  uri: "kamelet:langgraph-schedule-source?schedule=0/1+*+*+*+*+?&assistantId=echo&callback=kamelet-schedule"
                  steps:
                    - process:
                        ref: collect-started
            - route:
                from:
                  uri: "kamelet:langgraph-webhook-source?callback=kamelet-schedule"
                  steps:
                    - process:
                        ref: collect-outcomes
            """).start();

        Message outcome = await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("outcomes"), l -> !l.isEmpty()).get(0);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(app.collected("started")).extracting(m -> m.getHeader(LangGraphConstants.RUN_ID))
                .contains(outcome.getHeader(LangGraphConstants.RUN_ID));
    }
}
