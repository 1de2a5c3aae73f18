package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
)

// requireTerminal refuses to start the TUI unless stdin and stdout are both
// terminals: `ssh host nexla-tui` without -t gives pipes, on which the TUI
// could only fail obscurely ("could not create cancelable reader") or draw
// escape codes into a file. The message names the fix and the commands that
// work without a terminal.
func requireTerminal(stdio IO) error {
	var missing []string
	if !isTTY(stdio.In) {
		missing = append(missing, "stdin")
	}
	if !isTTY(stdio.Out) {
		missing = append(missing, "stdout")
	}
	if len(missing) == 0 {
		return nil
	}
	verb := "is"
	if len(missing) > 1 {
		verb = "are"
	}
	return &ExitError{Code: 2, Err: fmt.Errorf(`the TUI needs a terminal, and %s %s not one.
Over ssh, ask for a terminal: ssh -t <host> nexla-tui
Without a terminal, use the headless commands: nexla-tui list flows, nexla-tui health,
nexla-tui doctor flow <id> (see nexla-tui --help)`, strings.Join(missing, " and "), verb)}
}

// isTTY reports whether v is a file open on a terminal.
func isTTY(v any) bool {
	f, ok := v.(*os.File)
	return ok && f != nil && term.IsTerminal(f.Fd())
}
