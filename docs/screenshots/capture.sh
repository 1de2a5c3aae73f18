#!/usr/bin/env bash
# Regenerates the README's frames from the running demo: `make screenshots`.
# Each capture is what tmux shows of the real binary at 120x40 (seed 7), and
# the first screen at 80x24.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${NEXLA_TUI_BIN:-bin/nexla-tui}
sock="nexla-shots-$$"
t() { tmux -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT

t new-session -d -s shot -x 120 -y 40 "$bin demo --seed 7 --refresh 0"
# Wait for the ranked flows tree (the health check is complete when the
# status line counts the flows with issues).
for _ in $(seq 1 200); do t capture-pane -p -t shot | grep -q "with issues" && break; sleep 0.1; done
sleep 1 # let WhoAmI fill the header
keys() { for k in "$@"; do t send-keys -t shot "$k"; done; }
grab() { sleep "$2"; t capture-pane -p -t shot | sed 's/[[:space:]]*$//' > "docs/screenshots/$1"; echo "wrote docs/screenshots/$1"; }

grab demo_flows_120x40.txt 0
keys : h e a l t h Enter;                 grab demo_health_120x40.txt 2
keys Enter;                               grab demo_runbook_120x40.txt 3

# The first screen at 80x24: the ranked tree, and the footer keeping `:` and `?`.
t kill-session -t shot
t new-session -d -s shot -x 80 -y 24 "$bin demo --seed 7 --refresh 0"
for _ in $(seq 1 200); do t capture-pane -p -t shot | grep -q "with issues" && break; sleep 0.1; done
sleep 1
grab flows_80x24.txt 0

# Refresh the README's copies: each block between "<!-- frame FILE N -->" and
# "<!-- /frame -->" becomes the first N lines of FILE.
awk '
  /^<!-- frame [^ ]+ [0-9]+ -->$/ {
    print; file = "docs/screenshots/" $3; n = $4
    print "```text"; i = 0
    while (i < n && (getline line < file) > 0) { print line; i++ }
    close(file); print "```"; skip = 1; next
  }
  /^<!-- \/frame -->$/ { skip = 0 }
  !skip { print }
' README.md > README.md.new && mv README.md.new README.md
echo "refreshed the frames in README.md"
