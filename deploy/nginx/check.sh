#!/bin/sh
# Checks deploy/nginx/mishu.conf with `nginx -t` without touching /etc or /var/log: copies the
# site into a temporary directory with the certificate and log paths pointing there, makes a
# self-signed test certificate with openssl, and includes the copy from a main config that
# mirrors Debian 12's /etc/nginx/nginx.conf (so duplicate directives would show up too).
# Needs nginx (nginx-light is enough) and openssl.
# Usage: deploy/nginx/check.sh [SITE]   (SITE: default deploy/nginx/mishu.conf; e.g. an edited copy)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
site=${1:-$here/mishu.conf}
tmp=$(mktemp -d /tmp/mishu-nginx-check.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ssl" "$tmp/log"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mishu.example.gov.cn" \
	-keyout "$tmp/ssl/privkey.pem" -out "$tmp/ssl/fullchain.pem" 2>/dev/null

sed -e "s#/etc/ssl/mishu/#$tmp/ssl/#g" -e "s#/var/log/nginx/#$tmp/log/#g" \
	"$site" >"$tmp/mishu.conf"

cat >"$tmp/nginx.conf" <<EOF
# Debian 12's /etc/nginx/nginx.conf, with every path it writes moved to $tmp.
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/log/error.log;
events {
	worker_connections 768;
}
http {
	client_body_temp_path $tmp/body;
	proxy_temp_path $tmp/proxy;
	fastcgi_temp_path $tmp/fastcgi;
	uwsgi_temp_path $tmp/uwsgi;
	scgi_temp_path $tmp/scgi;
	sendfile on;
	tcp_nopush on;
	types_hash_max_size 2048;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
	ssl_prefer_server_ciphers on;
	access_log $tmp/log/access.log;
	gzip on;
	include $tmp/mishu.conf;
}
EOF

nginx -p "$tmp" -c "$tmp/nginx.conf" -t
