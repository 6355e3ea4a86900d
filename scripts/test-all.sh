#!/usr/bin/env bash
# All tests, on a fresh machine as on a used one: installs what the suite needs and is missing, then runs it.
#   - the LangGraph dev servers (Python venv in .tools/, the JS server's npm packages), as their first use would;
#   - PostgreSQL (cluster tests) and Chromium with ChromeDriver (operator page test) from Debian's packages;
#   - Kafka and ActiveMQ Classic (Maven artifacts) and the Python messaging clients (PyPI) of the connectivity tests;
#   - then the suite and install of the component jar, the Spring Boot and KameletMain examples against it, and the
#     container image against a real LangGraph server (scripts/image-test.sh installs podman and friends itself).
# Each installer is a no-op when its part is there. Installing Debian packages needs root (or sudo).
# `.ci/run` calls exactly this. The fast tier alone, without any server: mvn -B test -Pfast
set -euo pipefail
cd "$(dirname "$0")/.."
export LANGGRAPH_CLI_NO_ANALYTICS=1 LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false

bash scripts/setup-langgraph.sh all
bash scripts/postgres.sh install
bash scripts/chromium.sh
# brokers and clients of the connectivity tests: Kafka (kafka_2.13) and ActiveMQ Classic 6 from Maven Central, the
# Python clients (python-qpid-proton, kafka-python) from PyPI; the tests would install them on first use too
bash scripts/kafka.sh install
bash scripts/activemq.sh install
bash scripts/python-clients.sh install

start=$(date +%s)
# the slowest classes, whatever the outcome
trap 'bash scripts/slowest-tests.sh || true; echo "tests took $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s"' EXIT
mvn -B install
# the examples and the container image each use the installed jar and nothing of the other: side by side (both mostly
# wait, for servers and for podman), the examples' log printed after the image test's
mvn -B -f examples/pom.xml verify >target/examples-verify.log 2>&1 &
examples=$!
image_rc=0
bash scripts/image-test.sh || image_rc=$?
examples_rc=0
wait "$examples" || examples_rc=$?
cat target/examples-verify.log
echo "examples: exit $examples_rc; image test: exit $image_rc"
[ "$examples_rc" -eq 0 ] && [ "$image_rc" -eq 0 ]
