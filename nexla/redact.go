package nexla

import (
	"fmt"
	"strings"
)

// redactSecret shows only that a secret is set and how long it is, never any
// of its characters: even a prefix narrows a 32-hex-char key.
func redactSecret(s string) string {
	if s == "" {
		return `""`
	}
	return fmt.Sprintf("[redacted %d chars]", len(s))
}

// scrub removes every occurrence of the given secrets from text that came
// from outside (a server message may echo a header back). Secrets shorter
// than 6 characters are ignored: replacing "a" everywhere would wreck text
// and such a value cannot be a real key or token.
func scrub(text string, secrets ...string) string {
	for _, s := range secrets {
		if len(s) < 6 || !strings.Contains(text, s) {
			continue
		}
		text = strings.ReplaceAll(text, s, "[redacted]")
	}
	return text
}
