package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A config the TUI would refuse fails every command, `list` included, naming
// the file and the line: theme and key overrides used to be checked only on
// the TUI path, and unknown keys not at all (`readonly: true` left writes on).
func TestEveryCommandRefusesABadConfig(t *testing.T) {
	listEnv(t)
	dir := t.TempDir()
	for name, tc := range map[string]struct{ body, want string }{
		"theme colour": {"theme:\n  ok: chartreuse\n", `:2: theme.ok: colour "chartreuse" is not an ANSI index`},
		"key conflict": {"keys:\n  refresh: q\n", `: keys: "quit_root" and "refresh" both use "q"`},
		"readonly":     {"profiles:\n  p:\n    readonly: true\n", `:3: unknown key "readonly" in profiles.p: did you mean "read_only"?`},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".yaml")
		if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"list", "flows"}, {"whoami"}, {"doctor", "flow", "1"}} {
			code, out, errOut := runCLI(append(args, "--config", path)...)
			if code != 2 || out != "" || !strings.Contains(errOut, "config "+path) || !strings.Contains(errOut, tc.want) {
				t.Errorf("%s: %v: code %d, stdout %q, stderr %q; want %q", name, args, code, out, errOut, tc.want)
			}
		}
	}
}
