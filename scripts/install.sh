#!/usr/bin/env bash
# Installs keyward under PREFIX: the binary, its man pages and bash/zsh/fish completions, all generated
# from the command-line definition by swift-argument-parser (never written by hand).
#
#   scripts/install.sh PREFIX [BINARY] [MAN_DIR]
#
# BINARY defaults to the release build; MAN_DIR to the output of the argument parser's
# generate-manual plugin (`make man`). DESTDIR is honoured, as packagers expect.
set -euo pipefail
prefix="${1:?usage: scripts/install.sh PREFIX [BINARY] [MAN_DIR]}"
binary="${2:-.build/release/keyward}"
man_dir="${3:-.build/plugins/GenerateManual/outputs/keyward}"
root="${DESTDIR:-}${prefix}"

[ -x "$binary" ] || { echo "install: $binary is not built (make release)" >&2; exit 2; }
ls "$man_dir"/*.1 >/dev/null 2>&1 || { echo "install: no man pages in $man_dir (make man)" >&2; exit 2; }

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$root/bin/keyward"
install -m 0644 "$man_dir"/*.1 "$root/share/man/man1/"
"$binary" --generate-completion-script bash > "$root/share/bash-completion/completions/keyward"
"$binary" --generate-completion-script zsh > "$root/share/zsh/site-functions/_keyward"
"$binary" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/keyward.fish"
chmod 0644 "$root/share/bash-completion/completions/keyward" "$root/share/zsh/site-functions/_keyward" \
  "$root/share/fish/vendor_completions.d/keyward.fish"
echo "installed keyward into $root (bin, share/man/man1, bash/zsh/fish completions)"
