#!/usr/bin/env bash
# Makes the real database servers the integration tests use available on a Debian or Ubuntu
# machine, without a Docker engine and without touching the system's package state for MySQL:
#
#   MariaDB 10.11+  from the machine's own packages (installed when missing and run as root;
#                   otherwise the script says what to install).
#   MySQL 9.7       from Debian unstable's packages, downloaded with a private apt configuration and
#                   unpacked into a cache folder under the user's home; run through the loader and
#                   libraries of its own dependency closure.
#
# Idempotent: a second run only checks the cache (about a second). It ends by printing where the
# binaries are and writes them to "$CACHE/test-databases.env" (KEY=value lines), the file the test
# fixtures read.
#
# Options:  --mysql-only | --mariadb-only   provision one flavor
#           --quiet                         print only the final summary
# Environment: DMSWITCHOVER_CACHE (default: ${XDG_CACHE_HOME:-$HOME/.cache}/dm-switchover)
set -euo pipefail

want_mysql=1
want_mariadb=1
quiet=0
for arg in "$@"; do
  case "$arg" in
    --mysql-only) want_mariadb=0 ;;
    --mariadb-only) want_mysql=0 ;;
    --quiet) quiet=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "provision-test-databases: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

cache="${DMSWITCHOVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dm-switchover}"
mysql_root="$cache/mysql-9.7"
env_file="$cache/test-databases.env"
mkdir -p "$cache"

say() { [ "$quiet" = 1 ] || echo "provision-test-databases: $*" >&2; }
fail() { echo "provision-test-databases: $*" >&2; exit 1; }

# Prints the Debian archive this machine's apt uses (never the security archive), so that nothing
# in the project names a package host.
debian_archive() {
  local uri=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    uri=$(awk 'tolower($1)=="uris:" { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources \
      | grep -v -- '-security' | grep -i debian | head -n 1 || true)
  fi
  if [ -z "$uri" ] && compgen -G "/etc/apt/sources.list*" >/dev/null; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1=="deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' \
      | grep -v -- '-security' | grep -i debian | head -n 1 || true)
  fi
  [ -n "$uri" ] || return 1
  echo "${uri%/}"
}

mysql_runs() {
  [ -x "$mysql_root/usr/sbin/mysqld" ] || return 1
  "$mysql_root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \
    --library-path "$mysql_root/usr/lib/x86_64-linux-gnu" "$mysql_root/usr/sbin/mysqld" --version 2>/dev/null
}

provision_mysql() {
  local version
  if version=$(mysql_runs); then
    say "MySQL already in $mysql_root"
    echo "$version"
    return 0
  fi
  [ "$(uname -m)" = x86_64 ] || fail "MySQL from Debian's packages is set up for x86_64 only; point DMSWITCHOVER_MYSQLD at a mysqld instead"
  command -v apt-get >/dev/null || fail "apt-get not found: this script needs a Debian or Ubuntu machine (or set DMSWITCHOVER_MYSQLD to a mysqld 8.0+)"
  command -v dpkg >/dev/null || fail "dpkg not found"
  local archive
  archive=$(debian_archive) || fail "no Debian archive found in this machine's apt configuration (/etc/apt/sources.list*); set DMSWITCHOVER_MYSQLD to a mysqld instead"
  say "downloading mysql-server-core from Debian unstable ($archive) into $cache"
  local apt="$cache/apt"
  rm -rf "$apt"
  mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/etc/preferences.d"
  echo "deb $archive sid main" > "$apt/etc/sources.list"
  : > "$apt/status"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  local opts=(
    -o "Dir::Etc::sourcelist=$apt/etc/sources.list"
    -o "Dir::Etc::sourceparts=-"
    -o "Dir::Etc::preferencesparts=$apt/etc/preferences.d"
    -o "Dir::State::status=$apt/status"
    -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache=$apt"
    -o "Dir::Cache::archives=$apt/archives"
    -o "APT::Install-Recommends=false"
    -o "APT::Install-Suggests=false"
    -o "Debug::NoLocking=true"
  )
  if [ -f "$keyring" ]; then opts+=(-o "Dir::Etc::trusted=$keyring"); fi
  apt-get "${opts[@]}" -qq update >&2 || fail "apt-get update against Debian unstable failed"
  apt-get "${opts[@]}" -qq install --download-only -y mysql-server-core mysql-client-core >&2 \
    || fail "downloading mysql-server-core from Debian unstable failed"
  local staging="$mysql_root.partial"
  rm -rf "$staging"
  mkdir -p "$staging"
  local deb
  for deb in "$apt"/archives/*.deb; do dpkg -x "$deb" "$staging"; done
  rm -rf "$mysql_root"
  mv "$staging" "$mysql_root"
  rm -rf "$apt"
  version=$(mysql_runs) || fail "mysqld unpacked into $mysql_root but does not run"
  echo "$version"
}

mariadb_bin() {
  local d
  for d in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin; do
    if [ -x "$d/mariadbd" ]; then echo "$d/mariadbd"; return 0; fi
  done
  command -v mariadbd 2>/dev/null
}

provision_mariadb() {
  local bin
  if ! bin=$(mariadb_bin); then
    if [ "$(id -u)" != 0 ]; then
      fail "MariaDB is not installed. As root run: apt-get install -y mariadb-server mariadb-client (then run this script again), or set DMSWITCHOVER_MARIADBD to a mariadbd"
    fi
    command -v apt-get >/dev/null || fail "apt-get not found: install mariadb-server with this machine's package manager"
    say "installing mariadb-server and mariadb-client from this machine's packages"
    apt-get -qq update >&2 || fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y mariadb-server mariadb-client >&2 \
      || fail "apt-get install mariadb-server mariadb-client failed"
    bin=$(mariadb_bin) || fail "mariadb-server installed but mariadbd not found"
  else
    say "MariaDB already installed"
  fi
  echo "$bin"
}

{
  echo "# written by scripts/provision-test-databases.sh; read by the test fixtures"
} > "$env_file.tmp"

if [ "$want_mysql" = 1 ]; then
  mysql_version=$(provision_mysql | tail -n 1)
  echo "DMSWITCHOVER_MYSQL_ROOT=$mysql_root" >> "$env_file.tmp"
  echo "MySQL:   $mysql_root/usr/sbin/mysqld  ($mysql_version)"
  echo "         run through $mysql_root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path $mysql_root/usr/lib/x86_64-linux-gnu"
fi
if [ "$want_mariadb" = 1 ]; then
  mariadbd=$(provision_mariadb | tail -n 1)
  echo "DMSWITCHOVER_MARIADBD=$mariadbd" >> "$env_file.tmp"
  echo "MariaDB: $mariadbd  ($("$mariadbd" --version 2>/dev/null | head -n 1))"
fi
mv "$env_file.tmp" "$env_file"
echo "Binaries recorded in $env_file"
