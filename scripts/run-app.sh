#!/usr/bin/env bash
# The main job: builds the app once if needed, then runs it from the project directory with config/ and routes/.
# With no langgraph.url configured it starts the embedded LangGraph dev server (graphs/) by itself.
# Arguments go to the app (e.g. `plan` prints what the declared server-side crons would change).
set -euo pipefail
cd "$(dirname "$0")/.."
export LANGGRAPH_CLI_NO_ANALYTICS=1 LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false
if [ ! -f target/camel-langgraph-app.jar ] || [ -n "$(find src pom.xml -newer target/camel-langgraph-app.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
exec java ${JAVA_OPTS:-} -jar target/camel-langgraph-app.jar "$@"
