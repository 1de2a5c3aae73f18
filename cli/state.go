package cli

import (
	"os"
	"path/filepath"
)

// statePath is $XDG_STATE_HOME/nexla-tui/<name>, else
// ~/.local/state/nexla-tui/<name>, else "": a fixed name in the shared temp
// directory could be planted by another user before we start. Relative
// values are ignored, as the XDG spec says.
func statePath(getenv func(string) string, name string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if x := getenv("XDG_STATE_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "nexla-tui", name)
	}
	if home := getenv("HOME"); filepath.IsAbs(home) {
		return filepath.Join(home, ".local", "state", "nexla-tui", name)
	}
	return ""
}
