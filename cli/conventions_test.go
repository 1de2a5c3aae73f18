package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFlagAndCommand(t *testing.T) {
	code, out, errOut := runCLI("--version")
	if code != 0 || out != "nexla-tui test\n" || errOut != "" {
		t.Fatalf("--version: %d %q %q", code, out, errOut)
	}
	code, out, _ = runCLI("version")
	if code != 0 || !strings.HasPrefix(out, "nexla-tui test\ngo: go") {
		t.Fatalf("version: %d %q", code, out)
	}
}

// `go install module@version` builds have no ldflags: the version comes from
// the build info instead of reading "dev".
func TestResolveVersionFallsBackToBuildInfo(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "d42b9c6e1f0a2b3c4d5e6f708192a3b4c5d6e7f8"}}
	dirty := append([]debug.BuildSetting{{Key: "vcs.modified", Value: "true"}}, rev...)
	cases := []struct {
		ldflags string
		info    *debug.BuildInfo
		want    string
	}{
		{"v1.4.0", &debug.BuildInfo{Main: debug.Module{Version: "v9.9.9"}}, "v1.4.0"},
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "v1.3.2"}}, "v1.3.2"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261122090000-d42b9c6e1f0a+dirty"}}, "v0.0.0-20261122090000-d42b9c6e1f0a+dirty"},
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: rev}, "dev-d42b9c6e1f0a"},
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty}, "dev-d42b9c6e1f0a-dirty"},
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"dev", nil, "dev"},
	}
	for _, c := range cases {
		if got := resolveVersion(c.ldflags, c.info); got != c.want {
			t.Errorf("resolveVersion(%q, %+v) = %q, want %q", c.ldflags, c.info, got, c.want)
		}
	}
}

func TestUsageErrorsPointToHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--foo"}, "unknown flag: --foo\nRun 'nexla-tui --help' for usage.\n"},
		{[]string{"list", "--foo"}, "unknown flag: --foo\nRun 'nexla-tui list --help' for usage.\n"},
		{[]string{"health", "-o"}, "flag needs an argument: 'o' in -o\nRun 'nexla-tui health --help' for usage.\n"},
		{[]string{"lsit"}, "unknown command \"lsit\" for \"nexla-tui\"\nDid you mean list or sim?\nRun 'nexla-tui --help' for usage.\n"},
		{[]string{"sim", "foo"}, "unknown command \"foo\" for \"nexla-tui sim\"\nRun 'nexla-tui sim --help' for usage.\n"},
	} {
		code, out, errOut := runCLI(c.args...)
		if code != 2 || out != "" || errOut != "nexla-tui: "+c.want {
			t.Errorf("%v: code %d, stdout %q, stderr\n%q\nwant\n%q", c.args, code, out, errOut, "nexla-tui: "+c.want)
		}
	}
}

// `ssh host nexla-tui` (no -t) gives the TUI pipes: it must say what to do,
// not fail inside the terminal library.
func TestTUIRefusesWithoutATerminal(t *testing.T) {
	listEnv(t) // credentials set: the refusal must come before connecting
	check := func(name string, code int, errOut string) {
		t.Helper()
		for _, want := range []string{"the TUI needs a terminal", "ssh -t", "nexla-tui list flows", "nexla-tui health", "nexla-tui doctor"} {
			if code != 2 || !strings.Contains(errOut, want) {
				t.Errorf("%s: code %d, stderr lacks %q:\n%s", name, code, want, errOut)
			}
		}
		if strings.Contains(errOut, "cancelable reader") {
			t.Errorf("%s: the terminal library's error leaked: %s", name, errOut)
		}
	}
	for _, args := range [][]string{nil, {"demo"}} {
		code, _, errOut := runCLI(args...)
		check(strings.Join(append([]string{"buffers"}, args...), " "), code, errOut)
	}
	// Real pipes, as sshd gives them.
	inR, inW, _ := os.Pipe()
	outR, outW, _ := os.Pipe()
	defer inR.Close()
	defer inW.Close()
	defer outR.Close()
	defer outW.Close()
	var errb bytes.Buffer
	code := Main(nil, IO{In: inR, Out: outW, Err: &errb}, "test")
	check("pipes", code, errb.String())
	if !strings.Contains(errb.String(), "stdin and stdout are not one") {
		t.Errorf("the message must name what is missing: %s", errb.String())
	}

	// The built binary, stdin and stdout both pipes (make test sets NEXLA_TUI_BIN).
	bin := os.Getenv("NEXLA_TUI_BIN")
	if bin == "" {
		t.Skip("NEXLA_TUI_BIN not set: the binary check runs under make test")
	}
	cmd := exec.Command(bin)
	cmd.Stdin = strings.NewReader("")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("binary: %v", err)
	}
	check("binary", ee.ExitCode(), stderr.String())
	if stdout.Len() != 0 {
		t.Errorf("binary wrote to stdout: %q", stdout.String())
	}
}
