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
# AppCDS: the first run records the classes it loads into target/app-cds.jsa when it exits; later runs map them
# (startup 3.5 s -> 2.1 s and 245 -> 212 MB resident in BENCHMARKS.md). A stale archive is ignored by the JVM.
if [ -f target/app-cds.jsa ] && [ target/app-cds.jsa -nt target/camel-langgraph-app.jar ]; then
  CDS="-XX:SharedArchiveFile=target/app-cds.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
else
  CDS="-XX:ArchiveClassesAtExit=target/app-cds.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
exec java $CDS ${JAVA_OPTS:-} -jar target/camel-langgraph-app.jar "$@"
