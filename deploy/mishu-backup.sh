#!/bin/sh
# mishu-backup — the daily backup of the mishu database, run by mishu-backup.service as user
# mishu with the settings of /etc/mishu/mishu.env. Installed as /usr/local/bin/mishu-backup.
#
#   1. `mishu backup` to $MISHU_BACKUP_DIR/mishu-YYYYMMDD-HHMMSS.db   (SQLite: a database file,
#      made with SQLite's online backup API while mishu serves) or .dump (PostgreSQL: pg_dump
#      --format=custom, restore with pg_restore). The file is written as *.partial and renamed
#      when complete, so a file with the final name is always a whole backup.
#   2. `mishu audit verify`: the hash-chained audit trail is intact. If it is not, the script
#      fails (the unit shows as failed, the journal names the first bad entry) and NO old
#      backup is deleted — they may be the evidence of what the trail looked like before.
#   3. $MISHU_BACKUP_HOOK FILE, if set (e.g. encrypt and copy off the machine).
#   4. Deletes backups $MISHU_BACKUP_KEEP_DAYS (14) or more days old: with one backup a day,
#      the newest 14 remain.
#
# By hand: systemctl start mishu-backup.service && journalctl -u mishu-backup.service -n 20
set -eu

mishu=${MISHU_BIN:-/usr/local/bin/mishu}
dir=${MISHU_BACKUP_DIR:-/var/lib/mishu/backups}
keep=${MISHU_BACKUP_KEEP_DAYS:-14}

if [ -z "${MISHU_DB:-}" ]; then
	echo "mishu-backup: MISHU_DB is not set; run it as: systemctl start mishu-backup.service" >&2
	exit 2
fi
case $keep in
'' | *[!0-9]* | 0)
	echo "mishu-backup: MISHU_BACKUP_KEEP_DAYS must be a whole number of days (1 or more), not '$keep'" >&2
	exit 2
	;;
esac
case $MISHU_DB in
postgresql:* | postgres:*) ext=dump ;;
*) ext=db ;;
esac

umask 077
mkdir -p "$dir"
rm -f "$dir"/mishu-*.partial "$dir"/mishu-*.partial.* # left behind by an interrupted run
file="$dir/mishu-$(date +%Y%m%d-%H%M%S).$ext"

"$mishu" backup --db "$MISHU_DB" --to "$file.partial"
mv "$file.partial" "$file"
echo "mishu-backup: wrote $file ($(stat -c %s "$file") bytes)"

if ! "$mishu" audit verify --db "$MISHU_DB"; then
	echo "mishu-backup: the audit trail does not verify; no old backup was deleted;" \
		"tell the security auditor (安全审计员)" >&2
	exit 1
fi

if [ -n "${MISHU_BACKUP_HOOK:-}" ]; then
	"$MISHU_BACKUP_HOOK" "$file"
fi

# Age in whole days > keep-1, i.e. keep or more days old.
find "$dir" -maxdepth 1 -type f -name 'mishu-*' ! -name '*.partial*' -mtime +"$((keep - 1))" \
	-print -delete | sed 's/^/mishu-backup: deleted /'
