package flows

import "time"

// ReadAt is when the tree was last read (ui.Fresh): the shell refreshes a
// tree that comes back into view older than the refresh interval.
func (s *Screen) ReadAt() time.Time { return s.loadedAt }
