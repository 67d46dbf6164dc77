# A throwaway PostgreSQL cluster for the tests and the worker benchmarks: sourced by test.sh and bench/workers/*.sh.
# start_test_postgres makes one in a temp folder, listening only on 127.0.0.1, and exports ORCHESTRATOR_TEST_POSTGRES;
# stop_test_postgres stops and deletes it. Installs Debian's postgresql package when no server is installed (as root).

postgres_dir=""
postgres_bin=""

# initdb and postgres refuse to run as root; as root the cluster belongs to the 'postgres' OS user,
# which Debian's package creates.
as_cluster_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd "$postgres_dir" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

stop_test_postgres() {
  if [[ -n $postgres_dir && -d $postgres_dir ]]; then
    if [[ -f $postgres_dir/data/postmaster.pid ]]; then
      as_cluster_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$postgres_dir"
  fi
}

# The newest server binaries under /usr/lib/postgresql/*/bin, or nothing.
find_postgres_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/pg_isready ]]; then
      echo "$dir"
      return
    fi
  done
}

install_postgres() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "throwaway-postgres: the PostgreSQL tests need a server, and none is installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin)." >&2
    echo "  Install it (Debian/Ubuntu: sudo apt-get install postgresql), or set ORCHESTRATOR_TEST_POSTGRES to the Npgsql connection" >&2
    echo "  string of a server whose role may create databases, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "throwaway-postgres: PostgreSQL is not installed and this machine has no apt-get to install it; install PostgreSQL (initdb, pg_ctl, pg_isready) yourself, or set ORCHESTRATOR_TEST_POSTGRES." >&2
    exit 1
  fi
  echo "== postgres: not installed; installing Debian's postgresql package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

start_test_postgres() {
  postgres_bin=$(find_postgres_bin)
  if [[ -z $postgres_bin ]]; then
    install_postgres
    postgres_bin=$(find_postgres_bin)
    if [[ -z $postgres_bin ]]; then
      echo "throwaway-postgres: installed postgresql, but found no initdb/pg_ctl under /usr/lib/postgresql/*/bin." >&2
      exit 1
    fi
  fi

  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "throwaway-postgres: running as root, but there is no 'postgres' OS user to own the test cluster (initdb refuses root). Create one (useradd --system postgres) or run as another user." >&2
      exit 1
    fi
    # /tmp rather than $TMPDIR: the postgres user must be able to reach the folder.
    postgres_dir=$(mktemp -d /tmp/orchestrator-pg.XXXXXX)
    chown postgres: "$postgres_dir"
  else
    postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/orchestrator-pg.XXXXXX")
  fi

  # trust: nothing but this machine can connect (127.0.0.1 and a socket in our own folder), and the
  # cluster lives only as long as this script.
  as_cluster_owner "$postgres_bin/initdb" -D "$postgres_dir/data" --username=orchestrator --auth=trust \
    --encoding=UTF8 --locale=C >"$postgres_dir/initdb.log" 2>&1 || {
    cat "$postgres_dir/initdb.log" >&2
    echo "throwaway-postgres: initdb failed (log above)." >&2
    exit 1
  }

  # The first free port from 55432 up. A port another program takes between the check and the start
  # makes the start fail, and the next port is tried.
  local port started=""
  for port in $(seq 55432 55531); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    # fsync off and friends: a crash loses the throwaway cluster anyway, and the tests run faster.
    if as_cluster_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$postgres_dir' -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null 2>&1; then
      started=$port
      break
    fi
  done
  if [[ -z $started ]]; then
    cat "$postgres_dir/server.log" >&2 || true
    echo "throwaway-postgres: could not start the throwaway PostgreSQL on any port from 55432 to 55531 (server log above)." >&2
    exit 1
  fi

  local tries=0
  until "$postgres_bin/pg_isready" -h 127.0.0.1 -p "$started" -q; do
    tries=$((tries + 1))
    if [[ $tries -ge 60 ]]; then
      cat "$postgres_dir/server.log" >&2 || true
      echo "throwaway-postgres: the throwaway PostgreSQL on 127.0.0.1:$started does not answer pg_isready after 30 s (server log above)." >&2
      exit 1
    fi
    sleep 0.5
  done

  export ORCHESTRATOR_TEST_POSTGRES="Host=127.0.0.1;Port=$started;Username=orchestrator;Database=postgres"
  echo "== postgres: started PostgreSQL $("$postgres_bin/postgres" --version | awk '{print $3}') from $postgres_bin on 127.0.0.1:$started (throwaway cluster in $postgres_dir, removed on exit)"
}
