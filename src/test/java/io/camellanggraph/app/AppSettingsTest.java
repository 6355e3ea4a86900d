package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one resolver of the app's settings, as the command line uses it: the jar's defaults, the overlay under the
 * home directory above them, {@code -D} above both; and the callback store location derived from them the way the
 * component derives it. (Environment variables are covered by the packaged-jar tests, which set them.)
 */
@Tag("fast")
class AppSettingsTest {

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty("langgraph.home");
        System.clearProperty("langgraph.data-dir");
    }

    @Test
    void jarDefaultsApplyWithoutAnyFile() throws Exception {
        System.setProperty("langgraph.home", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "settings-empty-").toString());
        AppSettings settings = AppSettings.standalone();
        assertThat(settings.get("camel.server.port", "")).isEqualTo("8080");
        assertThat(settings.get("camel.component.langgraph.webhook-path", "")).isEqualTo("/langgraph/webhook");
        assertThat(settings.storeLocation().jdbcUrl()).isEqualTo("jdbc:sqlite:data/langgraph-callbacks.db");
    }

    @Test
    void overlayInTheHomeDirectoryOverridesTheDefaultsAndMinusDOverridesTheOverlay() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "settings-home-");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), "langgraph.data-dir = /srv/overlay\ncamel.server.port = 9090\n");
        System.setProperty("langgraph.home", home.toString());
        assertThat(AppSettings.overlay()).isEqualTo(home.resolve("config/application.properties"));
        assertThat(AppSettings.standalone().get("camel.server.port", "")).isEqualTo("9090");
        assertThat(AppSettings.standalone().storeLocation().jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/overlay/langgraph-callbacks.db");

        System.setProperty("langgraph.data-dir", "/srv/minus-d");
        assertThat(AppSettings.standalone().dataDir()).isEqualTo(Path.of("/srv/minus-d"));
    }
}
