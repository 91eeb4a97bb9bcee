#!/usr/bin/env bash
# Runs a complete DM switchover end to end on this machine: provisions (or finds) the database
# servers, builds the project, starts a replication group and the DM-master simulator with a task
# replicating through a virtual IP, prints the dry-run plan, switches DM to a replica while writes
# continue, prints each step and the report, and exits 0 when the switchover succeeded.
#
# Usage: scripts/demo.sh [--flow vip|address] [--dm 1.0|2.0|5.4|6.0|8.5|newest] [--flavor mysql|mariadb]
#   (default: --flow vip --dm 8.5 --flavor mysql)
# Needs Java 17+; installs it (and MariaDB's packages, for --flavor mariadb) with apt when run as
# root, otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

flavor=mysql
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --flavor) flavor="${args[$((i + 1))]:-}" ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
  esac
done

if ! command -v java >/dev/null 2>&1 || ! java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
  if [ "$(id -u)" = 0 ]; then
    echo "demo: installing a JDK 17" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
  else
    echo "demo: Java 17 or newer is needed: sudo apt-get install openjdk-17-jdk-headless" >&2
    exit 1
  fi
fi

case "$flavor" in
  mysql) scripts/provision-test-databases.sh --mysql-only --quiet ;;
  mariadb) scripts/provision-test-databases.sh --mariadb-only --quiet ;;
  *) echo "demo: --flavor takes mysql or mariadb, got '$flavor'" >&2; exit 2 ;;
esac

echo "demo: building the project (the first build downloads its dependencies)" >&2
./mvnw -q -B install -DskipTests -pl examples -am
cp_file=examples/target/demo.classpath
./mvnw -q -B dependency:build-classpath -pl examples -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=runtime >/dev/null
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "examples/target/classes:$(cat "$cp_file")" \
  io.github.dmswitchover.examples.Demo "$@"
