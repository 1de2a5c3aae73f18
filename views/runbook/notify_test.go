package runbook

import "testing"

func TestNotificationSequenceExactBytes(t *testing.T) {
	title, body := "nexla-tui fix verified", "flow \"Orders; CDC\" run 7 SUCCESS\x1b]52;c;eA==\x07"
	plain := "\x1b]9;nexla-tui fix verified: flow \"Orders, CDC\" run 7 SUCCESS\x07" +
		"\x1b]777;notify;nexla-tui fix verified;flow \"Orders, CDC\" run 7 SUCCESS\x07"
	if got := notificationSequence(title, body, false); got != plain {
		t.Fatalf("outside tmux:\n got %q\nwant %q", got, plain)
	}
	// Inside tmux every ESC of the inner sequence is doubled and each
	// sequence sits in its own DCS passthrough, ended by ST.
	tmux := "\x1bPtmux;\x1b\x1b]9;nexla-tui fix verified: flow \"Orders, CDC\" run 7 SUCCESS\x07\x1b\\" +
		"\x1bPtmux;\x1b\x1b]777;notify;nexla-tui fix verified;flow \"Orders, CDC\" run 7 SUCCESS\x07\x1b\\"
	if got := notificationSequence(title, body, true); got != tmux {
		t.Fatalf("inside tmux:\n got %q\nwant %q", got, tmux)
	}
}
