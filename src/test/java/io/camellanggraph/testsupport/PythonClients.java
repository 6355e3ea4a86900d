package io.camellanggraph.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the client scripts of {@code src/test/python} with the Python messaging clients from PyPI
 * (python-qpid-proton, kafka-python) that {@code scripts/python-clients.sh} installs into a venv of their own: the
 * app seen by a client another team wrote. A script prints its findings as JSON on stdout; its stderr is passed on.
 */
public final class PythonClients {

    private static String python;

    private PythonClients() {
    }

    /** Runs {@code src/test/python/<script>} with {@code args}; its stdout, or an error with its exit code and stderr. */
    public static String run(String script, List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of(python(), LangGraphServer.home().resolve("src/test/python").resolve(script).toString()));
        command.addAll(args);
        return exec(command, timeoutSeconds);
    }

    private static synchronized String python() {
        if (python == null) {
            String out = exec(List.of("bash", LangGraphServer.home().resolve("scripts/python-clients.sh").toString(), "python"), 600).strip();
            python = out.substring(out.lastIndexOf('\n') + 1);
        }
        return python;
    }

    private static String exec(List<String> command, int timeoutSeconds) {
        try {
            Path err = Files.createTempFile("python-client-", ".log");
            Process process = new ProcessBuilder(command).directory(LangGraphServer.home().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(err.toFile()).start();
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
