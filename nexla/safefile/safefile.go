// Package safefile opens every file nexla-tui writes (the debug log, the
// demo's URL file, later state and reports) and checks the config file it
// reads before acting on it. A file we write is created 0600 in a directory
// created 0700, never through a symbolic link, never into a file another user
// owns; an existing file of ours with a wider mode is tightened to 0600.
// Every refusal names the shell command that fixes it.
package safefile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// Mode says what Open does with an existing file's content.
type Mode int

const (
	// Append keeps the content and writes at the end (a log).
	Append Mode = iota
	// Truncate empties the file once it is known to be ours (a state file, a report).
	Truncate
)

// Open opens path for writing, creating its directory (0700) and the file
// (0600) when missing. It refuses a symbolic link at path, a file that is not
// a regular file, has other hard links or is owned by another user, and a
// directory another user could swap files in (see checkDir). It never
// truncates before those checks pass.
func Open(path string, mode Mode) (*os.File, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the directory %s: %w", ShellQuote(dir), err)
	}
	if err := checkDir(dir); err != nil {
		return nil, fmt.Errorf("refusing to write %s: %w", ShellQuote(path), err)
	}
	f, err := openNoFollow(path, mode == Append)
	if err != nil {
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("refusing to write %s: it is a symbolic link (someone may have planted it to make us "+
				"overwrite its target); remove it: rm %s", ShellQuote(path), ShellQuote(path))
		}
		return nil, fmt.Errorf("cannot open %s: %w", ShellQuote(path), err)
	}
	if err := checkOwnFile(f, path); err != nil {
		_ = f.Close()
		return nil, err
	}
	if mode == Truncate {
		if err := f.Truncate(0); err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("cannot empty %s: %w", ShellQuote(path), err)
		}
	}
	return f, nil
}

// WriteFile replaces path's content with data through Open.
func WriteFile(path string, data []byte) error {
	f, err := Open(path, Truncate)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("cannot write %s: %w", ShellQuote(path), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", ShellQuote(path), err)
	}
	return nil
}

// ReadTrusted reads a file we may act on (a config that names commands to
// run). Symbolic links are followed: a config kept in a dotfiles repository
// is normal. err is a failure to read; untrusted is non-nil when someone other
// than the current user or root could have changed the file (it is owned by
// another user, writable by group or others, or sits in a directory another
// user can swap files in), with the fix in its text. The caller decides what
// needs trust; the check is made on the file that was read, not on a second
// lookup of the path.
func ReadTrusted(path string) (data []byte, untrusted error, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err = io.ReadAll(f)
	if err != nil {
		return nil, nil, err
	}
	untrusted = checkTrustedFile(f, path)
	if untrusted == nil {
		dir := path
		if real, rerr := filepath.EvalSymlinks(path); rerr == nil {
			dir = real
		}
		untrusted = checkDir(filepath.Dir(dir))
	}
	return data, untrusted, nil
}

// ShellQuote quotes s for a POSIX shell so a printed fix can be pasted as is.
// A string with control characters is Go-quoted instead: it must not reach
// the terminal raw, and such a path is rare enough to fix by hand.
func ShellQuote(s string) string {
	if s == "" {
		return "''"
	}
	plain := true
	for _, r := range s {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return strconv.Quote(s)
		}
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_@%+=:,./-", r))) {
			plain = false
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}
