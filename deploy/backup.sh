#!/usr/bin/env bash
# Backup of the portal: the PostgreSQL database (pg_dump, custom format) and the evidence files (a tar of the
# media folder), named by the same minute: backups/ptds-YYYYmmdd-HHMM.dump and ptds-YYYYmmdd-HHMM.media.tar.gz.
# Reads the portal's own variables, DATABASE_URL and DJANGO_MEDIA_ROOT (default media/); BACKUP_DIR (default
# backups/) says where to write and PTDS_BACKUP_KEEP_DAYS (default 30) how many days of backups stay there.
# Run by `make backup` and nightly by deploy/ptds-backup.timer; deploy/restore.sh puts a backup back.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) ;;
  *)
    what=${DATABASE_URL:+"a ${DATABASE_URL%%:*}: URL"} # only the scheme is shown: the URL may hold a password
    echo "backup: DATABASE_URL must name the portal's PostgreSQL database (postgres://user:pass@host:5432/ptds);" \
      "it is ${what:-not set}. A SQLite database is backed up by copying its file while the portal is stopped." >&2
    exit 2
    ;;
esac

dir=${BACKUP_DIR:-backups}
media=${DJANGO_MEDIA_ROOT:-media}
keep_days=${PTDS_BACKUP_KEEP_DAYS:-30}
base="$dir/ptds-$(date +%Y%m%d-%H%M)"

umask 077 # the dump holds every account's password hash and every report: readable by its owner only
mkdir -p "$dir"
# Written under temporary names first, so that a backup cut short is never taken for a good one.
trap 'rm -f "$base.dump.part" "$base.media.tar.gz.part"' EXIT

pg_dump --format=custom --dbname="$DATABASE_URL" --file="$base.dump.part"
if [ -d "$media" ]; then
  tar -czf "$base.media.tar.gz.part" -C "$media" .
else
  tar -czf "$base.media.tar.gz.part" --files-from=/dev/null # nothing uploaded yet
fi
mv "$base.dump.part" "$base.dump"
mv "$base.media.tar.gz.part" "$base.media.tar.gz"

find "$dir" -maxdepth 1 -name 'ptds-*' -type f -mtime +"$keep_days" -delete
echo "backup: $base.dump ($(du -h "$base.dump" | cut -f1)) and $base.media.tar.gz ($(du -h "$base.media.tar.gz" | cut -f1))"
