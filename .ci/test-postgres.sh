# Sourced by .ci/run: starts a throwaway PostgreSQL on a free loopback port for the storage tests
# and exports VEPP2K_TEST_POSTGRES. Never fails the run: without a server those tests are skipped.

vepp2k_pg_warn() { echo "warning: no PostgreSQL for the storage tests ($1); they will be skipped." >&2; }

vepp2k_pg_bindir() {
  local d found=""
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && found=$d; done
  echo "$found"
}

vepp2k_start_postgres() {
  local bindir port dir p run=()
  bindir=$(vepp2k_pg_bindir)
  if [ -z "$bindir" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's postgresql package for the storage tests..." >&2
    timeout 600 apt-get install -y -q postgresql >/dev/null 2>&1 \
      || { timeout 300 apt-get update -q >/dev/null 2>&1 && timeout 600 apt-get install -y -q postgresql >/dev/null 2>&1; } || true
    bindir=$(vepp2k_pg_bindir)
  fi
  [ -n "$bindir" ] || { vepp2k_pg_warn "no initdb/pg_ctl under /usr/lib/postgresql"; return 0; }
  dir=$(mktemp -d /tmp/vepp2k-pg.XXXXXX) || { vepp2k_pg_warn "no temp dir"; return 0; }
  # PostgreSQL refuses to run as root: run it as the postgres user (created by the package, or here).
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres 2>/dev/null \
      || { vepp2k_pg_warn "cannot create the postgres user"; return 0; }
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  for p in $(seq 54320 54420); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [ -n "${port:-}" ] || { vepp2k_pg_warn "no free port in 54320-54420"; return 0; }
  if ! "${run[@]}" "$bindir/initdb" -D "$dir/data" -U vepp2k -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1; then
    vepp2k_pg_warn "initdb failed: $(tail -n 3 "$dir/initdb.log")"; return 0
  fi
  if ! "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null 2>&1; then
    vepp2k_pg_warn "the server did not start: $(tail -n 3 "$dir/server.log" 2>/dev/null)"; return 0
  fi
  VEPP2K_PG_STOP=("${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop)
  VEPP2K_PG_DIR=$dir
  trap 'vepp2k_stop_postgres' EXIT
  export VEPP2K_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=vepp2k;Database=postgres"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for the storage tests on 127.0.0.1:$port" >&2
}

vepp2k_stop_postgres() {
  "${VEPP2K_PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$VEPP2K_PG_DIR"
}
