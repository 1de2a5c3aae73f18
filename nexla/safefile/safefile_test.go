//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the uid test files are given to play "another user"; chown needs root.
const nobody = 65534

func writeTestFile(t *testing.T, path, body string, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil { // past the umask
		t.Fatal(err)
	}
}

func readTestFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func permOf(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
}

func TestOpenCreatesPrivateFileInPrivateDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "nexla-tui", "debug.log")
	f, err := Open(path, Append)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("one\n")
	_ = f.Close()
	if p := permOf(t, path); p != 0o600 {
		t.Errorf("file mode %04o, want 0600", p)
	}
	if p := permOf(t, filepath.Dir(path)); p&0o077 != 0 {
		t.Errorf("directory mode %04o, want no group/other bits", p)
	}
	f, err = Open(path, Append)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("two\n")
	_ = f.Close()
	if got := readTestFile(t, path); got != "one\ntwo\n" {
		t.Errorf("append: %q", got)
	}
	if err := WriteFile(path, []byte("new\n")); err != nil || readTestFile(t, path) != "new\n" {
		t.Errorf("WriteFile: %v %q", err, readTestFile(t, path))
	}
}

func TestOpenRefusesPlantedSymlinkAndLeavesTargetAlone(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "victim")
	writeTestFile(t, target, "precious\n", 0o644)
	path := filepath.Join(dir, "debug.log")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []Mode{Append, Truncate} {
		f, err := Open(path, mode)
		if err == nil {
			_ = f.Close()
			t.Fatalf("mode %d: opened a symlink", mode)
		}
		if !strings.Contains(err.Error(), "symbolic link") || !strings.Contains(err.Error(), "rm "+path) {
			t.Errorf("mode %d: message without the cause or the fix: %v", mode, err)
		}
	}
	if err := WriteFile(path, []byte("x")); err == nil {
		t.Error("WriteFile wrote through a symlink")
	}
	if got := readTestFile(t, target); got != "precious\n" || permOf(t, target) != 0o644 {
		t.Errorf("target changed: %q %04o", got, permOf(t, target))
	}
}

func TestOpenTightensOwnWideFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debug.log")
	writeTestFile(t, path, "old\n", 0o644)
	f, err := Open(path, Append)
	if err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if p := permOf(t, path); p != 0o600 {
		t.Errorf("mode %04o after Open, want 0600", p)
	}
	if got := readTestFile(t, path); got != "old\n" {
		t.Errorf("append mode lost the content: %q", got)
	}
}

func TestOpenRefusesFileOwnedByAnotherUser(t *testing.T) {
	needRoot(t)
	path := filepath.Join(t.TempDir(), "debug.log")
	writeTestFile(t, path, "theirs\n", 0o666)
	if err := os.Chown(path, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []Mode{Append, Truncate} {
		f, err := Open(path, mode)
		if err == nil {
			_ = f.Close()
			t.Fatalf("mode %d: opened another user's file", mode)
		}
		if !strings.Contains(err.Error(), "owned by uid 65534") || !strings.Contains(err.Error(), "rm "+path) {
			t.Errorf("mode %d: %v", mode, err)
		}
	}
	if got := readTestFile(t, path); got != "theirs\n" || permOf(t, path) != 0o666 {
		t.Errorf("their file changed: %q %04o", got, permOf(t, path))
	}
}

func TestOpenRefusesHardLinkAndFIFO(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other")
	writeTestFile(t, other, "other\n", 0o600)
	link := filepath.Join(dir, "linked.log")
	if err := os.Link(other, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("x")); err == nil || !strings.Contains(err.Error(), "hard links") {
		t.Errorf("hard link: %v", err)
	}
	if got := readTestFile(t, other); got != "other\n" {
		t.Errorf("linked file changed: %q", got)
	}
	fifo := filepath.Join(dir, "fifo.log")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// Without a reader a blocking open would hang here for good.
	if f, err := Open(fifo, Append); err == nil {
		_ = f.Close()
		t.Error("opened a FIFO")
	}
}

func TestOpenRefusesDirectoryOthersCanSwapFilesIn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "debug.log")
	if _, err := Open(path, Append); err == nil || !strings.Contains(err.Error(), "chmod o-w "+dir) {
		t.Errorf("world-writable dir: %v", err)
	}
	if _, err := os.Lstat(path); err == nil {
		t.Error("created a file in a world-writable directory")
	}
	// The sticky bit (as on /tmp) stops others removing our file: accepted.
	if err := os.Chmod(dir, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path, Append)
	if err != nil {
		t.Fatalf("sticky dir: %v", err)
	}
	_ = f.Close()
}

func TestReadTrusted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	writeTestFile(t, path, "a: 1\n", 0o600)
	data, untrusted, err := ReadTrusted(path)
	if err != nil || untrusted != nil || string(data) != "a: 1\n" {
		t.Fatalf("private file: %q %v %v", data, untrusted, err)
	}
	// A symlink into a dotfiles directory is followed and its target judged.
	link := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if _, untrusted, err := ReadTrusted(link); err != nil || untrusted != nil {
		t.Errorf("symlink to a private file: %v %v", untrusted, err)
	}
	if err := os.Chmod(path, 0o664); err != nil {
		t.Fatal(err)
	}
	if _, untrusted, _ := ReadTrusted(path); untrusted == nil || !strings.Contains(untrusted.Error(), "chmod 600 "+path) {
		t.Errorf("group-writable file: %v", untrusted)
	}
	if _, untrusted, _ := ReadTrusted(link); untrusted == nil {
		t.Error("symlink to a group-writable file was trusted")
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, untrusted, _ := ReadTrusted(path); untrusted == nil || !strings.Contains(untrusted.Error(), "chmod o-w "+dir) {
		t.Errorf("world-writable directory: %v", untrusted)
	}
	if _, _, err := ReadTrusted(filepath.Join(dir, "absent")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadTrustedFlagsAnotherUsersFile(t *testing.T) {
	needRoot(t)
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeTestFile(t, path, "a: 1\n", 0o600)
	if err := os.Chown(path, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	if _, untrusted, _ := ReadTrusted(path); untrusted == nil || !strings.Contains(untrusted.Error(), "chown") {
		t.Errorf("another user's file: %v", untrusted)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/u/.config/x.yaml": "/home/u/.config/x.yaml",
		"/tmp/my dir/it's":       `'/tmp/my dir/it'"'"'s'`,
		"":                       "''",
		"/tmp/\x1b]52;c;x\x07":   `"/tmp/\x1b]52;c;x\a"`,
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
