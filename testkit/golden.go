// Package testkit is the one test kit of every package's tests: key presses
// as a terminal sends them (Key), a Cmd run to its messages (Run), the
// exact-size check of a frame (CheckSize) and golden files (Check). It
// imports nothing of this module, so the shell's own tests (package ui) can
// use it too; the views add screen helpers on top of it (views/internal/viewtest).
package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

// Check compares got with the file at path; with update set it writes got
// there instead. rewrite is the command that rewrites the file, for the
// failure message.
func Check(t testing.TB, path, got string, update bool, rewrite string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden %s (run %s): %v", path, rewrite, err)
	}
	if string(want) != got {
		t.Fatalf("output differs from %s (run %s to accept):\n--- got\n%s--- want\n%s", path, rewrite, got, want)
	}
}
