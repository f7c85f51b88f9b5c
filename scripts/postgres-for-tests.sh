# Sourced by scripts/test: a throw-away PostgreSQL server for the register's tests.
# When MLA_WRITER_TEST_PG_URL is already set (a server of your own), nothing is started.
# Else Debian's postgresql package is installed if needed and a new cluster is made in a
# temporary folder (as the "postgres" user when run as root), listening on a Unix socket in
# that folder only (no TCP port, so it never clashes with another server); it is stopped and
# removed when the tests end. The register tests FAIL (never skip) without a server.
start_test_postgres() {
  if [ -n "${MLA_WRITER_TEST_PG_URL:-}" ]; then return 0; fi
  apt_need postgresql
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bindir" ]; then echo "error: PostgreSQL's programs not found under /usr/lib/postgresql" >&2; return 1; fi
  PG_TEST_DIR="$(mktemp -d /tmp/mla-writer-pg.XXXXXX)"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$PG_TEST_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bindir/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust --no-sync >"$PG_TEST_DIR/initdb.log" 2>&1 ||
    { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bindir/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -s \
    -o "-k $PG_TEST_DIR -c listen_addresses= -c fsync=off -c full_page_writes=off -c max_connections=50" start ||
    { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  PG_TEST_STOP=("${as[@]}" "$bindir/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w -s stop)
  trap 'stop_test_postgres' EXIT
  export MLA_WRITER_TEST_PG_URL="postgresql+psycopg://postgres@/postgres?host=$PG_TEST_DIR"
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ]; then
    "${PG_TEST_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
}
