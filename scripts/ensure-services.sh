#!/usr/bin/env bash
# Starts the machine's PostgreSQL and Redis when they are not answering. Addresses come from
# DRIFTWATCH_PG_URL / DRIFTWATCH_REDIS_URL's defaults (127.0.0.1:5432, 127.0.0.1:6379).
set -u
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! port_open 5432 && command -v pg_ctlcluster >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
if ! port_open 6379 && command -v redis-server >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
exit 0
