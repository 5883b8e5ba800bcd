#!/bin/sh
# Installs or checks the Debian packages clausekit needs.
#   deps.sh install PKG... -- TOOLPKG...   install build packages and the test tools
#   deps.sh ensure PKG...                  install missing build packages as root,
#                                          or print the apt-get line and fail
mode=$1; shift
build_pkgs=""; tool_pkgs=""; in_tools=0
for p in "$@"; do
    if [ "$p" = "--" ]; then in_tools=1; continue; fi
    if [ $in_tools = 1 ]; then tool_pkgs="$tool_pkgs $p"; else build_pkgs="$build_pkgs $p"; fi
done

missing() {
    out=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || out="$out $p"
    done
    echo $out
}

install_pkgs() {
    need=$(missing "$@")
    [ -z "$need" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "clausekit: installing Debian packages: $need" >&2
        if [ ! -f /var/lib/apt/periodic/clausekit-updated ]; then
            apt-get update -qq >&2 || return 1
            mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/clausekit-updated
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >&2 || return 1
    else
        echo "clausekit: missing packages; run: sudo apt-get install $need" >&2
        return 1
    fi
}

case $mode in
    install) install_pkgs $build_pkgs && install_pkgs $tool_pkgs ;;
    ensure)  install_pkgs $build_pkgs ;;
    *) echo "usage: deps.sh install|ensure PKG..." >&2; exit 2 ;;
esac
