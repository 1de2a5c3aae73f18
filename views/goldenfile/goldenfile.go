// Package goldenfile compares test output with a golden file, or rewrites
// the file when the test is run to accept new output. The view tests use it
// through viewtest; it sits outside views/internal so that the CLI's doctor
// tests (and any other package) can use the same one.
package goldenfile

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
