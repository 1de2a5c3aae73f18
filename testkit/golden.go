// Package testkit is the one test kit of every package's tests: key presses
// as a terminal sends them (Key), a Cmd run to its messages (Run), the
// exact-size check of a frame (CheckSize), golden files (Golden, with the
// one -update flag) and a program run (StartProgram). It
// imports nothing of this module, so the shell's own tests (package ui) can
// use it too; the views add screen helpers on top of it (views/internal/viewtest).
package testkit

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is the one -update flag of every package's tests: Golden
// rewrites its files when it is set (go test ./... -update).
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// Golden compares got with the golden file at path, or rewrites the file
// when the tests run with -update. Every package's goldens go through it.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	Check(t, path, got, *update, "go test -update")
}

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
