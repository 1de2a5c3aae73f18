package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/safefile"
)

// A checkpoint is a journal of JSON lines: a header naming the action and
// every item as planned, then one line per result as it is known. Appending
// a line per item keeps the cost linear in the batch (rewriting a whole
// state file per item would be quadratic), and a process killed mid-write
// leaves at most a torn last line, which Load ignores: that item is then
// re-read on resume like any other not known done.

// Version is the checkpoint format.
const Version = 1

// Header is a checkpoint's first line.
type Header struct {
	Version int       `json:"version"`
	Action  string    `json:"action"`
	Started time.Time `json:"started"`
	Items   []Item    `json:"items"`
}

// Journal appends results to a checkpoint file.
type Journal struct {
	f    *os.File
	path string
}

// Create starts a checkpoint at path with h, replacing an old one: the file
// is 0600 in a 0700 directory and never written through a symbolic link
// (nexla/safefile).
func Create(path string, h Header) (*Journal, error) {
	f, err := safefile.Open(path, safefile.Truncate)
	if err != nil {
		return nil, err
	}
	h.Version = Version
	j := &Journal{f: f, path: path}
	if err := j.line(h); err != nil {
		_ = f.Close()
		return nil, err
	}
	return j, nil
}

// Reopen appends to the checkpoint at path (a resume).
func Reopen(path string) (*Journal, error) {
	f, err := safefile.Open(path, safefile.Append)
	if err != nil {
		return nil, err
	}
	return &Journal{f: f, path: path}, nil
}

// Record appends one item's result.
func (j *Journal) Record(it Item) error { return j.line(it) }

func (j *Journal) line(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("cannot write the checkpoint %s: %w", safefile.ShellQuote(j.path), err)
	}
	return nil
}

// Close closes the file, which stays for a resume.
func (j *Journal) Close() error { return j.f.Close() }

// Remove closes and deletes the checkpoint: the batch is complete.
func (j *Journal) Remove() error {
	_ = j.f.Close()
	return os.Remove(j.path)
}

// ErrNoCheckpoint: there is no checkpoint file at the path.
var ErrNoCheckpoint = errors.New("no checkpoint")

// Load reads a checkpoint: its header and every item with its latest
// result. A file another user could have changed is refused: it decides
// what is skipped as done.
func Load(path string) (Header, []Item, error) {
	data, untrusted, err := safefile.ReadTrusted(path)
	if errors.Is(err, os.ErrNotExist) {
		return Header{}, nil, fmt.Errorf("%w at %s", ErrNoCheckpoint, safefile.ShellQuote(path))
	}
	if err != nil {
		return Header{}, nil, err
	}
	if untrusted != nil {
		return Header{}, nil, fmt.Errorf("refusing the checkpoint %s: %w", safefile.ShellQuote(path), untrusted)
	}
	lines := bytes.Split(data, []byte{'\n'})
	var h Header
	if err := json.Unmarshal(lines[0], &h); err != nil || h.Version != Version || h.Action == "" {
		return Header{}, nil, fmt.Errorf("%s is not a nexla-tui checkpoint (version %d)", safefile.ShellQuote(path), Version)
	}
	items := append([]Item(nil), h.Items...)
	at := make(map[int64]int, len(items))
	for i, it := range items {
		at[it.ID] = i
	}
	for n, ln := range lines[1:] {
		if len(bytes.TrimSpace(ln)) == 0 {
			continue
		}
		var it Item
		if err := json.Unmarshal(ln, &it); err != nil {
			if n == len(lines)-2 {
				break // the torn last line of a process that died mid-write
			}
			return Header{}, nil, fmt.Errorf("checkpoint %s line %d: %v", safefile.ShellQuote(path), n+2, err)
		}
		i, ok := at[it.ID]
		if !ok {
			return Header{}, nil, fmt.Errorf("checkpoint %s line %d: item %d is not in the batch", safefile.ShellQuote(path), n+2, it.ID)
		}
		items[i] = it
	}
	return h, items, nil
}
