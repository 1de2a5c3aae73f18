//go:build unix

package safefile

import (
	"fmt"
	"os"
	"syscall"
)

// openNoFollow opens path write-only, creating it 0600, without following a
// symbolic link in its last component. O_NONBLOCK keeps a planted FIFO from
// blocking the open (it then fails, or is refused as not a regular file); it
// has no effect on a regular file.
func openNoFollow(path string, appendMode bool) (*os.File, error) {
	flag := os.O_WRONLY | os.O_CREATE | syscall.O_NOFOLLOW | syscall.O_NONBLOCK
	if appendMode {
		flag |= os.O_APPEND
	}
	return os.OpenFile(path, flag, 0o600)
}

// checkOwnFile accepts the open file only when it is a regular file with one
// link, owned by the current user; a wider mode is tightened to 0600 (the file
// is ours: an older version or a umask left it readable).
func checkOwnFile(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot check %s: %w", ShellQuote(path), err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.Mode().IsRegular() || !ok {
		return fmt.Errorf("refusing to write %s: it is not a regular file; remove it: rm %s", ShellQuote(path), ShellQuote(path))
	}
	me := os.Geteuid()
	if int(st.Uid) != me {
		return fmt.Errorf("refusing to write %s: it is owned by uid %d, not by you (uid %d), so someone else may read it "+
			"or have planted it; remove it: rm %s", ShellQuote(path), st.Uid, me, ShellQuote(path))
	}
	if st.Nlink > 1 {
		return fmt.Errorf("refusing to write %s: it has %d hard links, so writing it would change another file too; "+
			"remove it: rm %s", ShellQuote(path), st.Nlink, ShellQuote(path))
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return fmt.Errorf("%s is readable by others (mode %04o) and cannot be made private: %w; fix: chmod 600 %s",
				ShellQuote(path), fi.Mode().Perm(), err, ShellQuote(path))
		}
	}
	return nil
}

// checkTrustedFile reports why someone other than the current user or root
// could have changed the open file, or nil.
func checkTrustedFile(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot check %s: %w", ShellQuote(path), err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("cannot check the owner of %s", ShellQuote(path))
	}
	me := os.Geteuid()
	if int(st.Uid) != me && st.Uid != 0 {
		return fmt.Errorf("%s is owned by uid %d, not by you (uid %d) or root; make it yours: sudo chown %d %s "+
			"(or copy it to a file of your own)", ShellQuote(path), st.Uid, me, me, ShellQuote(path))
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("%s is writable by group or others (mode %04o); fix: chmod 600 %s",
			ShellQuote(path), perm, ShellQuote(path))
	}
	return nil
}

// checkDir reports a directory in which another user could replace or plant
// files: one owned by someone other than the current user or root, or one
// writable by everyone without the sticky bit (a sticky /tmp is fine: others
// cannot remove our files there, and Open refuses what they plant). A
// group-writable directory is accepted: with per-user groups it is the norm.
func checkDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("cannot check the directory %s: %w", ShellQuote(dir), err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("cannot check the owner of the directory %s", ShellQuote(dir))
	}
	me := os.Geteuid()
	if int(st.Uid) != me && st.Uid != 0 {
		return fmt.Errorf("its directory %s is owned by uid %d, not by you (uid %d) or root; use a directory of your own "+
			"(or: sudo chown %d %s)", ShellQuote(dir), st.Uid, me, me, ShellQuote(dir))
	}
	if fi.Mode().Perm()&0o002 != 0 && fi.Mode()&os.ModeSticky == 0 {
		return fmt.Errorf("its directory %s is writable by everyone (mode %04o) without the sticky bit; fix: chmod o-w %s",
			ShellQuote(dir), fi.Mode().Perm(), ShellQuote(dir))
	}
	return nil
}
