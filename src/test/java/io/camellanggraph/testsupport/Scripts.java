package io.camellanggraph.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command from the project directory for the test support (the project's own scripts, the Python clients):
 * its stdout is returned, its stderr goes to this JVM's stderr with a prefix, and a non-zero exit or a timeout is an
 * error carrying that stderr.
 */
final class Scripts {

    private Scripts() {
    }

    /** Runs {@code bash scripts/<script> <args...>}. */
    static String script(String script, List<String> args, int timeoutSeconds) {
        return scriptWithEnv(script, args, Map.of(), timeoutSeconds);
    }

    /** Same, with more environment variables. */
    static String scriptWithEnv(String script, List<String> args, Map<String, String> env, int timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of("bash", LangGraphServer.home().resolve("scripts").resolve(script).toString()));
        command.addAll(args);
        return exec(command, env, timeoutSeconds);
    }

    /** The last line of a script's output (what the project's scripts print their result on). */
    static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    static String exec(List<String> command, int timeoutSeconds) {
        return exec(command, Map.of(), timeoutSeconds);
    }

    static String exec(List<String> command, Map<String, String> env, int timeoutSeconds) {
        try {
            Path err = Files.createTempFile("script-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(LangGraphServer.home().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            String log = Files.readString(err);
            Files.deleteIfExists(err);
            log.lines().forEach(line -> System.err.println("  | " + line));
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + log);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
