#!/usr/bin/env bash
# Copy the deployable directory (make publish -> public/) to a server and switch to it; or switch back
# to the release before the current one.
#
#   scripts/deploy.sh user@host                 # upload public/ as a new release, make it current, reload nginx
#   scripts/deploy.sh --rollback user@host      # make the previous release current again, reload nginx
#   XIAOBAO_SERVER=caddy scripts/deploy.sh …    # the same with Caddy instead of nginx
#
# On the server: BASE/releases/<time>-<commit>/ holds each release, BASE/current links to one of them,
# and nginx reads BASE/current/nginx/xiaobao.conf, or Caddy /etc/caddy/Caddyfile linked to
# BASE/current/caddy/Caddyfile (docs/operators.md). BASE defaults to /srv/xiaobao.
# The server is reloaded after every switch: each release brings its own Content-Security-Policy.
# The remote user needs write access to BASE and may run, with sudo -n, the check and reload below.
# Every release is made readable by all (folders 755, files 644): the web server runs as another user.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${XIAOBAO_BASE:-/srv/xiaobao}"
KEEP="${XIAOBAO_KEEP:-5}"  # releases kept on the server for rollback

case "${XIAOBAO_SERVER:-nginx}" in
  nginx) reload='sudo -n nginx -t && sudo -n systemctl reload nginx' ;;
  caddy) reload='sudo -n caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile && sudo -n systemctl reload caddy' ;;
  *) echo "XIAOBAO_SERVER must be nginx or caddy" >&2; exit 2 ;;
esac

# The server name is never read as an option: one starting with - is refused, and ssh and rsync get
# it after -- (a name like -oProxyCommand=… would otherwise run a command here).
checked_host() {
  case "$1" in
    -*|"") echo "the server name must be user@host, not \"$1\"" >&2; exit 2 ;;
  esac
  printf '%s' "$1"
}

if [ "${1:-}" = "--rollback" ]; then
  host="$(checked_host "${2:?usage: scripts/deploy.sh --rollback user@host}")"
  ssh -- "$host" "set -e; cd '$BASE'; now=\$(readlink current); prev=\$(ls -1d releases/*/ | sed 's:/\$::' | grep -B1 -xF \"\$now\" | head -n 1);
    [ -n \"\$prev\" ] && [ \"\$prev\" != \"\$now\" ] || { echo 'no earlier release to go back to' >&2; exit 1; };
    ln -sfn \"\$prev\" current.new && mv -T current.new current && $reload && echo \"current -> \$prev\""
  exit 0
fi

host="$(checked_host "${1:?usage: scripts/deploy.sh user@host}")"
[ -f public/nginx/xiaobao.conf ] || { echo "public/ is missing: run make publish first" >&2; exit 1; }
release="releases/$(date -u +%Y%m%d-%H%M%S)-$(git rev-parse --short HEAD 2>/dev/null || echo local)"
# nginx's workers (www-data) and Caddy (caddy) read the release as another user: folders 755, files 644
# whatever the modes in public/ or the umask of either machine, and BASE must be enterable.
ssh -- "$host" "set -e; umask 022; mkdir -p '$BASE/releases';
  chmod a+rx '$BASE' '$BASE/releases' || { echo '网站服务器的用户进不去 $BASE：请在服务器上用 root 运行 chmod 755 $BASE $BASE/releases' >&2; exit 1; }"
rsync -a --chmod=D755,F644 --delete -- public/ "$host:$BASE/$release/"
ssh -- "$host" "set -e; cd '$BASE';
  bad=\$(find '$release' ! -type l \( -type d ! -perm -o=rx -o ! -type d ! -perm -o=r \) | head -n 3);
  [ -z \"\$bad\" ] || { echo \"网站服务器的用户读不到这些文件，没有切换到新的发布：\$bad\" >&2; exit 1; };
  ln -sfn '$release' current.new && mv -T current.new current && $reload;
  ls -1d releases/*/ | head -n -$KEEP | xargs -r rm -rf; echo 'current -> $release'"
