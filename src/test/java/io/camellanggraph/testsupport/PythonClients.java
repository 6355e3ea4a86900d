package io.camellanggraph.testsupport;

import java.util.ArrayList;
import java.util.List;

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
        return Scripts.exec(command, timeoutSeconds);
    }

    private static synchronized String python() {
        if (python == null) {
            python = Scripts.lastLine(Scripts.script("python-clients.sh", List.of("python"), 600));
        }
        return python;
    }
}
