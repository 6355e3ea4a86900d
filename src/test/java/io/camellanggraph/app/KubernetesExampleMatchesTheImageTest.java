package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/kubernetes.yaml stays consistent with the Containerfile: the ports it exposes, the user it runs as, the
 * volume and mount points, and probe paths the app really serves (the probes themselves are tested in
 * {@link PackagedAppFromAnyDirectoryIT} and scripts/image-test.sh).
 */
class KubernetesExampleMatchesTheImageTest {

    private final String containerfile = read("Containerfile");
    private final String kubernetes = read("docs/kubernetes.yaml");

    @Test
    void exposedPortsAreTheContainerPorts() {
        Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+) (\\d+)$").matcher(containerfile);
        assertThat(expose.find()).isTrue();
        assertThat(kubernetes).contains("{name: webhook, containerPort: " + expose.group(1) + "}")
                .contains("{name: management, containerPort: " + expose.group(2) + "}");
        // the receiver and the management server listen on the pod's address, not only on loopback
        assertThat(containerfile).contains("CAMEL_SERVER_HOST=0.0.0.0").contains("CAMEL_MANAGEMENT_HOST=0.0.0.0");
    }

    @Test
    void podRunsAsTheImagesNonRootUserWithItsDataAndRoutesMounted() {
        Matcher uid = Pattern.compile("(?m)^ARG APP_UID=(\\d+)$").matcher(containerfile);
        assertThat(uid.find()).isTrue();
        assertThat(kubernetes).contains("runAsUser: " + uid.group(1)).contains("runAsNonRoot: true");
        assertThat(containerfile).contains("VOLUME /data").contains("LANGGRAPH_DATA_DIR=/data")
                .contains("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN=file:/routes/*.camel.yaml");
        assertThat(kubernetes).contains("mountPath: /data").contains("mountPath: /routes");
    }

    @Test
    void probesUseTheHealthPathsOfTheManagementPort() {
        assertThat(kubernetes).contains("httpGet: {path: /observe/health/ready, port: management}")
                .contains("httpGet: {path: /observe/health/live, port: management}");
        assertThat(containerfile).contains("GET /observe/health/ready");
    }

    @Test
    void gracePeriodLeavesRoomForTheShutdownTimeout() throws Exception {
        String defaults = Files.readString(Path.of("src/main/resources/application.properties"));
        Matcher timeout = Pattern.compile("(?m)^camel.main.shutdown-timeout = (\\d+)$").matcher(defaults);
        Matcher grace = Pattern.compile("terminationGracePeriodSeconds: (\\d+)").matcher(kubernetes);
        assertThat(timeout.find()).isTrue();
        assertThat(grace.find()).isTrue();
        // preStop sleeps 5 s before SIGTERM; the stop itself takes up to the shutdown timeout
        assertThat(Integer.parseInt(grace.group(1))).isGreaterThan(Integer.parseInt(timeout.group(1)) + 5);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
