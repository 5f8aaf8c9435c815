#!/usr/bin/env bash
# Puts back a backup made by deploy/backup.sh: `CONFIRM=yes deploy/restore.sh backups/ptds-YYYYmmdd-HHMM.dump`
# (or `make restore FILE=... CONFIRM=yes`). The database of DATABASE_URL gets the dump's tables and rows in place
# of its own (pg_restore --clean, in one transaction: after an error nothing has changed), and the evidence files
# of the .media.tar.gz beside the dump go back into DJANGO_MEDIA_ROOT (default media/). Stop the portal first.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "restore: $*" >&2
  exit 2
}

file=${1:-}
[ -n "$file" ] || fail "name the backup: make restore FILE=backups/ptds-YYYYmmdd-HHMM.dump CONFIRM=yes"
[ -f "$file" ] || fail "no backup file $file"
archive="${file%.dump}.media.tar.gz"
[ -f "$archive" ] || fail "the evidence files of this backup are missing: no $archive beside $file"
case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) ;;
  *) fail "DATABASE_URL must name the PostgreSQL database to restore into (postgres://user:pass@host:5432/ptds)" ;;
esac
media=${DJANGO_MEDIA_ROOT:-media}
where=${DATABASE_URL#*://}
where=${where##*@} # host, port and database, without the user and password
if [ "${CONFIRM:-}" != "yes" ]; then
  fail "this replaces the portal's data in ${where%%\?*} with $file and puts its evidence files back into $media/." \
    "Stop the portal, then run again with CONFIRM=yes."
fi

# --no-owner: the tables belong to whoever restores (the portal's user), whoever owned them on the old server.
pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" "$file"
mkdir -p "$media"
# The backup's files come back; a file uploaded after the backup stays, unused (the database no longer names it).
tar -xzf "$archive" -C "$media" --no-same-owner
echo "restore: $file is back in ${where%%\?*} and $media/; if the code is newer than the backup, run manage.py migrate."
