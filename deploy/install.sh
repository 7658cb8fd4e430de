#!/usr/bin/env bash
# Installs zhengdun on a systemd host: the two programs, the daemon's unit, its user and
# folders, the configuration and the shipped workflows.
#
#   deploy/install.sh [--prefix /usr/local] [--destdir DIR] [--no-build | --bin-dir DIR]
#
#   --prefix   where the programs go ($PREFIX/bin); default /usr/local.
#   --destdir  stage everything under DIR (for packaging); nothing is run on this machine.
#   --no-build take the programs from `swift build -c release --show-bin-path` as they are.
#   --bin-dir  take the programs from DIR (e.g. a debug build); implies --no-build.
#
# Where files go:
#   $PREFIX/bin/zhengdun, $PREFIX/bin/zhengdund
#   $LIB/systemd/system/zhengdund.service, $LIB/sysusers.d/zhengdun.conf, $LIB/tmpfiles.d/zhengdun.conf
#       where $LIB is $PREFIX/lib for the prefixes systemd reads (/usr and /usr/local), else /etc;
#       local changes go in drop-ins and /etc, which systemd reads first.
#   $PREFIX/share/zhengdun/   the shipped zhengdun.yaml and workflows/, replaced on every install
#   /etc/zhengdun/zhengdun.yaml and /etc/zhengdun/workflows/
#       copied from the shipped ones only where missing: a file already there is the
#       administrator's and is never overwritten; the script names those that differ.
set -euo pipefail

die() { echo "install.sh: $*" >&2; exit 1; }
usage() { echo "usage: deploy/install.sh [--prefix DIR] [--destdir DIR] [--no-build | --bin-dir DIR]" >&2; exit 2; }

