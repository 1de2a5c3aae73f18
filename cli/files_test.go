//go:build unix

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func envMap(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// debugLogIn returns the debug log path under stateHome, with its directory made.
func debugLogIn(t *testing.T, stateHome string) string {
	t.Helper()
	path := debugLogPath(envMap(map[string]string{"XDG_STATE_HOME": stateHome}))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

func openDebugSession(stateHome string) (*tuiSession, error) {
	return newTUISession(&Globals{Debug: true, Version: "test", Getenv: envMap(map[string]string{"XDG_STATE_HOME": stateHome})})
}

func TestDebugLogRefusesPlantedSymlink(t *testing.T) {
	state := t.TempDir()
	path := debugLogIn(t, state)
	target := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(target, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	s, err := openDebugSession(state)
	if err == nil {
		s.closeLog()
		t.Fatal("--debug wrote through a planted symlink")
	}
	if !strings.Contains(err.Error(), "symbolic link") || !strings.Contains(err.Error(), "rm "+path) {
		t.Errorf("message lacks the cause or the fix: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "precious\n" {
		t.Errorf("symlink target changed: %q", b)
	}
}

func TestDebugLogWithoutHomeUsesNoSharedPath(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where a temp-dir fallback would land
	for _, env := range []map[string]string{{}, {"HOME": "relative/home", "XDG_STATE_HOME": "rel"}} {
		s, err := newTUISession(&Globals{Debug: true, Getenv: envMap(env)})
		if err == nil {
			s.closeLog()
			t.Fatalf("%v: --debug opened %s", env, s.logPath)
		}
		if !strings.Contains(err.Error(), "set XDG_STATE_HOME or HOME") {
			t.Errorf("%v: %v", env, err)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("wrote into the shared temp dir: %v", entries)
	}
}

func TestDebugLogExistingWideFileEndsPrivate(t *testing.T) {
	state := t.TempDir()
	path := debugLogIn(t, state)
	if err := os.WriteFile(path, []byte("earlier run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := openDebugSession(state)
	if err != nil {
		t.Fatal(err)
	}
	s.closeLog()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "earlier run\n") || !strings.Contains(string(b), "nexla-tui start") {
		t.Errorf("log content: %q", b)
	}
}

func TestDebugLogRefusesAnotherUsersFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
	state := t.TempDir()
	path := debugLogIn(t, state)
	if err := os.WriteFile(path, []byte("theirs\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	s, err := openDebugSession(state)
	if err == nil {
		s.closeLog()
		t.Fatal("--debug wrote into another user's file")
	}
	if !strings.Contains(err.Error(), "owned by uid 65534") {
		t.Errorf("%v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "theirs\n" {
		t.Errorf("their file changed: %q", b)
	}
}

// The secret command's error output reaches neither the terminal nor the log.
func TestSecretCommandStderrNotPrintedOrLogged(t *testing.T) {
	state, cfgDir := t.TempDir(), t.TempDir()
	cfg := filepath.Join(cfgDir, "config.yaml")
	body := "profiles:\n  p:\n    service_key_cmd: \"printf '%s-%s' vault-entry hunter2 >&2; exit 4\"\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("NEXLA_SERVICE_KEY", "")
	t.Setenv("NEXLA_ACCESS_TOKEN", "")
	var out, errOut bytes.Buffer
	// The TUI's start-up path without its terminal check (a test has no
	// terminal): the debug log opens, then the connection runs the command.
	g := &Globals{Debug: true, Version: "test", ConfigPath: cfg, Profile: "p", Getenv: os.Getenv,
		IO: IO{In: strings.NewReader(""), Out: &out, Err: &errOut}}
	sess, err := newTUISession(g)
	if err != nil {
		t.Fatal(err)
	}
	_, _, connErr := g.Connect(context.Background(), nexla.WithLogger(sess.log))
	sess.closeLog()
	if connErr == nil {
		t.Fatal("a failing service_key_cmd connected")
	}
	errOut.WriteString(connErr.Error())
	logged, err := os.ReadFile(debugLogPath(envMap(map[string]string{"XDG_STATE_HOME": state})))
	if err != nil {
		t.Fatalf("no debug log: %v", err)
	}
	for where, text := range map[string]string{"stdout": out.String(), "stderr": errOut.String(), "debug log": string(logged)} {
		if strings.Contains(text, "vault-entry-hunter2") {
			t.Errorf("the command's stderr reached the %s: %s", where, text)
		}
	}
	if !strings.Contains(errOut.String(), "exit status 4") || !strings.Contains(errOut.String(), "run it by hand: sh -c") {
		t.Errorf("the message should say how it failed and how to see why: %s", errOut.String())
	}
}
