//go:build unix

package config

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestSecretCommandOutputIsTheSecret(t *testing.T) {
	out, err := runSecretCommand(context.Background(), "printf secret-value")
	if err != nil || out != "secret-value" {
		t.Fatalf("%q %v", out, err)
	}
	// A background process left holding the output does not hold us past the
	// wait delay, and what the command printed before exiting still counts.
	out, err = runSecretCommand(context.Background(), "sleep 5 & printf after-exit")
	if err != nil || out != "after-exit" {
		t.Fatalf("lingering child: %q %v", out, err)
	}
}

// The error output of a failing command can echo the secret: it is never
// read into an error, only the exit status and how to run it by hand.
func TestSecretCommandStderrNeverShown(t *testing.T) {
	const leaked = "stderr-leaked-vault-entry" // printed in two halves, so the command text does not contain it
	command := `printf '%s-%s\n' stderr leaked-vault-entry >&2; exit 3`
	cfg := writeConfig(t, "profiles:\n  p:\n    url: https://p.example.com\n    service_key_cmd: \""+
		strings.ReplaceAll(command, `\`, `\\`)+"\"\n")
	_, err := Load(Options{Profile: "p", Path: cfg, Getenv: envOf(nil)})
	if err == nil {
		t.Fatal("a failing command gave no error")
	}
	msg := err.Error()
	if strings.Contains(msg, leaked) {
		t.Errorf("stderr reached the message: %s", msg)
	}
	for _, want := range []string{`profile "p": service_key_cmd`, "exit status 3", "not shown", "run it by hand: sh -c '" + strings.ReplaceAll(command, "'", `'"'"'`) + "'"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
}

// At the timeout the command and everything it started are killed: before,
// a grandchild kept the output pipe open and a 10 s timeout took 30 s.
func TestSecretCommandTimeoutKillsItsProcessGroup(t *testing.T) {
	for name, command := range map[string]string{
		"background child": `sleep 30 & echo $! > PIDFILE; wait`,
		"foreground child": `sh -c 'echo $$ > PIDFILE; exec sleep 30'; echo after`,
	} {
		t.Run(name, func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "pid")
			command = strings.ReplaceAll(command, "PIDFILE", pidFile)
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			done := make(chan error, 1)
			go func() { _, err := runSecretCommand(ctx, command); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(20 * time.Second): // the sleep is 30 s: only a surviving child gets here
				t.Fatal("runSecretCommand outlived its timeout: the child kept it waiting")
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("want a deadline error, got %v", err)
			}
			msg := secretCommandError("p", "service_key", command, secretCommandTimeout, err).Error()
			if !strings.Contains(msg, "did not finish within 10s and was stopped with every process it started") {
				t.Errorf("timeout message: %s", msg)
			}
			pid := readPID(t, pidFile)
			if !waitProcessGone(pid) {
				t.Errorf("the grandchild %d is still running after the timeout", pid)
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		})
	}
}

func readPID(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the command did not write its child's pid: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 1 {
		t.Fatalf("pid file holds %q", b)
	}
	return pid
}

// waitProcessGone reports whether pid has exited (a zombie waiting for its
// reaper counts as gone), giving SIGKILL delivery a few seconds.
func waitProcessGone(pid int) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		if stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
			if i := strings.LastIndexByte(string(stat), ')'); i > 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
				return true
			}
		}
	}
	return false
}