prefix=/usr/local
destdir=""
build=yes
bin_dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --destdir) [ $# -ge 2 ] || usage; destdir=$2; shift 2 ;;
        --destdir=*) destdir=${1#*=}; shift ;;
        --no-build) build=no; shift ;;
        --bin-dir) [ $# -ge 2 ] || usage; bin_dir=$2; build=no; shift 2 ;;
        --bin-dir=*) bin_dir=${1#*=}; build=no; shift ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument: $1" >&2; usage ;;
    esac
done
case "$prefix" in /*) ;; *) die "--prefix must be an absolute path, not '$prefix'" ;; esac
prefix=${prefix%/}
[ -n "$prefix" ] || prefix=/
destdir=${destdir%/}
if [ -n "$destdir" ]; then
    case "$destdir" in /*) ;; *) destdir="$PWD/$destdir" ;; esac
fi

repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deploy="$repository/deploy"

# The programs.
hint=""
if [ -z "$bin_dir" ]; then
    hint=" (build them first, or drop --no-build)"
    command -v swift >/dev/null || die "swift is not on PATH (or give --bin-dir DIR)"
    if [ "$build" = yes ]; then
        (cd "$repository" && swift build -c release --product zhengdun && swift build -c release --product zhengdund) \
            || die "swift build failed"
    fi
    bin_dir=$(cd "$repository" && swift build -c release --show-bin-path) || die "cannot find swift's release folder"
fi
for program in zhengdun zhengdund; do
    [ -x "$bin_dir/$program" ] || die "no executable $program in $bin_dir$hint"
done

bindir="${prefix%/}/bin"
case "$prefix" in
    /usr|/usr/local) libdir="$prefix/lib" ;;
    *) libdir=/etc ;;  # systemd looks for units, sysusers.d and tmpfiles.d in no other prefix
esac
sharedir="${prefix%/}/share/zhengdun"

echo "installing into ${destdir:-/} with prefix $prefix"
install -d -m 0755 "$destdir$bindir" "$destdir$libdir/systemd/system" "$destdir$libdir/sysusers.d" \
    "$destdir$libdir/tmpfiles.d" "$destdir$sharedir" "$destdir/etc/zhengdun"
install -m 0755 "$bin_dir/zhengdun" "$bin_dir/zhengdund" "$destdir$bindir/"

# The unit names the programs where they are installed, not where they were staged.
unit="$destdir$libdir/systemd/system/zhengdund.service"
sed "s|@BINDIR@|$bindir|g" "$deploy/zhengdund.service" > "$unit.tmp"
chmod 0644 "$unit.tmp"
mv "$unit.tmp" "$unit"
install -m 0644 "$deploy/sysusers.d/zhengdun.conf" "$destdir$libdir/sysusers.d/zhengdun.conf"
install -m 0644 "$deploy/tmpfiles.d/zhengdun.conf" "$destdir$libdir/tmpfiles.d/zhengdun.conf"

# The shipped configuration and workflows: a fresh reference copy under share/ every time.
rm -rf "$destdir$sharedir/workflows"
install -m 0644 "$deploy/zhengdun.yaml" "$destdir$sharedir/zhengdun.yaml"
install -d -m 0755 "$destdir$sharedir/workflows"
cp -R "$repository/workflows/." "$destdir$sharedir/workflows/"
chmod -R u=rwX,go=rX "$destdir$sharedir/workflows"

# /etc/zhengdun is the administrator's: fill in what is missing, keep what is there.
kept=()
while IFS= read -r -d '' file; do
    relative=${file#"$destdir$sharedir/"}
    target="$destdir/etc/zhengdun/$relative"
    if [ -d "$file" ]; then
        install -d -m 0755 "$target"
    elif [ ! -e "$target" ]; then
        install -m 0644 "$file" "$target"
    elif ! cmp -s "$file" "$target"; then
        kept+=("/etc/zhengdun/$relative")
    fi
done < <(find "$destdir$sharedir" -mindepth 1 -print0 | sort -z)
if [ ${#kept[@]} -gt 0 ]; then
    echo "kept these files, which differ from the shipped ones in $sharedir:"
    printf '  %s\n' "${kept[@]}"
fi

if [ -n "$destdir" ]; then
    echo "staged under $destdir; on the target run systemd-sysusers, systemd-tmpfiles --create and systemctl daemon-reload"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "not root: run systemd-sysusers, systemd-tmpfiles --create and systemctl daemon-reload as root"
    exit 0
fi
if command -v systemd-sysusers >/dev/null; then
    systemd-sysusers "$libdir/sysusers.d/zhengdun.conf" || die "systemd-sysusers failed"
fi
if command -v systemd-tmpfiles >/dev/null; then
    systemd-tmpfiles --create "$libdir/tmpfiles.d/zhengdun.conf" || die "systemd-tmpfiles failed"
fi
# The keys that sign reply addresses (mail.reply_keys): outside the database, readable by the
# daemon's account alone; made once, rotated with `zhengdun reply-keys rotate`.
if id zhengdun >/dev/null 2>&1 && [ -d /var/lib/zhengdun ] && command -v runuser >/dev/null; then
    keys=$(runuser -u zhengdun -- "$bindir/zhengdun" reply-keys list --config /etc/zhengdun/zhengdun.yaml \
        --db /var/lib/zhengdun/zhengdun.db 2>/dev/null || true)
    if [ -z "$keys" ]; then
        runuser -u zhengdun -- "$bindir/zhengdun" reply-keys rotate --config /etc/zhengdun/zhengdun.yaml \
            --db /var/lib/zhengdun/zhengdun.db || die "cannot make the reply keys"
    fi
fi
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    systemctl daemon-reload || die "systemctl daemon-reload failed"
else
    echo "systemd is not running here: the unit takes effect once it is"
fi
cat <<NEXT
installed. Next:
  edit /etc/zhengdun/zhengdun.yaml (mail.from, mail.sendmail), then
  systemctl enable --now zhengdund        # or, after an upgrade: systemctl restart zhengdund
  usermod -aG zhengdun-users USER         # for each person who uses the command line
  usermod -aG zhengdun-admin,zhengdun-users USER   # for each administrator
  zhengdun person add ID --name NAME --email ADDRESS --unix-user USER   # link each account to its person
NEXT
