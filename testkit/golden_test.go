package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// failRecorder records a Fatalf instead of stopping the test, so the test
// can check that Check fails.
type failRecorder struct {
	testing.TB
	failed string
}

func (r *failRecorder) Helper() {}

func (r *failRecorder) Fatalf(format string, args ...any) {
	r.failed = format
	panic(r)
}

func check(t *testing.T, path, got string, update bool) (failed string) {
	r := &failRecorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
		failed = r.failed
	}()
	Check(r, path, got, update, "go test -update")
	return ""
}

func TestCheckWritesOnUpdateThenComparesByteForByte(t *testing.T) {
	path := filepath.Join(t.TempDir(), "testdata", "x.golden")
	if f := check(t, path, "frame\n", false); !strings.Contains(f, "missing golden") {
		t.Fatalf("a missing file must fail, got %q", f)
	}
	if f := check(t, path, "frame\n", true); f != "" {
		t.Fatalf("update failed: %s", f)
	}
	if b, _ := os.ReadFile(path); string(b) != "frame\n" {
		t.Fatalf("wrote %q", b)
	}
	if f := check(t, path, "frame\n", false); f != "" {
		t.Fatalf("same output failed: %s", f)
	}
	if f := check(t, path, "frame \n", false); !strings.Contains(f, "differs") {
		t.Fatalf("a changed byte must fail, got %q", f)
	}
}
