package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/safefile"
)

// secretCommandTimeout bounds a profile's *_cmd; the command and everything
// it started are killed when it passes.
const secretCommandTimeout = 10 * time.Second

// secretCommandWaitDelay is how long we wait for the output pipe to close
// once the command itself has exited or been killed: a background process it
// left behind (or one that escaped its process group) may hold the pipe open.
const secretCommandWaitDelay = time.Second

// secretFrom resolves one credential of a profile: the named environment
// variable first, then the command.
func secretFrom(profile, what, envName, command string, env func(string) string, run func(context.Context, string) (string, error)) (string, error) {
	if envName != "" {
		if v := env(envName); v != "" {
			return v, nil
		}
		if command == "" {
			return "", fmt.Errorf("profile %q: %s_env names %s, which is not set", profile, what, envName)
		}
	}
	if command == "" {
		return "", nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), secretCommandTimeout)
	defer cancel()
	out, err := run(ctx, command)
	if err != nil {
		return "", secretCommandError(profile, what, command, secretCommandTimeout, err)
	}
	v := strings.TrimSpace(out)
	if v == "" {
		return "", fmt.Errorf("profile %q: %s_cmd printed nothing; to see why, run it by hand: sh -c %s",
			profile, what, safefile.ShellQuote(command))
	}
	return v, nil
}

// secretCommandError says the command failed and how, never what it printed:
// a password manager's error output can echo the secret or the vault's
// contents. The command as configured is not secret and is how to see more.
func secretCommandError(profile, what, command string, timeout time.Duration, err error) error {
	var how string
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		how = fmt.Sprintf("did not finish within %s and was stopped with every process it started", timeout)
	case errors.Is(err, context.Canceled):
		how = "was interrupted"
	default:
		how = "failed (" + err.Error() + ")"
	}
	return fmt.Errorf("profile %q: %s_cmd %s; its error output is not shown because it can contain secrets; "+
		"to see why, run it by hand: sh -c %s", profile, what, how, safefile.ShellQuote(command))
}

// runSecretCommand runs command with sh -c and returns its stdout (the
// secret, never echoed). It gets no terminal and no stdin, and its stderr is
// discarded unread. It runs in a session and process group of its own so
// that a timeout, or the user's ctrl+c / SIGTERM while it runs, kills it and
// everything it started; an error caused by ctx wraps ctx.Err().
func runSecretCommand(ctx context.Context, command string) (string, error) {
	// The command is in its own process group, so the terminal's ctrl+c no
	// longer reaches it: catch the signals while it runs and stop it ourselves.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	isolateProcessGroup(cmd)
	cmd.WaitDelay = secretCommandWaitDelay
	var stdout bytes.Buffer
	cmd.Stdout = &stdout // Stdin and Stderr stay nil: /dev/null
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", fmt.Errorf("stopped: %w", ctx.Err())
	}
	if errors.Is(err, exec.ErrWaitDelay) {
		// The command exited successfully but left a process holding its
		// output open; what it printed before exiting is its answer.
		err = nil
	}
	if err != nil {
		return "", err
	}
	return stdout.String(), nil
}
