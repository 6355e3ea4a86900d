package io.camellanggraph.cron;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.CronTrigger;
import org.quartz.TriggerKey;
import org.quartz.impl.triggers.CronTriggerImpl;

/**
 * The fire times of the real Quartz triggers of {@code langgraph:schedule} routes, computed in a JVM of its own whose
 * default time zone is the one given ({@code -Duser.timezone}): {@link #main} starts the routes in a Camel context
 * like any runtime's, and prints, for each schedule, its trigger's time zone, next fire time and the fire times
 * Quartz computes after a given instant ({@code CronTrigger.getFireTimeAfter}, what the scheduler itself uses). No
 * waiting for the clock.
 */
final class QuartzFireTimes {

    /** A schedule: its name, expression (Unix or Quartz), time zone (null: none given), and which fire times to list. */
    record Schedule(String name, String expression, String timezone, Instant after, int count) {
        String arg() {
            return String.join("|", name, expression, timezone == null ? "" : timezone, after.toString(), Integer.toString(count));
        }
    }

    /** One trigger as Quartz has it. */
    record Fires(String zone, Instant next, List<Instant> after) {
    }

    private QuartzFireTimes() {
    }

    /** Runs {@link #main} in a JVM whose default time zone is {@code jvmZone}; the triggers by schedule name. */
    static Map<String, Fires> inJvmZone(String jvmZone, List<Schedule> schedules) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-Duser.timezone=" + jvmZone, "-cp", System.getProperty("java.class.path"), QuartzFireTimes.class.getName()));
        schedules.forEach(s -> command.add(s.arg()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the forked JVM failed: " + output);
        }
        Map<String, Fires> fires = new LinkedHashMap<>();
        for (String line : output.lines().filter(l -> l.startsWith("TRIGGER ")).toList()) {
            String[] f = line.split(" ");
            List<Instant> after = f.length > 4 ? List.of(f[4].split(",")).stream().map(Instant::parse).toList() : List.of();
            fires.put(f[1], new Fires(f[2], Instant.parse(f[3]), after));
        }
        return fires;
    }

    public static void main(String[] args) throws Exception {
        List<Schedule> schedules = new ArrayList<>();
        StringBuilder routes = new StringBuilder();
        for (String arg : args) {
            String[] f = arg.split("\\|", -1);
            Schedule schedule = new Schedule(f[0], f[1], f[2].isEmpty() ? null : f[2], Instant.parse(f[3]), Integer.parseInt(f[4]));
            schedules.add(schedule);
            routes.append("""
                    - route:
                        from:
                          uri: "langgraph:schedule/%s"
                          parameters: {schedule: "%s"%s}
                          steps:
                            - log: "tick"
                    """.formatted(schedule.name(), schedule.expression(),
                    schedule.timezone() == null ? "" : ", timezone: \"" + schedule.timezone() + "\""));
        }
        // no run is started: the LangGraph URL is never called
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fire-times-");
        try (YamlApp app = new YamlApp("http://127.0.0.1:" + LangGraphTestSupport.freePort(), LangGraphTestSupport.freePort(), data)) {
            app.routes(routes.toString()).start();
            org.quartz.Scheduler scheduler = app.context().getComponent("quartz", QuartzComponent.class).getScheduler();
            for (Schedule schedule : schedules) {
                CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(schedule.name(), QuartzSchedules.GROUP));
                // the trigger starts now and answers nothing before; its copy starting at the epoch answers for any date
                CronTriggerImpl copy = (CronTriggerImpl) ((CronTriggerImpl) trigger).clone();
                copy.setStartTime(new Date(0));
                List<String> after = new ArrayList<>();
                Date t = Date.from(schedule.after());
                for (int i = 0; i < schedule.count(); i++) {
                    t = copy.getFireTimeAfter(t);
                    after.add(t.toInstant().toString());
                }
                System.out.println("TRIGGER " + schedule.name() + " " + trigger.getTimeZone().getID() + " "
                        + trigger.getNextFireTime().toInstant() + " " + String.join(",", after));
            }
        }
        System.out.flush();
        // Camel and Vert.x threads may linger: the JVM's answer is complete
        Runtime.getRuntime().halt(0);
    }
}
